import PortfolioContent
import PortfolioSupport

/// Reads an lm-evaluation-harness results file: v0.4+ (`"acc,none"` keys, `_stderr` companions that may
/// be `"N/A"`, `groups`, `higher_is_better`) and legacy v0.3 (bare `acc`, `acc_stderr`).
enum LMEvalImporter {
    /// Tasks shown when neither `select:` nor `groups` says which: the first ones, one metric each.
    static let defaultTaskCount = 6
    /// Keys of a task's results that are bookkeeping, not metrics.
    private static let nonMetricKeys: Set<String> = ["alias", "name", "sample_len", "sample_count", "samples", " ", "task", "version"]

    static func snapshot(_ text: String, file: String, diagnostics: inout Diagnostics) -> MetricSnapshot? {
        let root: YAMLNode?
        do {
            root = try YAMLNode.parse(text)
        } catch {
            diagnostics.append(MetricParser.syntaxDiagnostic(error, text: text, file: file))
            return nil
        }
        func location(_ node: YAMLNode) -> SourceLocation {
            SourceLocation(file: file, line: node.mark.line, column: node.mark.column)
        }
        guard let root, case .mapping = root.content else {
            diagnostics.error("metrics.shape", at: SourceLocation(file: file, line: 1, column: 1),
                "This is not an lm-evaluation-harness results file: expected a JSON object with `results`.")
            return nil
        }
        guard let resultsNode = root["results"], case .mapping(let results) = resultsNode.content else {
            diagnostics.error("metrics.shape", at: location(root["results"] ?? root),
                "An lm-evaluation-harness results file needs a `results` object of tasks.",
                hint: "Point at the `results_<date>.json` that `lm_eval --output_path` wrote.")
            return nil
        }

        var snapshot = MetricSnapshot(file: file)
        let config = root["config"]
        let modelArgs = config?["model_args"]?.text ?? root["model_args"]?.text ?? ""
        let arguments = Self.arguments(modelArgs)
        if let revision = arguments["revision"] {
            snapshot.label = revision
            snapshot.step = step(fromRevision: revision)
        }
        snapshot.model = arguments["pretrained"] ?? arguments["model"] ?? root["model_name"]?.text ?? config?["model"]?.text
        if snapshot.step == nil, let step = root["step"]?.text.flatMap(MetricParser.finiteNumber) { snapshot.step = step }

        var groupNames: Set<String> = []
        if case .mapping(let groups)? = root["groups"]?.content {
            for (key, _) in groups { if let name = key.text { groupNames.insert(name) } }
        }
        var directions: [String: [String: Better]] = [:]
        if case .mapping(let higher)? = root["higher_is_better"]?.content {
            for (task, metrics) in higher {
                guard let task = task.text, case .mapping(let metrics) = metrics.content else { continue }
                for (metric, flag) in metrics {
                    guard let metric = metric.text, let flag = flag.bool else { continue }
                    directions[task, default: [:]][metric] = flag ? .higher : .lower
                }
            }
        }

        var taskIndex = 0
        for (taskKey, taskNode) in results {
            guard let task = taskKey.text, case .mapping(let entries) = taskNode.content else { continue }
            let isDefaultTask = groupNames.isEmpty ? taskIndex < defaultTaskCount : groupNames.contains(task)
            taskIndex += 1
            var firstMetricOfTask = true
            for (key, valueNode) in entries {
                guard let metric = key.text, !nonMetricKeys.contains(metric), !isStderr(metric) else { continue }
                guard case .scalar(let scalar) = valueNode.content else { continue }
                let raw = scalar.text
                guard let value = MetricParser.finiteNumber(raw) else {
                    let isBoolean = ["true", "false"].contains(raw) && scalar.isPlain
                    if !ImportedNumber.isMissing(raw), !isBoolean {
                        // A string where a number belongs: left out rather than failing the build, as newer
                        // harness versions may add text fields next to the metrics.
                        diagnostics.warning("metrics.value", at: location(valueNode),
                            "`\(metric)` of task `\(task)` is \(raw), not a number; it is left out.",
                            hint: "lm-evaluation-harness writes metric values as numbers; was the file edited by hand?")
                    }
                    continue
                }
                let (base, filter) = split(metric)
                let stderrKey = filter.map { "\(base)_stderr,\($0)" } ?? "\(base)_stderr"
                let stderr = taskNode[stderrKey]?.text.flatMap(MetricParser.finiteNumber)
                var name = "\(task) \(base)"
                if let filter, filter != "none" { name += " (\(filter))" }
                snapshot.values.append(MetricSnapshot.Value(
                    name: name, group: task, metric: metric, metricBase: base, value: value, stderr: stderr,
                    better: directions[task]?[base] ?? directions[task]?[metric],
                    isDefault: isDefaultTask && (firstMetricOfTask || !groupNames.isEmpty), location: location(valueNode)))
                firstMetricOfTask = false
            }
        }
        if snapshot.values.isEmpty {
            diagnostics.error("metrics.empty", at: location(resultsNode), "The `results` of '\(file)' hold no metric values.")
        }
        return snapshot
    }

    /// `acc,none` -> (`acc`, `none`); legacy `acc` -> (`acc`, nil).
    static func split(_ key: String) -> (base: String, filter: String?) {
        guard let comma = key.firstIndex(of: ",") else { return (key, nil) }
        return (String(key[..<comma]), String(key[key.index(after: comma)...]))
    }

    static func isStderr(_ key: String) -> Bool {
        split(key).base.hasSuffix("_stderr")
    }

    /// `pretrained=EleutherAI/pythia-160m,revision=step143000` as a dictionary.
    static func arguments(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for part in text.split(separator: ",") {
            guard let equals = part.firstIndex(of: "=") else { continue }
            result[String(part[..<equals]).metricTrimmed()] = String(part[part.index(after: equals)...]).metricTrimmed()
        }
        return result
    }

    /// `step143000`, `checkpoint-500`, `global_step500` -> the number; nil for a revision that is not a step.
    static func step(fromRevision revision: String) -> Double? {
        let digits = revision.reversed().prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return nil }
        let prefix = revision.dropLast(digits.count).lowercased()
        guard prefix.isEmpty || prefix.hasSuffix("step") || prefix.hasSuffix("step-") || prefix.hasSuffix("step_")
            || prefix.hasSuffix("checkpoint-") || prefix.hasSuffix("checkpoint_") || prefix.hasSuffix("ckpt")
            || prefix.hasSuffix("ckpt-") || prefix.hasSuffix("ckpt_")
        else { return nil }
        return Double(String(digits.reversed()))
    }
}
