import PortfolioMetrics
import PortfolioSupport
import PortfolioTemplates

/// Site-wide figures for the home page and its social card: how many projects show metrics, the
/// median relative gain of their headline metrics, the largest relative gain of any metric, and how
/// many projects and hours there are. The card adds where its line goes.
struct HighlightsView: TemplateView {
    let projectsWithMetrics: Int
    let medianImprovement: Double?
    let best: BestGainView?
    let projectCount: Int
    let totalHours: String?
    /// The social card's line of text, its summary under the author's name, and its line's place.
    var line: String?
    var summary: String?
    var y: Int?

    init(_ projects: [(project: String, highlight: MetricHighlight)], projectCount: Int, hours: Double) {
        var headlineGains: [Double] = []
        var best: BestGainView?
        var count = 0
        for entry in projects where entry.highlight.hasPoints {
            count += 1
            if let gain = entry.highlight.headlineGain { headlineGains.append(gain) }
            if let gain = entry.highlight.bestGain, best == nil || gain.gain > best!.gain.gain { best = BestGainView(project: entry.project, gain: gain) }
        }
        projectsWithMetrics = count
        medianImprovement = Self.median(headlineGains)
        self.best = best
        self.projectCount = projectCount
        totalHours = hours > 0 ? DisplayNumber.grouped(Int(hours.rounded())) : nil
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    static let fields = TemplateFields<HighlightsView>("highlights", [
        .number("projects_with_metrics") { $0.projectsWithMetrics },
        .flag("has_highlights") { $0.projectsWithMetrics > 0 },
        .text("median_improvement") { $0.medianImprovement.map { DisplayNumber.percentChange($0) } },
        .decimal("median_improvement_value") { $0.medianImprovement },
        .view("best") { $0.best },
        .number("project_count") { $0.projectCount },
        .text("total_hours") { $0.totalHours },
        .text("line") { $0.line },
        .text("summary") { $0.summary },
        .number("y") { $0.y },
    ])
}

/// The largest relative gain of any metric of the site, and the project it belongs to.
struct BestGainView: TemplateView {
    let project: String
    let gain: MetricHighlight.Gain

    static let fields = TemplateFields<BestGainView>("best gain", [
        .text("project") { $0.project },
        .text("metric") { $0.gain.metric },
        .text("change") { $0.gain.change },
        .text("change_percent") { $0.gain.changePercent },
        .flag("improved") { $0.gain.improved },
    ])
}
