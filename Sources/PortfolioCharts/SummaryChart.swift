import PortfolioMetrics

/// The small before/after picture on a project card: paired bars of first and last value per metric,
/// each metric on its own scale, with its change written above.
public enum SummaryChart {
    /// Metrics shown on a card at most; the description names how many more there are.
    static let shownLimit = 4

    public static func svg(for set: MetricSet, idPrefix: String) -> String {
        let id = SVGWriter.identifier(idPrefix)
        let shown = Array(set.series.filter { !$0.points.isEmpty }.prefix(shownLimit))
        var svg = SVGWriter(capacity: 1_024 + 400 * shown.count)
        svg.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-summary\" viewBox=\"0 0 240 80\" role=\"img\" aria-labelledby=\"")
        svg.raw(id + "-title " + id + "-desc\"><title id=\"" + id + "-title\">")
        svg.escaped((set.model.map { $0 + ": " } ?? "") + "metrics before and after")
        svg.raw("</title><desc id=\"" + id + "-desc\">")
        svg.escaped(description(of: set, shown: shown))
        svg.raw("</desc>")
        let width = 240 / Double(Swift.max(shown.count, 1))
        for (column, series) in shown.enumerated() {
            guard let change = improvement(of: series) else { continue }
            let center = width * (Double(column) + 0.5)
            let (before, after) = (change.first.value, change.last.value)
            let base = Swift.min(0, before, after)
            let peak = Swift.max(before, after, base + 1e-12)
            func height(_ value: Double) -> Double { 4 + (value - base) / (peak - base) * 42 }
            let barWidth = Swift.min(18, width / 4)
            svg.raw("<g class=\"chart-pair chart-" + change.direction.rawValue + "\">")
            bar(&svg, className: "chart-bar-before", x: center - barWidth - 1, width: barWidth, height: height(before))
            bar(&svg, className: "chart-bar-after", x: center + 1, width: barWidth, height: height(after))
            svg.raw("<text class=\"chart-change\" x=\"")
            svg.number(center)
            svg.raw("\" y=\"10\" text-anchor=\"middle\" font-size=\"9\">")
            svg.escaped(DisplayNumber.change(change.absolute, unit: series.unit))
            svg.raw("</text><text class=\"chart-label\" x=\"")
            svg.number(center)
            svg.raw("\" y=\"75\" text-anchor=\"middle\" font-size=\"8\">")
            // Labels are 8 units high, about 4.5 wide a character: a gap stays between neighbours.
            svg.escaped(SVGWriter.truncated(series.name, to: Swift.max(4, Int(width / 5.5))))
            svg.raw("</text></g>")
        }
        svg.raw("</svg>")
        return svg.text
    }

    private static func bar(_ svg: inout SVGWriter, className: String, x: Double, width: Double, height: Double) {
        svg.raw("<rect class=\"" + className + "\" x=\"")
        svg.number(x)
        svg.raw("\" y=\"")
        svg.number(62 - height)
        svg.raw("\" width=\"")
        svg.number(width)
        svg.raw("\" height=\"")
        svg.number(height)
        svg.raw("\"/>")
    }

    private static func description(of set: MetricSet, shown: [MetricSeries]) -> String {
        guard !shown.isEmpty else { return "No metrics." }
        var parts: [String] = []
        for series in shown {
            guard let change = improvement(of: series) else { continue }
            var part = series.name + " " + DisplayNumber.value(change.first.value, unit: series.unit) + " before, "
                + DisplayNumber.value(change.last.value, unit: series.unit) + " after ("
                + DisplayNumber.change(change.absolute, unit: series.unit)
            switch change.direction {
            case .improved: part += ", improved"
            case .regressed: part += ", regressed"
            case .unchanged, .unknown: break
            }
            parts.append(part + ")")
        }
        var text = "Before and after: " + parts.joined(separator: "; ") + "."
        let hidden = set.series.count - shown.count
        if hidden > 0 { text += " \(hidden) more not shown." }
        return text
    }
}
