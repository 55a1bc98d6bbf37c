import CSV
import PortfolioSupport

/// A CSV file split into records, each field with the place it starts, for the CSV importers
/// (TensorBoard, W&B). Quoting problems become `metrics.syntax` diagnostics and an empty table.
struct CSVTable {
    struct Row {
        var fields: [String]
        var starts: [CSVLayout.Position]
        var file: String

        func location(_ column: Int) -> SourceLocation {
            let position = column < starts.count ? starts[column] : (starts.last ?? CSVLayout.Position(line: 0, column: 0))
            return SourceLocation(file: file, line: position.line, column: position.column)
        }

        /// The trimmed text of a field; nil when empty or missing (W&B leaves cells empty for missing values).
        func text(_ column: Int) -> String? {
            guard column < fields.count else { return nil }
            let text = fields[column].metricTrimmed()
            return text.isEmpty ? nil : text
        }

        /// The number in a field: nil and no diagnostic when empty or, where the tools write it for a
        /// missing value, `nan`; an error when not a number.
        func number(_ column: Int, field: String, missingAllowed: Bool = true, _ diagnostics: inout Diagnostics) -> Double? {
            guard let raw = text(column) else { return nil }
            if let value = MetricParser.finiteNumber(raw) { return value }
            if missingAllowed, ImportedNumber.isMissing(raw) { return nil }
            diagnostics.error("metrics.value", at: location(column), "`\(field)` \(raw) is not a finite number.",
                hint: "Each cell of this column should be a plain number such as 0.37, or empty.")
            return nil
        }
    }

    var header: Row?
    var rows: [Row] = []

    init(_ text: String, file: String, diagnostics: inout Diagnostics) {
        let body = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
        let layout = CSVLayout(scanning: body)
        guard layout.problems.isEmpty else {
            for problem in layout.problems {
                diagnostics.error("metrics.syntax", at: SourceLocation(file: file, line: problem.line, column: problem.column),
                    "The CSV is malformed: \(problem.message).", hint: "Close each quoted field with `\"`; write a quote inside one as `\"\"`.")
            }
            return
        }
        guard let reader = try? CSVReader(string: body, hasHeaderRow: false) else { return }
        var index = 0
        var all: [Row] = []
        while let fields = reader.next() {
            defer { index += 1 }
            guard index < layout.rows.count else { break }
            if fields.count == 1, fields[0].metricTrimmed().isEmpty { continue }
            all.append(Row(fields: fields, starts: layout.rows[index], file: file))
        }
        header = all.first
        rows = Array(all.dropFirst())
        if header == nil {
            diagnostics.error("metrics.empty", at: SourceLocation(file: file, line: 1, column: 1), "The CSV file is empty.")
        }
    }

    /// The header's names, trimmed.
    var names: [String] { header?.fields.map { $0.metricTrimmed() } ?? [] }

    /// The first line of a CSV file split into names, for detection without reading the whole file.
    static func headerNames(of text: String) -> [String] {
        var line = Substring(text.prefix { $0 != "\n" && $0 != "\r" && $0 != "\r\n" })
        if line.unicodeScalars.first == "\u{FEFF}" { line = Substring(line.unicodeScalars.dropFirst()) }
        guard let reader = try? CSVReader(string: String(line), hasHeaderRow: false), let fields = reader.next() else { return [] }
        return fields.map { $0.metricTrimmed() }
    }
}

/// Numbers as the tools write them.
enum ImportedNumber {
    /// What the tools write for a value that was not measured: skipped, not an error.
    static func isMissing(_ raw: String) -> Bool {
        switch raw.metricTrimmed().lowercased() {
        case "", "nan", "-nan", "n/a", "na", "none", "null", "inf", "-inf", "+inf", "infinity", "-infinity": true
        default: false
        }
    }
}

/// Units the importers infer: the tools write no unit, but accuracy-like metrics between 0 and 1 are
/// fractions (shown as percentages) and the same metrics between 1 and 100 are percentages.
enum ImportedUnit {
    private static let proportionWords: Set<String> = [
        "acc", "accuracy", "f1", "precision", "recall", "exact", "em", "match", "mc1", "mc2", "win", "winrate", "auc",
        "roc", "pass", "pct", "ratio", "fraction", "bleurt", "correct", "top1", "top5", "iou", "map", "mcc",
    ]
    private static let notProportionWords: Set<String> = [
        "loss", "perplexity", "ppl", "bits", "byte", "likelihood", "difference", "entropy", "reward", "runtime", "time",
        "tokens", "length", "len", "norm_grad", "grad", "lr", "kl", "bleu", "rouge", "chrf",
    ]

