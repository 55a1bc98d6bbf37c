@testable import PortfolioMetrics
@testable import PortfolioSupport
import Testing

@Suite struct LMEvalImporterTests {
    static let step0 = "lm-eval-harness-legacy/pythia-160m_zero-shot_step0.json"
    static let step143000 = "lm-eval-harness-legacy/pythia-160m_zero-shot_step143000.json"

    func snapshots(_ paths: [String]) throws -> ([MetricSnapshot], Diagnostics) {
        var diagnostics = Diagnostics()
        let snapshots = try paths.compactMap { LMEvalImporter.snapshot(try Samples.text($0), file: $0, diagnostics: &diagnostics) }
        return (snapshots, diagnostics)
    }

    @Test func pythiaCheckpointsBecomeOneSeriesPerTaskMetricOrderedByStep() throws {
        // Listed after-first: the revision in config.model_args puts step0 first.
        let (found, diagnostics) = try snapshots([Self.step143000, Self.step0])
        #expect(!diagnostics.hasErrors)
        #expect(found.map(\.step) == [143000, 0])
        var combining = Diagnostics()
        let set = MetricSnapshot.combine(found, options: MetricImportOptions(select: ["arc_easy/acc", "lambada_openai"]), diagnostics: &combining)
        #expect(!combining.hasErrors)
        #expect(set.series.map(\.name) == ["arc_easy acc", "lambada_openai ppl", "lambada_openai acc"])
        #expect(set.model == "EleutherAI/pythia-v1.1-160m")
        #expect(set.baseline == "step0")

        let acc = try #require(set.named("arc_easy acc"))
        #expect(acc.unit == .fraction)
        #expect(acc.effectiveBetter == .higher)
        #expect(acc.points.map(\.step) == [0, 143000])
        #expect(acc.points.map(\.label) == ["step0", "step143000"])
        #expect(acc.points.map(\.value) == [0.257996632996633, 0.4351851851851852])
        #expect(acc.points.map(\.stderr) == [0.0089779700052034, 0.010173216430370908])

        let ppl = try #require(set.named("lambada_openai ppl"))
        #expect(ppl.unit == .score)
        #expect(ppl.effectiveBetter == .lower)
        #expect(ppl.points.map(\.value) == [3559787.05379182, 38.064877017771195])
    }

    @Test func legacyFileWithoutSelectShowsTheFirstSixTasksOneMetricEach() throws {
        let (set, diagnostics) = try Samples.parse(Self.step0, .lmEval)
        #expect(!diagnostics.hasErrors)
        #expect(set.series.count == 6)
        #expect(set.series.first?.name == "hendrycksTest-marketing acc")
        #expect(set.series[1].name == "crows_pairs_french_physical_appearance likelihood_difference")
        #expect(set.series.allSatisfy { $0.points.count == 1 && $0.points[0].step == 0 })
    }

    @Test func v04KeysWithNAStderrAndHigherIsBetter() throws {
        let (set, diagnostics) = try Samples.parse("lm-eval-harness/cpu_regression_expected.json", .lmEval)
        #expect(!diagnostics.hasErrors)
        #expect(set.series.map(\.name) == ["arc_easy acc", "lambada_openai acc", "wikitext bits_per_byte"])
        let acc = try #require(set.named("arc_easy acc"))
        #expect(acc.points.map(\.value) == [0.3])
        #expect(acc.points[0].stderr == nil)  // "N/A"
        #expect(acc.better == .higher)
        #expect(set.named("wikitext bits_per_byte")?.better == .lower)

        let (all, _) = try Samples.parse("lm-eval-harness/cpu_regression_expected.json", .lmEval,
            options: MetricImportOptions(select: ["lambada_openai/perplexity", "wikitext/word_perplexity,none"]))
        #expect(all.series.map(\.name) == ["lambada_openai perplexity", "wikitext word_perplexity"])
        #expect(all.series[0].better == .lower)
        #expect(all.series[0].points[0].value == 605.5452047779999)
    }

    @Test func groupResultsAreTheDefault() throws {
        let (set, diagnostics) = try Samples.parse("lm-eval-harness/cpu_group_regression_expected.json", .lmEval)
        #expect(!diagnostics.hasErrors)
        #expect(set.series.map(\.name) == ["regression_arc acc", "regression_arc acc_norm"])
        #expect(set.series.map { $0.points[0].value } == [0.15, 0.05])
    }

    @Test func selectNamingNothingIsAnErrorListingTheTasks() throws {
        let at = SourceLocation(file: "content/projects/a/index.md", line: 4, column: 11)
        let (_, diagnostics) = try Samples.parse("lm-eval-harness/cpu_regression_expected.json", .lmEval,
            options: MetricImportOptions(select: ["hellaswag"], location: at))
        let error = try #require(diagnostics.first("metrics.select"))
        #expect(error.severity == .error)
        #expect((error.file, error.line, error.column) == (at.file, 4, 11))
        #expect(error.hint?.contains("`arc_easy`") == true)
    }

    @Test func malformedJSONIsReportedWithLineAndColumn() throws {
        let text = """
            {
              "results": {
                "arc_easy": {
                  "acc,none": 0.3,,
                }
              }
            }
            """
        let (set, diagnostics) = Samples.parse(text: text, file: "content/p/results.json", .lmEval)
        #expect(set.series.isEmpty)
        let error = try #require(diagnostics.first("metrics.syntax"))
        #expect(error.file == "content/p/results.json")
        #expect(error.line == 4)
        #expect(error.column > 0)
    }

    @Test func aTextValueIsLeftOutWithAWarningAtItsPlace() throws {
        let text = """
            {"results": {"arc_easy": {"acc,none": "high", "acc_norm,none": 0.4}}}
            """
        let (set, diagnostics) = Samples.parse(text: text, file: "r.json", .lmEval)
        let warning = try #require(diagnostics.first("metrics.value"))
        #expect(warning.severity == .warning)
        #expect((warning.file, warning.line, warning.column) == ("r.json", 1, 39))
        #expect(set.series.isEmpty || set.series.allSatisfy { $0.name != "arc_easy acc" })
    }

    @Test func noResultsObjectIsAShapeError() {
        let (_, diagnostics) = Samples.parse(text: "{\"metrics\": []}", file: "r.json", .lmEval)
        #expect(diagnostics.codes.contains("metrics.shape"))
    }

    @Test func revisionNamesGiveSteps() {
        #expect(LMEvalImporter.step(fromRevision: "step143000") == 143000)
        #expect(LMEvalImporter.step(fromRevision: "checkpoint-500") == 500)
        #expect(LMEvalImporter.step(fromRevision: "main") == nil)
        #expect(LMEvalImporter.step(fromRevision: "v2") == nil)
    }
}
