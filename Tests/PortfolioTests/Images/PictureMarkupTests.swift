@testable import PortfolioContent
import PortfolioImages
@testable import PortfolioImages
@testable import PortfolioMarkdown
@testable import PortfolioSite
@testable import PortfolioSupport
import Testing

/// Markdown images become `<picture>` markup through the page's image lookup, in safe mode too.
@Suite struct PictureMarkup {
    static let photo = ImageFacts(width: 2400, height: 1400, format: .png)

    @Test func aMarkdownImageBecomesThePictureTheLookupGives() {
        let result = MarkdownRenderer.render("Before.\n\n![A *chart*](chart.png)\n", picture: { url, alt in
            "<picture data-url=\"\(url)\" data-alt=\"\(alt)\"></picture>"
        })
        #expect(result.html == "<p>Before.</p>\n<p><picture data-url=\"chart.png\" data-alt=\"A chart\"></picture></p>\n")
        #expect(result.references.map(\.url) == ["chart.png"])
    }

    @Test func imagesTheLookupDoesNotKnowStayAsCmarkWritesThem() {
        let result = MarkdownRenderer.render("![remote](https://example.org/a.png)", picture: { _, _ in nil })
        #expect(result.html == "<p><img src=\"https://example.org/a.png\" alt=\"remote\" /></p>\n")
    }

    @Test func pageBodyImagesGetTheirTrueSizeAndLazyLoading() {
        let file = SourceFile(contentPath: "projects/x.md", sitePath: "content/projects/x.md", absolutePath: "/x")
        let lookup = ImageLookup { $0 == "projects/img/chart.png" ? .image(PictureMarkup.photo) : nil }
        var diagnostics = Diagnostics()
        let page = PageBuilder.page(
            from: file, text: "---\ntitle: T\n---\n![Chart](img/chart.png)\n", config: SiteConfig(), images: lookup, diagnostics: &diagnostics)
        let html = page?.html ?? ""
        #expect(html.contains(#"<source type="image/webp" srcset="../img/chart-480.webp 480w, ../img/chart-960.webp 960w, ../img/chart-1600.webp 1600w""#))
        #expect(html.contains(#"src="../img/chart-1600.png""#))
        #expect(html.contains(#"width="2400" height="1400" alt="Chart" loading="lazy" decoding="async""#))
        #expect(page?.images == [PageImage(contentPath: "projects/img/chart.png", facts: PictureMarkup.photo)])
    }

    @Test func anImageLibvipsCannotReadIsAnErrorWithAHintForItsCause() throws {
        let file = SourceFile(contentPath: "projects/x.md", sitePath: "content/projects/x.md", absolutePath: "/x")
        let text = "---\ntitle: T\nheroImage: hero.jpg\n---\n![Chart](chart.png)\n"
        let damaged = ImageLookup { _ in .unreadable(ImageFailure(message: "VipsJpeg: premature end of JPEG file")) }
        let missing = ImageLookup { _ in
            .unreadable(ImageFailure(message: "libvips could not be loaded: libvips.so.42: cannot open shared object file", libvipsIsMissing: true))
        }
        for (lookup, hint) in [(damaged, "save it again as JPEG, PNG or WebP"), (missing, "install libvips")] {
            var diagnostics = Diagnostics()
            _ = PageBuilder.page(from: file, text: text, config: SiteConfig(), images: lookup, diagnostics: &diagnostics)
            let found = diagnostics.all.filter { $0.code == "content.unreadable-image" }
            #expect(found.map(\.line).sorted() == [3, 5])
            #expect(found.allSatisfy { $0.hint?.hasPrefix(hint) == true }, "\(found.map(\.hint))")
        }
    }

    @Test func rootRelativeAndParentPathsResolveInContent() {
        #expect(ImageLookup.contentPath(of: "/img/a.png", writtenIn: "projects/x/index.md") == "img/a.png")
        #expect(ImageLookup.contentPath(of: "../shared/a.jpg", writtenIn: "projects/x/index.md") == "projects/shared/a.jpg")
        #expect(ImageLookup.contentPath(of: "../../../a.jpg", writtenIn: "projects/x/index.md") == nil)
        #expect(ImageLookup.contentPath(of: "https://example.org/a.jpg", writtenIn: "x.md") == nil)
        #expect(ImageLookup.contentPath(of: "a.jpg?v=2", writtenIn: "x.md") == nil)
        #expect(ImageLookup.contentPath(of: "a.jpg#top", writtenIn: "x.md") == nil)
        #expect(ImageLookup.contentPath(of: "data:image/png;base64,AAAA.png", writtenIn: "x.md") == nil)
        #expect(ImageLookup.contentPath(of: "notes.pdf", writtenIn: "x.md") == nil)
    }
}
