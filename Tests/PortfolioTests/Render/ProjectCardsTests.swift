import Foundation
@testable import PortfolioContent
@testable import PortfolioRender
@testable import PortfolioSite
@testable import PortfolioSupport
import Testing

/// A renderer of a one-project site whose template renders are counted.
private func renderer(counting times: WorkTimes) -> SiteRenderer {
    var diagnostics = Diagnostics()
    let templates = TemplateSet.compile(Theme.builtIn, measuringIn: times, diagnostics: &diagnostics)
    let project = Page(
        kind: .project, source: SourceFile(contentPath: "projects/a.md", sitePath: "content/projects/a.md", absolutePath: "/site/content/projects/a.md"),
        urlPath: "projects/a/", slug: "a", frontMatter: FrontMatter(), title: "A", html: "<p>A</p>", headings: [], wordCount: 1,
        readTime: "1 min", summary: "A.", date: nil, tags: [], specialization: nil, heroImage: nil, references: [], bundleDirectory: nil,
        metrics: nil)
    let site = Site(
        config: SiteConfig(), home: nil, projects: [project], listedProjectCount: 1, homeOrder: [0], pages: [], tags: [],
        specializations: [], files: [])
    return SiteRenderer(site: site, templates: templates, assetPaths: [:])
}

@Test func aCardShownByManyListsAtOnceIsRenderedOnce() throws {
    let times = WorkTimes()
    let cards = try #require(renderer(counting: times).cards)
    let htmls = parallelMap(Array(0..<2_000)) { _ in cards.html(0) }
    #expect(Set(htmls).count == 1)
    #expect(times.totalsByCost.first { $0.name == "render template project-card" }?.count == 1)
}
