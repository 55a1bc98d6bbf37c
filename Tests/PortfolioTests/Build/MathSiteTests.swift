import Foundation
@testable import PortfolioContent
@testable import PortfolioSupport
import Testing

/// Which pages load KaTeX, by the `math:` settings of `portfolio.yaml` and front matter.
@Suite struct MathSiteTests {
    private func built(_ config: String, pages: [String: String]) throws -> (read: (String) -> String, cleanup: () -> Void) {
        var files = ["portfolio.yaml": "title: T\nbase_url: https://me.example/\n" + config]
        for (path, text) in pages { files["content/" + path] = text }
        let site = Fixtures.site(files)
        let output = site + "/out"
        let result = Fixtures.build(site: site, output: output)
        #expect(result.diagnostics.errorCount == 0, "\(result.diagnostics.sorted)")
        let read = { (path: String) in (try? String(contentsOfFile: output + "/" + path, encoding: .utf8)) ?? "" }
        return (read, { try? FileManager.default.removeItem(atPath: site) })
    }

    private let pages = [
        "about.md": "---\ntitle: About\n---\nIt costs $5, $10 or $15.\n",
        "loss.md": "---\ntitle: Loss\n---\nThe loss $\\sigma(r_w - r_l)$.\n",
        "plain.md": "---\ntitle: Plain\nmath: false\n---\nThe loss $x$.\n",
    ]

    @Test func pagesWithMathLoadKaTeXFromTheConfiguredFolderAndOthersLoadNothing() throws {
        let site = try built("math:\n  enabled: true\n  katex_url: https://cdn.example/katex\n", pages: pages)
        defer { site.cleanup() }
        let loss = site.read("loss/index.html")
        #expect(loss.contains(#"<link rel="stylesheet" href="https://cdn.example/katex/katex.min.css">"#))
        #expect(loss.contains(#"<script defer src="https://cdn.example/katex/katex.min.js"></script>"#))
        #expect(loss.contains(#"<script defer src="https://cdn.example/katex/contrib/auto-render.min.js" onload="renderMathInElement(document.body, {delimiters: [{left: '\\(', right: '\\)', display: false}, {left: '\\[', right: '\\]', display: true}]})"></script>"#))
        #expect(loss.contains(#"<span class="math math-inline">\(\sigma(r_w - r_l)\)</span>"#))
        for page in ["about/index.html", "plain/index.html", "index.html"] {
            #expect(!site.read(page).contains("katex"), "\(page)")
            #expect(!site.read(page).contains("math-inline"), "\(page)")
        }
    }

    @Test func mathTrueUsesTheDefaultKaTeX() throws {
        let site = try built("math: true\n", pages: pages)
        defer { site.cleanup() }
        #expect(site.read("loss/index.html").contains("https://cdn.jsdelivr.net/npm/katex@0.16.11/dist/katex.min.js"))
    }

    @Test func aPageCanTurnMathOnForItself() throws {
        let site = try built("", pages: pages.merging(["loss.md": "---\ntitle: Loss\nmath: true\n---\n$$x^2$$\n"]) { $1 })
        defer { site.cleanup() }
        #expect(site.read("loss/index.html").contains(#"<div class="math math-display">\[x^2\]</div>"#))
        #expect(site.read("loss/index.html").contains("katex.min.js"))
        #expect(!site.read("about/index.html").contains("katex"))
    }

    @Test func texIsKeptFromMarkdownWithoutMathTrueButLoadsNoKaTeX() throws {
        let site = try built("", pages: pages)
        defer { site.cleanup() }
        let loss = site.read("loss/index.html")
        #expect(loss.contains(#"<span class="math math-inline">\(\sigma(r_w - r_l)\)</span>"#))
        #expect(!loss.contains("katex"))
        #expect(!site.read("plain/index.html").contains("math-inline"))
        #expect(site.read("about/index.html").contains("It costs $5, $10 or $15."))
    }

    @Test func mathSettingOfTheWrongTypeIsReported() {
        var diagnostics = Diagnostics()
        _ = SiteConfig.decode("math: sometimes\n", file: "portfolio.yaml", diagnostics: &diagnostics)
        #expect(diagnostics.codes == ["config.type"])
    }
}
