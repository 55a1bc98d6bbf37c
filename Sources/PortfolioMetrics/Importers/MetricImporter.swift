import PortfolioSupport

/// Reads one format of metric file into the normalized model. This is the one door for formats: add one
/// type conforming to it and one line in `MetricImporterRegistry.standard`, and `format:`, detection,
/// the bundle scan, reading and `select:` all know the format.
public protocol MetricImporter: Sendable {
    /// The name written in `format:` and the docs, lowercase; it identifies the format.
    var name: String { get }
    /// Other spellings `format:` accepts, lowercase.
    var aliases: Set<String> { get }
    /// Whether this format is the file's, told from its name and its text; nil when it is not.
    func recognition(of file: MetricFileName, text: String) -> MetricRecognition?
    /// Whether the tool writes bundle files of this name (lowercase), read without being named in front matter.
    func claimsToolFile(named lowercased: String) -> Bool
    /// The most series shown when the entry has no `select:`; nil for all of them.
    var defaultSeriesLimit: Int? { get }
    /// The text of one file, read into series or into an evaluation snapshot to combine with the other files'.
    func read(_ text: String, file: String, diagnostics: inout Diagnostics) -> ImportedMetrics
}

extension MetricImporter {
    public var aliases: Set<String> { [] }
    public func claimsToolFile(named lowercased: String) -> Bool { false }
    public var defaultSeriesLimit: Int? { nil }
}

/// An importer that also reads a whole folder a tool wrote (an MLflow run), not just single files.
public protocol MetricFolderImporter: MetricImporter {
    /// Whether a folder holding these paths (relative to it) is one this format reads.
    func readsFolder(relativePaths: [String]) -> Bool
    /// Whether a file of such a folder is data to read (the rest is only kept out of the output).
    func isFolderData(relativePath: String) -> Bool
    /// `files` maps paths relative to the folder to their text; `folder` is its site-relative path.
    func readFolder(_ files: [String: String], folder: String, diagnostics: inout Diagnostics) -> MetricSet
}

/// What an importer made of one file.
public enum ImportedMetrics: Sendable {
    /// Series, to which the entry's `select:` and `name:` apply.
    case series(MetricSet)
    /// One evaluation of a model (nil when unreadable, with the reasons reported): the snapshots of one
    /// format on a page are combined into one series per metric.
    case snapshot(MetricSnapshot?)
}

/// How an importer knows a file is its format.
public enum MetricRecognition: Sendable, Hashable {
    /// From the file's name alone (`.yaml`, `.csv`): a generic format, chosen when no importer knows the content.
    case byFileName
    /// From what the file holds (a TensorBoard header, lm-eval's `results`): wins over a name-only match.
    case byContent
}

/// The file name an importer recognizes a file by, split once for all of them.
public struct MetricFileName: Sendable, Hashable {
    /// The last path component, lowercase.
    public let base: String
    /// The text after the last dot of `base`, lowercase; empty when there is none.
    public let fileExtension: String

    public init(_ path: String) {
        let base = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        self.base = base
        fileExtension = base.lastIndex(of: ".").map { String(base[base.index(after: $0)...]) } ?? ""
    }
}

/// The formats a build reads, in the order the docs and the `format:` hint list them. No state: a value
/// passed where it is needed, with the standard list as the default.
public struct MetricImporterRegistry: Sendable {
    public let importers: [any MetricImporter]

    public init(_ importers: [any MetricImporter]) {
        self.importers = importers
    }

    /// Every format this project reads. Adding a format: one line here.
    public static let standard = MetricImporterRegistry([
        CanonicalImporter(),
        CSVImporter(),
        LMEvalImporter(),
        MLflowImporter(),
        TensorBoardImporter(),
        WandbImporter(),
        HFModelCardImporter(),
    ])

    /// The importer `format: <name>` asks for; the file-type words (`yaml`, `json`) still work.
    public func importer(named name: String) -> (any MetricImporter)? {
        let key = name.metricTrimmed().lowercased()
        return importers.first { $0.name == key || $0.aliases.contains(key) }
    }

    /// The importer that reads a file, by its name and the start of its content, so trainers can drop the
    /// files their tools wrote into a project as they are: one that knows the content wins over one that
    /// knows only the name. Nil when no format is the file's (a `.md` without `model-index`, a `.png`),
    /// or, with `byContentOnly`, when only the name matched.
    public func detect(fileName: String, text: String, byContentOnly: Bool = false) -> (any MetricImporter)? {
        let name = MetricFileName(fileName)
        var byName: (any MetricImporter)?
        for importer in importers {
            switch importer.recognition(of: name, text: text) {
            case .byContent: return importer
            case .byFileName: if byName == nil, !byContentOnly { byName = importer }
            case nil: break
            }
        }
        return byName
    }

    /// Whether some tool writes bundle files of this name.
    func claimsToolFile(named name: String) -> Bool {
        let lower = name.lowercased()
        return importers.contains { $0.claimsToolFile(named: lower) }
    }

    var folderImporters: [any MetricFolderImporter] {
        importers.compactMap { $0 as? any MetricFolderImporter }
    }

    /// The importer that reads a folder holding these paths, if any does.
    func folderImporter(relativePaths: [String]) -> (any MetricFolderImporter)? {
        folderImporters.first { $0.readsFolder(relativePaths: relativePaths) }
    }
}
