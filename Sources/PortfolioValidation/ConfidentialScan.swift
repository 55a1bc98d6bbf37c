import PortfolioMetrics
import PortfolioSupport

/// Finds what must not be published in a text that will be: the terms of the site's
/// `confidential.txt` (client names, project codenames), API keys and private keys, URLs with
/// credentials (errors), and e-mail addresses and private-network hosts (warnings). Built once per
/// build; `scan` makes one pass over a text's bytes through an Aho-Corasick automaton that holds the
/// terms and the fixed prefixes the secret checks start from, so its cost does not grow with the
/// number of terms. A function over text and where it came from, so any published input (a page, a
/// metric name, `portfolio.yaml`, a `resume.json`) can be fed to it.
public struct ConfidentialScanner: Sendable {
    /// How comments are written in the text: what is in a comment is never published.
    public enum Syntax: Sendable {
        /// Markdown source: everything counts (raw HTML comments are dropped on output, but they are rare
        /// and a term there is still worth knowing about).
        case markdown
        /// YAML: a `#` at the start of a line or after a space, outside quotes, starts a comment.
        case yaml
        /// Any other text (JSON, a metric name): no comments.
        case plain
    }

    /// Where the scanned text starts in the file the user edits.
    public struct Origin: Sendable {
        public var file: String
        /// 1-based line of the text's first line; 0 when the text is not in a file's lines (a file name).
        public var line: Int
        /// 1-based column of the text's first character on its first line; 0 when unknown.
        public var column: Int
        /// Said before each message when the text is not the file's content (`in the file's path`).
        public var label: String?

        public init(file: String, line: Int = 1, column: Int = 1, label: String? = nil) {
            self.file = file
            self.line = line
            self.column = column
            self.label = label
        }
    }

    /// The marker that lets one line show a secret-shaped example (`<!-- portfolio:allow -->`,
    /// `# portfolio:allow`). It does not let a confidential term through.
    public static let allowMarker = "portfolio:allow"

    /// The terms as written in `confidential.txt`.
    public let terms: [String]
    private let ownEmails: [String]
    private let automaton: Automaton
    /// What each pattern of the automaton stands for, by pattern index.
    private let patterns: [Pattern]

    private enum Pattern: Sendable {
        case term(Int)
        case secret(SecretTrigger)
        case allow
    }

    /// `terms` from `confidential.txt`; `ownEmails` are the site's own addresses, which are fine to publish.
    public init(terms: [String] = [], ownEmails: [String] = []) {
        let kept = terms.map { String($0.trimmingSpaces) }.filter { !$0.isEmpty }
        self.terms = kept
        self.ownEmails = ownEmails.map { $0.lowercased() }
        var patterns: [Pattern] = []
        var texts: [[UInt8]] = []
        for (index, term) in kept.enumerated() {
            patterns.append(.term(index))
            texts.append(Array(term.lowercased().utf8).map(Automaton.foldedSpace))
        }
        for trigger in SecretTrigger.allCases {
            patterns.append(.secret(trigger))
            texts.append(Array(trigger.prefix.utf8))
        }
        patterns.append(.allow)
        texts.append(Array(Self.allowMarker.utf8))
        self.patterns = patterns
        automaton = Automaton(patterns: texts)
    }

    /// One finding before the opt-out marker and comments are applied.
    private struct Finding {
        var start: Int
        var end: Int
        var severity: Diagnostic.Severity
        var code: String
        var message: String
        var hint: String
        /// Confidential terms are reported even on a line with the allow marker.
        var allowable: Bool
    }

    /// Reports into `diagnostics` everything in `text` that must not be published.
    public func scan(_ text: String, origin: Origin, syntax: Syntax, diagnostics: inout Diagnostics) {
        var text = text
        text.withUTF8 { bytes in scan(bytes, origin: origin, syntax: syntax, diagnostics: &diagnostics) }
    }

