import Foundation
@testable import PortfolioMetrics
@testable import PortfolioRender
@testable import PortfolioSupport
import Testing

@Suite struct MetricViewTests {
    let passAt1 = SampleMetrics.passAt1
    let loss = MetricSeries(name: "validation loss", points: [0.41, 0.33])

    @Test func metricDataHoldsDisplayStringsAndFlags() throws {
        let data = MetricView(passAt1, idPrefix: "p-0")
        #expect(data["name"] as? String == "pass@1 (HumanEval)")
        #expect(data["unit"] as? String == "percent")
        #expect(data["better"] as? String == "higher")
        #expect(data["first"] as? String == "42.1%")
        #expect(data["last"] as? String == "55.3%")
        #expect(data["best"] as? String == "55.3%")
        #expect(data["best_label"] as? String == "RLHF round 2")
        #expect(data["change"] as? String == "+13.2 pts")
        #expect(data["change_percent"] as? String == "+31.4%")
        #expect(data["improved"] as? Bool == true)
        #expect(data["regressed"] as? Bool == false)
        #expect(data["lower_is_better"] as? Bool == false)
        #expect(data["target"] as? String == "60%")
        #expect(data["target_met"] as? Bool == false)
        #expect((data["chart_svg"] as? String)?.hasPrefix("<svg") == true)
        #expect((data["summary_sentence"] as? String)?.contains("an improvement") == true)
        let points = try #require(data["points"] as? [[String: Any]])
        #expect(points[1]["step"] as? String == "1")
        #expect(points[1]["label"] as? String == "RLHF round 1")
        #expect(points[1]["value"] as? String == "48.7%")
        #expect(points[1]["stderr"] as? String == "1.2%")
    }

    /// The table rows built in Swift read exactly as a template loop over `points` would render them.
    @Test func tableRowsEqualATemplateLoopOverThePoints() throws {
        let series = MetricSeries(
            name: "win rate", unit: .percent, better: .higher,
            points: [
                MetricPoint(step: 0, label: "SFT <base> & \"v1\"", value: 41.5, stderr: 0.8),
                MetricPoint(step: 2.5, label: "DPO 'round' 2", value: 57),
                MetricPoint(step: nil, label: "held-out", value: 60.25, stderr: 1.1),
            ])
        let data = MetricView(series, idPrefix: "w")
        var theme = Theme.builtIn
        theme.files["rows.mustache"] = Array("{{#points}}<tr><td>{{step}}</td><td>{{label}}</td><td>{{value}}</td><td>{{stderr}}</td></tr>{{/points}}".utf8)
        var diagnostics = Diagnostics()
        let loop = TemplateSet.compile(theme, diagnostics: &diagnostics).render("rows", .object(data))
        let rows = try #require(data["table_rows_html"] as? String)
        #expect(rows == loop)
        #expect(rows.contains("SFT &lt;base&gt; &amp; &quot;v1&quot;") && rows.contains("DPO &#39;round&#39; 2"))
        #expect(MetricView(series, idPrefix: "w", includeChart: false)["table_rows_html"] == nil)
        // A headline figure makes no figures for a chart it does not have, but a theme may still list its points.
        let headline = TemplateSet.compile(theme, diagnostics: &diagnostics).render("rows", .object(MetricView(series, idPrefix: "w", includeChart: false)))
        #expect(headline == loop)
    }

    @Test func lowerIsBetterMetricSaysSo() {
        let data = MetricView(loss, idPrefix: "l")
        #expect(data["lower_is_better"] as? Bool == true)
        #expect(data["change"] as? String == "-0.08")
        #expect(data["change_percent"] as? String == "-19.5%")
        #expect(data["improved"] as? Bool == true)
        #expect(data["target"] == nil)
    }

