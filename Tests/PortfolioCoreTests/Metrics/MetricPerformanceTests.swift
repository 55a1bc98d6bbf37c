import Foundation
import Testing
@testable import PortfolioCore

@Suite struct MetricPerformanceTests {
    /// A guard against pathological slowness (quadratic walks, runaway thinning), loose enough for a debug
    /// build on a busy machine; release timings are measured separately (about 1 ms per project).
    @Test func thousandGeneratedMetricFilesParseAndChartQuickly() throws {
        let text = try MetricFixtures.text("gen_site_metrics.yaml")
        let clock = ContinuousClock()
        var bytes = 0
        let elapsed = clock.measure {
            for index in 0..<1_000 {
                var diagnostics = Diagnostics()
                let set = MetricParser.parse(text, file: "p\(index)/metrics.yaml", format: .canonical, diagnostics: &diagnostics)
                let data = MetricTemplateData.set(set, headlineName: nil, idPrefix: "p\(index)")
                bytes += (data["summary_svg"] as? String)?.utf8.count ?? 0
                bytes += MetricsJSON.encode(set, headlineName: nil).utf8.count
            }
        }
        #expect(bytes > 0)
        print("1,000 metric files parsed, charted and encoded in \(elapsed)")
        #expect(elapsed < .seconds(20))
    }
}
