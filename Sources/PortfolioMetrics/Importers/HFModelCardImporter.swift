import Foundation
import PortfolioContent
import PortfolioSupport

/// Reads the `model-index` of a Hugging Face model card (a README's YAML front matter), and the legacy
/// `model_index` with a singular `metric:` that old Trainer versions wrote.
public struct HFModelCardImporter: MetricImporter {
    public init() {}

    public var name: String { "hf-model-card" }
    public var aliases: Set<String> { ["hf", "huggingface", "hugging-face", "model-card", "model-index"] }

    /// Front matter with `model-index:`, in a Markdown file or one saved under another extension (a
    /// model card built as a page would lose its `metrics:`); never in a `.json`, `.yaml` or `.csv`.
    public func recognition(of file: MetricFileName, text: String) -> MetricRecognition? {
        guard !["json", "yaml", "yml", "csv"].contains(file.fileExtension) else { return nil }
        return Self.isModelCard(text) ? .byContent : nil
    }

    public func read(_ text: String, file: String, diagnostics: inout Diagnostics) -> ImportedMetrics {
        .snapshot(Self.snapshot(text, file: file, diagnostics: &diagnostics))
    }

    static func snapshot(_ text: String, file: String, diagnostics: inout Diagnostics) -> MetricSnapshot? {
        guard let card = modelIndex(text, file: file, diagnostics: &diagnostics) else { return nil }
        guard case .sequence(let models) = card.index.content else {
            diagnostics.error("metrics.shape", at: card.location(card.index),
                "`model-index` should be a list of models with `name:` and `results:`.")
            return nil
        }
        var snapshot = MetricSnapshot(file: file)
        for model in models {
            snapshot.model = snapshot.model ?? model["name"]?.text
            guard case .sequence(let results)? = model["results"]?.content else {
                diagnostics.error("metrics.shape", at: card.location(model["results"] ?? model),
                    "Each model of `model-index` needs `results:`, a list of task/dataset/metrics entries.")
                continue
            }
            for result in results {
                add(result, of: card, to: &snapshot, diagnostics: &diagnostics)
            }
        }
        snapshot.label = snapshot.model
        if snapshot.values.isEmpty, !diagnostics.hasErrors {
            diagnostics.error("metrics.empty", at: card.location(card.index), "The `model-index` of '\(file)' holds no metric values.")
        }
        return snapshot
    }

    /// The `model-index` node of a card, and where its front matter sits in the file for diagnostics.
    private struct ModelIndex {
        var index: YAMLNode
        var file: String
        /// Lines of the file above the front matter's first line.
        var offset: Int

        func location(_ node: YAMLNode) -> SourceLocation {
            SourceLocation(file: file, line: node.mark.line + offset, column: node.mark.column)
        }
    }

    /// The card's front matter parsed, and its `model-index` (or legacy `model_index`); nil after reporting why not.
    private static func modelIndex(_ text: String, file: String, diagnostics: inout Diagnostics) -> ModelIndex? {
        var splitting = Diagnostics()
        let document = FrontMatterSplitter.split(FrontMatterSplitter.normalizedSource(text), file: file, diagnostics: &splitting)
        guard let yaml = document.frontMatter else {
            diagnostics.error("metrics.shape", at: SourceLocation(file: file, line: 1, column: 1),
                "This model card has no YAML front matter, so no `model-index`.",
                hint: "A model card starts with `---`, then YAML with `model-index:`, then `---`.")
            return nil
        }
        let offset = document.frontMatterFirstLine - 1
        let root: YAMLNode?
        do {
            root = try YAMLNode.parse(yaml)
        } catch {
            var diagnostic = MetricParser.syntaxDiagnostic(error, text: yaml, file: file)
            if diagnostic.line > 0 { diagnostic.line += offset }
            diagnostics.append(diagnostic)
            return nil
        }
        guard let root, let index = root["model-index"] ?? root["model_index"] else {
            diagnostics.error("metrics.shape", at: SourceLocation(file: file, line: document.frontMatterFirstLine, column: 1),
                "This model card's front matter has no `model-index`.",
                hint: "Add the evaluation results under `model-index:` (the Hub's card editor writes it), or point at another file.")
            return nil
        }
        return ModelIndex(index: index, file: file, offset: offset)
    }

