import Foundation
@testable import PortfolioBuild
import Testing

/// Every file of `SiteOutput.list(of:)` is written and is a valid link target, the generated favicons
/// and social cards too (the link check once had its own shorter list and called links to them broken).
@Test func linksToEveryGeneratedFileAreValidAndEachIsWritten() throws {
    let targets = [
        "feed.xml", "sitemap.xml", "robots.txt", "404.html", "cv/", "favicon.ico", "favicon.svg", "apple-touch-icon.png",
        "social-card.png", "projects/p/social-card.png", "projects/p/metrics.json", "projects/", "tags/", "tags/rlhf/",
        "specializations/code/",
    ]
    let site = Fixtures.site([
        "portfolio.yaml": "title: Outputs\nbase_url: https://example.com/\nauthor:\n  name: Sam Lee\nhire:\n  rate: { amount: 400, currency: EUR, per: day }\n",
        "content/about.md": "---\ntitle: About\n---\n" + targets.map { "[\($0)](/\($0))" }.joined(separator: "\n") + "\n",
        "content/projects/p/index.md": "---\ntitle: P\ntags: [rlhf]\nspecialization: Code\n---\nA project.\n",
        "content/projects/p/metrics.yaml": "metrics:\n  - name: accuracy\n    unit: percent\n    points: [{step: 0, value: 40}, {step: 1, value: 50}]\n",
    ])
    defer { Fixtures.remove(site) }
    let result = Fixtures.build(site: site, output: site + "/output")
    #expect(result.diagnostics.first("content.broken-link") == nil)
    #expect(result.published)
    for target in targets {
        let file = target.hasSuffix("/") ? target + "index.html" : target
        #expect(FileManager.default.fileExists(atPath: site + "/output/" + file), "\(file) is not written")
    }
}
