import Foundation
import PortfolioContent
import PortfolioSupport

/// Reads the `model-index` of a Hugging Face model card (a README's YAML front matter), and the legacy
/// `model_index` with a singular `metric:` that old Trainer versions wrote.
enum HFModelCardImporter {
    static func snapshot(_ text: String, file: String, diagnostics: inout Diagnostics) -> MetricSnapshot? {
        var splitting = Diagnostics()
        let document = FrontMatterSplitter.split(FrontMatterSplitter.normalizedSource(text), file: file, diagnostics: &splitting)
        guard let yaml = document.frontMatter else {
            diagnostics.error("metrics.shape", at: SourceLocation(file: file, line: 1, column: 1),
                "This model card has no YAML front matter, so no `model-index`.",
                hint: "A model card starts with `---`, then YAML with `model-index:`, then `---`.")
            return nil
        }
        let offset = document.frontMatterFirstLine - 1
        func location(_ node: YAMLNode) -> SourceLocation {
            SourceLocation(file: file, line: node.mark.line + offset, column: node.mark.column)
        }
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
        guard case .sequence(let models) = index.content else {
            diagnostics.error("metrics.shape", at: location(index), "`model-index` should be a list of models with `name:` and `results:`.")
            return nil
        }

        var snapshot = MetricSnapshot(file: file)
        for model in models {
            let modelName = model["name"]?.text
            snapshot.model = snapshot.model ?? modelName
            guard case .sequence(let results)? = model["results"]?.content else {
                diagnostics.error("metrics.shape", at: location(model["results"] ?? model),
                    "Each model of `model-index` needs `results:`, a list of task/dataset/metrics entries.")
                continue
            }
            for result in results {
                let dataset = result["dataset"]
                let datasetName = dataset?["name"]?.text ?? dataset?["type"]?.text ?? result["task"]?["name"]?.text ?? "results"
                var metrics: [YAMLNode] = []
                if case .sequence(let list)? = result["metrics"]?.content {
                    metrics = list
                } else if let single = result["metric"] {
                    metrics = [single]  // legacy model_index
                } else {
                    diagnostics.error("metrics.shape", at: location(result), "This result has no `metrics:` list.")
                }
                for metric in metrics {
                    guard let valueNode = metric["value"] else {
                        diagnostics.error("metrics.value", at: location(metric), "This metric of `\(datasetName)` has no `value:`.")
                        continue
                    }
                    guard let raw = valueNode.text, let (value, stderr) = parseValue(raw) else {
                        diagnostics.error("metrics.value", at: location(valueNode),
                            "`value: \(valueNode.text ?? "?")` is not a number.",
                            hint: "Write a number such as 0.91, or a value with its error such as \"20.0 ± 1.2\".")
                        continue
                    }
                    let type = metric["type"]?.text ?? metric["name"]?.text ?? "metric"
                    let shown = metric["name"]?.text ?? type
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
                    snapshot.values.append(MetricSnapshot.Value(
                        name: unique, group: datasetName, metric: type, metricBase: shown, value: value, stderr: stderr,
                        better: nil, isDefault: true, location: location(valueNode)))
                }
            }
        }
        snapshot.label = snapshot.model
        if snapshot.values.isEmpty, !diagnostics.hasErrors {
            diagnostics.error("metrics.empty", at: location(index), "The `model-index` of '\(file)' holds no metric values.")
        }
        return snapshot
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
