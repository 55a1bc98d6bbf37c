import PortfolioSupport

/// The rules a metric set must follow before it reaches a page; parsing has already reported what it
/// could not read, this reports what it read but cannot be right.
public enum MetricValidator {
    public static func validate(_ set: MetricSet, diagnostics: inout Diagnostics) {
        for series in set.series { validate(series, diagnostics: &diagnostics) }
    }

    static func validate(_ series: MetricSeries, diagnostics: inout Diagnostics) {
        let name = series.name.metricTrimmed()
        if name.isEmpty {
            diagnostics.error("metrics.name", at: series.location, "This metric has no name.",
                hint: "Add e.g. `name: pass@1 (HumanEval)`.")
        }
        let shown = name.isEmpty ? "this metric" : "`\(name)`"
        guard !series.points.isEmpty else {
            diagnostics.error("metrics.points", at: series.location, "\(shown.capitalizedFirst) has no points.",
                hint: "Add `points:` with at least two `{ step, value }` entries.")
            return
        }
        if series.points.count == 1 {
            diagnostics.warning("metrics.single-point", at: series.points[0].location,
                "\(shown.capitalizedFirst) has a single point, so there is no change to show.",
                hint: "Add the baseline value as a first point.")
        }
        if series.effectiveBetter == nil {
            diagnostics.warning("metrics.direction-unknown", at: series.location,
                "Cannot tell whether \(shown) is better higher or lower, so no improvement is claimed.",
                hint: "Add `better: higher` or `better: lower`.")
        }
        if let target = series.target, let range = allowedRange(series.unit), !range.contains(target) {
            diagnostics.error("metrics.range", at: series.location,
                "The target \(DisplayNumber.significant(target, digits: 6)) of \(shown) is outside \(rangeText(series.unit)).",
                hint: rangeHint(series.unit))
        }
        var seen: [Double: SourceLocation] = [:]
        var previous: Double?
        for point in series.points {
            if let range = allowedRange(series.unit), !range.contains(point.value) {
                // A percent past 100 is only a warning for metrics that may pass it (`% of baseline`); an
                // accuracy or a win rate cannot, so there it is an error. A fraction past 1 is almost
                // always a percent written in the wrong unit.
                let impossible = series.unit == .fraction || (point.value > 100 && isBoundedShare(name))
                diagnostics.append(Diagnostic(
                    impossible ? .error : .warning, "metrics.range", at: point.location,
                    impossible && series.unit == .percent
                        ? "The value \(DisplayNumber.significant(point.value, digits: 6)) of \(shown) is above 100%, which a metric of this kind cannot exceed."
                        : "The value \(DisplayNumber.significant(point.value, digits: 6)) of \(shown) is outside \(rangeText(series.unit)).",
                    hint: rangeHint(series.unit)))
            }
            if let stderr = point.stderr, stderr < 0 {
                diagnostics.error("metrics.value", at: point.location,
                    "The stderr \(DisplayNumber.significant(stderr, digits: 6)) is negative.", hint: "A standard error is 0 or more.")
            }
            guard let step = point.step else { continue }
            if let earlier = seen[step] {
                diagnostics.error("metrics.duplicate-step", at: point.location,
                    "Step \(DisplayNumber.significant(step, digits: 12)) of \(shown) appears twice (first at line \(earlier.line)).",
                    hint: "Give each point its own step.")
            } else if let previous, step < previous {
                diagnostics.error("metrics.step-order", at: point.location,
                    "Step \(DisplayNumber.significant(step, digits: 12)) of \(shown) comes after step \(DisplayNumber.significant(previous, digits: 12)); steps must increase.",
                    hint: "List the points in training order.")
            }
            seen[step] = seen[step] ?? point.location
            previous = Swift.max(previous ?? step, step)
        }
    }

    /// Words of metric names that measure a share of cases (accuracy, pass@k, win rate, F1, precision,
    /// recall, exact match, agreement): such a metric cannot exceed 100%, whatever the source says.
    private static let boundedShareNames: [[String]] = [
        ["accuracy"], ["acc"], ["win", "rate"], ["winrate"], ["f1"], ["precision"], ["recall"],
        ["exact", "match"], ["em"], ["agreement"],
    ]

    static func isBoundedShare(_ name: String) -> Bool {
        let words = MetricNameWords(name)
        return words.hasPassAtK || boundedShareNames.contains(where: words.contains)
    }

    static func allowedRange(_ unit: MetricUnit) -> ClosedRange<Double>? {
        switch unit {
        case .percent: 0...100
        case .fraction: 0...1
        default: nil
        }
    }

    private static func rangeText(_ unit: MetricUnit) -> String {
        unit == .percent ? "0-100 for a percent" : "0-1 for a fraction"
    }

    private static func rangeHint(_ unit: MetricUnit) -> String {
        unit == .percent
            ? "Write percentages as 0-100 (42.1), or use `unit: fraction` for 0-1 values."
            : "Write fractions as 0-1 (0.421), or use `unit: percent` for 0-100 values."
    }
}

extension String {
    fileprivate var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
