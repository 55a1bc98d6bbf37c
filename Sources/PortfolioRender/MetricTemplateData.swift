import PortfolioMetrics
import PortfolioSupport

/// The home page's metric highlights, as a dictionary: the home social card reads and extends them.
public enum MetricTemplateData {
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

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
