import Foundation
import Testing

private func modificationTimes(_ directory: String) -> [String: Date] {
    var times: [String: Date] = [:]
    for path in Fixtures.tree(directory).keys {
        times[path] = (try? FileManager.default.attributesOfItem(atPath: directory + "/" + path))?[.modificationDate] as? Date
    }
    return times
}

@Test func unchangedSiteIsNotRebuiltAndKeepsItsFiles() throws {
    let site = try Fixtures.copy(ofSite: Fixtures.path("sites/basic"))
    defer { Fixtures.remove(site) }
    let first = Fixtures.build(site: site, output: site + "/output")
    #expect(first.published && !first.upToDate)
    let times = modificationTimes(site + "/output")
    let second = Fixtures.build(site: site, output: site + "/output")
    #expect(second.upToDate)
    #expect(second.pagesWritten == first.pagesWritten)
    #expect(second.diagnostics.sorted == first.diagnostics.sorted)
    #expect(modificationTimes(site + "/output") == times)
}

@Test func anEditedPageRebuildsToTheSameOutputAsAColdBuild() throws {
    let site = try Fixtures.copy(ofSite: Fixtures.path("sites/basic"))
    defer { Fixtures.remove(site) }
    _ = Fixtures.build(site: site, output: site + "/output")
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: site + "/content/about.md"))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data("\nA new paragraph.\n".utf8))
    try handle.close()
    let rebuilt = Fixtures.build(site: site, output: site + "/output")
    #expect(!rebuilt.upToDate && rebuilt.published)
    try FileManager.default.removeItem(atPath: site + "/.portfolio-cache")
    _ = Fixtures.build(site: site, output: site + "/cold")
    #expect(Fixtures.tree(site + "/output") == Fixtures.tree(site + "/cold"))
    #expect(String(decoding: Fixtures.tree(site + "/output")["about/index.html"] ?? Data(), as: UTF8.self).contains("A new paragraph."))
}

@Test func removedOutputOrChangedThemeOrOptionsRebuild() throws {
    let site = try Fixtures.copy(ofSite: Fixtures.path("sites/basic"))
    defer { Fixtures.remove(site) }
    _ = Fixtures.build(site: site, output: site + "/output")
    try FileManager.default.removeItem(atPath: site + "/output")
    #expect(!Fixtures.build(site: site, output: site + "/output").upToDate)
    #expect(FileManager.default.fileExists(atPath: site + "/output/index.html"))
    #expect(!Fixtures.build(site: site, output: site + "/output", drafts: true).upToDate)
    #expect(Fixtures.build(site: site, output: site + "/output", drafts: true).upToDate)
    try FileManager.default.createDirectory(atPath: site + "/templates", withIntermediateDirectories: true)
    try "{{<base}}{{$main}}<p>own 404</p>{{/main}}{{/base}}\n".write(toFile: site + "/templates/404.mustache", atomically: false, encoding: .utf8)
    #expect(!Fixtures.build(site: site, output: site + "/output", drafts: true).upToDate)
    #expect(String(decoding: Fixtures.tree(site + "/output")["404.html"] ?? Data(), as: UTF8.self).contains("own 404"))
}

@Test func siteTemplatesOverrideTheDefaultThemeFileByFileInSubfolders() throws {
    let site = Fixtures.site([
        "portfolio.yaml": "title: S\n",
        "content/about.md": "---\ntitle: About\n---\nText.\n",
        "templates/partials/footer.mustache": "<footer>own footer</footer>\n",
    ])
    defer { Fixtures.remove(site) }
    #expect(Fixtures.build(site: site, output: site + "/output").published)
    let about = String(decoding: Fixtures.tree(site + "/output")["about/index.html"] ?? Data(), as: UTF8.self)
    #expect(about.contains("<footer>own footer</footer>"))
    #expect(about.contains("class=\"site-header\""), "the other partials still come from the default theme")
}

@Test func themeListMarkupCanReadEveryCardField() throws {
    let site = Fixtures.site([
        "portfolio.yaml": "title: S\n",
        "content/projects/a.md": "---\ntitle: Alpha\ntags: [rlhf]\nmetrics:\n  metrics:\n    - name: accuracy\n      points: [50, 60]\n---\nText.\n",
        "templates/list.mustache": "{{#projects}}<i>{{title}}|{{#metrics.headline}}{{change}}{{/metrics.headline}}|{{{html}}}</i>{{/projects}}\n",
    ])
    defer { Fixtures.remove(site) }
    #expect(Fixtures.build(site: site, output: site + "/output").published)
    let list = String(decoding: Fixtures.tree(site + "/output")["projects/index.html"] ?? Data(), as: UTF8.self)
    #expect(list.hasPrefix("<i>Alpha|+10|"))
    #expect(list.contains("<article"))
}
