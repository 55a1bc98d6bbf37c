/// Finds the metric files a page uses: those named under `metrics:` in its front matter (paths
/// relative to the Markdown file) and, for a project bundle, any `metrics.yaml|yml|json|csv` beside it.
public enum MetricSources {
    /// A metric file to read, with the reference that asked for it (for diagnostics and options).
    public struct Entry: Sendable, Hashable {
        public var file: SourceFile
        public var reference: MetricFileReference
    }

    static let bundleFileNames: Set<String> = ["metrics.yaml", "metrics.yml", "metrics.json", "metrics.csv"]

    /// `filesByDirectory` holds the non-Markdown files of `content/` by their folder (relative to `content/`).
    public static func entries(
        for page: Page, siteDirectory: String, filesByDirectory: [String: [SourceFile]], diagnostics: inout Diagnostics
    ) -> [Entry] {
        var entries: [Entry] = []
        let directory = Placement(contentPath: page.source.contentPath).directory
        for reference in page.frontMatter.metricFiles {
            let resolved = SitePaths.resolve(reference.path, against: directory.isEmpty ? "" : directory + "/")
            guard !reference.path.hasPrefix("/"), !resolved.hasPrefix(".."), !reference.path.contains("\0") else {
                diagnostics.error(
                    "metrics.path", at: reference.location, "metric file '\(reference.path)' is outside content/",
                    hint: "put the file beside the page and name it relative to the page")
                continue
            }
            let folder = resolved.lastIndex(of: "/").map { String(resolved[..<$0]) } ?? ""
            guard let file = filesByDirectory[folder]?.first(where: { $0.contentPath == resolved }) else {
                diagnostics.error(
                    "metrics.missing", at: reference.location, "metric file '\(reference.path)' does not exist",
                    hint: "expected at content/\(resolved)")
                continue
            }
            entries.append(Entry(file: file, reference: reference))
        }
        if let bundle = page.bundleDirectory {
            for file in filesByDirectory[bundle] ?? [] where bundleFileNames.contains(String(file.contentPath.dropFirst(bundle.count + 1))) {
                guard !entries.contains(where: { $0.file == file }) else { continue }
                entries.append(Entry(file: file, reference: MetricFileReference(path: file.contentPath, location: SourceLocation(file: file.sitePath))))
            }
        }
        return entries
    }
}