    func scan(_ bytes: UnsafeBufferPointer<UInt8>, origin: Origin, syntax: Syntax, diagnostics: inout Diagnostics) {
        var findings: [Finding] = []
        var allowedAt: [Int] = []
        for hit in automaton.hits(in: bytes) {
            for pattern in automaton.outputs(of: hit.state) {
                let start = hit.end - automaton.length(of: pattern)
                switch patterns[pattern] {
                case .allow:
                    allowedAt.append(start)
                case .term(let term):
                    guard Self.isWordBounded(bytes, start: start, end: hit.end) else { continue }
                    let found = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<hit.end]), as: UTF8.self)
                    findings.append(Finding(
                        start: start, end: hit.end, severity: .error, code: "confidential.term",
                        message: "'\(found)' matches the confidential term '\(terms[term])' from confidential.txt",
                        hint: "remove or redact it; this text would be published", allowable: false))
                case .secret(let trigger):
                    guard let secret = trigger.match(in: bytes, prefixStart: start, ownEmails: ownEmails) else { continue }
                    findings.append(Finding(
                        start: secret.range.lowerBound, end: secret.range.upperBound, severity: trigger.severity,
                        code: trigger.code, message: secret.message, hint: trigger.hint, allowable: true))
                }
            }
        }
        guard !findings.isEmpty else { return }
        let comments = syntax == .yaml ? Self.yamlComments(in: bytes) : []
        let lines = LineTable(bytes)
        let allowedLines = Set(allowedAt.map { lines.line(of: $0) })
        var reported: Set<Int> = []
        for finding in findings where !comments.contains(where: { $0.contains(finding.start) }) {
            let line = lines.line(of: finding.start)
            if finding.allowable, allowedLines.contains(line) { continue }
            // One report per place: `sk-ant-` and `sk-` both match the same key.
            guard reported.insert(finding.start).inserted else { continue }
            let location: SourceLocation
            if origin.line == 0 {
                location = SourceLocation(file: origin.file, line: 0, column: 0)
            } else {
                let column = lines.column(of: finding.start, in: bytes)
                location = SourceLocation(
                    file: origin.file, line: origin.line + line - 1,
                    column: line == 1 && origin.column > 0 ? origin.column + column - 1 : column)
            }
            let message = origin.label.map { "\($0): \(finding.message)" } ?? finding.message
            let hint = origin.label != nil && finding.code == "confidential.term" ? "rename the file or folder; its name is published" : finding.hint
            diagnostics.append(Diagnostic(finding.severity, finding.code, at: location, message, hint: hint))
        }
    }

    /// Where the comments of a YAML text are: a `#` at the start of a line or after a space, outside
    /// quotes. Read only when the text has findings.
    private static func yamlComments(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var comments: [Range<Int>] = []
        var commentStart: Int?
        var quote: UInt8 = 0
        var previous: UInt8 = 0x0A
        for index in 0..<bytes.count {
            let byte = bytes[index]
            defer { previous = byte }
            if byte == 0x0A {
                if let start = commentStart { comments.append(start..<index) }
                commentStart = nil
            } else if commentStart == nil {
                if quote != 0 {
                    if byte == quote && (quote == 0x27 || previous != 0x5C) { quote = 0 }
                } else if byte == 0x23 && (previous == 0x20 || previous == 0x09 || previous == 0x0A) {
                    commentStart = index
                } else if (byte == 0x22 || byte == 0x27) && opensQuote(after: previous) {
                    quote = byte
                }
            }
        }
        if let start = commentStart { comments.append(start..<bytes.count) }
        return comments
    }

    /// Whether a quote character after `previous` starts a quoted YAML scalar (`key: "..."`, `- '...'`).
    private static func opensQuote(after previous: UInt8) -> Bool {
        previous == 0x20 || previous == 0x09 || previous == 0x0A || previous == 0x3A || previous == 0x5B
            || previous == 0x7B || previous == 0x2C || previous == 0x2D
    }

    /// Word boundaries where the term's own ends are word characters: `Acme` matches in `acme's` and
    /// `acme-corp`, not in `acmeology`.
    static func isWordBounded(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Bool {
        if ScanText.isWordCharacter(startingAt: start, in: bytes), ScanText.isWordCharacter(before: start, in: bytes) { return false }
        if ScanText.isWordCharacter(before: end, in: bytes), ScanText.isWordCharacter(startingAt: end, in: bytes) { return false }
        return true
    }
}

