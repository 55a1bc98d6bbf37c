import Foundation
import PortfolioSupport
import Testing

/// A small site whose lists run over several pages, so edits move cards between list pages, and with
/// a `hire:` block, so its `/cv/` lists every project's headline figure.
private func incrementalSite(projects: Int) -> String {
    var files = [
        "portfolio.yaml": "title: Incremental\nbase_url: https://example.com/\npaginate: 3\nauthor:\n  name: Sam\nhire:\n  rate: { amount: 400, currency: EUR, per: day }\n",
        "content/index.md": "Hello.\n",
        "content/about.md": "---\ntitle: About\n---\nAbout me.\n",
    ]
    for number in 0..<projects { files.merge(projectFiles(number, title: "Project \(number)", day: 10 + number)) { $1 } }
    return Fixtures.site(files)
}

private func projectFiles(_ number: Int, title: String, day: Int, tags: String = "[rlhf, code]") -> [String: String] {
    let folder = "content/projects/p\(number)/"
    return [
        folder + "index.md": """
            ---
            title: "\(title)"
            description: "Work number \(number)."
            publish_date: 2025-03-\(String(format: "%02d", day))
            tags: \(tags)
            specialization: \(number % 2 == 0 ? "Code" : "Speech")
            ---
            Text of project \(number).

            ![Figure](figure.svg)
            """,
        folder + "metrics.yaml": "metrics:\n  - name: accuracy\n    unit: percent\n    points: [{step: 0, value: 40}, {step: 1, value: \(50 + number)}]\n",
        folder + "figure.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    ]
}

/// Applies one edit a user might make, chosen by `choice`, to the site.
private func edit(_ site: String, choice: Int, step: Int, projects: inout [Int]) throws {
    func write(_ relative: String, _ text: String) throws {
        let path = site + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }
    func append(_ relative: String, _ text: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: site + "/" + relative))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }
    let number = projects[step % projects.count]
    switch choice {
    case 0: try append("content/projects/p\(number)/index.md", "\nEdit \(step).\n")
    case 1: for (path, text) in projectFiles(number, title: "Renamed \(step)", day: 10 + number) where path.hasSuffix(".md") { try write(path, text) }
    case 2: for (path, text) in projectFiles(number, title: "Project \(number)", day: 1 + step % 28) where path.hasSuffix(".md") { try write(path, text) }
    case 3: for (path, text) in projectFiles(number, title: "Project \(number)", day: 10 + number, tags: "[evals, t\(step % 3)]") where path.hasSuffix(".md") { try write(path, text) }
    case 4: try write("content/projects/p\(number)/metrics.yaml", "metrics:\n  - name: accuracy\n    unit: percent\n    points: [{step: 0, value: 40}, {step: 1, value: \(60 + step)}]\n")
    case 5:
        let new = (projects.max() ?? 0) + 1
        for (path, text) in projectFiles(new, title: "New \(new)", day: 1 + step % 28) { try write(path, text) }
        projects.append(new)
    case 6 where projects.count > 2:
        try FileManager.default.removeItem(atPath: site + "/content/projects/p\(number)")
        projects.removeAll { $0 == number }
    case 7: try write("content/about.md", "---\ntitle: About \(step)\n---\nAbout me.\n")
    case 8: try write("portfolio.yaml", "title: Incremental \(step)\nbase_url: https://example.com/\npaginate: \(2 + step % 3)\n")
    case 9: try write("content/projects/p\(number)/index.md", "---\ntitle: Broken\npublish_date: 2025-13-40\n---\nText.\n")
    default: try append("content/projects/p\(number)/figure.svg", "\n")
    }
}

@Test(.tags(.slow), .skippedInFastRun) func randomEditSequencesRebuildToTheSameOutputAsColdBuilds() throws {
    for seed in 1...3 {
        try withSiteAndColdFolder(projects: 7) { site, cold in
            // Old folders, as in a real portfolio: builds keep their listings, and edits must still be seen.
            try Fixtures.backdateFolders(of: site)
            var projects = Array(0..<7)
            var random = SeededGenerator(seed: UInt64(seed))
            #expect(Fixtures.build(site: site, output: site + "/output").published)
            for step in 1...12 {
                let choice = Int(random.next() % 11)
                try edit(site, choice: choice, step: step, projects: &projects)
                let incremental = Fixtures.build(site: site, output: site + "/output")
                let reference = Fixtures.build(site: site, output: cold + "/output", useCache: false)
                #expect(incremental.diagnostics.sorted == reference.diagnostics.sorted, "seed \(seed), step \(step), edit \(choice)")
                #expect(incremental.published == reference.published)
                if reference.published {
                    #expect(differences(site + "/output", cold + "/output").isEmpty, "seed \(seed), step \(step), edit \(choice)")
                } else {
                    // Undo the broken file so the sequence goes on.
                    try edit(site, choice: 1, step: step, projects: &projects)
                }
            }
        }
    }
}

