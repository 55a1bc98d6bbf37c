import PortfolioContent
import PortfolioSupport

/// What a front matter entry asks of an imported file besides its path.
public struct MetricImportOptions: Sendable, Hashable {
    /// Task names, `task/metric` or series names (`*` matches any text); empty for the format's default.
    public var select: [String]
    /// The metric name for a file holding a single series (a TensorBoard tag, an MLflow metric).
    public var name: String?
    /// Where the entry was written, for diagnostics about `select:` and `name:`.
    public var location: SourceLocation?

    public init(select: [String] = [], name: String? = nil, location: SourceLocation? = nil) {
        self.select = select
        self.name = name
        self.location = location
    }
}

/// Turns the text of a metric file, or metrics inline in front matter, into a validated `MetricSet`.
public enum MetricParser {
    /// The most nodes one file may make us visit: YAML aliases can expand a few bytes into billions.
    static let nodeBudget = 100_000

    /// `file` is the site-relative path used in diagnostics; `format` is the importer that reads it
    /// (`.canonical`, `.csv`, or one of `MetricImporterRegistry`).
    public static func parse(
        _ text: String, file: String, format: some MetricImporter, options: MetricImportOptions = MetricImportOptions(),
        diagnostics: inout Diagnostics
    ) -> MetricSet {
        var found = Diagnostics()
        switch format.read(text, file: file, diagnostics: &found) {
        case .series(let read):
            return finish(selecting: options, in: read, limit: format.defaultSeriesLimit, source: file, found: found, diagnostics: &diagnostics)
        case .snapshot(let snapshot):
            let set = MetricSnapshot.combine(snapshot.map { [$0] } ?? [], options: options, diagnostics: &found)
            return finish(set, sources: [file], found: found, diagnostics: &diagnostics)
        }
    }

    /// Applies the entry's `select:` and `name:` to the series one file or folder gave, then validates them.
    static func finish(
        selecting options: MetricImportOptions, in set: MetricSet, limit: Int?, source: String, found: Diagnostics,
        diagnostics: inout Diagnostics
    ) -> MetricSet {
        var found = found
        let selected = MetricSelection.apply(options, to: set, limit: limit, diagnostics: &found)
        return finish(selected, sources: [source], found: found, diagnostics: &diagnostics)
    }

    /// Validates a set an importer built from several files (an MLflow run, lm-eval checkpoints).
    static func finish(_ set: MetricSet, sources: [String], found: Diagnostics, diagnostics: inout Diagnostics) -> MetricSet {
        var set = set
        var found = found
        set.sources = sources
        validate(set, after: &found)
        diagnostics.append(contentsOf: found)
        return set
    }

    /// Metrics written in front matter: a list of metric mappings, or a mapping holding `metrics:`.
    /// `lineOffset` is the number of lines of the page above the front matter's first line.
    public static func parseInline(_ node: YAMLNode, file: String, lineOffset: Int, diagnostics: inout Diagnostics) -> MetricSet {
        var reader = CanonicalReader(YAMLNodeEvents(node), file: file, lineOffset: lineOffset)
        let root = reader.source.next()
        let set = reader.set(from: root)
        validate(set, after: &reader.diagnostics)
        diagnostics.append(contentsOf: reader.diagnostics)
        return set
    }

    /// Runs the rules on what was read. After a parse error, only their errors are kept: a warning such as
    /// "single point" about a series whose other point could not be read would only be noise.
    static func validate(_ set: MetricSet, after parsing: inout Diagnostics) {
        guard !parsing.all.contains(where: { $0.code == "metrics.too-large" }) else { return }
        var rules = Diagnostics()
        MetricValidator.validate(set, diagnostics: &rules)
        for diagnostic in rules.all where !parsing.hasErrors || diagnostic.severity == .error {
            parsing.append(diagnostic)
        }
    }

    static func syntaxDiagnostic(_ error: YAMLError, text: String, file: String) -> Diagnostic {
        var problem = error.problem
        switch error.kind {
        case .syntax: problem += error.context.map { " (\($0.text))" } ?? ""
        case .duplicateKeys(let keys): problem = "duplicate key " + keys.joined(separator: ", ")
        case .unreadable: break
        }
        let (line, column) = YAMLReader.clamped(line: error.mark.line, column: error.mark.column, in: text)
        return Diagnostic(.error, "metrics.syntax", at: SourceLocation(file: file, line: line, column: column),
            "The metric file is not valid YAML or JSON: \(problem).")
    }
}

/// Reads the events of a metric file or front matter into the model as they come, keeping every mark
/// for diagnostics and bounding the walk so an alias bomb ends in an error instead of a hang. Each
/// function that reads a value reads all of its events.
struct CanonicalReader<Source: YAMLEventSource> {
    typealias Event = (event: YAMLEvent, mark: YAMLMark)

