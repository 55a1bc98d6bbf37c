import CSV
import PortfolioSupport

/// A CSV file split into records, each field with the place it starts, for the CSV importers (ours,
/// TensorBoard, W&B). The CSV library reads the records; `FieldLocator` lays each one back over the text
/// for what the library does not tell: where a field starts and where the quoting is broken. Quoting
/// problems become `metrics.syntax` diagnostics and an empty table.
struct CSVTable {
    struct Position: Hashable, Sendable {
        var line: Int
        var column: Int
    }

    struct Row {
        var fields: [String]
        var starts: [Position]
        var file: String

        func location(_ column: Int) -> SourceLocation {
            let position = column < starts.count ? starts[column] : (starts.last ?? Position(line: 0, column: 0))
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
        guard let reader = try? CSVReader(string: body, hasHeaderRow: false) else { return }
        var locator = FieldLocator(body)
        var all: [Row] = []
        while let fields = reader.next() {
            let starts = locator.locate(fields)
            if fields.count == 1, fields[0].metricTrimmed().isEmpty { continue }
            all.append(Row(fields: fields, starts: starts, file: file))
        }
        guard locator.problems.isEmpty else {
            for problem in locator.problems {
                diagnostics.error("metrics.syntax", at: SourceLocation(file: file, line: problem.position.line, column: problem.position.column),
                    "The CSV is malformed: \(problem.message).", hint: "Close each quoted field with `\"`; write a quote inside one as `\"\"`.")
            }
            return
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

/// Follows the text through the records the CSV library read, one after the other, to find where each
/// field starts (line and column, as an editor counts them) and where the library read past broken quoting:
/// a quote followed by something other than a comma or a line end (which the library drops), or a quoted
/// field still open at the end of the file.
private struct FieldLocator {
    struct Problem {
        var position: CSVTable.Position
        var message: String
    }

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var position = CSVTable.Position(line: 1, column: 1)
    private(set) var problems: [Problem] = []

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// The start of each field of the next record, which the library read as `fields`.
    mutating func locate(_ fields: [String]) -> [CSVTable.Position] {
        var starts: [CSVTable.Position] = []
        starts.reserveCapacity(fields.count)
        for field in fields {
            starts.append(position)
            if current == "\"" {
                skipQuoted(field)
            } else {
                for _ in field.unicodeScalars { advance() }
            }
            if current == "," { advance() } else { skipLineEnd() }
        }
        return starts
    }

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    /// A quoted field whose text the library read as `field`: each quote in it was written `""`, or a quote
    /// followed by a character the library dropped.
    private mutating func skipQuoted(_ field: String) {
        let open = position
        advance()
        for scalar in field.unicodeScalars {
            advance()
            guard scalar == "\"" else { continue }
            if current == "\"" {
                advance()
            } else if let dropped = current {
                problems.append(Problem(position: position, message: "unexpected `\(dropped)` after a closing quote"))
                advance()
            }
        }
        if current == nil {
            problems.append(Problem(position: open, message: "a quoted field is never closed"))
        } else {
            advance()
        }
    }

    /// Past the CR, LF or CRLF that ends a record.
    private mutating func skipLineEnd() {
        guard current != nil else { return }
        if scalars[index] == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
        advance()
    }

    private mutating func advance() {
        guard index < scalars.count else { return }
        if scalars[index] == "\n" || (scalars[index] == "\r" && (index + 1 >= scalars.count || scalars[index + 1] != "\n")) {
            position.line += 1
            position.column = 1
        } else if scalars[index] != "\r" {
            position.column += 1
        }
        index += 1
    }
}
