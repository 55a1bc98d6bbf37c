import CVipsAPICheck
import Foundation
import PortfolioImages
import PortfolioSupport
@testable import PortfolioImages
import Testing

/// The image stage on whole sites: resized copies, no metadata left, true sizes in the markup, cache.
@Suite(.tags(.slow), .skippedInFastRun) struct ImageStage {
    /// A site with a phone photo (1200×800 stored, EXIF orientation 6, GPS) as a project's hero and a
    /// 1000×600 PNG screenshot in its text.
    static func photoSite(config: String = "") -> String {
        let site = Fixtures.site([
            "portfolio.yaml": "title: Photos\nbase_url: https://example.org/\nauthor: { name: Ada Lovelace }\n" + config,
            "content/projects/shoot/index.md": """
            ---
            title: A shoot
            heroImage: photo.jpg
            heroImageAlt: The team at work
            ---
            What we did.

            ![The labeling tool](screenshot.png)
            """,
            "content/about.md": "---\ntitle: About\n---\nAbout me.\n",
        ])
        _ = FileManager.default.createFile(
            atPath: site + "/content/projects/shoot/photo.jpg", contents: Data(TestPhotos.jpegWithEXIF(width: 1200, height: 800)))
        _ = FileManager.default.createFile(
            atPath: site + "/content/projects/shoot/screenshot.png", contents: Data(TestPhotos.png(width: 1000, height: 600)))
        return site
    }

    static func imageFiles(in output: String) -> [String: Data] {
        Fixtures.tree(output).filter { ImageFiles.isRaster($0.key) }
    }

    @Test func phonePhotoIsPublishedWithoutEXIFOrGPSInEveryCopy() throws {
        let site = ImageStage.photoSite()
        defer { Fixtures.remove(site) }
        let source = try [UInt8](Data(contentsOf: URL(fileURLWithPath: site + "/content/projects/shoot/photo.jpg")))
        #expect(TestPhotos.metadataBlocks(in: source).contains("the GPS text"), "the test photo must carry GPS to begin with")
        let result = Fixtures.build(site: site, output: site + "/output")
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.sorted)")
        let images = ImageStage.imageFiles(in: site + "/output")
        #expect(images.keys.contains("projects/shoot/photo.jpg"))
        #expect(images.keys.contains("projects/shoot/photo-480.webp"))
        #expect(images.keys.contains("projects/shoot/screenshot-960.png"))
        for (path, bytes) in images {
            #expect(TestPhotos.metadataBlocks(in: [UInt8](bytes)).isEmpty, "\(path) keeps metadata")
        }
    }

    @Test func orientationIsAppliedAndTheTrueSizeIsInTheMarkup() throws {
        let site = ImageStage.photoSite()
        defer { Fixtures.remove(site) }
        _ = Fixtures.build(site: site, output: site + "/output")
        let html = try String(contentsOfFile: site + "/output/projects/shoot/index.html", encoding: .utf8)
        // Stored 1200×800 and turned a quarter: shown 800 wide, 1200 high.
        #expect(html.contains(#"width="800" height="1200" alt="The team at work" fetchpriority="high""#))
        #expect(html.contains(#"<source type="image/webp" srcset="/projects/shoot/photo-480.webp 480w, /projects/shoot/photo-800.webp 800w""#))
        #expect(html.contains(#"width="1000" height="600" alt="The labeling tool" loading="lazy" decoding="async">"#))
        #expect(!html.contains(#"width="1200" height="630""#))
        let withoutCards = ImageStage.photoSite(config: "social_cards: false\n")
        defer { Fixtures.remove(withoutCards) }
        _ = Fixtures.build(site: withoutCards, output: withoutCards + "/output")
        let shared = try String(contentsOfFile: withoutCards + "/output/projects/shoot/index.html", encoding: .utf8)
        #expect(shared.contains(#"<meta property="og:image" content="https://example.org/projects/shoot/photo-800.jpg">"#))
        #expect(shared.contains(#"<meta property="og:image:width" content="800">"#))
        let copy = try ImageCodec.facts(atPath: site + "/output/projects/shoot/photo-480.jpg").get()
        #expect((copy.width, copy.height) == (480, 720))
        let card = try String(contentsOfFile: site + "/output/index.html", encoding: .utf8)
        #expect(card.contains(#"class="card-image" src="projects/shoot/photo-800.jpg""#) || card.contains(#"class="card-image" src="/projects/shoot/photo-800.jpg""#))
    }

    @Test func keepMetadataPublishesTheOriginalAsItIs() throws {
        let site = ImageStage.photoSite(config: "images: { keep_metadata: true }\n")
        defer { Fixtures.remove(site) }
        _ = Fixtures.build(site: site, output: site + "/output")
        let original = FileManager.default.contents(atPath: site + "/content/projects/shoot/photo.jpg")
        #expect(FileManager.default.contents(atPath: site + "/output/projects/shoot/photo.jpg") == original)
    }

    @Test func anImageLibvipsCannotReadIsAnErrorAtItsLine() throws {
        let site = Fixtures.site([
            "portfolio.yaml": "title: T\n",
            "content/projects/x/index.md": "---\ntitle: X\n---\nText.\n\n![Broken](broken.png)\n",
            "content/projects/x/broken.png": "not a picture",
        ])
        defer { Fixtures.remove(site) }
        let result = Fixtures.build(site: site, output: nil)
        let error = try #require(result.diagnostics.first("content.unreadable-image"))
        #expect((error.file, error.line, error.column) == ("content/projects/x/index.md", 6, 1))
    }

    @Test func aBuildAfterEditingAnotherPageDoesNoImageWork() throws {
        let site = ImageStage.photoSite()
        defer { Fixtures.remove(site) }
        _ = Fixtures.build(site: site, output: site + "/output")
        let cache = site + "/.portfolio-cache/images"
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: cache)).isEmpty)
        let first = ImageStage.imageFiles(in: site + "/output")
        try FileManager.default.removeItem(atPath: cache)
        try "---\ntitle: About\n---\nAbout me, edited.\n".write(toFile: site + "/content/about.md", atomically: false, encoding: .utf8)
        let result = Fixtures.build(site: site, output: site + "/output")
        #expect(!result.upToDate)
        #expect(!FileManager.default.fileExists(atPath: cache), "no image was made again")
        #expect(ImageStage.imageFiles(in: site + "/output") == first)
    }

    @Test func theCardIsDrawnAgainWhenTheHeroPhotoChanges() throws {
        let site = ImageStage.photoSite()
        defer { Fixtures.remove(site) }
        let card = URL(fileURLWithPath: site + "/output/projects/shoot/social-card.png")
        _ = Fixtures.build(site: site, output: site + "/output")
        let before = try Data(contentsOf: card)
        _ = Fixtures.build(site: site, output: site + "/output")
        #expect(try Data(contentsOf: card) == before, "the same photo draws the same card")
        let other = Array(##"<svg xmlns="http://www.w3.org/2000/svg" width="900" height="900"><rect width="900" height="900" fill="#c03030"/></svg>"##.utf8)
        _ = FileManager.default.createFile(
            atPath: site + "/content/projects/shoot/photo.jpg",
            contents: Data(try ImageCodec.resized(ImageCodec.png(fromSVG: other, width: 900).get(), width: 900, format: .jpeg, keepMetadata: false).get()))
        let result = Fixtures.build(site: site, output: site + "/output")
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.sorted)")
        #expect(try Data(contentsOf: card) != before)
    }

    @Test func theImageCacheServesAnotherOutputFolder() throws {
        let site = ImageStage.photoSite()
        defer { Fixtures.remove(site) }
        _ = Fixtures.build(site: site, output: site + "/a")
        let cache = site + "/.portfolio-cache/images"
        let made = try FileManager.default.contentsOfDirectory(atPath: cache).sorted()
        let times = made.map { try? FileManager.default.attributesOfItem(atPath: cache + "/" + $0)[.modificationDate] as? Date }
        _ = Fixtures.build(site: site, output: site + "/b")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache).sorted() == made)
        #expect(made.map { try? FileManager.default.attributesOfItem(atPath: cache + "/" + $0)[.modificationDate] as? Date } == times)
        #expect(ImageStage.imageFiles(in: site + "/a") == ImageStage.imageFiles(in: site + "/b"))
    }

    @Test func timingsShowTheImageStage() throws {
        let site = ImageStage.photoSite()
        defer { Fixtures.remove(site) }
        let result = Fixtures.build(site: site, output: site + "/output")
        #expect(result.timings.map(\.stage).contains("images and files"))
    }
}

