@testable import PortfolioMetrics
@testable import PortfolioSupport
import Testing

@Suite struct HFModelCardImporterTests {
    @Test func modelIndexGivesASeriesPerDatasetMetric() throws {
        let (set, diagnostics) = try Samples.parse("hf-model-index/huggingface_hub_fixture_sample_simple_model_index.md", .hfModelCard)
        #expect(!diagnostics.hasErrors)
        #expect(set.model == "my-cool-model")
        #expect(set.series.map(\.name) == ["accuracy (Beans)", "f1 (Beans)"])
        #expect(set.series.map { $0.points[0].value } == [0.9, 0.66])
        #expect(set.series[0].points[0].label == "my-cool-model")
        #expect(set.series[0].unit == .fraction)
        #expect(set.series[1].points[0].location == SourceLocation(file: "hf-model-index/huggingface_hub_fixture_sample_simple_model_index.md", line: 35, column: 14))
    }

    @Test func trainerGeneratedCard() throws {
        let (set, diagnostics) = try Samples.parse("hf-model-index/trainer-generated_KishoreR10_this_is_my_model_README.md", .hfModelCard)
        #expect(!diagnostics.hasErrors)
        #expect(set.series.map(\.name) == ["Precision (conll2003)", "Recall (conll2003)", "F1 (conll2003)", "Accuracy (conll2003)"])
        #expect(set.named("F1 (conll2003)")?.points[0].value == 0.884395070300295)
    }

    @Test func legacyModelIndexWithSingularMetric() throws {
        let (set, diagnostics) = try Samples.parse(
            "hf-model-index/legacy-model_index_andi611_bert-base-uncased-ner-conll2003_README.md", .hfModelCard)
        #expect(!diagnostics.hasErrors)
        #expect(set.model == "bert-base-uncased-ner")
        #expect(set.series.map(\.name) == ["Accuracy (conll2003)"])
        #expect(set.series[0].points[0].value == 0.19881805328292054)
    }

    @Test func valuesWrittenWithTheirErrorAreSplit() throws {
        let card = """
            ---
            model-index:
            - name: m
              results:
              - dataset: {name: HumanEval}
                metrics:
                - {type: pass@1, value: "20.0 ± 1.2"}
                - {type: bleu, value: "31.5 +/- 0.4"}
                - {type: exact_match, value: "62.5%"}
            ---
            """
        let (set, diagnostics) = Samples.parse(text: card, file: "README.md", .hfModelCard)
        #expect(!diagnostics.hasErrors)
        #expect(set.series.map { $0.points[0].value } == [20.0, 31.5, 62.5])
        #expect(set.series.map { $0.points[0].stderr } == [1.2, 0.4, nil])
        #expect(set.series[0].unit == .percent)
    }

    @Test func aValueThatIsNoNumberIsReportedAtItsLine() throws {
        let card = "---\nmodel-index:\n- name: m\n  results:\n  - dataset: {name: d}\n    metrics:\n    - type: acc\n      value: great\n---\n"
        let (_, diagnostics) = Samples.parse(text: card, file: "README.md", .hfModelCard)
        let error = try #require(diagnostics.first("metrics.value"))
        #expect((error.file, error.line, error.column) == ("README.md", 8, 14))
    }

    @Test func brokenYAMLIsASyntaxErrorInTheCardsLines() throws {
        let card = "---\nlicense: mit\nmodel-index:\n- name: [unclosed\n---\n"
        let (_, diagnostics) = Samples.parse(text: card, file: "README.md", .hfModelCard)
        let error = try #require(diagnostics.first("metrics.syntax"))
        #expect(error.line >= 4)
    }

    @Test func severalCardsCompareTheirModels() throws {
        var diagnostics = Diagnostics()
        let base = HFModelCardImporter.snapshot(try Samples.text("hf-model-index/legacy-model_index_andi611_bert-base-uncased-ner-conll2003_README.md"), file: "base.md", diagnostics: &diagnostics)
        let tuned = HFModelCardImporter.snapshot(try Samples.text("hf-model-index/trainer-generated_KishoreR10_this_is_my_model_README.md"), file: "tuned.md", diagnostics: &diagnostics)
        let set = MetricSnapshot.combine([base!, tuned!], options: MetricImportOptions(select: ["conll2003/accuracy"]), diagnostics: &diagnostics)
        #expect(!diagnostics.hasErrors)
        let accuracy = try #require(set.series.first)
        #expect(accuracy.points.map(\.label) == ["bert-base-uncased-ner", "this_is_my_model"])
        #expect(accuracy.points.map(\.step) == [0, 1])
        #expect(set.baseline == "bert-base-uncased-ner")
        #expect(set.model == "this_is_my_model")
    }
}
