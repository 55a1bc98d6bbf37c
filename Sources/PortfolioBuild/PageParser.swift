import PortfolioContent
import PortfolioImages
import PortfolioMetrics
import PortfolioSite
import PortfolioSupport
import PortfolioValidation

/// Reads one Markdown file into a page with its metrics: what the parse stage does for every file,
/// and what a page restored from the cache does again when its content is read.
struct PageParser: Sendable {
    let siteDirectory: String
    let config: SiteConfig
    let content: ContentIndex
    var workTimes: WorkTimes?
    /// The site's confidential terms and the secret checks, run on everything the page publishes.
    var confidential = ConfidentialScanner.secretsOnly

    func page(_ file: SourceFile, diagnostics: inout Diagnostics) -> Page? {
        let bytes: [UInt8]
        do {
            bytes = try FileReader.bytes(atPath: file.absolutePath)
        } catch {
            diagnostics.error("content.unreadable", at: SourceLocation(file: file.sitePath), "cannot read the file: \(error.message)")
            return nil
        }
        let built = workTimes.measure("parse Markdown and front matter") {
            SourceText.decode(bytes, file: file.sitePath, diagnostics: &diagnostics)
                .flatMap { PageBuilder.page(from: file, text: $0, config: config, confidential: confidential, images: images, diagnostics: &diagnostics) }
        }
        guard var page = built else { return nil }
        let owner = MetricOwner(source: page.source, frontMatter: page.frontMatter, bundleDirectory: page.bundleDirectory)
        let loaded = workTimes.measure("read metric files") {
            MetricLoader.load(for: owner, inline: page.metrics, siteDirectory: siteDirectory, content: content, diagnostics: &diagnostics)
        }
        page.metrics = loaded.metrics
        page.metricFiles += loaded.files
        if let metrics = loaded.metrics { confidential.scan(metrics, except: file.sitePath, diagnostics: &diagnostics) }
        return page
    }

    /// Reads the header of each image file in `content/` that a page shows, through libvips.
    var images: ImageLookup {
        let content = content
        return ImageLookup({ contentPath in
            guard let file = content.file(atContentPath: contentPath) else { return nil }
            switch ImageCodec.facts(atPath: file.absolutePath) {
            case .success(let facts): return .image(facts)
            // An SVG librsvg cannot size is still shown by browsers: it is left as it is written.
            case .failure where ImageFormat.forExtension(of: contentPath) == .svg: return nil
            case .failure(let failure): return .unreadable(failure)
            }
        }, byteCount: { content.file(atContentPath: $0)?.size })
    }

    /// What `file` makes that is not held with a page restored from the cache (or let go by the write
    /// stage), parsed again; its diagnostics were reported when it was first parsed.
    func content(of file: SourceFile) -> PageContent.Parts? {
        var ignored = Diagnostics()
        return page(file, diagnostics: &ignored).map { PageContent.Parts(html: $0.html, headings: $0.headings, metrics: $0.metrics) }
    }
}

/// Finds content files by path in the scanner's lists, which are sorted by path (a binary search,
/// where a dictionary of every file would cost more to build than a small rebuild spends looking up).
struct SourceIndex: Sendable {
    let tree: ContentTree

    init(_ tree: ContentTree) {
        self.tree = tree
    }

    func file(atSitePath sitePath: String) -> SourceFile? {
        SourceIndex.file(sitePath, in: tree.markdown) ?? SourceIndex.file(sitePath, in: tree.files)
    }

    private static func file(_ sitePath: String, in files: [SourceFile]) -> SourceFile? {
        let index = firstIndex(in: files) { $0.sitePath < sitePath }
        return index < files.count && files[index].sitePath == sitePath ? files[index] : nil
    }

    /// Site paths of the non-Markdown files under `folder` of `content/`, at any depth.
    func files(under folder: String) -> [String] {
        let prefix = folder + "/"
        let start = SourceIndex.firstIndex(in: tree.files) { $0.contentPath < prefix }
        return tree.files[start...].prefix { $0.contentPath.hasPrefix(prefix) }.map(\.sitePath)
    }

    /// The first index in `files` for which `isBefore` is false.
    private static func firstIndex(in files: [SourceFile], where isBefore: (SourceFile) -> Bool) -> Int {
        var low = 0, high = files.count
        while low < high {
            let middle = (low + high) / 2
            if isBefore(files[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The Markdown file, then the metric files it read and the other files of its bundle: a change
    /// to any of them may change the page.
    func inputs(of file: SourceFile, page: Page?) -> [String] {
        var others = Set(page?.metricFiles ?? [])
        others.formUnion((page?.images ?? []).map { "content/" + $0.contentPath })
        if let bundle = page?.bundleDirectory { others.formUnion(files(under: bundle)) }
        others.remove(file.sitePath)
        return [file.sitePath] + others.sorted()
    }
}