    @Test func setDataHasHeadlineWithoutASecondChartAndUniqueIds() throws {
        let set = MetricSet(model: "CodeAssist-7B", baseline: "SFT checkpoint", series: [passAt1, loss])
        let data = MetricSetView(set, headlineName: "validation loss", idPrefix: "proj")
        #expect(data["model"] as? String == "CodeAssist-7B")
        #expect(data["baseline"] as? String == "SFT checkpoint")
        let headline = try #require(data["headline"] as? [String: Any])
        #expect(headline["name"] as? String == "validation loss")
        #expect(headline["chart_svg"] == nil)
        let metrics = try #require(data["metrics"] as? [[String: Any]])
        let svgs = metrics.compactMap { $0["chart_svg"] as? String } + [data["summary_svg"] as! String]
        let ids = svgs.flatMap { $0.components(separatedBy: " id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) } }
        #expect(ids.count == 6)
        #expect(Set(ids).count == ids.count)
        let fallback = MetricSetView(set, headlineName: nil, idPrefix: "p")["headline"] as? [String: Any]
        #expect(fallback?["name"] as? String == "pass@1 (HumanEval)")
    }

    @Test func highlightsGiveMedianHeadlineGainAndBestImprovement() throws {
        let a = MetricSet(series: [MetricSeries(name: "accuracy", points: [50, 60])])       // +20%
        let b = MetricSet(series: [MetricSeries(name: "loss", points: [1.0, 0.5])])         // +50% gain
        let c = MetricSet(series: [MetricSeries(name: "BLEU", points: [20, 21]), MetricSeries(name: "reward", points: [1, 3])])
        let data = HighlightsView([
            (project: "a", highlight: MetricHighlight(a, headline: nil)), (project: "b", highlight: MetricHighlight(b, headline: nil)),
            (project: "c", highlight: MetricHighlight(c, headline: "BLEU")), (project: "empty", highlight: MetricHighlight(MetricSet(), headline: nil)),
        ], projectCount: 4, hours: 0)
        #expect(data["projects_with_metrics"] as? Int == 3)
        #expect(data["median_improvement"] as? String == "+20%")
        let best = try #require(data["best"] as? [String: Any])
        #expect(best["project"] as? String == "c")
        #expect(best["metric"] as? String == "reward")
        #expect(best["change_percent"] as? String == "+200%")
    }

    @Test func metricsJSONIsSortedDeterministicAndValid() throws {
        let set = MetricSet(model: "M", baseline: "SFT", series: [passAt1, loss], sources: ["content/p/metrics.yaml"])
        let text = MetricsJSON.encode(set, headlineName: nil)
        #expect(text == MetricsJSON.encode(set, headlineName: nil))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["headline"] as? String == "pass@1 (HumanEval)")
        #expect(text.hasPrefix("{\"baseline\":\"SFT\",\"headline\":"))
        let metrics = try #require(object["metrics"] as? [[String: Any]])
        let figures = try #require(metrics[1]["improvement"] as? [String: Any])
        #expect(figures["direction"] as? String == "improved")
        #expect((figures["absolute"] as? Double).map { abs($0 - -0.08) < 1e-12 } == true)
        #expect(metrics[1]["better_inferred"] as? Bool == true)
        #expect(text.contains("\"value\":42.1"))
    }

    @Test func metricsJSONWritesEveryObjectWithSortedKeys() {
        let point = MetricPoint(step: 3, label: "round 3", value: 0.5, stderr: 0.01, min: 0.4, max: 0.6)
        let series = MetricSeries(name: "win rate", unit: .fraction, points: [point])
        let set = MetricSet(series: [series], sources: ["s"], params: ["lr": "1e-5", "beta": "0.1", "Zeta": "z"])
        let json = MetricsJSON.encode(set, headlineName: nil)
        #expect(json.contains(#""params":{"Zeta":"z","beta":"0.1","lr":"1e-5"}"#))
        #expect(json.contains(#"{"label":"round 3","max":0.6,"min":0.4,"stderr":0.01,"step":3,"value":0.5}"#))
    }

    @Test func metricsJSONEscapesText() {
        let set = MetricSet(model: "a\"b</script>\n", series: [])
        let json = MetricsJSON.encode(set, headlineName: nil)
        #expect(json.contains(#""a\"b\u003c/script\u003e\n""#))
        #expect(!json.contains("</script>"))
    }
}
