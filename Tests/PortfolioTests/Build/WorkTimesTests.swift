import Foundation
@testable import PortfolioSupport
import Testing

private let siteFiles = [
    "portfolio.yaml": "title: Work times\nbase_url: https://example.com/\n",
    "content/about.md": "---\ntitle: About\n---\nAbout me.\n",
    "content/projects/a/index.md": "---\ntitle: A\ndate: 2025-01-01\ntags: [rlhf]\n---\nText A.\n",
    "content/projects/a/metrics.yaml": "metrics:\n  - name: accuracy\n    unit: percent\n    points: [{ step: 0, value: 40 }, { step: 1, value: 50 }]\n",
    "content/projects/b/index.md": "---\ntitle: B\ndate: 2025-02-01\n---\nText B.\n",
]

private func counts(_ times: WorkTimes) -> [String: Int] {
    Dictionary(uniqueKeysWithValues: times.totalsByCost.map { ($0.name, $0.count) })
}

@Test func workTimesAddUpEachKindAndListTheCostliestFirst() {
    let times = WorkTimes()
    for _ in 0..<3 { _ = times.measure("cheap") { 1 } }
    let busy = times.measure("busy") { (0..<3_000_000).reduce(0) { $0 &+ $1 &* 31 } }
    #expect(busy != 0)
    #expect(counts(times) == ["cheap": 3, "busy": 1])
    #expect(times.totalsByCost.map(\.name) == ["busy", "cheap"])
    #expect(times.totalsByCost.allSatisfy { $0.seconds >= 0 })
}

@Test func buildMeasuresEveryTemplateRenderAndEveryFileParsed() throws {
    let site = Fixtures.site(siteFiles)
    defer { Fixtures.remove(site) }
    let times = WorkTimes()
    #expect(Fixtures.build(site: site, output: site + "/output", workTimes: times).published)
    let cold = counts(times)
    #expect(cold["parse Markdown and front matter"] == 3)
    #expect(cold["read metric files"] == 3)
    #expect(cold["render template project"] == 2)
    #expect(cold["render template page"] == 1)
    #expect(cold["render template project-card"] == 2)
    #expect(cold["render template tag"] == 1)
    #expect(cold["render template home"] == 1)

    // After an edit of one project only its page is rendered again; A is parsed again only for the
    // list that shows both cards, and the about page not at all.
    try FileManager.default.removeItem(atPath: site + "/content/projects/b/index.md")
    try "---\ntitle: B\ndate: 2025-02-01\n---\nText B, edited.\n".write(toFile: site + "/content/projects/b/index.md", atomically: false, encoding: .utf8)
    let again = WorkTimes()
    #expect(Fixtures.build(site: site, output: site + "/output", workTimes: again).published)
    let touched = counts(again)
    #expect(touched["parse Markdown and front matter"] == 2)
    #expect(touched["render template project"] == 1)
    #expect(touched["render template page"] == nil)
}
