import PortfolioContent
import PortfolioSupport

/// Reads the metric files a page uses (I/O at the edge of the pipeline) and turns them into the
/// page's `MetricSet`, next to what its front matter defines inline.
public enum MetricLoader {
    /// The evaluation snapshots of one format read so far for a page, to combine into one set.
    private struct SnapshotGroup {
        var format: String
        var snapshots: [MetricSnapshot]
        var options: MetricImportOptions
        var found: Diagnostics

        /// Adds one file's snapshot (nil when unreadable) to the group of its format, or starts that group.
        static func add(
            _ snapshot: MetricSnapshot?, format: String, options: MetricImportOptions, found: Diagnostics, to groups: inout [SnapshotGroup]
        ) {
            guard let index = groups.firstIndex(where: { $0.format == format }) else {
                groups.append(SnapshotGroup(format: format, snapshots: snapshot.map { [$0] } ?? [], options: options, found: found))
                return
            }
            if let snapshot { groups[index].snapshots.append(snapshot) }
            groups[index].options.select += options.select
            groups[index].found.append(contentsOf: found)
        }
    }

    /// Reads the page's metric files and merges them with its inline metrics, validating the result.
    /// Evaluation snapshots (lm-eval results, model cards) of one format are combined across files into one
    /// series per metric, in the order the front matter lists them or by the step each file names.
    /// `inline` is what the front matter defines; `files` are the site paths of the metric files read,
    /// which are data and not copied to the output. `importers` are the formats read.
    public static func load(
        for page: MetricOwner, inline: MetricSet?, siteDirectory: String, content: ContentIndex,
        importers: MetricImporterRegistry = .standard, diagnostics: inout Diagnostics
    ) -> (metrics: MetricSet?, files: [String]) {
        var files: [String] = []
        var set = inline ?? MetricSet()
        var snapshotGroups: [SnapshotGroup] = []
        let entries = MetricSources.entries(for: page, siteDirectory: siteDirectory, content: content, importers: importers, diagnostics: &diagnostics)
        for entry in entries {
            let options = MetricImportOptions(select: entry.reference.select, name: entry.reference.name, location: entry.reference.location)
            var requested: (any MetricImporter)?
            if let name = entry.reference.format {
                guard let importer = importers.importer(named: name) else {
                    diagnostics.error(
                        "metrics.format", at: entry.reference.location, "unknown metric format '\(name)'",
                        hint: "write one of: " + importers.importers.map(\.name).joined(separator: ", "))
                    continue
                }
                requested = importer
            }

            if let folder = entry.folder {
                files += entry.folderFiles.map(\.sitePath)
                let folderFiles = filesInside(folder, of: entry)
                // A folder is read by the format `format:` names only if that format reads folders.
                let reader = requested.map { $0 as? any MetricFolderImporter }
                    ?? importers.folderImporter(relativePaths: folderFiles.map(\.relative))
                guard let reader else {
                    let readers = importers.folderImporters.map { "`format: \($0.name)`" }.joined(separator: " or ")
                    diagnostics.error(
                        "metrics.format", at: entry.reference.location, "'\(entry.reference.path)' is a folder, which only \(readers) reads",
                        hint: "point at a file inside it, or remove 'format:'")
                    continue
                }
                set.merge(readFolder(folderFiles, of: entry, folder: folder, with: reader, options: options, diagnostics: &diagnostics))
                continue
            }

            guard let text = read(entry.file, reference: entry.reference, diagnostics: &diagnostics) else {
                files.append(entry.file.sitePath)
                continue
            }
            // A bundle file picked up by its tool-like name is read only if its content is that tool's; else it is copied.
            let detected = requested ?? importers.detect(fileName: entry.file.contentPath, text: text, byContentOnly: entry.isGuess)
            guard let importer = detected else {
                guard !entry.isGuess else { continue }
                files.append(entry.file.sitePath)
                diagnostics.error(
                    "metrics.format", at: entry.reference.location, "cannot tell the format of '\(entry.reference.path)'",
                    hint: "name the file metrics.yaml, .json or .csv, or add 'format:' to the entry (see 'Metric files' in the README)")
                continue
            }
            files.append(entry.file.sitePath)

            var found = Diagnostics()
            switch importer.read(text, file: entry.file.sitePath, diagnostics: &found) {
            case .series(let read):
                set.merge(MetricParser.finish(
                    selecting: options, in: read, limit: importer.defaultSeriesLimit, source: entry.file.sitePath, found: found,
                    diagnostics: &diagnostics))
            case .snapshot(let snapshot):
                SnapshotGroup.add(snapshot, format: importer.name, options: options, found: found, to: &snapshotGroups)
            }
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

    /// The files of a folder entry that are inside the folder, with their paths relative to it.
    private static func filesInside(_ folder: String, of entry: MetricSources.Entry) -> [(file: SourceFile, relative: String)] {
        entry.folderFiles.filter { folder.isEmpty || $0.contentPath.hasPrefix(folder + "/") }
            .map { ($0, String($0.contentPath.dropFirst(folder.isEmpty ? 0 : folder.count + 1))) }
    }

    /// A folder a tool wrote (an MLflow run): the files of it that are data, read by path inside the folder.
    private static func readFolder(
        _ folderFiles: [(file: SourceFile, relative: String)], of entry: MetricSources.Entry, folder: String,
        with reader: any MetricFolderImporter, options: MetricImportOptions, diagnostics: inout Diagnostics
    ) -> MetricSet {
        var texts: [String: String] = [:]
        for (file, relative) in folderFiles where reader.isFolderData(relativePath: relative) {
            if let text = read(file, reference: entry.reference, diagnostics: &diagnostics) { texts[relative] = text }
        }
        let sitePath = "content/" + folder
        var found = Diagnostics()
        let set = reader.readFolder(texts, folder: sitePath, diagnostics: &found)
        return MetricParser.finish(
            selecting: options, in: set, limit: reader.defaultSeriesLimit, source: sitePath, found: found, diagnostics: &diagnostics)
    }
}
