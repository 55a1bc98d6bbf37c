import Foundation
@testable import PortfolioBuild
import PortfolioSupport
import Testing

/// The `importers` fixture site: one project per importer, referencing copies of the samples.
@Suite struct ImportedSiteTests {
    struct Built {
        var result: BuildResult
        var output: String

        /// `projects/<slug>/metrics.json`, decoded.
        func metrics(_ slug: String) throws -> [String: Any] {
            let data = try #require(FileManager.default.contents(atPath: "\(output)/projects/\(slug)/metrics.json"))
            return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }

        func series(_ slug: String) throws -> [[String: Any]] {
            try #require(try metrics(slug)["metrics"] as? [[String: Any]])
        }

        func names(_ slug: String) throws -> [String] {
            try series(slug).compactMap { $0["name"] as? String }
        }

        func points(_ slug: String, _ name: String) throws -> [[String: Any]] {
            let match = try #require(try series(slug).first { $0["name"] as? String == name })
            return try #require(match["points"] as? [[String: Any]])
        }
    }

    /// Builds a copy of the importers site into its `out/` folder; the caller removes the folder's parent.
    static func build() throws -> Built {
        let site = try Fixtures.copy(ofSite: Fixtures.path("sites/importers"))
        let output = site + "/out"
        return Built(result: Fixtures.build(site: site, output: output), output: output)
    }

    @Test func siteBuildsWithoutErrorsAndEveryProjectHasItsSeries() throws {
        let built = try Self.build()
        defer { Fixtures.remove((built.output as NSString).deletingLastPathComponent) }
        let errors = built.result.diagnostics.sorted.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)")
        #expect(built.result.published)

        // lm-eval: two checkpoints listed after-first, ordered by the revision step they name.
        #expect(try built.names("pythia-checkpoints") == ["arc_easy acc", "lambada_openai acc"])
        let arc = try built.points("pythia-checkpoints", "arc_easy acc")
        #expect(arc.map { $0["label"] as? String } == ["step0", "step143000"])
        // Foundation's JSON reader may be off in the last digit: compare within 1e-12.
        #expect(close(arc.compactMap { $0["value"] as? Double }, [0.257996632996633, 0.4351851851851852]))
        #expect(try built.metrics("pythia-checkpoints")["baseline"] as? String == "step0")

        // lm-eval results dropped into the bundle: group-level results.
        #expect(try built.names("lm-eval-groups") == ["regression_arc acc", "regression_arc acc_norm"])

        // MLflow run folder, with its params.
        #expect(try built.names("mlflow-finetune") == ["val_f1", "val_cross_entropy"])
        #expect(try built.points("mlflow-finetune", "val_f1").map { $0["step"] as? Double } == [0, 1, 2])
        let params = try #require(try built.metrics("mlflow-finetune")["params"] as? [String: String])
        #expect(params["foundation_model"] == "prajjwal1/bert-tiny")

        // TensorBoard: a referenced CSV renamed by `name:`, and one found in the bundle by its name.
        #expect(try built.names("reward-model") == ["Held-out preference accuracy", "train_loss"])
        #expect(try built.points("reward-model", "train_loss").count == 51)

        // W&B: runs table, chart export, history.
        #expect(try built.names("preference-tuning") == [
            "eval/win_rate", "eval/helpfulness", "eval/loss",
            "eval/win_rate (dpo-round-1)", "eval/win_rate (dpo-round-2)", "train/ghas/loss_critic",
        ])
        let band = try built.points("preference-tuning", "eval/win_rate (dpo-round-2)")
        #expect(band[1]["min"] as? Double == 0.503337)
        #expect(built.result.diagnostics.first("metrics.skipped-run") != nil)

        // Hugging Face model cards: base vs fine-tuned.
        #expect(try built.names("ner-model-card") == ["F1 (conll2003)", "Accuracy (conll2003)"])
        let accuracy = try built.points("ner-model-card", "Accuracy (conll2003)")
        #expect(close(accuracy.compactMap { $0["value"] as? Double }, [0.19881805328292054, 0.9761756784752434]))

        // Data files are read, not published.
        let leaked = Fixtures.tree(built.output).keys.filter {
            $0.contains("mlruns") || $0.hasSuffix(".csv") || ($0.hasSuffix(".txt") && $0 != "robots.txt") || ($0.hasSuffix(".json") && !$0.hasSuffix("metrics.json"))
        }
        #expect(leaked.isEmpty, "\(leaked)")
    }

    func close(_ values: [Double], _ expected: [Double]) -> Bool {
        values.count == expected.count && zip(values, expected).allSatisfy { abs($0 - $1) < 1e-12 }
    }

    /// What a build reports for a site of one project `p` whose front matter lists `metrics`, with `files` beside it.
    func diagnostics(metrics: String, files: [String: String]) -> Diagnostics {
        var siteFiles = [
            "portfolio.yaml": "title: t\nbase_url: https://example.org/\n",
            "content/projects/p/index.md": "---\ntitle: P\nmetrics:\n\(metrics)---\nText.\n",
        ]
        for (path, text) in files { siteFiles["content/projects/p/" + path] = text }
        let site = Fixtures.site(siteFiles)
        defer { Fixtures.remove(site) }
        return Fixtures.build(site: site, output: nil).diagnostics
    }

    @Test func aMissingRunFolderAndAnUnknownFormatAreReportedAtTheEntry() throws {
        let found = diagnostics(metrics: "  - path: mlruns/1\n  - path: m.csv\n    format: excel\n", files: [
            "mlruns/1/meta.yaml": "name: exp\n",
            "mlruns/1/abc/meta.yaml": "run_name: r\n",
            "mlruns/1/abc/metrics/loss": "1 0.5 0\n",
            "m.csv": "step,loss\n0,1\n",
        ])
        let folder = try #require(found.first("metrics.mlflow"))
        #expect((folder.file, folder.line) == ("content/projects/p/index.md", 4))
        #expect(folder.hint?.contains("mlruns/1/abc") == true)
        let format = try #require(found.first("metrics.format"))
        #expect(format.line == 5)
    }

    @Test func aRunFolderNamedWithAFileFormatIsReportedAtTheEntry() throws {
        let found = diagnostics(metrics: "  - path: run\n    format: csv\n", files: [
            "run/meta.yaml": "run_name: r\n",
            "run/metrics/loss": "1 0.5 0\n2 0.4 1\n",
        ])
        let format = try #require(found.first("metrics.format"))
        #expect((format.file, format.line) == ("content/projects/p/index.md", 4))
        #expect(format.message == "'run' is a folder, which only `format: mlflow` reads")
    }
}