    /// The metric values of one task/dataset result, named `<metric> (<dataset>)` and kept unique.
    private static func add(_ result: YAMLNode, of card: ModelIndex, to snapshot: inout MetricSnapshot, diagnostics: inout Diagnostics) {
        let dataset = result["dataset"]
        let datasetName = dataset?["name"]?.text ?? dataset?["type"]?.text ?? result["task"]?["name"]?.text ?? "results"
        var metrics: [YAMLNode] = []
        if case .sequence(let list)? = result["metrics"]?.content {
            metrics = list
        } else if let single = result["metric"] {
            metrics = [single]  // legacy model_index
        } else {
            diagnostics.error("metrics.shape", at: card.location(result), "This result has no `metrics:` list.")
        }
        for metric in metrics {
            guard let valueNode = metric["value"] else {
                diagnostics.error("metrics.value", at: card.location(metric), "This metric of `\(datasetName)` has no `value:`.")
                continue
            }
            guard let raw = valueNode.text, let (value, stderr) = parseValue(raw) else {
                diagnostics.error("metrics.value", at: card.location(valueNode),
                    "`value: \(valueNode.text ?? "?")` is not a number.",
                    hint: "Write a number such as 0.91, or a value with its error such as \"20.0 ± 1.2\".")
                continue
            }
            let type = metric["type"]?.text ?? metric["name"]?.text ?? "metric"
            let shown = metric["name"]?.text ?? type
            let name = uniqueName(shown: shown, datasetName: datasetName, dataset: dataset, in: snapshot)
            snapshot.values.append(MetricSnapshot.Value(
                name: name, group: datasetName, metric: type, metricBase: shown, value: value, stderr: stderr,
                better: nil, isDefault: true, location: card.location(valueNode)))
        }
    }

    /// `<metric> (<dataset>)`; when taken, with the dataset's config and split, then a counter.
    private static func uniqueName(shown: String, datasetName: String, dataset: YAMLNode?, in snapshot: MetricSnapshot) -> String {
        var name = "\(shown) (\(datasetName))"
        if snapshot.values.contains(where: { $0.name == name }) {
            let split = [dataset?["config"]?.text, dataset?["split"]?.text].compactMap { $0 }.joined(separator: " ")
            name = "\(shown) (\(datasetName)\(split.isEmpty ? "" : ", " + split))"
        }
        var unique = name, counter = 2
        while snapshot.values.contains(where: { $0.name == unique }) {
            unique = "\(name) \(counter)"
            counter += 1
        }
        return unique
    }

    /// Front matter holding `model-index:` (or the legacy `model_index:`) at its top level.
    static func isModelCard(_ text: String) -> Bool {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).makeIterator()
        guard let first = lines.next(), String(first).metricTrimmed() == "---" else { return false }
        while let line = lines.next() {
            let trimmed = String(line).metricTrimmed()
            if trimmed == "---" || trimmed == "..." { return false }
            if line.hasPrefix("model-index:") || line.hasPrefix("model_index:") { return true }
        }
        return false
    }

    /// `0.91`, `"91.0%"`, `"20.0 ± 1.2"`, `"20.0 +/- 1.2"` -> value and stderr.
    static func parseValue(_ raw: String) -> (Double, Double?)? {
        var text = raw.metricTrimmed()
        var stderr: Double?
        for separator in ["±", "+/-", "+-"] {
            let parts = text.components(separatedBy: separator)
            guard parts.count > 1 else { continue }
            guard parts.count == 2, let parsed = MetricParser.finiteNumber(parts[1].metricTrimmed().replacingPercent()) else { return nil }
            stderr = parsed
            text = parts[0].metricTrimmed()
            break
        }
        guard let value = MetricParser.finiteNumber(text.replacingPercent()) else { return nil }
        return (value, stderr)
    }
}

extension String {
    fileprivate func replacingPercent() -> String {
        hasSuffix("%") ? String(dropLast()).metricTrimmed() : self
    }
}

extension MetricImporter where Self == HFModelCardImporter {
    public static var hfModelCard: HFModelCardImporter { HFModelCardImporter() }
}
