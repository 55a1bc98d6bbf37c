import PortfolioContent
import PortfolioSupport

/// Reads the metric files a page uses (I/O at the edge of the pipeline) and turns them into the
/// page's `MetricSet`, next to what its front matter defines inline.
public enum MetricLoader {
    /// Files of an MLflow run read as data; artifacts and the rest are only kept out of the output.
    static let mlflowDataFolders = ["metrics/", "params/", "tags/"]

    /// Reads the page's metric files and merges them with its inline metrics, validating the result.
    /// Evaluation snapshots (lm-eval results, model cards) of one format are combined across files into one
    /// series per metric, in the order the front matter lists them or by the step each file names.
    /// `inline` is what the front matter defines; `files` are the site paths of the metric files read,
    /// which are data and not copied to the output.
    public static func load(
        for page: MetricOwner, inline: MetricSet?, siteDirectory: String, content: ContentIndex, diagnostics: inout Diagnostics
    ) -> (metrics: MetricSet?, files: [String]) {
        var files: [String] = []
        var set = inline ?? MetricSet()
        var snapshotGroups: [(format: MetricFileFormat, snapshots: [MetricSnapshot], options: MetricImportOptions, found: Diagnostics)] = []
        for entry in MetricSources.entries(for: page, siteDirectory: siteDirectory, content: content, diagnostics: &diagnostics) {
            let options = MetricImportOptions(select: entry.reference.select, name: entry.reference.name, location: entry.reference.location)
            var requested: MetricFileFormat?
            if let name = entry.reference.format {
                guard let format = MetricFileFormat(name: name) else {
                    diagnostics.error(
                        "metrics.format", at: entry.reference.location, "unknown metric format '\(name)'",
                        hint: "write one of: " + MetricFileFormat.allCases.map(\.name).joined(separator: ", "))
                    continue
                }
                requested = format
            }

            if let folder = entry.folder {
                files += entry.folderFiles.map(\.sitePath)
                if let requested, requested != .mlflow {
                    diagnostics.error(
                        "metrics.format", at: entry.reference.location, "'\(entry.reference.path)' is a folder, which only `format: mlflow` reads",
                        hint: "point at a file inside it, or remove 'format:'")
                    continue
                }
                set.merge(readRun(entry, folder: folder, options: options, diagnostics: &diagnostics))
                continue
            }

            guard let text = read(entry.file, reference: entry.reference, diagnostics: &diagnostics) else {
                files.append(entry.file.sitePath)
                continue
            }
            guard let format = requested ?? MetricFormatDetector.detect(fileName: entry.file.contentPath, text: text) else {
                guard !entry.isGuess else { continue }
                files.append(entry.file.sitePath)
                diagnostics.error(
                    "metrics.format", at: entry.reference.location, "cannot tell the format of '\(entry.reference.path)'",
                    hint: "name the file metrics.yaml, .json or .csv, or add 'format:' to the entry (see 'Metric files' in the README)")
                continue
            }
            // A bundle file picked up by its tool-like name that holds something else is left to be copied.
            if entry.isGuess, format == .canonical || format == .csv { continue }
            files.append(entry.file.sitePath)

            if format.isSnapshot {
                var found = Diagnostics()
                let snapshot = format == .lmEval
                    ? LMEvalImporter.snapshot(text, file: entry.file.sitePath, diagnostics: &found)
                    : HFModelCardImporter.snapshot(text, file: entry.file.sitePath, diagnostics: &found)
                if let index = snapshotGroups.firstIndex(where: { $0.format == format }) {
                    if let snapshot { snapshotGroups[index].snapshots.append(snapshot) }
                    snapshotGroups[index].options.select += options.select
                    snapshotGroups[index].found.append(contentsOf: found)
                } else {
                    snapshotGroups.append((format, snapshot.map { [$0] } ?? [], options, found))
                }
                continue
            }
            set.merge(MetricParser.parse(text, file: entry.file.sitePath, format: format, options: options, diagnostics: &diagnostics))
        }
        for group in snapshotGroups {
            var found = group.found
            let combined = MetricSnapshot.combine(group.snapshots, options: group.options, diagnostics: &found)
            set.merge(MetricParser.finish(combined, sources: group.snapshots.map(\.file), found: found, diagnostics: &diagnostics))
        }
        return (set.series.isEmpty && inline == nil ? nil : set, files)
    }

    /// The text of a metric file, or nil after reporting why it cannot be read.
    static func read(_ file: SourceFile, reference: MetricFileReference, diagnostics: inout Diagnostics) -> String? {
        do {
            return SourceText.decode(try FileReader.bytes(atPath: file.absolutePath), file: file.sitePath, diagnostics: &diagnostics)
        } catch {
            diagnostics.error("metrics.unreadable", at: reference.location, "cannot read metric file '\(reference.path)': \(error.message)")
            return nil
        }
    }

    /// An MLflow run folder: its `meta.yaml`, `metrics/`, `params/` and `tags/` files, by path inside the folder.
    static func readRun(_ entry: MetricSources.Entry, folder: String, options: MetricImportOptions, diagnostics: inout Diagnostics) -> MetricSet {
        var texts: [String: String] = [:]
        for file in entry.folderFiles where folder.isEmpty || file.contentPath.hasPrefix(folder + "/") {
            let relative = String(file.contentPath.dropFirst(folder.isEmpty ? 0 : folder.count + 1))
            guard relative == "meta.yaml" || mlflowDataFolders.contains(where: relative.hasPrefix) else { continue }
            if let text = read(file, reference: entry.reference, diagnostics: &diagnostics) { texts[relative] = text }
        }
        let sitePath = "content/" + folder
        var found = Diagnostics()
        var set = MLflowImporter.parseRun(texts, folder: sitePath, diagnostics: &found)
        set = MetricSelection.apply(options, to: set, format: .mlflow, diagnostics: &found)
        return MetricParser.finish(set, sources: [sitePath], found: found, diagnostics: &diagnostics)
    }
}
