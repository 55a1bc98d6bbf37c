import Foundation
@testable import PortfolioContent
@testable import PortfolioMarkdown
@testable import PortfolioMetrics
@testable import PortfolioScaffold
@testable import PortfolioSupport
import Testing

@Test func initSiteBuildsWithNoDiagnostics() throws {
    let site = Fixtures.scratchDirectory()
    defer { Fixtures.remove(site) }
    try SiteScaffold.write(SiteScaffold.siteFiles(today: Fixtures.fixedNow), to: site)
    let result = Fixtures.build(site: site, output: site + "/output")
    #expect(result.diagnostics.sorted == [])
    #expect(result.published)
    let page = try String(contentsOfFile: site + "/output/projects/rlhf-code-assistant/index.html", encoding: .utf8)
    #expect(page.contains("pass@1 (held-out suite)"))
    #expect(!FileManager.default.fileExists(atPath: site + "/templates"))
}

@Test func initSiteHasCompleteFrontMatterAndCanonicalMetrics() throws {
    let files = SiteScaffold.siteFiles(today: Fixtures.fixedNow)
    let page = try #require(files["content/projects/rlhf-code-assistant/index.md"])
    for key in ["title", "subtitle", "description", "author", "publish_date", "created_date", "tags", "specialization", "role", "cta"] {
        #expect(page.contains("\n\(key): "), "missing \(key)")
    }
    #expect(!page.contains("read_time"))
    var diagnostics = Diagnostics()
    let metrics = MetricParser.parse(try #require(files["content/projects/rlhf-code-assistant/metrics.yaml"]),
        file: "metrics.yaml", format: .canonical, diagnostics: &diagnostics)
    #expect(diagnostics.isEmpty)
    #expect(metrics.series.count == 1)
    #expect(metrics.series.first?.points.count == 3)
    let config = SiteConfig.decode(try #require(files["portfolio.yaml"]), file: "portfolio.yaml", diagnostics: &diagnostics)
    #expect(diagnostics.isEmpty)
    #expect(config.author.email == "you@example.com")
    #expect(config.cta.url == "mailto:you@example.com")
}

@Test(arguments: [false, true])
func newProjectChecksClean(singleFile: Bool) throws {
    let site = Fixtures.scratchDirectory()
    defer { Fixtures.remove(site) }
    try SiteScaffold.write(SiteScaffold.siteFiles(today: Fixtures.fixedNow), to: site)
    let title = #"RLHF for a "code" assistant: \ round 2"#
    let slug = Slug.make(title)
    let files = SiteScaffold.projectFiles(title: title, slug: slug, author: "Sam Rivera", today: Fixtures.fixedNow, singleFile: singleFile)
    #expect(files.keys.sorted() == (singleFile
        ? ["content/projects/\(slug).md"]
        : ["content/projects/\(slug)/index.md", "content/projects/\(slug)/metrics.yaml"]))
    try SiteScaffold.write(files, to: site)

    let result = Fixtures.build(site: site, output: site + "/output")
    #expect(result.diagnostics.sorted == [])
    let page = try String(contentsOfFile: site + "/output/projects/\(slug)/index.html", encoding: .utf8)
    #expect(page.contains("RLHF for a “code” assistant: \\ round 2") || page.contains("RLHF for a &quot;code&quot; assistant: \\ round 2"))
    #expect(page.contains("Sam Rivera"))
}

@Test func writingRefusesToOverwriteAndWritesNothing() throws {
    let site = Fixtures.site(["content/projects/x/index.md": "mine\n"])
    defer { Fixtures.remove(site) }
    let files = SiteScaffold.projectFiles(title: "X", slug: "x", author: nil, today: Fixtures.fixedNow, singleFile: false)
    #expect(throws: SiteScaffold.Failure.self) { try SiteScaffold.write(files, to: site) }
    #expect(try String(contentsOfFile: site + "/content/projects/x/index.md", encoding: .utf8) == "mine\n")
    #expect(!FileManager.default.fileExists(atPath: site + "/content/projects/x/metrics.yaml"))
    #expect(!SiteScaffold.isEmptyOrMissing(site))
    #expect(SiteScaffold.isEmptyOrMissing(site + "/nothing-here"))
}

@Test func initSiteLeavesGitOnlyItsSourcesToTrack() throws {
    let site = Fixtures.scratchDirectory()
    defer { Fixtures.remove(site) }
    try SiteScaffold.write(SiteScaffold.siteFiles(today: Fixtures.fixedNow), to: site)
    #expect(Fixtures.build(site: site, output: site + "/output").published)
    try "\nEdited.\n".write(toFile: site + "/content/about.md", atomically: false, encoding: .utf8)
    // The second build keeps the output before last and the cache beside the site.
    #expect(Fixtures.build(site: site, output: site + "/output").published)
    #expect(FileManager.default.fileExists(atPath: site + "/.portfolio-cache"))
    let git = Process()
    git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    git.arguments = ["sh", "-c", "git init -q . && git status --porcelain --untracked-files=all"]
    git.currentDirectoryURL = URL(fileURLWithPath: site, isDirectory: true)
    let pipe = Pipe()
    git.standardOutput = pipe
    try git.run()
    git.waitUntilExit()
    #expect(git.terminationStatus == 0)
    let tracked = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        .split(separator: "\n").map { String($0.dropFirst(3)) }.sorted()
    #expect(tracked == [".gitignore"] + SiteScaffold.siteFiles(today: Fixtures.fixedNow).keys.filter { $0 != ".gitignore" }.sorted())
}

@Test func initWithForceKeepsTheRepositorysGitignore() throws {
    let site = Fixtures.site([".gitignore": "node_modules/\n", "portfolio.yaml": "title: Old\n"])
    defer { Fixtures.remove(site) }
    try SiteScaffold.write(SiteScaffold.siteFiles(today: Fixtures.fixedNow), to: site, overwrite: true)
    #expect(try String(contentsOfFile: site + "/.gitignore", encoding: .utf8) == "node_modules/\n")
    #expect(try String(contentsOfFile: site + "/portfolio.yaml", encoding: .utf8) != "title: Old\n")
}

@Test func initIgnoresTheConfidentialTermList() {
    let gitignore = SiteScaffold.siteFiles(today: Fixtures.fixedNow)[".gitignore"] ?? ""
    #expect(gitignore.split(separator: "\n").contains("/confidential.txt"))
}

/// The repository's `scaffold/` is the single source of the init site; the compiled-in copy must match it.
@Test func embeddedInitSiteMatchesTheScaffoldFolder() throws {
    let onDisk = try Fixtures.repositoryFolderText("scaffold", hidden: true)
    #expect(!onDisk.isEmpty)
    #expect(Set(onDisk.keys) == Set(ScaffoldSite.files.keys), "run scripts/embed-theme")
    for (path, text) in onDisk {
        #expect(ScaffoldSite.files[path] == text, "scaffold/\(path) differs from the embedded copy: run scripts/embed-theme")
    }
}

@Test func initSiteFillsInTheTitleAsTypedAndTheDay() throws {
    let files = SiteScaffold.siteFiles(title: "Ana \"{{date}}\" Lee", today: Fixtures.fixedNow)
    #expect(files["portfolio.yaml"]?.hasPrefix("title: \"Ana \\\"{{date}}\\\" Lee\"\n") == true)
    let page = try #require(files["content/projects/rlhf-code-assistant/index.md"])
    #expect(page.contains("\npublish_date: \(Fixtures.fixedNow.isoDate)\n"))
    #expect(!SiteScaffold.siteFiles(today: Fixtures.fixedNow).values.contains { $0.contains("{{") })
}