/// The markup and file names of resized copies, from an image's header alone.
@Suite struct ImageVariantsRules {
    @Test func copiesAreNeverWiderThanTheImage() {
        #expect(ImageVariants(facts: ImageFacts(width: 3000, height: 2000, format: .jpeg), withAVIF: false).widths == [480, 960, 1600])
        #expect(ImageVariants(facts: ImageFacts(width: 700, height: 400, format: .png), withAVIF: false).widths == [480, 700])
        #expect(ImageVariants(facts: ImageFacts(width: 300, height: 200, format: .png), withAVIF: false).widths == [300])
    }

    @Test func animatedImagesAndSVGArePublishedAsTheyAre() {
        #expect(ImageVariants(facts: ImageFacts(width: 800, height: 600, format: .gif, frames: 12)).widths.isEmpty)
        #expect(ImageVariants(facts: ImageFacts(width: 800, height: 600, format: .webp, frames: 3)).widths.isEmpty)
        #expect(ImageVariants(facts: ImageFacts(width: 800, height: 600, format: .svg)).widths.isEmpty)
        let svg = ResponsiveImage(url: "chart.svg", facts: ImageFacts(width: 800, height: 600, format: .svg))
        #expect(svg.html(alt: "A chart", sizes: ImageSizes.body, priority: .lazy)
            == #"<img src="chart.svg" width="800" height="600" alt="A chart" loading="lazy" decoding="async">"#)
    }

