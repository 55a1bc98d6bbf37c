import Foundation
import PortfolioSupport

/// Reads the three CSV shapes Weights & Biases exports: a run's history (`_step` + metric columns), the
/// runs table (one row per run, `Name`/`State` + config + summary metrics) and a chart export
/// (`<x>,"<run> - <metric>","... __MIN","... __MAX"`).
public struct WandbImporter: MetricImporter {
    public init() {}

    public var name: String { "wandb" }
    public var aliases: Set<String> { ["w&b", "weights-and-biases", "weights & biases"] }
    /// A run history can have 70 columns.
    public var defaultSeriesLimit: Int? { MetricSelection.defaultLimit }

    public func recognition(of file: MetricFileName, text: String) -> MetricRecognition? {
        guard file.fileExtension == "csv" else { return nil }
        return Self.shape(ofHeader: CSVTable.headerNames(of: text)) != nil ? .byContent : nil
    }

    /// `wandb_export*.csv`, as the W&B UI names its downloads.
    public func claimsToolFile(named lowercased: String) -> Bool {
        lowercased.hasPrefix("wandb_export") && lowercased.hasSuffix(".csv")
    }

    public func read(_ text: String, file: String, diagnostics: inout Diagnostics) -> ImportedMetrics {
        .series(Self.parse(text, file: file, diagnostics: &diagnostics))
    }

    enum Shape: Sendable, Hashable {
        case history, runsTable, chart
    }

    /// The run-table columns that describe a run rather than measure it.
    private static let runColumns: Set<String> = [
        "name", "state", "notes", "user", "tags", "created", "runtime", "sweep", "id", "group", "job type", "hostname",
        "description", "commit", "github", "gpu", "gpu count", "gpu type", "os", "python version", "host", "command",
        "agent", "end time", "heartbeat", "updated", "_runtime", "_timestamp", "_step", "_wandb",
    ]
    /// States of a run whose summary is not a result.
    private static let failedStates: Set<String> = ["crashed", "failed", "killed"]

    static func shape(ofHeader names: [String]) -> Shape? {
        let lower = Set(names.map { $0.lowercased() })
        if lower.contains("_step") { return .history }
        if lower.contains("name"), lower.contains("state") { return .runsTable }
        if names.contains(where: { $0.contains(" - ") }) { return .chart }
        return nil
    }

    static func parse(_ text: String, file: String, diagnostics: inout Diagnostics) -> MetricSet {
        let table = CSVTable(text, file: file, diagnostics: &diagnostics)
        guard let header = table.header else { return MetricSet() }
        switch shape(ofHeader: table.names) {
        case .history: return history(table, file: file, diagnostics: &diagnostics)
        case .runsTable: return runsTable(table, file: file, diagnostics: &diagnostics)
        case .chart: return chart(table, file: file, diagnostics: &diagnostics)
        case nil:
            diagnostics.error("metrics.shape", at: header.location(0),
                "This is none of the W&B CSV exports: expected a `_step` column (run history), `Name` and `State` (runs table) or `<run> - <metric>` columns (chart export).",
                hint: "Export the run history, the runs table or a chart as CSV from W&B, or set `format:` to the file's real format.")
            return MetricSet()
        }
    }

    /// `_step` is the step; every column not starting with `_` is a metric; empty cells are missing points.
    private static func history(_ table: CSVTable, file: String, diagnostics: inout Diagnostics) -> MetricSet {
        let names = table.names
        guard let stepColumn = names.firstIndex(where: { $0.lowercased() == "_step" }), let header = table.header else { return MetricSet() }
        var result = MetricSet()
        for (column, name) in names.enumerated() where !name.hasPrefix("_") && !name.isEmpty {
            var series = MetricSeries(name: name, points: [], location: header.location(column))
            for row in table.rows {
                guard let value = row.number(column, field: name, &diagnostics) else { continue }
                var point = MetricPoint(value: value, location: row.location(column))
                point.step = row.number(stepColumn, field: "_step", &diagnostics)
                series.points.append(point)
            }
            guard !series.points.isEmpty else { continue }
            series.points = ImportedPoints.ordered(series.points)
            series.unit = ImportedUnit.guess(name: name, values: series.points.map(\.value))
            result.series.append(series)
        }
        return result
    }

