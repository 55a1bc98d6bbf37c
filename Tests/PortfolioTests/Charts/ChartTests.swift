import Foundation
@testable import PortfolioCharts
@testable import PortfolioMetrics
@testable import PortfolioSupport
import Testing

@Suite struct ChartTests {
    let passAt1 = SampleMetrics.passAt1

    func generatedSet() throws -> MetricSet {
        var diagnostics = Diagnostics()
        return MetricParser.parse(try MetricFixtures.text("gen_site_metrics.yaml"), file: "metrics.yaml", format: .canonical, diagnostics: &diagnostics)
    }

    func longSeries(_ count: Int) -> MetricSeries {
        MetricSeries(name: "train loss", points: (0..<count).map { step in
            MetricPoint(step: Double(step * 10), value: 2 / (1 + Double(step) / 200) + 0.05 * sin(Double(step) / 7))
        })
    }

    @Test func lineChartMatchesGolden() throws {
        try GoldenFile.check(LineChart.svg(for: passAt1, idPrefix: "pass"), against: "line-percent-target.svg")
    }

    @Test func lowerIsBetterLineChartMatchesGolden() throws {
        let svg = LineChart.svg(for: try generatedSet().series[0], idPrefix: "loss")
        #expect(svg.contains("lower is better"))
        try GoldenFile.check(svg, against: "line-loss-lower.svg")
    }

    @Test func summaryChartMatchesGolden() throws {
        try GoldenFile.check(SummaryChart.svg(for: try generatedSet(), idPrefix: "p0-summary"), against: "summary.svg")
    }

    /// At 8 units high a label's characters are about 4.5 units wide: with three or four metrics on a
    /// card, a long name cut to its column still leaves a gap before the next one.
    @Test func summaryLabelsLeaveAGapBetweenColumns() {
        for count in 1...4 {
            let names = (0..<count).map { "a rather long metric name number \($0)" }
            let set = MetricSet(series: names.map { name in
                MetricSeries(name: name, unit: .percent, better: .higher, points: [MetricPoint(step: 0, value: 1), MetricPoint(step: 1, value: 2)])
            })
            let svg = SummaryChart.svg(for: set, idPrefix: "gap")
            let labels = svg.components(separatedBy: "class=\"chart-label\"").dropFirst().map { part in
                String(part.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" })
            }
            #expect(labels.count == count)
            for label in labels {
                #expect(Double(label.count) * 4.5 <= 240 / Double(count) - 10, "\(count) metrics: '\(label)'")
            }
        }
    }

    @Test func thinnedLongSeriesMatchesGolden() throws {
        try GoldenFile.check(LineChart.svg(for: longSeries(2_000), idPrefix: "long"), against: "line-thinned.svg")
    }

    @Test func equalInputGivesByteIdenticalSVG() throws {
        let copy = passAt1
        #expect(LineChart.svg(for: passAt1, idPrefix: "a") == LineChart.svg(for: copy, idPrefix: "a"))
        #expect(SummaryChart.svg(for: try generatedSet(), idPrefix: "s") == SummaryChart.svg(for: try generatedSet(), idPrefix: "s"))
    }

    @Test func chartIsAccessibleAndWiredToUniqueIds() {
        let svg = LineChart.svg(for: passAt1, idPrefix: "project-7 metric")
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("aria-labelledby=\"project-7-metric-title project-7-metric-desc\""))
        #expect(svg.contains("<title id=\"project-7-metric-title\">pass@1 (HumanEval)</title>"))
        #expect(svg.contains("<desc id=\"project-7-metric-desc\">pass@1 (HumanEval) rose from 42.1% (SFT) to 55.3% (RLHF round 2): +13.2 pts (+31.4%), an improvement; higher is better. Target 60%: not yet met.</desc>"))
    }

    @Test func chartIsResponsiveAndHasNoHardCodedColours() {
        let svg = LineChart.svg(for: passAt1, idPrefix: "c") + SummaryChart.svg(for: MetricSet(series: [passAt1]), idPrefix: "s")
        #expect(svg.contains("viewBox=\"0 0 640 300\""))
        #expect(!svg.contains(" width=\"640\""))
        for colour in ["#", "rgb(", "stroke=\"", "fill=\"black", "fill=\"white", "fill=\"red"] {
            #expect(!svg.contains(colour), "found \(colour)")
        }
    }

