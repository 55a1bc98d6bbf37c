import PortfolioContent
import PortfolioSupport

/// The page whose metric files are read: the facts of it that say where they are.
public struct MetricOwner: Sendable {
    public var source: SourceFile
    public var frontMatter: FrontMatter
    /// The bundle folder relative to `content/`, whose tool-named files are read too.
    public var bundleDirectory: String?

    public init(source: SourceFile, frontMatter: FrontMatter, bundleDirectory: String?) {
        self.source = source
        self.frontMatter = frontMatter
        self.bundleDirectory = bundleDirectory
    }
}

/// Finds the metric files a page uses: those named under `metrics:` in its front matter (paths
/// relative to the Markdown file: a file, or an MLflow run folder) and, for a project bundle, the metric
/// files beside it (`metrics.yaml|yml|json|csv`, and the files the importers claim as their tools': `results*.json`,
/// `run-*-tag-*.csv`, `wandb_export*.csv`, MLflow run folders).
public enum MetricSources {
    /// A metric file or folder to read, with the reference that asked for it (for diagnostics and options).
    public struct Entry: Sendable, Hashable {
        /// The file; for a folder, its first file.
        public var file: SourceFile
        /// Every file of an MLflow run folder, which are all data and none copied to the output.
        public var folderFiles: [SourceFile] = []
        /// The folder's path relative to `content/` when the entry is a folder.
        public var folder: String?
        public var reference: MetricFileReference
        /// Found in the bundle by a tool's file name only: read only if its content is that tool's.
        public var isGuess = false
    }

    static let bundleFileNames: Set<String> = ["metrics.yaml", "metrics.yml", "metrics.json", "metrics.csv"]

    public static func entries(
        for page: MetricOwner, siteDirectory: String, content: ContentIndex, importers: MetricImporterRegistry = .standard,
        diagnostics: inout Diagnostics
    ) -> [Entry] {
        let filesByDirectory = content.filesByDirectory
        var entries: [Entry] = []
        let directory = Placement(contentPath: page.source.contentPath).directory
        if let key = ["model-index", "model_index"].first(where: { page.frontMatter.params[$0] != nil }) {
            // A Hugging Face model card saved as Markdown in content/ is built as a page; its `metrics:` names
            // metrics (`accuracy`), not files, so reading them as paths would only report missing files.
            diagnostics.warning(
                "metrics.model-card-page", at: page.frontMatter.keyLocations[key] ?? SourceLocation(file: page.source.sitePath),
                "'\(page.source.sitePath)' is a Hugging Face model card, so it is built as a page of its own and its `metrics:` list is ignored",
                hint: "save the card under another extension (e.g. model-card.txt) and name it under `metrics:` of the project page")
            return []
        }
        for reference in page.frontMatter.metricFiles {
            var resolved = SitePaths.resolve(reference.path, against: directory.isEmpty ? "" : directory + "/")
            while resolved.hasSuffix("/") { resolved.removeLast() }
            guard !reference.path.hasPrefix("/"), !resolved.hasPrefix(".."), !reference.path.contains("\0") else {
                diagnostics.error(
                    "metrics.path", at: reference.location, "metric file '\(reference.path)' is outside content/",
                    hint: "put the file beside the page and name it relative to the page")
                continue
            }
            if let file = content.file(atContentPath: resolved) {
                entries.append(Entry(file: file, reference: reference))
                continue
            }
            switch folderEntry(resolved, reference: reference, filesByDirectory: filesByDirectory, importers: importers, diagnostics: &diagnostics) {
            case .run(let entry):
                entries.append(entry)
            case .reported:
                break
            case .none:
                if isMarkdown(resolved), let file = markdownFile(resolved, siteDirectory: siteDirectory) {
                    // A model card is Markdown, which the scan keeps for pages: read it from the disk.
                    entries.append(Entry(file: file, reference: reference))
                    continue
                }
                diagnostics.error(
                    "metrics.missing", at: reference.location, "metric file '\(reference.path)' does not exist",
                    hint: "expected at content/\(resolved)")
            }
        }
        if let bundle = page.bundleDirectory {
            for file in filesByDirectory[bundle] ?? [] {
                let name = String(file.contentPath.dropFirst(bundle.isEmpty ? 0 : bundle.count + 1))
                let known = bundleFileNames.contains(name)
                guard known || importers.claimsToolFile(named: name), !entries.contains(where: { $0.file == file }) else { continue }
                var entry = Entry(file: file, reference: MetricFileReference(path: name, location: SourceLocation(file: file.sitePath)))
                entry.isGuess = !known
                entries.append(entry)
            }
            let prefix = bundle.isEmpty ? "" : bundle + "/"
            let runFolders = content.runFoldersByParent[bundle] ?? []
            for run in runFolders.sorted() where !entries.contains(where: { $0.folder == run }) {
                let reference = MetricFileReference(path: String(run.dropFirst(prefix.count)), location: SourceLocation(file: "content/" + run))
                if case .run(let entry) = folderEntry(
                    run, reference: reference, filesByDirectory: filesByDirectory, importers: importers, diagnostics: &diagnostics) {
                    entries.append(entry)
                }
            }
        }
        return entries
    }

