@testable import PortfolioMetrics
import Testing

@Suite struct MetricImprovementTests {
    @Test func higherIsBetterMetricThatRoseCountsAsImprovement() throws {
        let pass = MetricSeries(name: "pass@1 (HumanEval)", unit: .percent, better: .higher, target: 60, points: [42.1, 48.7, 55.3])
        let result = try #require(improvement(of: pass))
        #expect(result.direction == .improved)
        #expect(abs(result.absolute - 13.2) < 1e-9)
        #expect(abs(result.relative! - 13.2 / 42.1) < 1e-12)
        #expect(result.best.value == 55.3)
        #expect(result.targetMet == false)
        #expect(DisplayNumber.change(result.absolute, unit: .percent) == "+13.2 pts")
        #expect(DisplayNumber.percentChange(result.relative!) == "+31.4%")
    }

    @Test func lowerIsBetterMetricThatFellCountsAsImprovement() throws {
        let loss = MetricSeries(name: "validation loss", better: .lower, points: [0.41, 0.33])
        let result = try #require(improvement(of: loss))
        #expect(result.direction == .improved)
        #expect(abs(result.absolute - -0.08) < 1e-12)
        #expect(result.relativeGain! > 0)
        #expect(DisplayNumber.change(result.absolute, unit: .score) == "-0.08")
    }

    @Test func lossThatRoseIsARegressionAndBestIsTheLowest() throws {
        let loss = MetricSeries(name: "loss", points: [0.5, 0.3, 0.6])
        let result = try #require(improvement(of: loss))
        #expect(result.better == .lower)
        #expect(result.direction == .regressed)
        #expect(result.best.value == 0.3)
        #expect(result.best.step == 1)
    }

    @Test func fractionChangeReadsInItsOwnUnit() throws {
        let accuracy = MetricSeries(name: "accuracy", unit: .fraction, points: [0.812, 0.874])
        let result = try #require(improvement(of: accuracy))
        #expect(DisplayNumber.change(result.absolute, unit: .fraction) == "+0.062")
        #expect(DisplayNumber.value(result.last.value, unit: .fraction) == "0.874")
    }

    @Test func unchangedAndUnknownDirections() throws {
        #expect(improvement(of: MetricSeries(name: "BLEU", points: [30, 30]))?.direction == .unchanged)
        let mystery = try #require(improvement(of: MetricSeries(name: "vibes", points: [1, 2])))
        #expect(mystery.direction == .unknown)
        #expect(mystery.targetMet == nil)
    }

    @Test func targetIsMetByTheLastValueInTheMetricsDirection() {
        #expect(improvement(of: MetricSeries(name: "accuracy", target: 60, points: [50, 61]))?.targetMet == true)
        #expect(improvement(of: MetricSeries(name: "latency", target: 100, points: [150, 90]))?.targetMet == true)
        #expect(improvement(of: MetricSeries(name: "latency", target: 100, points: [150, 120]))?.targetMet == false)
    }

    @Test func zeroBaselineHasNoRelativeChange() {
        #expect(improvement(of: MetricSeries(name: "reward", points: [0, 2]))?.relative == nil)
    }

    @Test func seriesWithoutPointsHasNoImprovement() {
        #expect(improvement(of: MetricSeries(name: "accuracy", points: [MetricPoint]())) == nil)
    }

    @Test(arguments: [
        ("accuracy", Better.higher), ("F1", .higher), ("BLEU-4", .higher), ("ROUGE-L", .higher), ("pass@10", .higher),
        ("win rate vs baseline", .higher), ("Cohen's kappa", .higher), ("reward", .higher), ("exact match", .higher),
        ("validation loss", .lower), ("perplexity", .lower), ("WER", .lower), ("word error rate", .lower),
        ("CER", .lower), ("latency (ms)", .lower), ("hallucination rate", .lower), ("toxicity", .lower),
    ])
    func wellKnownNamesImplyTheirDirection(name: String, expected: Better) {
        #expect(Better.inferred(fromName: name) == expected)
    }

    @Test func namesThatOnlyContainAWellKnownWordInsideAnotherInferNothing() {
        #expect(Better.inferred(fromName: "answer length") == nil)
        #expect(Better.inferred(fromName: "glossary size") == nil)
    }
}

@Suite struct MetricDisplayNumberTests {
    @Test func roundsToSignificantDigitsWithoutTrailingZeros() {
        #expect(DisplayNumber.significant(42.1) == "42.1")
        #expect(DisplayNumber.significant(0.08200001) == "0.082")
        #expect(DisplayNumber.significant(1234.5) == "1235")
        #expect(DisplayNumber.significant(99.96) == "100")
        #expect(DisplayNumber.significant(0.00012345) == "0.000123")
        #expect(DisplayNumber.significant(1000) == "1000")
    }

    @Test func neverPrintsNegativeZero() {
        #expect(DisplayNumber.significant(-0.0) == "0")
        #expect(DisplayNumber.fixed(-0.04, decimals: 1) == "0")
        #expect(DisplayNumber.change(-0.0, unit: .percent) == "0 pts")
    }

    @Test func signedChangesAndFixedCoordinates() {
        #expect(DisplayNumber.significant(-3.14159, digits: 3, signed: true) == "-3.14")
        #expect(DisplayNumber.fixed(12.345, decimals: 1) == "12.3")
        #expect(DisplayNumber.fixed(7, decimals: 2) == "7")
        #expect(DisplayNumber.fixed(-7.25, decimals: 2) == "-7.25")
        #expect(DisplayNumber.value(42.1, unit: .percent) == "42.1%")
        #expect(DisplayNumber.value(1.5, unit: .seconds) == "1.5 s")
    }

    @Test func fixedKeepsLeadingZerosOfTheFractionAndLongWholeParts() {
        #expect(DisplayNumber.fixed(1.005, decimals: 3) == "1.005")
        #expect(DisplayNumber.fixed(0.0001, decimals: 4, trimZeros: false) == "0.0001")
        #expect(DisplayNumber.fixed(2, decimals: 3, trimZeros: false) == "2.000")
        #expect(DisplayNumber.fixed(123_456_789_012.5, decimals: 1) == "123456789012.5")
        #expect(DisplayNumber.fixed(0.000000000000001, decimals: 15) == "0.000000000000001")
    }
}
