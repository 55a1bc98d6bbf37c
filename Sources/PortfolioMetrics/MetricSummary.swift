/// The change of a metric told in words: the `<desc>` of its chart and the sentence under it on the page,
/// so a screen reader hears what a sighted reader sees.
public enum MetricSummary {
    public static func sentence(for series: MetricSeries) -> String {
        guard let change = improvement(of: series) else { return "\(series.name) has no data." }
        let unit = series.unit
        func at(_ point: MetricPoint) -> String { DisplayNumber.value(point.value, unit: unit) + " (" + pointName(point) + ")" }
        guard series.points.count > 1 else { return "\(series.name) is \(at(change.first))." }
        var text: String
        if change.absolute == 0 {
            text = "\(series.name) stayed at \(DisplayNumber.value(change.first.value, unit: unit)) from \(pointName(change.first)) to \(pointName(change.last))"
        } else {
            text = "\(series.name) \(change.absolute > 0 ? "rose" : "fell") from \(at(change.first)) to \(at(change.last)): "
                + DisplayNumber.change(change.absolute, unit: unit)
            if let relative = change.relative { text += " (" + DisplayNumber.percentChange(relative) + ")" }
        }
        switch change.direction {
        case .improved: text += ", an improvement"
        case .regressed: text += ", a regression"
        case .unchanged, .unknown: break
        }
        if let better = change.better {
            text += "; \(better.rawValue) is better."
            if change.best != change.last { text += " Best: \(at(change.best))." }
        } else {
            text += "."
        }
        if let target = series.target {
            text += " Target \(DisplayNumber.value(target, unit: unit))"
            switch change.targetMet {
            case true?: text += ": met."
            case false?: text += ": not yet met."
            case nil: text += "."
            }
        }
        return text
    }

    /// How a point is called in text: its label, else its step.
    public static func pointName(_ point: MetricPoint) -> String {
        if let label = point.label, !label.isEmpty { return label }
        if let step = point.step { return "step " + DisplayNumber.significant(step, digits: 15) }
        return "a point"
    }
}

/// One point's figures as they read (`Round 3`, `0.546`, `± 0.011`), made once for everything that
/// shows them: its chart marker's tooltip, its row of the data table, a template's `points`.
public struct PointFigures: Sendable {
    /// The step in full, empty without one.
    public let step: String
    /// The point's name: its label, else its step (see `MetricSummary.pointName`).
    public let label: String
    public let value: String
    /// Empty without a standard error.
    public let stderr: String

    public init(_ point: MetricPoint, unit: MetricUnit) {
        step = point.step.map { DisplayNumber.significant($0, digits: 15) } ?? ""
        label = MetricSummary.pointName(point)
        value = DisplayNumber.value(point.value, unit: unit)
        stderr = point.stderr.map { DisplayNumber.value($0, unit: unit) } ?? ""
    }

    public static func of(_ series: MetricSeries) -> [PointFigures] {
        series.points.map { PointFigures($0, unit: series.unit) }
    }

    /// How a chart's tooltip names the point: `Round 3: 0.546 ± 0.011`.
    public var tooltip: String {
        label + ": " + value + (stderr.isEmpty ? "" : " ± " + stderr)
    }
}