    static func guess(name: String, values: [Double]) -> MetricUnit {
        let words = name.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
        let looksProportion = words.contains { word in
            proportionWords.contains(word) || word.hasPrefix("acc") || word.hasPrefix("pass")
        } && !words.contains(where: notProportionWords.contains)
        guard looksProportion, !values.isEmpty else { return .score }
        if values.allSatisfy({ (0...1).contains($0) }) { return .fraction }
        if values.allSatisfy({ (0...100).contains($0) }) { return .percent }
        return .score
    }
}

/// Logged points put in training order: the tools append as they log, so a resumed run can repeat or
/// go back over steps. The last value logged for a step wins, as it does in the tools' own charts.
enum ImportedPoints {
    static func ordered(_ points: [MetricPoint]) -> [MetricPoint] {
        guard points.contains(where: { $0.step != nil }) else { return points }
        var latest: [Double: Int] = [:]
        for (index, point) in points.enumerated() {
            if let step = point.step { latest[step] = index }
        }
        let kept = points.enumerated().filter { $0.element.step == nil || latest[$0.element.step!] == $0.offset }
        return kept.sorted { ($0.element.step ?? -.infinity, $0.offset) < ($1.element.step ?? -.infinity, $1.offset) }.map(\.element)
    }
}

/// `select:` and `name:` of a front matter entry applied to what a file gave, and the cap on wide files.
enum MetricSelection {
    /// A wide export (a W&B history with 70 columns) shows this many series unless `select:` says otherwise.
    static let defaultLimit = 12

    static func apply(_ options: MetricImportOptions, to set: MetricSet, format: MetricFileFormat, diagnostics: inout Diagnostics) -> MetricSet {
        var set = set
        let file = set.series.first?.location.file ?? ""
        let at = options.location ?? SourceLocation(file: file)
        if !options.select.isEmpty {
            var kept: [MetricSeries] = []
            for pattern in options.select {
                let found = set.series.filter { matches(pattern, $0.name) && !kept.contains($0) }
                if found.isEmpty {
                    diagnostics.error("metrics.select", at: at, "`select: \(pattern)` matches no metric of '\(file)'.",
                        hint: "Metrics in the file: " + list(set.series.map(\.name)))
                }
                kept += found
            }
            set.series = kept
        } else if format == .wandb, set.series.count > defaultLimit {
            diagnostics.warning("metrics.truncated", at: at,
                "'\(file)' has \(set.series.count) metrics; only the first \(defaultLimit) are shown.",
                hint: "Add `select:` to the entry with the metrics to show, e.g. `select: [\"eval/*\"]`.")
            set.series = Array(set.series.prefix(defaultLimit))
        }
        if let name = options.name {
            if set.series.count == 1 {
                set.series[0].name = name
            } else if !set.series.isEmpty {
                diagnostics.warning("metrics.name", at: at,
                    "`name: \(name)` is ignored: '\(file)' gave \(set.series.count) metrics, not one.",
                    hint: "Use `select:` to keep a single metric, or remove `name:`.")
            }
        }
        return set
    }

    /// Case-insensitive equality, where `*` in the pattern stands for any text.
    static func matches(_ pattern: String, _ name: String) -> Bool {
        let pattern = Array(pattern.metricTrimmed().lowercased()), name = Array(name.lowercased())
        var memo: [Int: Bool] = [:]
        func match(_ p: Int, _ n: Int) -> Bool {
            let key = p * (name.count + 1) + n
            if let known = memo[key] { return known }
            let result: Bool
            if p == pattern.count {
                result = n == name.count
            } else if pattern[p] == "*" {
                result = match(p + 1, n) || (n < name.count && match(p, n + 1))
            } else {
                result = n < name.count && pattern[p] == name[n] && match(p + 1, n + 1)
            }
            memo[key] = result
            return result
        }
        return match(0, 0)
    }

    static func list(_ names: [String], limit: Int = 8) -> String {
        let shown = names.prefix(limit).map { "`\($0)`" }.joined(separator: ", ")
        return names.count > limit ? shown + " and \(names.count - limit) more" : shown
    }
}
