import OrderedCollections
import PortfolioSupport

/// Reads metric CSV in its two layouts: long (`metric,step,value[,label,stderr,unit,better]`, one row per
/// point) and wide (`step[,label],<metric>,<metric>...`, one column per metric).
public struct CSVImporter: MetricImporter {
    public init() {}

    public var name: String { "csv" }

    /// Any `.csv` that no tool's importer claims by its header.
    public func recognition(of file: MetricFileName, text: String) -> MetricRecognition? {
        file.fileExtension == "csv" ? .byFileName : nil
    }

    public func read(_ text: String, file: String, diagnostics: inout Diagnostics) -> ImportedMetrics {
        .series(Self.parse(text, file: file, diagnostics: &diagnostics))
    }

    static func parse(_ text: String, file: String, diagnostics: inout Diagnostics) -> MetricSet {
        var tableDiagnostics = Diagnostics()
        let table = CSVTable(text, file: file, diagnostics: &tableDiagnostics)
        for var diagnostic in tableDiagnostics.all {
            if diagnostic.code == "metrics.empty" { diagnostic.hint = "Start with a header such as `metric,step,value` or `step,accuracy,loss`." }
            diagnostics.append(diagnostic)
        }
        guard let header = table.header else { return MetricSet() }
        let names = header.fields.map { $0.metricTrimmed() }
        let columns = Dictionary(names.enumerated().map { ($0.element.lowercased(), $0.offset) }, uniquingKeysWith: { first, _ in first })
        let data = table.rows[...]
        if let metric = columns["metric"], let value = columns["value"] {
            return MetricSet(series: long(data, metric: metric, value: value, columns: columns, diagnostics: &diagnostics))
        }
        return MetricSet(series: wide(data, header: header, names: names, columns: columns, diagnostics: &diagnostics))
    }

    private static func long(
        _ rows: ArraySlice<CSVTable.Row>, metric: Int, value: Int, columns: [String: Int], diagnostics: inout Diagnostics
    ) -> [MetricSeries] {
        var series: OrderedDictionary<String, MetricSeries> = [:]
        for row in rows {
            let name = row.text(metric) ?? ""
            var entry = series[name] ?? MetricSeries(name: name, points: [], location: row.location(metric))
            if entry.unit == .score, let unit = columns["unit"].flatMap(row.text) { entry.unit = MetricUnit(unit) }
            if entry.better == nil, let column = columns["better"], let raw = row.text(column) {
                if let better = Better(rawValue: raw.lowercased()) {
                    entry.better = better
                } else {
                    diagnostics.error("metrics.better", at: row.location(column), "`better: \(raw)` is neither `higher` nor `lower`.",
                        hint: "Write `higher` or `lower`.")
                }
            }
            if entry.target == nil, let column = columns["target"] { entry.target = row.number(column, field: "target", missingAllowed: false, &diagnostics) }
            if var point = row.point(valueColumn: value, stepColumn: columns["step"], labelColumn: columns["label"], &diagnostics) {
                point.stderr = columns["stderr"].flatMap { row.number($0, field: "stderr", missingAllowed: false, &diagnostics) }
                entry.points.append(point)
            }
            series[name] = entry
        }
        return Array(series.values)
    }

    private static func wide(
        _ rows: ArraySlice<CSVTable.Row>, header: CSVTable.Row, names: [String], columns: [String: Int], diagnostics: inout Diagnostics
    ) -> [MetricSeries] {
        let special: Set<Int> = Set([columns["step"], columns["label"]].compactMap { $0 })
        var result: [MetricSeries] = []
        for (column, name) in names.enumerated() where !special.contains(column) {
            var series = MetricSeries(name: name, points: [], location: header.location(column))
            for row in rows where row.text(column) != nil {
                if let point = row.point(valueColumn: column, stepColumn: columns["step"], labelColumn: columns["label"], &diagnostics) {
                    series.points.append(point)
                }
            }
            result.append(series)
        }
        return result
    }
}

extension CSVTable.Row {
    /// A point of our own CSV layouts: unlike the tools' exports, an empty or `nan` value is an error.
    func point(valueColumn: Int, stepColumn: Int?, labelColumn: Int?, _ diagnostics: inout Diagnostics) -> MetricPoint? {
        guard text(valueColumn) != nil else {
            diagnostics.error("metrics.value", at: location(valueColumn), "This row has no value.",
                hint: "Fill in the value column.")
            return nil
        }
        guard let value = number(valueColumn, field: "value", missingAllowed: false, &diagnostics) else { return nil }
        var point = MetricPoint(value: value, location: location(valueColumn))
        point.label = labelColumn.flatMap(text)
        if let stepColumn, let raw = text(stepColumn) {
            if let step = MetricParser.finiteNumber(raw) { point.step = step } else { point.label = point.label ?? raw }
        }
        return point
    }
}

extension MetricImporter where Self == CSVImporter {
    public static var csv: CSVImporter { CSVImporter() }
}