    @Test func heifPhotosFallBackToJPEG() {
        let variants = ImageVariants(facts: ImageFacts(width: 4000, height: 3000, format: .heic), withAVIF: false)
        #expect(variants.fallback == .jpeg)
        #expect(variants.sources == [.webp])
    }

    @Test func copyNamesKeepTheFolderAndAddTheWidth() {
        #expect(ImageVariants.path(of: "../img/hero.photo.JPG", width: 480, format: .webp) == "../img/hero.photo-480.webp")
        #expect(ImageVariants.path(of: "hero", width: 960, format: .jpeg) == "hero-960.jpg")
    }

    @Test func altTextAndURLsAreEscaped() {
        let image = ResponsiveImage(url: "a\"b.png", facts: ImageFacts(width: 100, height: 50, format: .png))
        let html = image.html(alt: "<script>", sizes: "100vw", priority: .lazy)
        #expect(html.contains(#"alt="&lt;script&gt;""#))
        #expect(html.contains(#"src="a&quot;b-100.png""#))
    }
}

/// libvips's messages for a failed operation, which the library gathers in one buffer for all threads.
@Suite struct ImageCodecFailures {
    @Test func eachFailureKeepsItsOwnMessageWhileOthersFailBesideIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("codec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = folder.appendingPathComponent("broken.png").path
        try Data("not a picture".utf8).write(to: URL(fileURLWithPath: broken))
        let alone = ImageCodec.facts(atPath: broken)
        guard case .failure(let expected) = alone else { Issue.record("a text file read as an image"); return }

        let outcomes = parallelMap(Array(0..<600)) { index -> String? in
            if index.isMultiple(of: 2) {
                guard case .failure(let failure) = ImageCodec.facts(atPath: broken) else { return "read" }
                return failure == expected ? nil : failure.message
            }
            guard case .failure = ImageCodec.resized(Array("garbage \(index)".utf8), width: 100, format: .png, keepMetadata: false) else {
                return "resized"
            }
            return nil
        }
        #expect(outcomes.compactMap { $0 }.isEmpty, "messages lost or swapped: \(Set(outcomes.compactMap { $0 }))")
    }
}

/// The shim declares the part of libvips it loads at run time itself (`libvips_api.h`); the
/// CVipsAPICheck target compiles those declarations beside libvips's own headers.
@Suite struct LibvipsDeclarations {
    @Test func theShimNamesLibvipsMetadataAsItsHeadersDo() {
        #expect(pv_api_check_metadata_names_match() == 1)
    }
}
