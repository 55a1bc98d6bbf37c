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

    /// Read as libyaml's events come; a file with anchors or aliases is read again as a tree.
    public func read(_ text: String, file: String, diagnostics: inout Diagnostics) -> ImportedMetrics {
        let read: (set: MetricSet?, found: Diagnostics)
        do throws(YAMLStreamEvents.Failure) {
            read = try YAMLStreamEvents.reading(text) { events throws(YAMLStreamEvents.Failure) in
                var reader = CanonicalReader(events, file: file, lineOffset: 0)
                return (try reader.document(), reader.diagnostics)
            }
        } catch {
            switch error {
            case .syntax(let error):
                diagnostics.append(MetricParser.syntaxDiagnostic(error, text: text, file: file))
                return .series(MetricSet())
            case .needsTree:
                return readThroughTree(text, file: file, diagnostics: &diagnostics)
            }
        }
        return finish(read, file: file, diagnostics: &diagnostics)
    }

    /// The file as a tree, its aliases resolved: what `read` does for any file, at more cost.
    package func readThroughTree(_ text: String, file: String, diagnostics: inout Diagnostics) -> ImportedMetrics {
        let root: YAMLNode?
        do {
            root = try YAMLNode.parse(text)
        } catch {
            diagnostics.append(MetricParser.syntaxDiagnostic(error, text: text, file: file))
            return .series(MetricSet())
        }
        var reader = CanonicalReader(YAMLNodeEvents(root), file: file, lineOffset: 0)
        return finish((reader.document(), reader.diagnostics), file: file, diagnostics: &diagnostics)
    }

    private func finish(_ read: (set: MetricSet?, found: Diagnostics), file: String, diagnostics: inout Diagnostics) -> ImportedMetrics {
        guard let set = read.set else {
            diagnostics.error("metrics.empty", at: SourceLocation(file: file, line: 1, column: 1), "The metric file is empty.",
                hint: "Write `metrics:` followed by a list of metrics, each with a name and points.")
            return .series(MetricSet())
        }
        diagnostics.append(contentsOf: read.found)
        return .series(set)
    }
}

extension MetricImporter where Self == CanonicalImporter {
    public static var canonical: CanonicalImporter { CanonicalImporter() }
}
