import PortfolioCharts
import PortfolioMetrics
import PortfolioSupport

/// What templates see of metrics: plain dictionaries, arrays, strings, numbers and booleans (no structs),
/// because the template engine reads structs through slow reflection.
public enum MetricTemplateData {
    /// One metric: figures as display strings, flags for sections, its chart with the chart's data as
    /// table rows, and a sentence for readers.
    public static func metric(_ series: MetricSeries, idPrefix: String, includeChart: Bool = true) -> [String: Any] {
        let unit = series.unit
        let points = series.points.map { PointFigures($0, unit: unit) }
        var data: [String: Any] = [
            "name": series.name,
            "unit": unit.name,
            "better": series.effectiveBetter?.rawValue ?? "",
            "lower_is_better": series.effectiveBetter == .lower,
            "improved": false,
            "regressed": false,
            "summary_sentence": MetricSummary.sentence(for: series),
            "points": points.map(\.templateData),
        ]
        if includeChart {
            data["chart_svg"] = LineChart.svg(for: series, idPrefix: idPrefix)
            data["table_rows_html"] = points.map(\.tableRow).joined()
        }
        if let target = series.target { data["target"] = DisplayNumber.value(target, unit: unit) }
        guard let change = improvement(of: series) else { return data }
        data["first"] = DisplayNumber.value(change.first.value, unit: unit)
        data["last"] = DisplayNumber.value(change.last.value, unit: unit)
        data["best"] = DisplayNumber.value(change.best.value, unit: unit)
        data["best_label"] = MetricSummary.pointName(change.best)
        data["change"] = DisplayNumber.change(change.absolute, unit: unit)
        if let relative = change.relative { data["change_percent"] = DisplayNumber.percentChange(relative) }
        data["direction"] = change.direction.rawValue
        data["improved"] = change.direction == .improved
        data["regressed"] = change.direction == .regressed
        if let met = change.targetMet { data["target_met"] = met }
        return data
    }

    /// A project's metrics. `headline` carries no chart: it is one of `metrics` again, and a second copy of
    /// the same SVG would repeat its ids on the page.
    public static func set(_ set: MetricSet, headlineName: String?, idPrefix: String) -> [String: Any] {
        var data: [String: Any] = [
            "metrics": set.series.enumerated().map { metric($0.element, idPrefix: idPrefix + "-\($0.offset)") },
            "has_metrics": !set.series.isEmpty,
            "summary_svg": SummaryChart.svg(for: set, idPrefix: idPrefix + "-summary"),
        ]
        if let model = set.model { data["model"] = model }
        if let baseline = set.baseline { data["baseline"] = baseline }
        if !set.params.isEmpty {
            // By name for `{{metrics.params.lr}}`, and as a sorted list for `{{#metrics.param_list}}`.
            data["params"] = set.params
            data["param_list"] = set.params.keys.sorted().map { ["name": $0, "value": set.params[$0]!] }
        }
        if let headline = set.headline(named: headlineName) {
            data["headline"] = metric(headline, idPrefix: idPrefix + "-headline", includeChart: false)
        }
        return data
    }

    /// Site-wide figures for the home page: how many projects show metrics, the median relative gain of
    /// their headline metrics, and the largest relative gain of any metric.
    public static func highlights(_ projects: [(project: String, highlight: MetricHighlight)]) -> [String: Any] {
        var headlineGains: [Double] = []
        var best: (project: String, metric: MetricHighlight.Gain)?
        var count = 0
        for entry in projects where entry.highlight.hasPoints {
            count += 1
            if let gain = entry.highlight.headlineGain { headlineGains.append(gain) }
            if let gain = entry.highlight.bestGain, best == nil || gain.gain > best!.metric.gain { best = (entry.project, gain) }
        }
        var data: [String: Any] = ["projects_with_metrics": count, "has_highlights": count > 0]
        if let median = median(headlineGains) {
            data["median_improvement"] = DisplayNumber.percentChange(median)
            data["median_improvement_value"] = median
        }
        if let best {
            data["best"] = [
                "project": best.project,
                "metric": best.metric.metric,
                "change": best.metric.change,
                "change_percent": best.metric.changePercent,
                "improved": best.metric.improved,
            ] as [String: Any]
        }
        return data
    }

    /// One point's figures as they read, for the `points` list and the table rows alike.
    private struct PointFigures {
        var step: String
        var label: String
        var value: String
        var stderr: String

        init(_ point: MetricPoint, unit: MetricUnit) {
            step = point.step.map { DisplayNumber.significant($0, digits: 15) } ?? ""
            label = MetricSummary.pointName(point)
            value = DisplayNumber.value(point.value, unit: unit)
            stderr = point.stderr.map { DisplayNumber.value($0, unit: unit) } ?? ""
        }

        var templateData: [String: Any] {
            ["step": step, "label": label, "value": value, "stderr": stderr]
        }

        /// A row of the data table under the chart, escaped as templates escape. Built here because
        /// a template loop over the points was a fifth of a cold build's time.
        var tableRow: String {
            "<tr><td>" + MarkupText.escape(step) + "</td><td>" + MarkupText.escape(label) + "</td><td>"
                + MarkupText.escape(value) + "</td><td>" + MarkupText.escape(stderr) + "</td></tr>"
        }
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