    /// Each finished run is a step, in the order they were created, labelled with its name; numeric columns
    /// that name a metric (`eval/loss`, `accuracy`) become series, the rest are the runs' config.
    private static func runsTable(_ table: CSVTable, file: String, diagnostics: inout Diagnostics) -> MetricSet {
        let names = table.names
        let lower = names.map { $0.lowercased() }
        guard let header = table.header, let nameColumn = lower.firstIndex(of: "name"), let stateColumn = lower.firstIndex(of: "state") else {
            return MetricSet()
        }
        var rows: [CSVTable.Row] = []
        for row in table.rows {
            let state = row.text(stateColumn)?.lowercased() ?? ""
            if failedStates.contains(state) {
                diagnostics.warning("metrics.skipped-run", at: row.location(stateColumn),
                    "Run `\(row.text(nameColumn) ?? "?")` \(state); its row is left out.",
                    hint: "Delete the row from the export, or rerun and export again, to silence this.")
                continue
            }
            rows.append(row)
        }
        if let created = lower.firstIndex(of: "created") {
            // The W&B table lists newest first; training order is creation order (ISO dates sort as text).
            rows = rows.enumerated().sorted { ($0.element.text(created) ?? "", $0.offset) < ($1.element.text(created) ?? "", $1.offset) }.map(\.element)
        }
        var result = MetricSet()
        for (column, name) in names.enumerated() where !runColumns.contains(lower[column]) && !name.isEmpty {
            let looksLikeMetric = name.contains("/") || Better.inferred(fromName: name) != nil
            let cells = rows.compactMap(\.fields[safe: column]).map { $0.metricTrimmed() }.filter { !$0.isEmpty }
            guard looksLikeMetric, !cells.isEmpty, cells.allSatisfy({ MetricParser.finiteNumber($0) != nil || ImportedNumber.isMissing($0) }) else { continue }
            var series = MetricSeries(name: name, points: [], location: header.location(column))
            for (index, row) in rows.enumerated() {
                guard let value = row.number(column, field: name, &diagnostics) else { continue }
                series.points.append(MetricPoint(step: Double(index), label: row.text(nameColumn), value: value, location: row.location(column)))
            }
            series.unit = ImportedUnit.guess(name: name, values: series.points.map(\.value))
            result.series.append(series)
        }
        if result.series.isEmpty {
            diagnostics.error("metrics.empty", at: header.location(0), "No metric columns found in the W&B runs table '\(file)'.",
                hint: "Metric columns are numeric and named like `eval/accuracy` or `loss`; name them with `select:`.")
        }
        result.baseline = rows.first?.text(nameColumn)
        result.model = rows.count > 1 ? rows.last?.text(nameColumn) : nil
        return result
    }

    /// The first column is the x axis; each `<run> - <metric>` column a series, with its `__MIN`/`__MAX`
    /// columns as the band around it. A run that stopped early leaves empty cells, which are skipped.
    private static func chart(_ table: CSVTable, file: String, diagnostics: inout Diagnostics) -> MetricSet {
        let names = table.names
        guard let header = table.header else { return MetricSet() }
        let xColumn = names.firstIndex { !$0.contains(" - ") } ?? 0
        let index = Dictionary(names.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        var result = MetricSet()
        var runs: [String] = []
        for (column, name) in names.enumerated() where column != xColumn && !name.hasSuffix("__MIN") && !name.hasSuffix("__MAX") {
            guard let separator = name.range(of: " - ") else { continue }
            let run = String(name[..<separator.lowerBound]), metric = String(name[separator.upperBound...])
            var series = MetricSeries(name: "\(metric) (\(run))", points: [], location: header.location(column))
            let minColumn = index[name + "__MIN"], maxColumn = index[name + "__MAX"]
            for row in table.rows {
                guard let value = row.number(column, field: name, &diagnostics) else { continue }
                var point = MetricPoint(value: value, location: row.location(column))
                if let raw = row.text(xColumn) {
                    if let step = MetricParser.finiteNumber(raw) { point.step = step } else { point.label = raw }
                }
                point.min = minColumn.flatMap { row.number($0, field: names[$0], &diagnostics) }
                point.max = maxColumn.flatMap { row.number($0, field: names[$0], &diagnostics) }
                series.points.append(point)
            }
            guard !series.points.isEmpty else { continue }
            series.points = ImportedPoints.ordered(series.points)
            series.unit = ImportedUnit.guess(name: metric, values: series.points.map(\.value))
            result.series.append(series)
            if !runs.contains(run) { runs.append(run) }
        }
        if runs.count == 1 { result.model = runs[0] }
        return result
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}

extension MetricImporter where Self == WandbImporter {
    public static var wandb: WandbImporter { WandbImporter() }
}