@Test func anEditRewritesOnlyTheFilesItChanges() throws {
    let site = incrementalSite(projects: 7)
    defer { Fixtures.remove(site) }
    _ = Fixtures.build(site: site, output: site + "/output")
    // The second build takes the first one's output as the basis of the next staging folder.
    try "\nMore text.\n".write(toFile: site + "/content/projects/p1/extra.txt", atomically: false, encoding: .utf8)
    _ = Fixtures.build(site: site, output: site + "/output")
    let before = inodes(site + "/output")
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: site + "/content/projects/p3/index.md"))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data("\nA new paragraph.\n".utf8))
    try handle.close()
    let rebuilt = Fixtures.build(site: site, output: site + "/output")
    #expect(rebuilt.published && rebuilt.filesParsed == 1)
    let after = inodes(site + "/output")
    let changed = Set(after.keys.filter { after[$0] != before[$0] })
    #expect(changed == ["projects/p3/index.html", "feed.xml"])
}

@Test func stagingFolderOfAKilledBuildIsNotTrusted() throws {
    try withSiteAndColdFolder(projects: 4) { site, cold in
        _ = Fixtures.build(site: site, output: site + "/output")
        try "---\ntitle: About again\n---\nAbout me.\n".write(toFile: site + "/content/about.md", atomically: false, encoding: .utf8)
        _ = Fixtures.build(site: site, output: site + "/output")
        // A build killed while it updated the kept folder: its manifest is gone and its files are not what they were.
        let kept = site + "/.output.previous"
        #expect(FileManager.default.fileExists(atPath: kept + "/index.html"))
        let manifests = try FileManager.default.contentsOfDirectory(atPath: site + "/.portfolio-cache").filter { $0.hasSuffix("-previous.bin") }
        #expect(manifests.count == 1)
        for manifest in manifests { try FileManager.default.removeItem(atPath: site + "/.portfolio-cache/" + manifest) }
        try "half-written".write(toFile: kept + "/projects/p0/index.html", atomically: true, encoding: .utf8)
        try "---\ntitle: About a third time\n---\nAbout me.\n".write(toFile: site + "/content/about.md", atomically: false, encoding: .utf8)
        #expect(Fixtures.build(site: site, output: site + "/output").published)
        _ = Fixtures.build(site: site, output: cold + "/output", useCache: false)
        #expect(differences(site + "/output", cold + "/output").isEmpty)
    }
}

/// Paths whose bytes differ between two output folders, or that only one of them has.
private func differences(_ first: String, _ second: String) -> [String] {
    let (a, b) = (Fixtures.tree(first), Fixtures.tree(second))
    return Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
}

/// Runs `body` with an incremental site of `projects` projects and a folder for cold builds of it,
/// both removed afterwards.
private func withSiteAndColdFolder(projects: Int, _ body: (_ site: String, _ cold: String) throws -> Void) rethrows {
    let site = incrementalSite(projects: projects)
    let cold = Fixtures.scratchDirectory()
    defer {
        Fixtures.remove(site)
        Fixtures.remove(cold)
    }
    try body(site, cold)
}

private func inodes(_ directory: String) -> [String: UInt64] {
    var result: [String: UInt64] = [:]
    for path in Fixtures.tree(directory).keys {
        var info = stat()
        if stat(directory + "/" + path, &info) == 0 { result[path] = UInt64(info.st_ino) }
    }
    return result
}

@Test func unchangedPageIsCheckedAgainWhenThePageItLinksToGoes() throws {
    let site = incrementalSite(projects: 4)
    defer { Fixtures.remove(site) }
    try "---\ntitle: About\n---\nSee [project three](/projects/p3/).\n".write(toFile: site + "/content/about.md", atomically: false, encoding: .utf8)
    #expect(Fixtures.build(site: site, output: site + "/output").published)
    let page = site + "/content/projects/p3/index.md"
    let text = try String(contentsOfFile: page, encoding: .utf8)
    // A draft is not published: the link from the unchanged about page now points at nothing.
    try text.replacingOccurrences(of: "---\ntitle:", with: "---\ndraft: true\ntitle:").write(toFile: page, atomically: false, encoding: .utf8)
    let broken = Fixtures.build(site: site, output: site + "/output")
    #expect(broken.filesParsed == 1)
    #expect(broken.diagnostics.first("content.broken-link")?.file == "content/about.md")
    try text.write(toFile: page, atomically: false, encoding: .utf8)
    let fixed = Fixtures.build(site: site, output: site + "/output")
    #expect(fixed.published && fixed.filesParsed == 1 && fixed.diagnostics.first("content.broken-link") == nil)
}

