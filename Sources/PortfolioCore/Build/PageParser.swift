/// Reads one Markdown file into a page with its metrics: what the parse stage does for every file,
/// and what the write stage does again for a page restored from the cache that must be rendered.
struct PageParser: Sendable {
    let siteDirectory: String
    let config: SiteConfig
    let content: ContentIndex

    func page(_ file: SourceFile, diagnostics: inout Diagnostics) -> Page? {
        let bytes: [UInt8]
        do {
            bytes = try FileReader.bytes(atPath: file.absolutePath)
        } catch {
            diagnostics.error("content.unreadable", at: SourceLocation(file: file.sitePath), "cannot read the file: \(error.message)")
            return nil
        }
        guard let text = SourceText.decode(bytes, file: file.sitePath, diagnostics: &diagnostics),
              let page = PageBuilder.page(from: file, text: text, config: config, diagnostics: &diagnostics)
        else { return nil }
        return MetricLoader.load(for: page, siteDirectory: siteDirectory, content: content, diagnostics: &diagnostics)
    }

    /// The page parsed again, for a page restored from the cache; its diagnostics were kept with it.
    func reparsed(_ page: Page, sources: SourceIndex) -> Page {
        var ignored = Diagnostics()
        return self.page(sources.files[page.source.sitePath] ?? page.source, diagnostics: &ignored) ?? page
    }
}

/// Every content file by site path, and the files of each folder, for telling which files a page
/// was made from.
struct SourceIndex: Sendable {
    let files: [String: SourceFile]
    /// The non-Markdown files, sorted by `contentPath` (as the scanner returns them), so the files under
    /// a folder are one run found by binary search.
    private let sortedFiles: [SourceFile]

    init(_ tree: ContentTree) {
        files = Dictionary((tree.markdown + tree.files).map { ($0.sitePath, $0) }, uniquingKeysWith: { first, _ in first })
        sortedFiles = tree.files.sorted { $0.contentPath < $1.contentPath }
    }

    /// Site paths of the non-Markdown files under `folder` of `content/`, at any depth.
    func files(under folder: String) -> [String] {
        let prefix = folder + "/"
        var low = 0, high = sortedFiles.count
        while low < high {
            let middle = (low + high) / 2
            if sortedFiles[middle].contentPath < prefix { low = middle + 1 } else { high = middle }
        }
        return sortedFiles[low...].prefix { $0.contentPath.hasPrefix(prefix) }.map(\.sitePath)
    }

    /// The Markdown file, then the metric files it read and the other files of its bundle: a change
    /// to any of them may change the page.
    func inputs(of file: SourceFile, page: Page?) -> [String] {
        var others = Set(page?.metricFiles ?? [])
        if let bundle = page?.bundleDirectory { others.formUnion(files(under: bundle)) }
        others.remove(file.sitePath)
        return [file.sitePath] + others.sorted()
    }
}
