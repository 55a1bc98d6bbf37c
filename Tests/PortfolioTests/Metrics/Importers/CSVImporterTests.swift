@testable import PortfolioMetrics
@testable import PortfolioSupport
import Testing

@Suite struct TensorBoardImporterTests {
    @Test func scalarDownloadIsOneSeriesNamedAfterTheTag() throws {
        let path = "tensorboard-csv/run-reward_model-tag-eval_accuracy.csv"
        let (set, diagnostics) = try Samples.parse(path, .tensorboard)
        #expect(!diagnostics.hasErrors)
        #expect(set.model == "reward_model")
        let series = try #require(set.series.first)
        #expect(set.series.count == 1)
        #expect(series.name == "eval_accuracy")
        #expect(series.unit == .fraction)
        #expect(series.effectiveBetter == .higher)
        #expect(series.points.count == 21)
        #expect(series.points.first.map { ($0.step, $0.value) } ?? (nil, 0) == (0, 0.617885993177998))
        #expect(series.points.last.map { ($0.step, $0.value) } ?? (nil, 0) == (5000, 0.7570103479040188))
        #expect(series.points[1].location == SourceLocation(file: path, line: 3, column: 24))
    }

    @Test func nameOnTheEntryRenamesTheSeries() throws {
        let (set, _) = try Samples.parse("tensorboard-csv/run-reward_model-tag-train_loss.csv", .tensorboard,
            options: MetricImportOptions(name: "Reward-model training loss"))
        #expect(set.series.map(\.name) == ["Reward-model training loss"])
        #expect(set.series[0].effectiveBetter == .lower)
    }

    @Test func aBadCellIsReportedAtItsLineAndColumn() throws {
        let (_, diagnostics) = Samples.parse(text: "Wall time,Step,Value\n1.0,0,0.5\n2.0,1,abc\n", file: "run-a-tag-b.csv", .tensorboard)
        let error = try #require(diagnostics.first("metrics.value"))
        #expect((error.file, error.line, error.column) == ("run-a-tag-b.csv", 3, 7))
    }

    @Test func aWrongHeaderIsAShapeError() {
        let (_, diagnostics) = Samples.parse(text: "time,value\n1,2\n", file: "x.csv", .tensorboard)
        #expect(diagnostics.codes.contains("metrics.shape"))
    }
}

@Suite struct WandbImporterTests {
    @Test func runHistoryGivesASeriesPerColumnOverStepCappedWithoutSelect() throws {
        let path = "wandb-csv/run-history_SnappierCape_ds-marl-air-cargo_wandb_results.csv"
        let (set, diagnostics) = try Samples.parse(path, .wandb)
        #expect(!diagnostics.hasErrors)
        #expect(set.series.count == MetricSelection.defaultLimit)
        #expect(diagnostics.first("metrics.truncated")?.severity == .warning)
        #expect(!set.series.contains { $0.name.hasPrefix("_") })
        let critic = try #require(set.named("train/ghas/loss_critic"))
        #expect(critic.points.count == 26)
        #expect(critic.points[0].step == 0 && critic.points[0].value == 0.0025614050682634115)
        #expect(critic.points[1].step == 5 && critic.points[1].value == 0.0033301571384072304)

        let (chosen, chosenDiagnostics) = try Samples.parse(path, .wandb, options: MetricImportOptions(select: ["timers/*", "counters/iter"]))
        #expect(!chosenDiagnostics.codes.contains("metrics.truncated"))
        #expect(chosen.series.map(\.name) == ["timers/evaluation_time", "timers/training_time", "timers/iteration_time",
            "timers/total_time", "timers/collection_time", "counters/iter"])
        // Empty cells are missing values, not zeros.
        #expect(chosen.named("timers/evaluation_time")!.points.count < 26)
    }

    @Test func runsTableMakesEachFinishedRunAStepAndSkipsTheCrashedOne() throws {
        let path = "wandb-csv/runs-table_preference-tuning.csv"
        let (set, diagnostics) = try Samples.parse(path, .wandb)
        #expect(!diagnostics.hasErrors)
        let skipped = try #require(diagnostics.first("metrics.skipped-run"))
        #expect(skipped.severity == .warning)
        #expect((skipped.file, skipped.line) == (path, 5))
        #expect(set.series.map(\.name) == ["eval/win_rate", "eval/helpfulness", "eval/loss"])
        let winRate = try #require(set.named("eval/win_rate"))
        #expect(winRate.points.map(\.label) == ["sft-baseline", "dpo-round-1", "dpo-round-2", "dpo-round-3b"])
        #expect(winRate.points.map(\.step) == [0, 1, 2, 3])
        #expect(winRate.points.map(\.value) == [0.482, 0.537, 0.581, 0.603])
        #expect(winRate.unit == .fraction)
        #expect(set.named("eval/loss")?.effectiveBetter == .lower)
        #expect(set.baseline == "sft-baseline")
        #expect(set.model == "dpo-round-3b")
    }

    @Test func chartExportGivesASeriesPerRunWithItsMinMaxBand() throws {
        let (set, diagnostics) = try Samples.parse("wandb-csv/chart-export_win-rate.csv", .wandb)
        #expect(!diagnostics.hasErrors)
        #expect(set.series.map(\.name) == ["eval/win_rate (dpo-round-1)", "eval/win_rate (dpo-round-2)"])
        let first = try #require(set.series.first), second = set.series[1]
        #expect(first.points.count == 11)
        #expect(second.points.count == 9)  // stopped at step 1600
        #expect(first.points[1].step == 200)
        #expect(first.points[1].value == 0.494911)
        #expect(first.points[1].min == 0.490911)
        #expect(first.points[1].max == 0.498911)
        #expect(second.points.last?.step == 1600)
    }

    @Test func brokenQuotingIsASyntaxErrorWithItsPlace() throws {
        let (_, diagnostics) = Samples.parse(text: "\"Name\",\"State\",\"eval/loss\"\n\"a\",\"finished\",\"1.0\n", file: "w.csv", .wandb)
        let error = try #require(diagnostics.first("metrics.syntax"))
        #expect((error.file, error.line, error.column) == ("w.csv", 2, 16))
    }

    @Test func anUnknownShapeIsAShapeError() {
        let (_, diagnostics) = Samples.parse(text: "a,b\n1,2\n", file: "w.csv", .wandb)
        #expect(diagnostics.codes.contains("metrics.shape"))
    }
}
