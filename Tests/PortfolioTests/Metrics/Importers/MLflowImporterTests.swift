import Foundation
@testable import PortfolioMetrics
@testable import PortfolioSupport
import Testing

@Suite struct MLflowImporterTests {
    static let run = "mlflow-filestore/mlruns/1/d01fc81e11e842f5b9556ae04136c0d3"

    /// The run folder's files by relative path, as the loader hands them over.
    static func runFiles() throws -> [String: String] {
        let root = MetricFixtures.folder.appendingPathComponent("samples/" + run).path
        var files: [String: String] = [:]
        for folder in ["metrics", "params", "tags"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: root + "/" + folder) {
                files[folder + "/" + name] = try String(contentsOfFile: root + "/" + folder + "/" + name, encoding: .utf8)
            }
        }
        files["meta.yaml"] = try String(contentsOfFile: root + "/meta.yaml", encoding: .utf8)
        return files
    }

    @Test func everyMetricFileOfTheRunIsASeriesOverStep() throws {
        var diagnostics = Diagnostics()
        let set = MLflowImporter.parseRun(try Self.runFiles(), folder: "content/p/run", diagnostics: &diagnostics)
        #expect(!diagnostics.hasErrors)
        #expect(set.series.count == 10)
        #expect(set.series.map(\.name).first == "test_cross_entropy")
        let f1 = try #require(set.named("val_f1"))
        #expect(f1.points.map(\.step) == [0, 1, 2])
        #expect(f1.points.map(\.value) == [0.532800018787384, 0.5436000227928162, 0.6151999831199646])
        #expect(f1.unit == .fraction)
        #expect(f1.points[2].location == SourceLocation(file: "content/p/run/metrics/val_f1", line: 3, column: 15))
        #expect(set.named("test_f1")?.points.count == 1)
        #expect(set.params["lr"] == "0.01")
        #expect(set.params["backbone"] == "prajjwal1/bert-tiny")
        #expect(set.params.count == 24)
        #expect(set.model == nil)  // this run has no name
    }

    @Test func theRunNameIsTheModel() {
        var diagnostics = Diagnostics()
        let named = MLflowImporter.parseRun(
            ["metrics/loss": "1 0.5 0\n2 0.4 1\n", "meta.yaml": "run_name: sft-v2\nname: ''\n"], folder: "r", diagnostics: &diagnostics)
        #expect(named.model == "sft-v2")
        let tagged = MLflowImporter.parseRun(
            ["metrics/loss": "1 0.5 0\n", "tags/mlflow.runName": "dpo", "meta.yaml": "run_name: x\n"], folder: "r", diagnostics: &diagnostics)
        #expect(tagged.model == "dpo")
    }

    @Test func aMalformedLineIsReportedWithFileLineAndColumn() throws {
        var diagnostics = Diagnostics()
        _ = MLflowImporter.parseRun(["metrics/loss": "1647564216827 0.75 0\n1647564346627 oops 1\n1 2 3 4\n", "meta.yaml": ""],
            folder: "content/p/run", diagnostics: &diagnostics)
        let value = try #require(diagnostics.first("metrics.value"))
        #expect((value.file, value.line, value.column) == ("content/p/run/metrics/loss", 2, 15))
        let syntax = try #require(diagnostics.first("metrics.syntax"))
        #expect((syntax.file, syntax.line) == ("content/p/run/metrics/loss", 3))
    }

    @Test func resumedRunsKeepTheLastValueOfARepeatedStep() {
        let (set, diagnostics) = Samples.parse(text: "1 0.9 0\n2 0.8 1\n3 0.7 1\n4 0.6 2\n", file: "metrics/loss", .mlflow)
        #expect(!diagnostics.hasErrors)
        #expect(set.series[0].points.map(\.value) == [0.9, 0.7, 0.6])
    }

    @Test func aFolderWithoutMetricsIsAnError() {
        var diagnostics = Diagnostics()
        let set = MLflowImporter.parseRun(["meta.yaml": "name: x\n"], folder: "content/p/mlruns/1", diagnostics: &diagnostics)
        #expect(set.series.isEmpty)
        #expect(diagnostics.codes == ["metrics.empty"])
    }
}