/// Line numbers and columns of byte offsets, worked out only once a text has findings.
private struct LineTable {
    private var starts: [Int] = [0]

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        for index in 0..<bytes.count where bytes[index] == 0x0A { starts.append(index + 1) }
    }

    /// 1-based line of the byte at `offset`.
    func line(of offset: Int) -> Int {
        var low = 0, high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] <= offset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// 1-based column in Unicode scalars.
    func column(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var column = 1
        for index in starts[line(of: offset) - 1]..<offset where bytes[index] & 0xC0 != 0x80 { column += 1 }
        return column
    }
}

/// Byte-level character classes for the scan, without decoding the text.
enum ScanText {
    /// ASCII letters, digits and `_`, and the letters of two-byte UTF-8 scripts (accented Latin,
    /// Greek, Cyrillic...). Punctuation such as `’` and `-` is not part of a word.
    static func isWordCharacter(startingAt offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard offset < bytes.count else { return false }
        return isWordLead(bytes[offset])
    }

    static func isWordCharacter(before offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = offset - 1
        while index > 0, bytes[index] & 0xC0 == 0x80 { index -= 1 }
        return index >= 0 && isWordLead(bytes[index])
    }

    private static func isWordLead(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == 0x5F || (byte >= 0xC3 && byte <= 0xDF)
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || isUpper(byte) || isLower(byte)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
}

/// A deterministic Aho-Corasick automaton over case-folded bytes: one table lookup per byte of text.
/// Bytes that occur in no pattern share one column of the table, which keeps it small.
private struct Automaton: Sendable {
    private var classCount = 1
    /// The step from a state on a class, at `steps[state * classCount + class]`: the next state's row
    /// (`next * classCount`) shifted left once, its low bit set when the next state ends a pattern.
    /// The scan then neither multiplies nor looks the end up: one load and a shift per byte.
    private var steps: [Int32] = []
    /// The class of each raw byte with the folding of `folded(_:after:)` applied: `[byte]` after any
    /// byte but `C3`, `[256 + byte]` after `C3`. One load per byte instead of a fold then a load.
    private var foldedClasses: [Int32] = []
    private var outputLists: [[Int]] = []
    private var lengths: [Int] = []

    init(patterns: [[UInt8]]) {
        lengths = patterns.map(\.count)
        // Each byte that occurs in a pattern gets a class of its own; all other bytes share class 0.
        var classes = [UInt8](repeating: 0, count: 256)
        for pattern in patterns {
            for byte in pattern where classes[Int(byte)] == 0 {
                classes[Int(byte)] = UInt8(classCount)
                classCount += 1
            }
        }
        // The trie, then breadth-first failure links folded into full transitions.
        var children: [[Int32]] = [[Int32](repeating: -1, count: classCount)]
        outputLists = [[]]
        for (index, pattern) in patterns.enumerated() where !pattern.isEmpty {
            var state = 0
            for byte in pattern {
                let symbol = Int(classes[Int(byte)])
                if children[state][symbol] < 0 {
                    children[state][symbol] = Int32(children.count)
                    children.append([Int32](repeating: -1, count: classCount))
                    outputLists.append([])
                }
                state = Int(children[state][symbol])
            }
            outputLists[state].append(index)
        }
        var failure = [Int](repeating: 0, count: children.count)
        var transitions = [Int32](repeating: 0, count: children.count * classCount)
        var queue: [Int] = []
        for symbol in 1..<classCount where children[0][symbol] >= 0 {
            let child = Int(children[0][symbol])
            transitions[symbol] = Int32(child)
            queue.append(child)
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            outputLists[state] += outputLists[failure[state]]
            for symbol in 1..<classCount {
                let child = children[state][symbol]
                if child >= 0 {
                    failure[Int(child)] = Int(transitions[failure[state] * classCount + symbol])
                    transitions[state * classCount + symbol] = child
                    queue.append(Int(child))
                } else {
                    transitions[state * classCount + symbol] = transitions[failure[state] * classCount + symbol]
                }
            }
        }
        let (ends, columns) = (outputLists.map { !$0.isEmpty }, classCount)
        steps = transitions.map { next in Int32(Int(next) * columns) << 1 | (ends[Int(next)] ? 1 : 0) }
        foldedClasses = [0, 0xC3].flatMap { previous in
            (0...255).map { byte in Int32(classes[Int(Self.folded(UInt8(byte), after: UInt8(previous)))]) }
        }
    }

