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
    /// Site paths of the non-Markdown files under each folder of `content/`, at any depth.
    let filesUnder: [String: [String]]

    init(_ tree: ContentTree) {
        files = Dictionary((tree.markdown + tree.files).map { ($0.sitePath, $0) }, uniquingKeysWith: { first, _ in first })
        var under: [String: [String]] = [:]
        for file in tree.files {
            var folder = file.contentPath
            while let slash = folder.lastIndex(of: "/") {
                folder = String(folder[..<slash])
                under[folder, default: []].append(file.sitePath)
            }
        }
        filesUnder = under
    }

    /// The Markdown file, then the metric files it read and the other files of its bundle: a change
    /// to any of them may change the page.
    func inputs(of file: SourceFile, page: Page?) -> [String] {
        var others = Set(page?.metricFiles ?? [])
        if let bundle = page?.bundleDirectory { others.formUnion(filesUnder[bundle] ?? []) }
        others.remove(file.sitePath)
        return [file.sitePath] + others.sorted()
    }
}