    enum FolderLookup {
        case run(Entry)
        /// A folder, but not an MLflow run: reported.
        case reported
    }

    /// An MLflow run folder (or its `metrics/` folder) named in front matter; nil when `path` is no folder.
    static func folderEntry(
        _ path: String, reference: MetricFileReference, filesByDirectory: [String: [SourceFile]], importers: MetricImporterRegistry,
        diagnostics: inout Diagnostics
    ) -> FolderLookup? {
        var run = path
        if run.hasSuffix("/metrics") || run == "metrics" { run = String(run.dropLast("metrics".count)).trimmingSlash() }
        let prefix = run.isEmpty ? "" : run + "/"
        let files = filesByDirectory.filter { $0.key == run || $0.key.hasPrefix(prefix) }
            .sorted { $0.key < $1.key }.flatMap(\.value)
        guard let first = files.first else { return nil }
        let relative = files.map { String($0.contentPath.dropFirst(prefix.count)) }
        guard importers.folderImporter(relativePaths: relative) != nil else {
            let runs = filesByDirectory.keys.filter { $0.hasPrefix(prefix) && $0.hasSuffix("/metrics") }
                .map { String($0.dropFirst(prefix.count).dropLast("/metrics".count)) }.sorted()
            diagnostics.error(
                "metrics.mlflow", at: reference.location,
                "'\(reference.path)' is a folder but not an MLflow run folder (one with meta.yaml and metrics/)",
                hint: runs.isEmpty
                    ? "point at a single metric file, or at mlruns/<experiment id>/<run id>"
                    : "point at one of its runs: " + runs.prefix(5).map { "\(reference.path.trimmingSlash())/\($0)" }.joined(separator: ", "))
            return .reported
        }
        // The experiment's meta.yaml next to the run travels with it and is data too.
        let parent = run.lastIndex(of: "/").map { String(run[..<$0]) } ?? ""
        let experiment = filesByDirectory[parent]?.filter { $0.contentPath == (parent.isEmpty ? "" : parent + "/") + "meta.yaml" } ?? []
        return .run(Entry(file: first, folderFiles: files + experiment, folder: run, reference: reference))
    }

    static func isMarkdown(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".md") || lower.hasSuffix(".markdown")
    }

    /// A Markdown file under `content/`, after checking that links do not lead out of the site.
    static func markdownFile(_ contentPath: String, siteDirectory: String) -> SourceFile? {
        let root = SitePaths.folder(siteDirectory)
        let absolute = root + "content/" + contentPath
        guard let real = ContentScanner.realPath(absolute), let content = ContentScanner.realPath(root + "content"),
            real.hasPrefix(content + "/")
        else { return nil }
        return SourceFile(contentPath: contentPath, sitePath: "content/" + contentPath, absolutePath: absolute)
    }
}

extension String {
    fileprivate func trimmingSlash() -> String {
        var text = self
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}

/// The non-Markdown files of `content/` by folder (relative to `content/`), and the MLflow-looking run
/// folders by their parent: built once per build, so each page finds its neighbours without scanning
/// every folder of the site.
public struct ContentIndex: Sendable {
    public let filesByDirectory: [String: [SourceFile]]
    public let runFoldersByParent: [String: [String]]

    public init(files: [SourceFile]) {
        let byDirectory = Dictionary(grouping: files) { Placement(contentPath: $0.contentPath).directory }
        var runs: [String: [String]] = [:]
        for (directory, files) in byDirectory where byDirectory[directory + "/metrics"] != nil
            && files.contains(where: { $0.contentPath == directory + "/meta.yaml" }) {
            let parent = directory.lastIndex(of: "/").map { String(directory[..<$0]) } ?? ""
            runs[parent, default: []].append(directory)
        }
        filesByDirectory = byDirectory
        runFoldersByParent = runs
    }

    /// The file at `contentPath` (relative to `content/`), if the walk found one.
    public func file(atContentPath contentPath: String) -> SourceFile? {
        filesByDirectory[Placement(contentPath: contentPath).directory]?.first { $0.contentPath == contentPath }
    }
}
