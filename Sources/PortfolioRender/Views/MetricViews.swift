import PortfolioCharts
import PortfolioMetrics
import PortfolioSupport
import PortfolioTemplates

/// One metric as templates see it: figures as display strings, flags for sections, its chart with the
/// chart's data as table rows, and a sentence for readers. The change is worked out once, as most
/// fields read it; the chart and the sentence only when a template shows them.
public struct MetricView: TemplateView {
    let series: MetricSeries
    let idPrefix: String
    /// False for a headline figure shown beside its metric's own chart: a second copy of the same SVG
    /// would repeat its ids on the page.
    let includesChart: Bool
    let change: Improvement?
    /// The points' figures, made once for the chart and its table; a headline figure, which shows
    /// neither, makes them only if a template asks for its `points`.
    private let shownFigures: [PointFigures]?

    public init(_ series: MetricSeries, idPrefix: String, includeChart: Bool = true) {
        self.series = series
        self.idPrefix = idPrefix
        includesChart = includeChart
        change = improvement(of: series)
        shownFigures = includeChart ? PointFigures.of(series) : nil
    }

    var figures: [PointFigures] { shownFigures ?? PointFigures.of(series) }

    func figure(_ value: Double) -> String { DisplayNumber.value(value, unit: series.unit) }

    /// The change as it reads (`+13.2 pts`), nil without two points to compare.
    var changeText: String? { change.map { DisplayNumber.change($0.absolute, unit: series.unit) } }
    var improved: Bool { change?.direction == .improved }
    var regressed: Bool { change?.direction == .regressed }

    public static let fields = TemplateFields<MetricView>("metric", [
        .text("name") { $0.series.name },
        .text("unit") { $0.series.unit.name },
        .text("better") { $0.series.effectiveBetter?.rawValue ?? "" },
        .flag("lower_is_better") { $0.series.effectiveBetter == .lower },
        .flag("improved") { $0.improved },
        .flag("regressed") { $0.regressed },
        .text("summary_sentence") { MetricSummary.sentence(for: $0.series) },
        .list("points") { $0.figures.map(PointView.init) },
        .text("chart_svg") { $0.includesChart ? LineChart.svg(for: $0.series, idPrefix: $0.idPrefix, figures: $0.figures) : nil },
        .text("table_rows_html") { $0.includesChart ? PointView.tableRows($0.figures) : nil },
        .text("target") { view in view.series.target.map(view.figure) },
        .text("first") { view in view.change.map { view.figure($0.first.value) } },
        .text("last") { view in view.change.map { view.figure($0.last.value) } },
        .text("best") { view in view.change.map { view.figure($0.best.value) } },
        .text("best_label") { $0.change.map { MetricSummary.pointName($0.best) } },
        .text("change") { $0.changeText },
        .text("change_percent") { $0.change?.relative.map { DisplayNumber.percentChange($0) } },
        .text("direction") { $0.change?.direction.rawValue },
        .flag("target_met") { $0.change?.targetMet },
    ])
}

/// One point's figures as the `points` list shows them.
struct PointView: TemplateView {
    let figures: PointFigures

    /// The rows of the data table under the chart, escaped as templates escape, in one buffer. Built
    /// here because a template loop over the points was a fifth of a cold build's time.
    static func tableRows(_ points: [PointFigures]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(points.count * 80)
        func cell(_ text: String, after markup: StaticString) {
            bytes.append(contentsOf: UnsafeBufferPointer(start: markup.utf8Start, count: markup.utf8CodeUnitCount))
            MarkupText.appendEscaped(text, to: &bytes)
        }
        for point in points {
            cell(point.step, after: "<tr><td>")
            cell(point.label, after: "</td><td>")
            cell(point.value, after: "</td><td>")
            cell(point.stderr, after: "</td><td>")
            bytes.append(contentsOf: "</td></tr>".utf8)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static let fields = TemplateFields<PointView>("point", [
        .text("step") { $0.figures.step },
        .text("label") { $0.figures.label },
        .text("value") { $0.figures.value },
        .text("stderr") { $0.figures.stderr },
    ])
}

/// A project's metrics: each metric, the chart of all of them, the run's model and settings, and the
/// headline figure (without a chart: it is one of `metrics` again).
public struct MetricSetView: TemplateView {
    let set: MetricSet
    let headlineName: String?
    let idPrefix: String

    public init(_ set: MetricSet, headlineName: String?, idPrefix: String) {
        self.set = set
        self.headlineName = headlineName
        self.idPrefix = idPrefix
    }

    public static let fields = TemplateFields<MetricSetView>("metrics", [
        .list("metrics") { view in
            view.set.series.enumerated().map { MetricView($0.element, idPrefix: view.idPrefix + "-\($0.offset)") }
        },
        .flag("has_metrics") { !$0.set.series.isEmpty },
        .text("summary_svg") { SummaryChart.svg(for: $0.set, idPrefix: $0.idPrefix + "-summary") },
        .text("model") { $0.set.model },
        .text("baseline") { $0.set.baseline },
        // By name for `{{metrics.params.lr}}`, and as a sorted list for `{{#metrics.param_list}}`.
        .open("params") { view in view.set.params.isEmpty ? nil : .map(view.set.params.mapValues(TemplateValue.string)) },
        .list("param_list") { view in
            view.set.params.isEmpty ? nil : view.set.params.keys.sorted().map { NamedValueView(name: $0, value: view.set.params[$0]!) }
        },
        .view("headline") { view in
            view.set.headline(named: view.headlineName).map { MetricView($0, idPrefix: view.idPrefix + "-headline", includeChart: false) }
        },
    ])
}

/// A name and its value: a run setting, a CV entry's fact.
struct NamedValueView: TemplateView {
    let name: String
    let value: String

    static let fields = TemplateFields<NamedValueView>("setting", [
        .text("name") { $0.name },
        .text("value") { $0.value },
    ])
}