    var source: Source
    let file: String
    let lineOffset: Int
    var diagnostics = Diagnostics()
    private var budget = MetricParser.nodeBudget
    private(set) var exhausted = false

    init(_ source: Source, file: String, lineOffset: Int) {
        self.source = source
        self.file = file
        self.lineOffset = lineOffset
    }

    /// The whole document: nil when it holds nothing (empty, or only comments).
    mutating func document() throws(Source.Failure) -> MetricSet? {
        let first = try source.next()
        if case .documentEnd = first.event { return nil }
        let set = try set(from: first)
        while true {
            if case .documentEnd = try source.next().event { return set }
        }
    }

    mutating func set(from root: Event) throws(Source.Failure) -> MetricSet {
        var set = MetricSet()
        switch root.event {
        case .mappingStart:
            var sawMetrics = false
            while let (key, value) = try nextPair() {
                guard try visit(value) else { break }
                switch text(key) ?? "" {
                case "model": set.model = try string(value, field: "model")
                case "baseline": set.baseline = try string(value, field: "baseline")
                case "metrics":
                    sawMetrics = true
                    set.series = try seriesList(value)
                default:
                    unknownKey(key, expected: "model, baseline, metrics")
                    try skip(value)
                }
            }
            if !sawMetrics {
                diagnostics.error("metrics.points", at: location(root), "No `metrics:` list in the metric definitions.",
                    hint: "Add `metrics:` with a list of metrics, each with a name and points.")
            }
        case .sequenceStart:
            set.series = try seriesList(root)
        default:
            try shapeError(root, "a mapping with `metrics:` or a list of metrics")
        }
        return set
    }

    private mutating func seriesList(_ node: Event) throws(Source.Failure) -> [MetricSeries] {
        guard case .sequenceStart = node.event else {
            try shapeError(node, "a list of metrics")
            return []
        }
        var result: [MetricSeries] = []
        while let element = try nextElement() {
            guard try visit(element) else { break }
            if let series = try series(element) { result.append(series) }
        }
        return result
    }

    private mutating func series(_ node: Event) throws(Source.Failure) -> MetricSeries? {
        guard case .mappingStart = node.event else {
            try shapeError(node, "a metric mapping with `name:` and `points:`")
            return nil
        }
        var series = MetricSeries(name: "", points: [], location: location(node))
        while let (key, value) = try nextPair() {
            guard try visit(value) else { break }
            switch text(key) ?? "" {
            case "name": series.name = try string(value, field: "name") ?? ""
            case "unit": series.unit = MetricUnit(try string(value, field: "unit") ?? "")
            case "better": series.better = try better(value)
            case "target": series.target = try number(value, field: "target")
            case "points": series.points = try points(value)
            default:
                unknownKey(key, expected: "name, unit, better, target, points")
                try skip(value)
            }
        }
        return series
    }

    private mutating func better(_ node: Event) throws(Source.Failure) -> Better? {
        guard let raw = try text(of: node) else { return nil }
        if let better = Better(rawValue: raw.lowercased()) { return better }
        diagnostics.error("metrics.better", at: location(node), "`better: \(raw)` is neither `higher` nor `lower`.",
            hint: "Write `better: higher` or `better: lower`.")
        return nil
    }

    private mutating func points(_ node: Event) throws(Source.Failure) -> [MetricPoint] {
        guard case .sequenceStart = node.event else {
            try shapeError(node, "a list of points such as `- { step: 0, value: 42.1 }`")
            return []
        }
        var result: [MetricPoint] = []
        while let element = try nextElement() {
            guard try visit(element) else { break }
            if let point = try point(element) { result.append(point) }
        }
        return result
    }

    private mutating func point(_ node: Event) throws(Source.Failure) -> MetricPoint? {
        guard case .mappingStart = node.event else {
            if let value = try number(node, field: "value") {
                return MetricPoint(value: value, location: location(node))
            }
            return nil
        }
        var point = MetricPoint(value: .nan, location: location(node))
        var sawValue = false
        while let (key, value) = try nextPair() {
            guard try visit(value) else { return nil }
            switch text(key) ?? "" {
            case "step":
                guard let raw = try text(of: value) else { continue }
                if let step = MetricParser.finiteNumber(raw) {
                    point.step = step
                } else {
                    point.label = point.label ?? raw
                }
            case "label": point.label = try string(value, field: "label")
            case "value":
                sawValue = true
                point.value = try number(value, field: "value") ?? .nan
            case "stderr": point.stderr = try number(value, field: "stderr")
            case "min": point.min = try number(value, field: "min")
            case "max": point.max = try number(value, field: "max")
            default:
                unknownKey(key, expected: "step, label, value, stderr, min, max")
                try skip(value)
            }
        }
        if !sawValue {
            diagnostics.error("metrics.value", at: point.location, "This point has no `value:`.",
                hint: "Write e.g. `{ step: 0, value: 42.1 }`.")
        }
        return point.value.isNaN ? nil : point
    }

