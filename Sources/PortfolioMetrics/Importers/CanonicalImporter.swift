import PortfolioContent
import PortfolioSupport

/// Our own format, in YAML or JSON (the same shape): the one `portfolio init` writes.
public struct CanonicalImporter: MetricImporter {
    public init() {}

    public var name: String { "canonical" }
    public var aliases: Set<String> { ["yaml", "yml", "json", "portfolio"] }

    /// Any `.yaml`, `.yml` or `.json` that no tool's importer claims by its content.
    public func recognition(of file: MetricFileName, text: String) -> MetricRecognition? {
        ["yaml", "yml", "json"].contains(file.fileExtension) ? .byFileName : nil
    }

    public func read(_ text: String, file: String, diagnostics: inout Diagnostics) -> ImportedMetrics {
        let root: YAMLNode?
        do {
            root = try YAMLNode.parse(text)
        } catch {
            diagnostics.append(MetricParser.syntaxDiagnostic(error, text: text, file: file))
            return .series(MetricSet())
        }
        guard let root else {
            diagnostics.error("metrics.empty", at: SourceLocation(file: file, line: 1, column: 1), "The metric file is empty.",
                hint: "Write `metrics:` followed by a list of metrics, each with a name and points.")
            return .series(MetricSet())
        }
        var reader = CanonicalReader(file: file, lineOffset: 0)
        let set = reader.set(from: root)
        diagnostics.append(contentsOf: reader.diagnostics)
        return .series(set)
    }
}

extension MetricImporter where Self == CanonicalImporter {
    public static var canonical: CanonicalImporter { CanonicalImporter() }
}
