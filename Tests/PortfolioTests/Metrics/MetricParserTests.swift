@testable import PortfolioContent
@testable import PortfolioMetrics
@testable import PortfolioSupport
import Testing

@Suite struct MetricParserTests {
    @Test func finiteNumbersAreDecimalsWithSpacesAroundAndNothingSwiftAlsoReads() {
        let read: [String: Double] = [" 1.5\t": 1.5, "-2": -2, "+3": 3, ".5": 0.5, "1e3": 1000, "7": 7]
        for (text, value) in read { #expect(MetricParser.finiteNumber(text) == value, "\(text)") }
        for text in ["", " ", "nan", "NaN", "inf", "-Infinity", "0x10", "0X1p3", "1 x", "1.5 %", "１", "1\u{301}", "e3", "1e999"] {
            #expect(MetricParser.finiteNumber(text) == nil, "\(text)")
        }
        #expect(MetricParser.finiteNumber("x 2.5 y".dropFirst(2).dropLast(2)) == 2.5)
    }

    let issueExample = """
        model: CodeAssist-7B
        baseline: SFT checkpoint
        metrics:
          - name: pass@1 (HumanEval)
            unit: percent          # percent | fraction | score
            better: higher
            target: 60
            points:
              - { step: 0, label: SFT, value: 42.1 }
              - { step: 1, label: RLHF round 1, value: 48.7, stderr: 1.2 }
              - { step: 2, label: RLHF round 2, value: 55.3 }

        """

    func parse(_ text: String, _ format: some MetricImporter = .canonical, file: String = "content/projects/a/metrics.yaml")
        -> (MetricSet, [Diagnostic])
    {
        var diagnostics = Diagnostics()
        let set = MetricParser.parse(text, file: file, format: format, diagnostics: &diagnostics)
        return (set, diagnostics.sorted)
    }

    /// Found by the fuzzer: libyaml put the empty document of `---` on a line after the text's last.
    @Test func emptyDocumentIsReportedWithinTheFile() throws {
        let (_, diagnostics) = parse("---")
        let diagnostic = try #require(diagnostics.first)
        #expect((diagnostic.code, diagnostic.line, diagnostic.column) == ("metrics.shape", 1, 4))
    }

    @Test func canonicalYAMLFromTheIssueParses() throws {
        let (set, diagnostics) = parse(issueExample)
        #expect(diagnostics.isEmpty)
        #expect(set.model == "CodeAssist-7B")
        #expect(set.baseline == "SFT checkpoint")
        #expect(set.sources == ["content/projects/a/metrics.yaml"])
        let series = try #require(set.series.first)
        #expect(series.name == "pass@1 (HumanEval)")
        #expect(series.unit == .percent)
        #expect(series.better == .higher)
        #expect(series.target == 60)
        #expect(series.points.map(\.value) == [42.1, 48.7, 55.3])
        #expect(series.points[1].stderr == 1.2)
        #expect(series.points[1].label == "RLHF round 1")
        #expect(series.points[2].location == SourceLocation(file: "content/projects/a/metrics.yaml", line: 11, column: 9))
    }

    @Test func canonicalJSONParsesToTheSameModel() throws {
        let json = """
            {"model": "CodeAssist-7B", "baseline": "SFT checkpoint", "metrics": [
              {"name": "pass@1 (HumanEval)", "unit": "percent", "better": "higher", "target": 60,
               "points": [{"step": 0, "label": "SFT", "value": 42.1},
                          {"step": 1, "label": "RLHF round 1", "value": 48.7, "stderr": 1.2},
                          {"step": 2, "label": "RLHF round 2", "value": 55.3}]}]}
            """
        let (fromJSON, diagnostics) = parse(json, file: "m.json")
        let (fromYAML, _) = parse(issueExample, file: "m.json")
        #expect(diagnostics.isEmpty)
        #expect(fromJSON.series.first?.points.map(\.value) == fromYAML.series.first?.points.map(\.value))
        #expect(fromJSON.series.first?.points.map(\.label) == fromYAML.series.first?.points.map(\.label))
    }

    @Test func generatedBenchmarkMetricFileParses() throws {
        let (set, diagnostics) = parse(try MetricFixtures.text("gen_site_metrics.yaml"))
        #expect(diagnostics.isEmpty)
        #expect(set.series.map(\.name) == ["validation loss", "pass@1", "hallucination rate"])
        #expect(set.series.map(\.points.count) == [8, 6, 4])
        #expect(set.series[0].points[0].stderr == 0.013)
    }

    @Test func inlineFrontMatterListReportsLinesOfThePage() throws {
        let frontMatter = """
            title: A project
            metrics:
              - name: accuracy
                unit: percent
                points: [{ step: 0, value: 50 }, { step: 0, value: 140 }]
            """
        let node = try #require(try YAMLNode.parse(frontMatter))
        var diagnostics = Diagnostics()
        let set = MetricParser.parseInline(try #require(node["metrics"]), file: "content/projects/a.md", lineOffset: 1, diagnostics: &diagnostics)
        #expect(set.series.first?.name == "accuracy")
        let codes = diagnostics.sorted.map { "\($0.code)@\($0.line):\($0.column)" }
        #expect(codes == ["metrics.duplicate-step@6:38", "metrics.range@6:38"])
    }

    @Test func inlineFrontMatterMappingWithMetricsList() throws {
        let frontMatter = """
            model: M
            metrics:
              - name: BLEU
                points: [{ step: 0, value: 20 }, { step: 1, value: 25 }]
            """
        let node = try #require(try YAMLNode.parse(frontMatter))
        var diagnostics = Diagnostics()
        let set = MetricParser.parseInline(node, file: "p.md", lineOffset: 3, diagnostics: &diagnostics)
        #expect(diagnostics.isEmpty)
        #expect(set.model == "M")
        #expect(set.series.first?.location.line == 6)
    }

    // MARK: Rules

    func diagnostics(of body: String, header: String = "metrics:\n") -> [String] {
        parse(header + body).1.map { "\($0.severity.rawValue) \($0.code) \($0.file):\($0.line):\($0.column)" }
    }

    @Test func nonNumericValueIsAnErrorAtTheValue() {
        #expect(diagnostics(of: "  - name: accuracy\n    points:\n      - { step: 0, value: 1 }\n      - { step: 1, value: high }\n")
            == ["error metrics.value content/projects/a/metrics.yaml:5:27"])
    }

    @Test(arguments: [".nan", ".inf", "-.inf", "NaN", "inf", "0x1F", "1e999"])
    func nonFiniteValuesAreErrors(raw: String) {
        let found = diagnostics(of: "  - name: accuracy\n    points:\n      - { step: 0, value: 1 }\n      - { step: 1, value: \(raw) }\n")
        #expect(found == ["error metrics.value content/projects/a/metrics.yaml:5:27"])
    }

    @Test func missingNameIsAnError() {
        #expect(diagnostics(of: "  - unit: score\n    better: higher\n    points: [{ step: 0, value: 1 }, { step: 1, value: 2 }]\n")
            == ["error metrics.name content/projects/a/metrics.yaml:2:5"])
    }