    /// Tabs and line breaks match a space in a term, so a term wrapped over two lines is still found.
    static func foldedSpace(_ byte: UInt8) -> UInt8 {
        byte == 0x09 || byte == 0x0A || byte == 0x0D ? 0x20 : byte
    }

    /// ASCII and Latin-1 letters (`À`-`Þ` after a `C3` lead byte) in lower case; white space as a space.
    static func folded(_ byte: UInt8, after previous: UInt8) -> UInt8 {
        if byte >= 0x41 && byte <= 0x5A { return byte | 0x20 }
        if previous == 0xC3, byte >= 0x80, byte <= 0x9E, byte != 0x97 { return byte + 0x20 }
        return foldedSpace(byte)
    }

    /// Every place in `bytes` where a pattern ends: the offset after its last byte and the state,
    /// whose `outputs` say which patterns. The tables are read through pointers: this loop is the scan.
    func hits(in bytes: UnsafeBufferPointer<UInt8>) -> [(end: Int, state: Int)] {
        var hits: [(end: Int, state: Int)] = []
        let classCount = classCount
        foldedClasses.withUnsafeBufferPointer { classes in
            steps.withUnsafeBufferPointer { steps in
                var row = 0
                var table = 0
                for index in 0..<bytes.count {
                    let byte = bytes[index]
                    let step = Int(steps[row + Int(classes[table + Int(byte)])])
                    row = step >> 1
                    table = byte == 0xC3 ? 256 : 0
                    if step & 1 != 0 { hits.append((index + 1, row / classCount)) }
                }
            }
        }
        return hits
    }

    func outputs(of state: Int) -> [Int] { outputLists[state] }

    func length(of pattern: Int) -> Int { lengths[pattern] }
}

extension ConfidentialScanner {
    /// The scanner with no confidential terms: the built-in secret checks only.
    public static let secretsOnly = ConfidentialScanner()

    /// The terms of a `confidential.txt`: one a line; blank lines and lines starting with `#` are skipped.
    public static func terms(inList text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: true).compactMap { line in
            let term = line.trimmingSpaces
            return term.isEmpty || term.hasPrefix("#") ? nil : String(term)
        }
    }

    /// Scans what a page publishes of its metrics: the names of its series, their labels, the model
    /// and the baseline, each at the place its series or point was read from. Metrics defined in
    /// `pageFile` itself (inline in front matter) were scanned with it.
    public func scan(_ metrics: MetricSet, except pageFile: String, diagnostics: inout Diagnostics) {
        func scan(_ text: String?, at location: SourceLocation) {
            guard let text, !text.isEmpty, !location.file.isEmpty, location.file != pageFile else { return }
            self.scan(text, origin: Origin(file: location.file, line: location.line, column: location.column), syntax: .plain, diagnostics: &diagnostics)
        }
        for series in metrics.series {
            scan(series.name, at: series.location)
            var seen: Set<String> = []
            for point in series.points where point.label.map({ seen.insert($0).inserted }) ?? false {
                scan(point.label, at: point.location)
            }
        }
        if let location = metrics.series.first?.location {
            scan(metrics.model, at: location)
            scan(metrics.baseline, at: location)
        }
    }
}
