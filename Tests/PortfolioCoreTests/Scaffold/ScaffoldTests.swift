import Foundation
import Testing
@testable import PortfolioCore

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
