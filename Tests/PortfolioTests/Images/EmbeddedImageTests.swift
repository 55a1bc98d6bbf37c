import Foundation
@testable import PortfolioBuild
@testable import PortfolioSupport
import Testing

/// Large local images that raw HTML or a stylesheet names are published as they are: `check` warns.
@Suite struct EmbeddedImages {
    /// A site whose project names a 4,200 px wide PNG in raw HTML, in a stylesheet and as a Markdown image.
    static func site(unsafeHTML: Bool) -> String {
        let site = Fixtures.site([
            "portfolio.yaml": "title: Wide\nbase_url: https://example.org/\nunsafe_html: \(unsafeHTML)\n",
            "content/projects/wide/index.md": """
            ---
            title: Wide
            ---
            Text with <img alt="wide" src="wide.png"> inline.

            ![The same image, resized](wide.png)
            """,
            "content/style.css": "body {\n  background: url(projects/wide/wide.png);\n}\n",
        ])
        _ = FileManager.default.createFile(
            atPath: site + "/content/projects/wide/wide.png", contents: Data(TestPhotos.png(width: 4_200, height: 20)))
        return site
    }

    @Test func largeImageInRawHTMLOrCSSIsAWarningAtItsPlace() {
        let result = Fixtures.build(site: Self.site(unsafeHTML: true), output: nil)
        let warnings = result.diagnostics.sorted.filter { $0.code == "image.unprocessed" }
        #expect(warnings.map { "\($0.file):\($0.line):\($0.column)" } == [
            "content/projects/wide/index.md:4:32", "content/style.css:2:19",
        ])
        #expect(warnings.first?.message.contains("4200×20 px") == true)
    }

    @Test func safeModePublishesNoRawHTMLSoOnlyTheStylesheetIsWarnedAbout() {
        let result = Fixtures.build(site: Self.site(unsafeHTML: false), output: nil)
        #expect(result.diagnostics.sorted.filter { $0.code == "image.unprocessed" }.map(\.file) == ["content/style.css"])
    }
}