    // MARK: Events

    /// The next key of the mapping being read and the first event of its value; nil at its end.
    private mutating func nextPair() throws(Source.Failure) -> (key: Event, value: Event)? {
        guard let key = try nextElement() else { return nil }
        try skip(key)
        return (key, try source.next())
    }

    /// The first event of the next item of the collection being read; nil at its end.
    private mutating func nextElement() throws(Source.Failure) -> Event? {
        let next = try source.next()
        switch next.event {
        case .end, .documentEnd: return nil
        case .scalar, .mappingStart, .sequenceStart: return next
        }
    }

    /// Reads what is left of a value whose first event is `node`.
    private mutating func skip(_ node: Event) throws(Source.Failure) {
        switch node.event {
        case .mappingStart, .sequenceStart: try source.skipCollection()
        case .scalar, .end, .documentEnd: break
        }
    }

    /// Counts a value against the budget. Once it is spent (reported once), the value and the rest of
    /// the collection around it are passed over, and the result is false.
    private mutating func visit(_ node: Event) throws(Source.Failure) -> Bool {
        budget -= 1
        if budget >= 0 { return true }
        if !exhausted {
            exhausted = true
            diagnostics.error("metrics.too-large", at: location(node),
                "The metric definitions expand to more than \(MetricParser.nodeBudget) values (YAML aliases?); the rest is ignored.",
                hint: "Write the points out without `*alias` references, or split the file.")
        }
        try skip(node)
        try source.skipCollection()
        return false
    }

    // MARK: Scalars

    func location(_ node: Event) -> SourceLocation {
        SourceLocation(file: file, line: node.mark.line + lineOffset, column: node.mark.column)
    }

    /// The text of a scalar, nil for YAML null or a collection.
    private func text(_ node: Event) -> String? {
        guard case .scalar(let scalar) = node.event else { return nil }
        if scalar.isPlain {
            switch scalar.text {
            case "", "~", "null", "Null", "NULL": return nil
            default: break
            }
        }
        return scalar.text
    }

    /// The same, reading a collection to its end.
    private mutating func text(of node: Event) throws(Source.Failure) -> String? {
        try skip(node)
        return text(node)
    }

    private mutating func string(_ node: Event, field: String) throws(Source.Failure) -> String? {
        if case .scalar = node.event { return text(node) }
        try shapeError(node, "text for `\(field)`")
        return nil
    }

    private mutating func number(_ node: Event, field: String) throws(Source.Failure) -> Double? {
        guard case .scalar = node.event else {
            try shapeError(node, "a number for `\(field)`")
            return nil
        }
        guard let raw = text(node) else { return nil }
        if let value = MetricParser.finiteNumber(raw) { return value }
        diagnostics.error("metrics.value", at: location(node), "`\(field): \(raw)` is not a finite number.",
            hint: "Write a plain number such as 42.1 or 0.37.")
        return nil
    }

    /// Reports a value of the wrong kind and reads past it.
    private mutating func shapeError(_ node: Event, _ expected: String) throws(Source.Failure) {
        diagnostics.error("metrics.shape", at: location(node), "Expected \(expected) here.")
        try skip(node)
    }

    private mutating func unknownKey(_ key: Event, expected: String) {
        diagnostics.warning("metrics.unknown-key", at: location(key), "Unknown key `\(text(key) ?? "?")` is ignored.",
            hint: "Known keys here: \(expected).")
    }
}

extension MetricParser {
    /// A finite decimal number; rejects `nan`, `inf`, hexadecimal and anything with trailing text.
    /// Read by UTF-8 bytes, not Characters: these ASCII bytes never occur inside another
    /// character's encoding, and grapheme breaking cost more than the conversion.
    static func finiteNumber(_ raw: some StringProtocol) -> Double? {
        let text = Substring(raw)
        let utf8 = text.utf8
        var start = utf8.startIndex, end = utf8.endIndex
        while start < end, utf8[start] == 0x20 || utf8[start] == 0x09 { start = utf8.index(after: start) }
        while end > start, utf8[utf8.index(before: end)] == 0x20 || utf8[utf8.index(before: end)] == 0x09 { end = utf8.index(before: end) }
        let bytes = utf8[start..<end]
        // Swift's Double also reads hexadecimal, `nan` and `inf`, which no metric file means.
        guard let first = bytes.first, (first >= 48 && first <= 57) || first == 45 || first == 43 || first == 46,
              !bytes.contains(where: { $0 | 0x20 == 0x78 || $0 | 0x20 == 0x6E || $0 | 0x20 == 0x69 }),
              let value = Double(text[start..<end]), value.isFinite
        else { return nil }
        return value
    }
}
