/// Reads the metric files a page uses (I/O at the edge of the pipeline) and turns them into the
/// page's `MetricSet`, next to what its front matter defines inline.
public enum MetricLoader {
    /// Reads the page's metric files and merges them with its inline metrics, validating the result.
    public static func load(for page: Page, siteDirectory: String, filesByDirectory: [String: [SourceFile]], diagnostics: inout Diagnostics) -> Page {
        var page = page
        var set = page.metrics ?? MetricSet()
        for entry in MetricSources.entries(for: page, siteDirectory: siteDirectory, filesByDirectory: filesByDirectory, diagnostics: &diagnostics) {
            page.metricFiles.append(entry.file.sitePath)
            let named = entry.reference.format.map { "metrics." + $0.lowercased() } ?? entry.file.contentPath
            guard let format = MetricParser.format(forFileName: named) else {
                diagnostics.error(
                    "metrics.format", at: entry.reference.location, "cannot tell the format of '\(entry.reference.path)'",
                    hint: "name the file metrics.yaml, .json or .csv, or add 'format:' to the entry")
                continue
            }
            let text: String
            do {
                guard let decoded = SourceText.decode(try FileReader.bytes(atPath: entry.file.absolutePath), file: entry.file.sitePath, diagnostics: &diagnostics) else { continue }
                text = decoded
            } catch {
                diagnostics.error("metrics.unreadable", at: entry.reference.location, "cannot read metric file '\(entry.reference.path)': \(error.message)")
                continue
            }
            set.merge(MetricParser.parse(text, file: entry.file.sitePath, format: format, diagnostics: &diagnostics))
        }
        page.metrics = set.series.isEmpty && page.metrics == nil ? nil : set
        return page
    }
}
