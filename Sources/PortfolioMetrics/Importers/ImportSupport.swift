import PortfolioSupport

/// Numbers as the tools write them.
enum ImportedNumber {
    /// What the tools write for a value that was not measured: skipped, not an error.
    static func isMissing(_ raw: String) -> Bool {
        switch raw.metricTrimmed().lowercased() {
        case "", "nan", "-nan", "n/a", "na", "none", "null", "inf", "-inf", "+inf", "infinity", "-infinity": true
        default: false
        }
    }
}

/// Units the importers infer: the tools write no unit, but accuracy-like metrics between 0 and 1 are
/// fractions (shown as percentages) and the same metrics between 1 and 100 are percentages.
enum ImportedUnit {
    private static let proportionWords: Set<String> = [
        "acc", "accuracy", "f1", "precision", "recall", "exact", "em", "match", "mc1", "mc2", "win", "winrate", "auc",
        "roc", "pass", "pct", "ratio", "fraction", "bleurt", "correct", "top1", "top5", "iou", "map", "mcc",
    ]
    private static let notProportionWords: Set<String> = [
        "loss", "perplexity", "ppl", "bits", "byte", "likelihood", "difference", "entropy", "reward", "runtime", "time",
        "tokens", "length", "len", "norm_grad", "grad", "lr", "kl", "bleu", "rouge", "chrf",
    ]

    static func guess(name: String, values: [Double]) -> MetricUnit {
        let words = name.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
        let looksProportion = words.contains { word in
            proportionWords.contains(word) || word.hasPrefix("acc") || word.hasPrefix("pass")
        } && !words.contains(where: notProportionWords.contains)
        guard looksProportion, !values.isEmpty else { return .score }
        if values.allSatisfy({ (0...1).contains($0) }) { return .fraction }
        if values.allSatisfy({ (0...100).contains($0) }) { return .percent }
        return .score
    }
}

/// Logged points put in training order: the tools append as they log, so a resumed run can repeat or
/// go back over steps. The last value logged for a step wins, as it does in the tools' own charts.
enum ImportedPoints {
    static func ordered(_ points: [MetricPoint]) -> [MetricPoint] {
        guard points.contains(where: { $0.step != nil }) else { return points }
        var latest: [Double: Int] = [:]
        for (index, point) in points.enumerated() {
            if let step = point.step { latest[step] = index }
        }
        let kept = points.enumerated().filter { $0.element.step == nil || latest[$0.element.step!] == $0.offset }
        return kept.sorted { ($0.element.step ?? -.infinity, $0.offset) < ($1.element.step ?? -.infinity, $1.offset) }.map(\.element)
    }
}

/// `select:` and `name:` of a front matter entry applied to what a file gave, and the cap on wide files.
enum MetricSelection {
    /// A wide export (a W&B history with 70 columns) shows this many series unless `select:` says otherwise.
    static let defaultLimit = 12

    /// `limit` is the importer's `defaultSeriesLimit`, which applies when the entry has no `select:`.
    static func apply(_ options: MetricImportOptions, to set: MetricSet, limit: Int?, diagnostics: inout Diagnostics) -> MetricSet {
        var set = set
        let file = set.series.first?.location.file ?? ""
        let at = options.location ?? SourceLocation(file: file)
        if !options.select.isEmpty {
            var kept: [MetricSeries] = []
            for pattern in options.select {
                let found = set.series.filter { matches(pattern, $0.name) && !kept.contains($0) }
                if found.isEmpty {
                    diagnostics.error("metrics.select", at: at, "`select: \(pattern)` matches no metric of '\(file)'.",
                        hint: "Metrics in the file: " + list(set.series.map(\.name)))
                }
                kept += found
            }
            set.series = kept
        } else if let limit, set.series.count > limit {
            diagnostics.warning("metrics.truncated", at: at,
                "'\(file)' has \(set.series.count) metrics; only the first \(limit) are shown.",
                hint: "Add `select:` to the entry with the metrics to show, e.g. `select: [\"eval/*\"]`.")
            set.series = Array(set.series.prefix(limit))
        }
        if let name = options.name {
            if set.series.count == 1 {
                set.series[0].name = name
            } else if !set.series.isEmpty {
                diagnostics.warning("metrics.name", at: at,
                    "`name: \(name)` is ignored: '\(file)' gave \(set.series.count) metrics, not one.",
                    hint: "Use `select:` to keep a single metric, or remove `name:`.")
            }
        }
        return set
    }

    /// Case-insensitive equality, where `*` in the pattern stands for any text.
    static func matches(_ pattern: String, _ name: String) -> Bool {
        let pattern = Array(pattern.metricTrimmed().lowercased()), name = Array(name.lowercased())
        var memo: [Int: Bool] = [:]
        func match(_ p: Int, _ n: Int) -> Bool {
            let key = p * (name.count + 1) + n
            if let known = memo[key] { return known }
            let result: Bool
            if p == pattern.count {
                result = n == name.count
            } else if pattern[p] == "*" {
                result = match(p + 1, n) || (n < name.count && match(p, n + 1))
            } else {
                result = n < name.count && pattern[p] == name[n] && match(p + 1, n + 1)
            }
            memo[key] = result
            return result
        }
        return match(0, 0)
    }

    static func list(_ names: [String], limit: Int = 8) -> String {
        let shown = names.prefix(limit).map { "`\($0)`" }.joined(separator: ", ")
        return names.count > limit ? shown + " and \(names.count - limit) more" : shown
    }
}
