import PortfolioContent
import PortfolioSupport

/// Reads an lm-evaluation-harness results file: v0.4+ (`"acc,none"` keys, `_stderr` companions that may
/// be `"N/A"`, `groups`, `higher_is_better`) and legacy v0.3 (bare `acc`, `acc_stderr`).
public struct LMEvalImporter: MetricImporter {
    /// Tasks shown when neither `select:` nor `groups` says which: the first ones, one metric each.
    static let defaultTaskCount = 6
    /// Keys of a task's results that are bookkeeping, not metrics.
    private static let nonMetricKeys: Set<String> = ["alias", "name", "sample_len", "sample_count", "samples", " ", "task", "version"]

    public init() {}

    public var name: String { "lm-eval" }
    public var aliases: Set<String> { ["lm_eval", "lmeval", "lm-evaluation-harness", "lm-eval-harness"] }

    /// A `.json` with a `"results":` key and no `"metrics":` key: our own JSON has no such key, lm-eval's always has.
    public func recognition(of file: MetricFileName, text: String) -> MetricRecognition? {
        file.fileExtension == "json" && Self.hasJSONKey("results", in: text) && !Self.hasJSONKey("metrics", in: text) ? .byContent : nil
    }

    /// `results*.json`, as `lm_eval --output_path` names them.
    public func claimsToolFile(named lowercased: String) -> Bool {
        lowercased.hasPrefix("results") && lowercased.hasSuffix(".json")
    }

    public func read(_ text: String, file: String, diagnostics: inout Diagnostics) -> ImportedMetrics {
        .snapshot(Self.snapshot(text, file: file, diagnostics: &diagnostics))
    }

    static func snapshot(_ text: String, file: String, diagnostics: inout Diagnostics) -> MetricSnapshot? {
        let root: YAMLNode?
        do {
            root = try YAMLNode.parse(text)
        } catch {
            diagnostics.append(MetricParser.syntaxDiagnostic(error, text: text, file: file))
            return nil
        }
        guard let root, case .mapping = root.content else {
            diagnostics.error("metrics.shape", at: SourceLocation(file: file, line: 1, column: 1),
                "This is not an lm-evaluation-harness results file: expected a JSON object with `results`.")
            return nil
        }
        guard let resultsNode = root["results"], case .mapping(let results) = resultsNode.content else {
            diagnostics.error("metrics.shape", at: location(root["results"] ?? root, in: file),
                "An lm-evaluation-harness results file needs a `results` object of tasks.",
                hint: "Point at the `results_<date>.json` that `lm_eval --output_path` wrote.")
            return nil
        }
        var snapshot = checkpoint(of: root, file: file)
        let tasks = TaskContext(groups: groupNames(in: root), directions: directions(in: root), file: file)
        var taskIndex = 0
        for (taskKey, taskNode) in results {
            guard let task = taskKey.text, case .mapping(let entries) = taskNode.content else { continue }
            let isDefaultTask = tasks.groups.isEmpty ? taskIndex < defaultTaskCount : tasks.groups.contains(task)
            taskIndex += 1
            snapshot.values += values(of: task, entries, node: taskNode, isDefault: isDefaultTask, tasks, diagnostics: &diagnostics)
        }
        if snapshot.values.isEmpty {
            diagnostics.error("metrics.empty", at: location(resultsNode, in: file), "The `results` of '\(file)' hold no metric values.")
        }
        return snapshot
    }

    /// What the whole file says about every task: its groups, which way each metric is better, its path.
    private struct TaskContext {
        var groups: Set<String>
        var directions: [String: [String: Better]]
        var file: String
    }

    private static func location(_ node: YAMLNode, in file: String) -> SourceLocation {
        SourceLocation(file: file, line: node.mark.line, column: node.mark.column)
    }

    /// The model evaluated and, from the revision in its arguments (or a `step` key), the checkpoint.
    private static func checkpoint(of root: YAMLNode, file: String) -> MetricSnapshot {
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
        return snapshot
    }

