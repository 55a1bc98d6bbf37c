@testable import PortfolioMetrics
import Testing

@Suite struct MetricFormatDetectorTests {
    @Test(arguments: [
        ("lm-eval-harness/cpu_regression_expected.json", MetricFileFormat.lmEval),
        ("lm-eval-harness/cpu_group_regression_expected.json", .lmEval),
        ("lm-eval-harness-legacy/pythia-160m_zero-shot_step0.json", .lmEval),
        ("tensorboard-csv/run-reward_model-tag-eval_accuracy.csv", .tensorboard),
        ("wandb-csv/run-history_SnappierCape_ds-marl-air-cargo_wandb_results.csv", .wandb),
        ("wandb-csv/runs-table_preference-tuning.csv", .wandb),
        ("wandb-csv/chart-export_win-rate.csv", .wandb),
        ("hf-model-index/huggingface_hub_fixture_sample_simple_model_index.md", .hfModelCard),
        ("hf-model-index/legacy-model_index_andi611_bert-base-uncased-ner-conll2003_README.md", .hfModelCard),
        ("mlflow-filestore/mlruns/1/d01fc81e11e842f5b9556ae04136c0d3/metrics/val_f1", .mlflow),
    ])
    func samplesAreDetected(path: String, format: MetricFileFormat) throws {
        #expect(MetricFormatDetector.detect(fileName: path, text: try Samples.text(path)) == format)
    }

    @Test func ourOwnFormatsStayAsTheyAre() {
        #expect(MetricFormatDetector.detect(fileName: "metrics.json", text: "{\"metrics\": [{\"name\": \"results\"}]}") == .canonical)
        #expect(MetricFormatDetector.detect(fileName: "metrics.yaml", text: "metrics: []") == .canonical)
        #expect(MetricFormatDetector.detect(fileName: "metrics.csv", text: "metric,step,value\na,0,1\n") == .csv)
        #expect(MetricFormatDetector.detect(fileName: "m.csv", text: "step,accuracy\n0,1\n") == .csv)
        #expect(MetricFormatDetector.detect(fileName: "notes.md", text: "---\ntitle: x\n---\n") == nil)
        #expect(MetricFormatDetector.detect(fileName: "photo", text: "hello") == nil)
    }

    @Test func runFoldersAreRecognised() {
        #expect(MetricFormatDetector.isMLflowRun(relativePaths: ["meta.yaml", "metrics/loss", "params/lr"]))
        #expect(!MetricFormatDetector.isMLflowRun(relativePaths: ["meta.yaml", "abc/metrics/loss"]))
    }

    @Test func formatKeyNames() {
        #expect(MetricFileFormat(name: "lm-eval") == .lmEval)
        #expect(MetricFileFormat(name: "MLflow") == .mlflow)
        #expect(MetricFileFormat(name: "tensorboard") == .tensorboard)
        #expect(MetricFileFormat(name: "wandb") == .wandb)
        #expect(MetricFileFormat(name: "hf-model-card") == .hfModelCard)
        #expect(MetricFileFormat(name: "canonical") == .canonical)
        #expect(MetricFileFormat(name: "json") == .canonical)
        #expect(MetricFileFormat(name: "csv") == .csv)
        #expect(MetricFileFormat(name: "excel") == nil)
        #expect(MetricFileFormat.allCases.allSatisfy { MetricFileFormat(name: $0.name) == $0 })
    }
}
