import PortfolioContent
import PortfolioSupport

/// Where a sample-task block's YAML sits in the Markdown text: the line after the opening fence, and
/// the columns the fence is indented by (inside a list item), so problems point into the file.
public struct SampleTaskOrigin: Sendable, Hashable {
    /// 1-based line of the first YAML line in the Markdown text.
    public var firstLine: Int
    /// Columns before the fence, added to every YAML column.
    public var columnOffset: Int

    public init(firstLine: Int, columnOffset: Int = 0) {
        self.firstLine = firstLine
        self.columnOffset = columnOffset
    }
}

/// A worked sample of a trainer's task written as a fenced block of YAML (```` ```preference ````,
/// ```` ```rubric ````): its HTML, or nil when the block is invalid and stays a code block, and the
/// problems found, located in the Markdown text (file left empty).
public enum SampleTaskBlock {
    public enum Kind: String, Sendable, CaseIterable {
        case preference, rubric
    }

    /// The kind an info string names (its first word), nil for any other fenced block.
    public static func kind(ofInfo info: String) -> Kind? {
        Kind(rawValue: String(info.prefix { $0 != " " && $0 != "\t" && $0 != "{" }))
    }

    static func handles(info: UnsafePointer<CChar>?) -> Bool {
        guard let info else { return false }
        return kind(ofInfo: String(cString: info)) != nil
    }

    /// `renderMarkdown` turns a text of the block (a prompt, a response) into HTML with the page's safe options.
    public static func render(
        info: String, yaml: String, origin: SampleTaskOrigin, renderMarkdown: (String) -> String
    ) -> (html: String?, problems: [Diagnostic]) {
        guard let kind = kind(ofInfo: info) else { return (nil, []) }
        var reader = SampleTaskYAML(origin: origin)
        guard let root = reader.root(of: yaml, kind: kind) else { return (nil, reader.problems) }
        let html: String?
        switch kind {
        case .preference: html = PreferenceSample.parse(root, reader: &reader).map { $0.html(renderMarkdown: renderMarkdown) }
        case .rubric: html = RubricSample.parse(root, reader: &reader).map { $0.html(renderMarkdown: renderMarkdown) }
        }
        let failed = reader.problems.contains { $0.severity == .error }
        return (failed ? nil : html, reader.problems)
    }
}

/// Reads the YAML of one block, collecting problems at their place in the Markdown text.
struct SampleTaskYAML {
    let origin: SampleTaskOrigin
    private(set) var problems: [Diagnostic] = []

    init(origin: SampleTaskOrigin) {
        self.origin = origin
    }

    /// The block's mapping, or nil after reporting invalid YAML, an empty block or a block that is not a mapping.
    mutating func root(of yaml: String, kind: SampleTaskBlock.Kind) -> YAMLNode? {
        var found = Diagnostics()
        let node = YAMLReader(file: "", firstLine: origin.firstLine).parse(yaml, diagnostics: &found)
        for var problem in found.all {
            problem.column += origin.columnOffset
            problem.hint = problem.hint ?? "the \(kind.rawValue) block must be YAML; see 'Sample-task blocks' in the README"
            problems.append(problem)
        }
        guard found.isEmpty else { return nil }
        guard let node, case .mapping = node.content else {
            error("sample-task.type", at: node?.mark ?? YAMLMark(line: 1, column: 1),
                "a \(kind.rawValue) block must hold 'key: value' lines",
                hint: kind == .preference ? "start with 'prompt: ...'" : "start with 'criteria:'")
            return nil
        }
        return node
    }

    func location(of mark: YAMLMark) -> (line: Int, column: Int) {
        (origin.firstLine + mark.line - 1, origin.columnOffset + mark.column)
    }

    mutating func error(_ code: String, at mark: YAMLMark, _ message: String, hint: String? = nil) {
        let (line, column) = location(of: mark)
        problems.append(Diagnostic(severity: .error, code: code, file: "", line: line, column: column, message: message, hint: hint))
    }

    mutating func warning(_ code: String, at mark: YAMLMark, _ message: String, hint: String? = nil) {
        let (line, column) = location(of: mark)
        problems.append(Diagnostic(severity: .warning, code: code, file: "", line: line, column: column, message: message, hint: hint))
    }

    /// The text of `key`, required or not; a value that is not text is an error.
    mutating func text(_ key: String, in node: YAMLNode, required: Bool, example: String) -> String? {
        guard let value = node[key] else {
            if required {
                error("sample-task.missing", at: node.mark, "the block has no '\(key)'", hint: "add '\(example)'")
            }
            return nil
        }
        return text(of: value, key: key, example: example)
    }

    mutating func text(of value: YAMLNode, key: String, example: String) -> String? {
        guard let text = value.text else {
            error("sample-task.type", at: value.mark, "'\(key)' must be text", hint: "for example '\(example)'; use '|' for several lines")
            return nil
        }
        return text
    }

    /// A number, or nil after an error naming `what`.
    mutating func number(_ node: YAMLNode, what: String) -> Double? {
        if let text = node.text, let value = Double(text.trimmingSpaces), value.isFinite { return value }
        error("sample-task.type", at: node.mark, "\(what) must be a number, not '\(node.text ?? "a list or mapping")'")
        return nil
    }

    /// Warns about keys the block does not read, which are most often typos.
    mutating func checkKeys(of node: YAMLNode, known: [String], in what: String) {
        guard case .mapping(let pairs) = node.content else { return }
        for pair in pairs {
            guard let key = pair.key.text, !known.contains(key) else { continue }
            warning("sample-task.unknown-key", at: pair.key.mark, "unknown key '\(key)' in \(what)",
                hint: "known keys: " + known.joined(separator: ", "))
        }
    }
}

/// A number as a reader writes it: `6`, `4.5`.
func sampleTaskNumber(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return String(value)
}
