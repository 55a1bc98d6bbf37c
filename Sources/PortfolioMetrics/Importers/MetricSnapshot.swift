import PortfolioSupport

/// One evaluation of one model, as an lm-eval results file or a model card holds it: a value per metric.
/// Several snapshots of the same model (before/after, checkpoints) become one series per metric.
public struct MetricSnapshot: Sendable {
    /// One measured value, named by its group (lm-eval task, model-card dataset) and metric.
    struct Value: Sendable {
        /// The series name, e.g. `arc_easy acc`.
        var name: String
        var group: String
        /// The metric as `select:` may name it: `acc`, or `acc,none` with its filter.
        var metric: String
        var metricBase: String
        var value: Double
        var stderr: Double?
        var better: Better?
        /// Shown when the entry has no `select:`.
        var isDefault: Bool
        var location: SourceLocation
    }

    var file: String
    /// The checkpoint, when the file says (`revision=step143000` -> 143000).
    var step: Double?
    /// What the point is called on the chart: the revision, the model name, else the file name.
    var label: String?
    var model: String?
    var values: [Value] = []

    /// The file name without folder and extension: the label of last resort.
    var fileStem: String {
        let base = file.split(separator: "/").last.map(String.init) ?? file
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return base }
        return String(base[..<dot])
    }

    /// Orders the snapshots (by step when every one has a step, else as listed), keeps the selected
    /// metrics and makes one series per metric with one point per snapshot.
    static func combine(_ snapshots: [MetricSnapshot], options: MetricImportOptions, diagnostics: inout Diagnostics) -> MetricSet {
        guard !snapshots.isEmpty else { return MetricSet() }
        let byStep = snapshots.allSatisfy { $0.step != nil }
        let ordered = byStep
            ? snapshots.enumerated().sorted { ($0.element.step!, $0.offset) < ($1.element.step!, $1.offset) }.map(\.element)
            : snapshots
        let labels = ordered.map { $0.label ?? $0.fileStem }

        // Series in the order the first file lists them, then any only later files have.
        var names: [String] = []
        var first: [String: Value] = [:]
        for snapshot in ordered {
            for value in snapshot.values where first[value.name] == nil {
                first[value.name] = value
                names.append(value.name)
            }
        }
        let chosen = selection(names.compactMap { first[$0] }, options: options, file: snapshots[0].file, diagnostics: &diagnostics)

        var set = MetricSet()
        set.model = ordered.last?.model ?? ordered.first?.model
        if ordered.count > 1 {
            set.baseline = labels[0]
            if ordered.allSatisfy({ $0.model == ordered[0].model }) {
                set.model = ordered[0].model ?? labels.last
            } else {
                // Different models compared (base vs fine-tuned card): the points are named after them.
                set.model = labels.last
            }
        }
        for head in chosen {
            var points: [MetricPoint] = []
            var better = head.better
            for (index, snapshot) in ordered.enumerated() {
                guard let value = snapshot.values.first(where: { $0.name == head.name }) else { continue }
                better = better ?? value.better
                let step: Double? = byStep ? snapshot.step : (ordered.count > 1 ? Double(index) : nil)
                points.append(MetricPoint(step: step, label: labels[index], value: value.value, stderr: value.stderr, location: value.location))
            }
            set.series.append(MetricSeries(
                name: head.name, unit: ImportedUnit.guess(name: head.metricBase, values: points.map(\.value)), better: better,
                points: points, location: head.location))
        }
        if let name = options.name {
            diagnostics.warning("metrics.name", at: options.location ?? SourceLocation(file: snapshots[0].file),
                "`name: \(name)` is ignored for evaluation results, which name each metric after its task.",
                hint: "Use `select:` to choose the metrics shown.")
        }
        return set
    }

    /// The values `select:` names (a group, `group/metric`, or a series name; `*` matches any text), else
    /// those the importer marked as the default.
    private static func selection(_ values: [Value], options: MetricImportOptions, file: String, diagnostics: inout Diagnostics) -> [Value] {
        guard !options.select.isEmpty else { return values.filter(\.isDefault) }
        var kept: [Value] = []
        var keptNames: Set<String> = []
        for pattern in options.select {
            let matches = values.filter { value in
                guard !keptNames.contains(value.name) else { return false }
                if MetricSelection.matches(pattern, value.name) || MetricSelection.matches(pattern, value.group) { return true }
                guard let slash = pattern.lastIndex(of: "/") else { return false }
                let group = String(pattern[..<slash]), metric = String(pattern[pattern.index(after: slash)...])
                return MetricSelection.matches(group, value.group)
                    && (MetricSelection.matches(metric, value.metric) || MetricSelection.matches(metric, value.metricBase))
            }
            if matches.isEmpty {
                var groups: [String] = []
                for value in values where !groups.contains(value.group) { groups.append(value.group) }
                diagnostics.error("metrics.select", at: options.location ?? SourceLocation(file: file),
                    "`select: \(pattern)` matches no task or metric of '\(file)'.",
                    hint: "Write a task name or `task/metric`; tasks in the file: " + MetricSelection.list(groups))
            }
            for value in matches {
                kept.append(value)
                keptNames.insert(value.name)
            }
        }
        return kept
    }
}