    @Test func chartDrawsTargetErrorBarsBaselineAndBest() {
        let svg = LineChart.svg(for: passAt1, idPrefix: "c")
        #expect(svg.contains("class=\"chart-target\""))
        #expect(svg.contains("stroke-dasharray"))
        #expect(svg.contains("class=\"chart-errorbar\""))
        #expect(svg.contains("chart-point-baseline"))
        #expect(svg.contains("chart-point-best"))
        #expect(svg.contains(">40%</text>"))
    }

    @Test func seriesOfTwoThousandPointsIsThinnedWithoutMarkers() {
        let svg = LineChart.svg(for: longSeries(2_000), idPrefix: "long")
        let path = svg.components(separatedBy: "class=\"chart-line\" fill=\"none\" d=\"")[1].prefix { $0 != "\"" }
        #expect(path.filter { $0 == "L" }.count + 1 == LineChart.drawnLimit)
        #expect(!svg.contains("<g class=\"chart-points\">"))
        #expect(svg.utf8.count < 12_000)
    }

    @Test func thinningKeepsFirstLastAndPeaks() {
        let x = (0..<1_000).map(Double.init)
        var y = Array(repeating: 0.0, count: 1_000)
        y[500] = 100
        let kept = Thinning.indices(x: x, y: y, limit: 50)
        #expect(kept.count == 50)
        #expect(kept.first == 0 && kept.last == 999)
        #expect(kept.contains(500))
        #expect(kept == kept.sorted())
    }

    @Test func allTextIsEscapedForXML() {
        let series = MetricSeries(name: "F1 <b>&\"quoted\"</b>", better: .higher,
            points: [MetricPoint(step: 0, label: "<SFT>", value: 1), MetricPoint(step: 1, label: "R&D", value: 2)])
        let svg = LineChart.svg(for: series, idPrefix: "x") + SummaryChart.svg(for: MetricSet(model: "M<1>", series: [series]), idPrefix: "y")
        #expect(!svg.contains("<b>"))
        #expect(!svg.contains("<SFT>"))
        #expect(svg.contains("F1 &lt;b&gt;&amp;&quot;quoted&quot;&lt;/b&gt;"))
        #expect(svg.contains("R&amp;D"))
        #expect(svg.contains("M&lt;1&gt;"))
    }

    @Test func chartTextIsOneLineWithoutTheCharactersXMLForbids() {
        let series = MetricSeries(name: "pass\t@1\nfinal\u{7}\u{FFFE} <é>", better: .higher,
            points: [MetricPoint(step: 0, label: "a\r\nb", value: 1), MetricPoint(step: 1, label: "ok", value: 2)])
        let svg = LineChart.svg(for: series, idPrefix: "x")
        #expect(svg.contains("pass @1 final &lt;é&gt;"))
        #expect(svg.contains("a  b"))
        #expect(!svg.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || $0 == "\u{FFFE}" })
    }

    @Test func niceTicksStepByOneTwoOrFive() {
        let scale = AxisScale(covering: 42.1, 60)
        #expect((scale.firstTick...scale.lastTick).map { scale.label(ofTick: $0) } == ["40", "45", "50", "55", "60"])
        #expect(AxisScale(covering: 0.45, 0.652).label(ofTick: AxisScale(covering: 0.45, 0.652).firstTick) == "0.45")
        #expect(AxisScale(covering: 0, 1_000_000).step == 200_000)
        let flat = AxisScale(covering: 3, 3)
        #expect(flat.lastTick > flat.firstTick)
    }

    @Test func emptyAndSinglePointSeriesStillDraw() {
        #expect(LineChart.svg(for: MetricSeries(name: "a", points: [MetricPoint]()), idPrefix: "e").hasSuffix("</svg>"))
        let single = LineChart.svg(for: MetricSeries(name: "accuracy", points: [0.5]), idPrefix: "s")
        #expect(single.contains("chart-point-baseline"))
        #expect(!single.contains("nan"))
    }
}