    /// The tasks named under `groups`, which are the ones shown by default when there are any.
    private static func groupNames(in root: YAMLNode) -> Set<String> {
        var names: Set<String> = []
        if case .mapping(let groups)? = root["groups"]?.content {
            for (key, _) in groups { if let name = key.text { names.insert(name) } }
        }
        return names
    }

    /// `higher_is_better` by task and metric.
    private static func directions(in root: YAMLNode) -> [String: [String: Better]] {
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
        return directions
    }

    /// The metric values of one task, each with the stderr written beside it.
    private static func values(
        of task: String, _ entries: [(key: YAMLNode, value: YAMLNode)], node taskNode: YAMLNode, isDefault isDefaultTask: Bool, _ tasks: TaskContext,
        diagnostics: inout Diagnostics
    ) -> [MetricSnapshot.Value] {
        var values: [MetricSnapshot.Value] = []
        for (key, valueNode) in entries {
            guard let metric = key.text, !nonMetricKeys.contains(metric), !isStderr(metric) else { continue }
            guard case .scalar(let scalar) = valueNode.content else { continue }
            guard let value = number(scalar, metric: metric, task: task, node: valueNode, file: tasks.file, diagnostics: &diagnostics) else {
                continue
            }
            let (base, filter) = split(metric)
            let stderrKey = filter.map { "\(base)_stderr,\($0)" } ?? "\(base)_stderr"
            let stderr = taskNode[stderrKey]?.text.flatMap(MetricParser.finiteNumber)
            var name = "\(task) \(base)"
            if let filter, filter != "none" { name += " (\(filter))" }
            values.append(MetricSnapshot.Value(
                name: name, group: task, metric: metric, metricBase: base, value: value, stderr: stderr,
                better: tasks.directions[task]?[base] ?? tasks.directions[task]?[metric],
                isDefault: isDefaultTask && (values.isEmpty || !tasks.groups.isEmpty), location: location(valueNode, in: tasks.file)))
        }
        return values
    }

    /// The number a metric's scalar holds; nil, with a warning unless it is a missing value or a flag, when it holds none.
    private static func number(
        _ scalar: YAMLNode.Scalar, metric: String, task: String, node: YAMLNode, file: String, diagnostics: inout Diagnostics
    ) -> Double? {
        let raw = scalar.text
        if let value = MetricParser.finiteNumber(raw) { return value }
        let isBoolean = ["true", "false"].contains(raw) && scalar.isPlain
        if !ImportedNumber.isMissing(raw), !isBoolean {
            // A string where a number belongs: left out rather than failing the build, as newer
            // harness versions may add text fields next to the metrics.
            diagnostics.warning("metrics.value", at: location(node, in: file),
                "`\(metric)` of task `\(task)` is \(raw), not a number; it is left out.",
                hint: "lm-evaluation-harness writes metric values as numbers; was the file edited by hand?")
        }
        return nil
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

    /// `"key":` anywhere in the first 4 MiB of a JSON text.
    static func hasJSONKey(_ key: String, in text: String) -> Bool {
        let quoted = Array("\"\(key)\"".utf8)
        let bytes = Array(text.utf8.prefix(4 * 1024 * 1024))
        var index = 0
        while index + quoted.count <= bytes.count {
            if bytes[index] == quoted[0], Array(bytes[index..<index + quoted.count]) == quoted {
                var after = index + quoted.count
                while after < bytes.count, bytes[after] == 32 || bytes[after] == 9 || bytes[after] == 10 || bytes[after] == 13 { after += 1 }
                if after < bytes.count, bytes[after] == UInt8(ascii: ":") { return true }
            }
            index += 1
        }
        return false
    }
}

extension MetricImporter where Self == LMEvalImporter {
    public static var lmEval: LMEvalImporter { LMEvalImporter() }
}
