import Foundation
import PortfolioSupport

/// Reads a TensorBoard scalar CSV download (`Wall time,Step,Value`, saved as `run-<run>-tag-<tag>.csv`):
/// one series over `Step`, named after the tag in the file name.
public struct TensorBoardImporter: MetricImporter {
    public init() {}

    public var name: String { "tensorboard" }
    public var aliases: Set<String> { ["tb"] }

    public func recognition(of file: MetricFileName, text: String) -> MetricRecognition? {
        guard file.fileExtension == "csv" else { return nil }
        return CSVTable.headerNames(of: text).map { $0.lowercased() } == ["wall time", "step", "value"] ? .byContent : nil
    }

    /// `run-<run>-tag-<tag>.csv`, as TensorBoard names a scalar download.
    public func claimsToolFile(named lowercased: String) -> Bool {
        lowercased.hasPrefix("run-") && lowercased.contains("-tag-") && lowercased.hasSuffix(".csv")
    }

    public func read(_ text: String, file: String, diagnostics: inout Diagnostics) -> ImportedMetrics {
        .series(Self.parse(text, file: file, diagnostics: &diagnostics))
    }

    static func parse(_ text: String, file: String, diagnostics: inout Diagnostics) -> MetricSet {
        let table = CSVTable(text, file: file, diagnostics: &diagnostics)
        guard let header = table.header else { return MetricSet() }
        let columns = Dictionary(table.names.enumerated().map { ($0.element.lowercased(), $0.offset) }, uniquingKeysWith: { first, _ in first })
        guard let stepColumn = columns["step"], let valueColumn = columns["value"] else {
            diagnostics.error("metrics.shape", at: header.location(0),
                "A TensorBoard scalar CSV starts with the header `Wall time,Step,Value`; this one has `\(table.names.joined(separator: ","))`.",
                hint: "Download the scalar from TensorBoard as CSV, or set `format:` on the entry to the file's real format.")
            return MetricSet()
        }
        let (run, tag) = runAndTag(fromFileName: file)
        var series = MetricSeries(name: tag, points: [], location: header.location(valueColumn))
        for row in table.rows {
            guard let value = row.number(valueColumn, field: "Value", &diagnostics) else { continue }
            var point = MetricPoint(value: value, location: row.location(valueColumn))
            point.step = row.number(stepColumn, field: "Step", &diagnostics)
            series.points.append(point)
        }
        series.points = ImportedPoints.ordered(series.points)
        series.unit = ImportedUnit.guess(name: tag, values: series.points.map(\.value))
        return MetricSet(model: run, series: [series])
    }

    /// `run-reward_model-tag-eval_accuracy.csv` -> (`reward_model`, `eval_accuracy`); TensorBoard writes
    /// `/` in tags as `_`. A file named otherwise gives no run and its own name as the tag.
    static func runAndTag(fromFileName path: String) -> (run: String?, tag: String) {
        var base = path.split(separator: "/").last.map(String.init) ?? path
        if base.lowercased().hasSuffix(".csv") { base = String(base.dropLast(4)) }
        guard base.hasPrefix("run-"), let marker = base.range(of: "-tag-", options: .backwards) else { return (nil, base) }
        let run = String(base[base.index(base.startIndex, offsetBy: 4)..<marker.lowerBound])
        return (run.isEmpty ? nil : run, String(base[marker.upperBound...]))
    }
}

extension MetricImporter where Self == TensorBoardImporter {
    public static var tensorboard: TensorBoardImporter { TensorBoardImporter() }
}