    @Test func metricWithoutPointsIsAnError() {
        #expect(diagnostics(of: "  - name: accuracy\n") == ["error metrics.points content/projects/a/metrics.yaml:2:5"])
    }

    @Test func duplicateStepIsAnError() {
        #expect(diagnostics(of: "  - name: accuracy\n    points:\n      - { step: 0, value: 1 }\n      - { step: 0, value: 2 }\n")
            == ["error metrics.duplicate-step content/projects/a/metrics.yaml:5:9"])
    }

    @Test func decreasingStepIsAnError() {
        let body = "  - name: accuracy\n    points:\n      - { step: 5, value: 1 }\n      - { step: 2, value: 2 }\n"
        #expect(diagnostics(of: body) == ["error metrics.step-order content/projects/a/metrics.yaml:5:9"])
    }

    @Test func betterMustBeHigherOrLower() {
        let body = "  - name: accuracy\n    better: sideways\n    points: [{ step: 0, value: 1 }, { step: 1, value: 2 }]\n"
        #expect(diagnostics(of: body) == ["error metrics.better content/projects/a/metrics.yaml:3:13"])
    }

    @Test func percentAboveHundredIsAWarningForAMetricThatMayPassIt() {
        let body = "  - name: throughput vs baseline\n    better: higher\n    unit: percent\n    points: [{ step: 0, value: 100 }, { step: 1, value: 140 }]\n"
        #expect(diagnostics(of: body) == ["warning metrics.range content/projects/a/metrics.yaml:5:39"])
    }

    @Test(arguments: ["accuracy", "acc_norm", "pass@1 (HumanEval)", "win rate vs SFT", "macro-F1", "precision", "recall@5",
                      "exact_match", "Annotator agreement"])
    func percentAboveHundredIsAnErrorForAShareOfCases(_ name: String) {
        let body = "  - name: \"\(name)\"\n    better: higher\n    unit: percent\n    points: [{ step: 0, value: 42 }, { step: 1, value: 104 }]\n"
        #expect(diagnostics(of: body) == ["error metrics.range content/projects/a/metrics.yaml:5:38"])
    }

    @Test func percentBelowZeroStaysAWarningEvenForAnAccuracy() {
        let body = "  - name: accuracy\n    unit: percent\n    points: [{ step: 0, value: -1 }, { step: 1, value: 50 }]\n"
        #expect(diagnostics(of: body) == ["warning metrics.range content/projects/a/metrics.yaml:4:14"])
    }

    @Test func fractionOutsideZeroToOneIsAnError() {
        let body = "  - name: accuracy\n    unit: fraction\n    points: [{ step: 0, value: 42 }, { step: 1, value: 0.5 }]\n"
        #expect(diagnostics(of: body) == ["error metrics.range content/projects/a/metrics.yaml:4:14"])
    }

    @Test func unknownDirectionIsAWarningOnTheMetric() {
        let body = "  - name: vibes\n    points: [{ step: 0, value: 1 }, { step: 1, value: 2 }]\n"
        #expect(diagnostics(of: body) == ["warning metrics.direction-unknown content/projects/a/metrics.yaml:2:5"])
    }

    @Test func singlePointIsAWarning() {
        let body = "  - name: accuracy\n    points: [{ step: 0, value: 1 }]\n"
        #expect(diagnostics(of: body) == ["warning metrics.single-point content/projects/a/metrics.yaml:3:14"])
    }

    @Test func unreachedTargetIsFine() {
        let body = "  - name: accuracy\n    target: 99\n    points: [{ step: 0, value: 1 }, { step: 1, value: 2 }]\n"
        #expect(diagnostics(of: body).isEmpty)
    }

    @Test func yamlSyntaxErrorIsReportedAtItsPosition() {
        let found = diagnostics(of: "  - name: accuracy\n    points: [{ step: 0, value: 1 }\n")
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("error metrics.syntax content/projects/a/metrics.yaml:4:") == true)
    }

    @Test func jsonSyntaxErrorIsReportedAtItsPosition() {
        let (_, found) = parse("{\"metrics\": [\n  {\"name\": \"a\",, \"points\": []}\n]}", file: "m.json")
        #expect(found.map { "\($0.code)@\($0.line)" } == ["metrics.syntax@2"])
    }

    @Test func aliasBombEndsInAnErrorInsteadOfAHang() {
        let points = "[" + Array(repeating: "*p", count: 2_000).joined(separator: ", ") + "]"
        let series = "{ name: accuracy, points: &l \(points) }"
        let yaml = "metrics:\n  - &s { name: a, points: [&p { step: 0, value: 1 }] }\n  - \(series)\n"
                        + Array(repeating: "  - { name: b, points: *l }\n", count: 2_000).joined()
        let clock = ContinuousClock()
        var codes: [String] = []
        let elapsed = clock.measure { codes = parse(yaml).1.map(\.code) }
        #expect(codes.contains("metrics.too-large"))
        #expect(codes.count < 10)
        #expect(elapsed < .seconds(60), "an alias bomb must not hang the parser")
    }

    // MARK: CSV

    @Test func longCSVWithQuotedFieldsParses() throws {
        let csv = """
            metric,step,value,label,stderr,unit,better
            "pass@1 (HumanEval, 164 problems)",0,42.1,SFT,,percent,higher
            "pass@1 (HumanEval, 164 problems)",1,48.7,"RLHF ""round"" 1",1.2,percent,higher
            validation loss,0,0.41,SFT,,,
            validation loss,1,0.33,"multi
            line label",,,

            """
        let (set, diagnostics) = parse(csv, .csv, file: "m.csv")
        #expect(diagnostics.isEmpty)
        #expect(set.series.map(\.name) == ["pass@1 (HumanEval, 164 problems)", "validation loss"])
        let pass = set.series[0]
        #expect(pass.unit == .percent)
        #expect(pass.better == .higher)
        #expect(pass.points[1].label == "RLHF \"round\" 1")
        #expect(pass.points[1].stderr == 1.2)
        #expect(set.series[1].points[1].label == "multi\nline label")
        #expect(set.series[1].points.map(\.value) == [0.41, 0.33])
    }

    @Test func wideCSVParsesOneSeriesPerColumn() throws {
        let csv = "step,label,accuracy,\"loss, val\"\n0,SFT,0.61,0.9\n1,\"DPO, round 1\",0.7,\n2,DPO 2,0.74,0.7\n"
        let (set, diagnostics) = parse(csv, .csv, file: "w.csv")
        #expect(diagnostics.isEmpty)
        #expect(set.series.map(\.name) == ["accuracy", "loss, val"])
        #expect(set.series[0].points.map(\.value) == [0.61, 0.7, 0.74])
        #expect(set.series[0].points[1].label == "DPO, round 1")
        #expect(set.series[1].points.map(\.step) == [0, 2])
    }

    @Test func badCSVValueIsReportedAtItsCell() {
        let csv = "metric,step,value\naccuracy,0,0.5\n\"acc\nuracy\",1,n/a\n"
        let (_, found) = parse(csv, .csv, file: "m.csv")
        #expect(found.map { "\($0.code)@\($0.line):\($0.column)" }.contains("metrics.value@4:10"))
    }

    @Test func csvRowsOutOfOrderAreReportedOnTheirLine() {
        let csv = "step,accuracy\n0,0.5\n2,0.6\n1,0.7\n"
        let (_, found) = parse(csv, .csv, file: "w.csv")
        #expect(found.map { "\($0.code)@\($0.line):\($0.column)" } == ["metrics.step-order@4:3"])
    }

    @Test func unclosedCSVQuoteIsASyntaxErrorAtTheQuote() {
        let (set, found) = parse("metric,step,value\n\"accuracy,0,0.5\naccuracy,1,0.6\n", .csv, file: "m.csv")
        #expect(set.series.isEmpty)
        #expect(found.map { "\($0.code)@\($0.line):\($0.column)" } == ["metrics.syntax@2:1"])
    }

    @Test func textAfterAClosingCSVQuoteIsASyntaxErrorAtThatText() {
        let (set, found) = parse("metric,step,value\n\"acc\"x,0,0.5\n", .csv, file: "m.csv")
        #expect(set.series.isEmpty)
        #expect(found.map { "\($0.line):\($0.column) \($0.message)" } == [
            "2:1 The CSV is malformed: a quoted field is never closed.",
            "2:6 The CSV is malformed: unexpected `x` after a closing quote.",
        ])
    }

    @Test func csvCellsAreLocatedWhateverTheLineEndings() {
        for newline in ["\n", "\r\n", "\r"] {
            let csv = ["step,\"acc\"", "0,0.5", "\"1\",oops", ""].joined(separator: newline)
            let (_, found) = parse(csv, .csv, file: "w.csv")
            #expect(found.map { "\($0.code)@\($0.line):\($0.column)" } == ["metrics.value@3:5"], "\(newline.debugDescription)")
        }
    }
}
