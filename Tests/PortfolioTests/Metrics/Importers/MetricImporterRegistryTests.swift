@testable import PortfolioMetrics
import Testing

@Suite struct MetricImporterRegistryTests {
    let registry = MetricImporterRegistry.standard

    @Test(arguments: [
        ("lm-eval-harness/cpu_regression_expected.json", "lm-eval"),
        ("lm-eval-harness/cpu_group_regression_expected.json", "lm-eval"),
        ("lm-eval-harness-legacy/pythia-160m_zero-shot_step0.json", "lm-eval"),
        ("tensorboard-csv/run-reward_model-tag-eval_accuracy.csv", "tensorboard"),
        ("wandb-csv/run-history_SnappierCape_ds-marl-air-cargo_wandb_results.csv", "wandb"),
        ("wandb-csv/runs-table_preference-tuning.csv", "wandb"),
        ("wandb-csv/chart-export_win-rate.csv", "wandb"),
        ("hf-model-index/huggingface_hub_fixture_sample_simple_model_index.md", "hf-model-card"),
        ("hf-model-index/legacy-model_index_andi611_bert-base-uncased-ner-conll2003_README.md", "hf-model-card"),
        ("mlflow-filestore/mlruns/1/d01fc81e11e842f5b9556ae04136c0d3/metrics/val_f1", "mlflow"),
    ])
    func samplesAreDetected(path: String, format: String) throws {
        #expect(registry.detect(fileName: path, text: try Samples.text(path))?.name == format)
        #expect(registry.detect(fileName: path, text: try Samples.text(path), byContentOnly: true)?.name == format)
    }

    @Test func ourOwnFormatsStayAsTheyAre() {
        #expect(registry.detect(fileName: "metrics.json", text: "{\"metrics\": [{\"name\": \"results\"}]}")?.name == "canonical")
        #expect(registry.detect(fileName: "metrics.yaml", text: "metrics: []")?.name == "canonical")
        #expect(registry.detect(fileName: "metrics.csv", text: "metric,step,value\na,0,1\n")?.name == "csv")
        #expect(registry.detect(fileName: "m.csv", text: "step,accuracy\n0,1\n")?.name == "csv")
        #expect(registry.detect(fileName: "notes.md", text: "---\ntitle: x\n---\n") == nil)
        #expect(registry.detect(fileName: "photo", text: "hello") == nil)
    }

    @Test func aFileKnownOnlyByItsNameIsNotDetectedByContent() {
        #expect(registry.detect(fileName: "results.json", text: "{\"metrics\": []}", byContentOnly: true) == nil)
        #expect(registry.detect(fileName: "wandb_export.csv", text: "step,accuracy\n0,1\n", byContentOnly: true) == nil)
    }

    @Test func runFoldersAreRecognised() {
        #expect(registry.folderImporter(relativePaths: ["meta.yaml", "metrics/loss", "params/lr"])?.name == "mlflow")
        #expect(registry.folderImporter(relativePaths: ["meta.yaml", "abc/metrics/loss"]) == nil)
    }

    @Test func toolFileNamesAreClaimedByTheirImporters() {
        #expect(registry.claimsToolFile(named: "results_2024-01-01.json"))
        #expect(registry.claimsToolFile(named: "run-rm-tag-eval_accuracy.csv"))
        #expect(registry.claimsToolFile(named: "Wandb_Export_2024.csv"))
        #expect(!registry.claimsToolFile(named: "metrics.csv"))
        #expect(!registry.claimsToolFile(named: "results.csv"))
    }

    @Test func formatKeyNames() {
        #expect(registry.importer(named: "lm-eval")?.name == "lm-eval")
        #expect(registry.importer(named: "MLflow")?.name == "mlflow")
        #expect(registry.importer(named: "tensorboard")?.name == "tensorboard")
        #expect(registry.importer(named: "wandb")?.name == "wandb")
        #expect(registry.importer(named: "hf-model-card")?.name == "hf-model-card")
        #expect(registry.importer(named: "canonical")?.name == "canonical")
        #expect(registry.importer(named: " json ")?.name == "canonical")
        #expect(registry.importer(named: "csv")?.name == "csv")
        #expect(registry.importer(named: "excel") == nil)
        #expect(registry.importers.allSatisfy { registry.importer(named: $0.name)?.name == $0.name })
        #expect(Set(registry.importers.map(\.name)).count == registry.importers.count)
    }
}