@Test func listShowingACardFieldItsCardLeavesOutFollowsThatField() throws {
    let site = Fixtures.site([
        "portfolio.yaml": "title: S\n",
        "content/projects/a.md": "---\ntitle: Alpha\nrole: Reviewer\n---\nText.\n",
        "content/projects/b.md": "---\ntitle: Beta\n---\nText.\n",
        "templates/partials/project-card.mustache": "<b>{{title}}</b>",
        "templates/list.mustache": "{{#projects}}{{{html}}} as {{role}};{{/projects}}\n",
    ])
    defer { Fixtures.remove(site) }
    _ = Fixtures.build(site: site, output: site + "/output")
    try "---\ntitle: Alpha\nrole: Review lead\n---\nText.\n".write(toFile: site + "/content/projects/a.md", atomically: false, encoding: .utf8)
    #expect(Fixtures.build(site: site, output: site + "/output").filesParsed == 1)
    let list = String(decoding: Fixtures.tree(site + "/output")["projects/index.html"] ?? Data(), as: UTF8.self)
    #expect(list.contains("<b>Alpha</b> as Review lead;"))
}

/// How many Markdown files a build parsed, counting pages kept from the cache whose content was read.
private func parses(_ times: WorkTimes) -> Int {
    times.totalsByCost.first { $0.name == "parse Markdown and front matter" }?.count ?? 0
}

@Test func keyingEveryFileParsesNoPageKeptFromTheCache() throws {
    let site = incrementalSite(projects: 7)
    defer { Fixtures.remove(site) }
    _ = Fixtures.build(site: site, output: site + "/output")
    try "---\ntitle: About\n---\nAbout me, edited.\n".write(toFile: site + "/content/about.md", atomically: false, encoding: .utf8)
    let times = WorkTimes()
    let rebuilt = Fixtures.build(site: site, output: site + "/output", workTimes: times)
    #expect(rebuilt.published && rebuilt.filesParsed == 1)
    #expect(parses(times) == 1)
}

@Test func aListShowingAChangedCardParsesTheOtherProjectsItShowsAndMatchesAColdBuild() throws {
    let site = incrementalSite(projects: 7)
    defer { Fixtures.remove(site) }
    _ = Fixtures.build(site: site, output: site + "/output")
    try projectFiles(3, title: "Project three, renamed", day: 13)["content/projects/p3/index.md"]!
        .write(toFile: site + "/content/projects/p3/index.md", atomically: false, encoding: .utf8)
    let times = WorkTimes()
    #expect(Fixtures.build(site: site, output: site + "/output", workTimes: times).filesParsed == 1)
    // The lists and pages that show the new title need the cards and neighbours of projects kept from the cache.
    #expect(parses(times) > 1)
    _ = Fixtures.build(site: site, output: site + "/cold", useCache: false)
    #expect(differences(site + "/output", site + "/cold").isEmpty)
}

/// A project page's key is its files' hash plus what its view takes from the rest of the site
/// (`SiteRenderer.writePageInputs(ofProject:)`): each edit here changes one of those and no file of
/// the projects that show it, and the rebuilt site must match a cold build.
@Test func editsElsewhereThatAProjectPageShowsRebuildItAsAColdBuildWould() throws {
    try withSiteAndColdFolder(projects: 5) { site, cold in
        _ = Fixtures.build(site: site, output: site + "/output")
        let edits: [(path: String, text: String)] = [
            // A neighbour's title, in the previous and next links.
            ("content/projects/p2/index.md", projectFiles(2, title: "Renamed", day: 12)["content/projects/p2/index.md"]!),
            // A page that joins the navigation.
            ("content/contact.md", "---\ntitle: Contact\n---\nWrite to me.\n"),
            // The site's own favicon, in every page's head.
            ("content/favicon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
        ]
        for edit in edits {
            try edit.text.write(toFile: site + "/" + edit.path, atomically: false, encoding: .utf8)
            #expect(Fixtures.build(site: site, output: site + "/output").published)
            _ = Fixtures.build(site: site, output: cold + "/output", useCache: false)
            #expect(differences(site + "/output", cold + "/output").isEmpty, "after \(edit.path)")
        }
    }
}
