import Foundation
@testable import PortfolioSite
import Testing

private let hostile = #"</script><script>alert(1)</script> & "quotes""#

/// Values from front matter reach HTML attributes, text, JSON-LD and XML; each must come out inert.
@Test func hostileTitleIsEscapedInEveryContext() throws {
    let site = Fixtures.site([
        "portfolio.yaml": "title: 'Site'\nbase_url: https://x.example/\nauthor:\n  name: '\(hostile.replacingOccurrences(of: "'", with: "''"))'\n",
        "content/projects/p/index.md": "---\ntitle: '\(hostile)'\ndescription: '\(hostile)'\ntags: ['\(hostile)']\ncta: '\(hostile)'\n---\nBody\n",
    ])
    defer { Fixtures.remove(site) }
    let result = Fixtures.build(site: site, output: site + "/output")
    #expect(result.published, "\(result.diagnostics.sorted)")
    var checked = 0
    for (path, data) in Fixtures.tree(site + "/output") where path.hasSuffix(".html") || path.hasSuffix(".xml") {
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("<script>alert(1)"), "\(path) contains an executable script")
        #expect(!text.contains("</script><script>"), "\(path) lets the title close a script element")
        checked += 1
    }
    #expect(checked > 5)
    let page = try String(contentsOfFile: site + "/output/projects/p/index.html", encoding: .utf8)
    #expect(page.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"))
    #expect(page.contains(#"\u003c/script\u003e\u003cscript\u003ealert(1)"#))
    let feed = try String(contentsOfFile: site + "/output/feed.xml", encoding: .utf8)
    #expect(feed.contains("<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;</title>"))
}
