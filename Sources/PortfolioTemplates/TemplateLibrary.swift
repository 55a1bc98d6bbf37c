/// A set of templates compiled together, once per build, so that partials and parents are linked
/// by index; renders any of them into one byte buffer per call.
public struct TemplateLibrary: Sendable {
    let names: [String: Int]
    let templates: [[TemplateNode]]
    /// Each template's name and text, for the positions in `check`'s messages.
    let sources: [(name: String, bytes: [UInt8])]

    /// Compiles `sources` (templates by the names partials and parents use). Mistakes go to `problems`;
    /// a template with a syntax error renders nothing.
    public init(_ sources: [(name: String, text: String)], problems: inout [TemplateProblem]) {
        var names: [String: Int] = [:]
        for (index, source) in sources.enumerated() { names[source.name] = index }
        var templates: [[TemplateNode]] = []
        for (index, source) in sources.enumerated() {
            var parser = TemplateParser(source.text, template: source.name, index: index, templateIndex: names)
            templates.append(parser.parse() ?? [])
            problems += parser.problems
        }
        self.names = names
        self.templates = templates
        self.sources = sources.map { ($0.name, Array($0.text.utf8)) }
    }

    public func contains(_ name: String) -> Bool {
        names[name] != nil
    }

    /// The template `name` rendered over `context`; empty for a template the library lacks.
    public func render(_ name: String, _ context: TemplateValue, capacityHint: Int = 16_384) -> String {
        String(decoding: renderBytes(name, context, capacityHint: capacityHint), as: UTF8.self)
    }

    /// The same as UTF-8 bytes, for a page written to a file: no String to check the bytes into.
    public func renderBytes(_ name: String, _ context: TemplateValue, capacityHint: Int = 16_384) -> [UInt8] {
        guard let index = names[name] else { return [] }
        var renderer = TemplateRenderer(templates: templates, context: context, capacity: capacityHint)
        renderer.render(templates[index])
        return renderer.output
    }
}

/// One render: the output buffer, the context stack, the indentation of the standalone partials and
/// blocks being expanded, and the block overrides of the parents being expanded, all pushed and
/// popped in place.
struct TemplateRenderer {
    let templates: [[TemplateNode]]
    var output: [UInt8] = []
    var stack: [TemplateValue]
    var indent: [UInt8] = []
    /// Whether the next byte of the expansion being indented starts a line.
    var atLineStart = false
    var overrides: [BlockTable] = []
    var depth = 0

    /// How deep partials, parents and blocks may nest: a partial that includes itself whatever the
    /// data stops here instead of exhausting the stack.
    static let depthLimit = 64

    init(templates: [[TemplateNode]], context: TemplateValue, capacity: Int) {
        self.templates = templates
        stack = [context]
        stack.reserveCapacity(16)
        output.reserveCapacity(capacity)
    }

    mutating func render(_ nodes: [TemplateNode]) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                write(bytes)
            case .variable(let name, let escaped):
                interpolate(lookup(name), escaped: escaped)
            case .section(let name, let body):
                let value = lookup(name)
                switch value {
                case .list(let items):
                    for item in items {
                        stack.append(item)
                        render(body)
                        stack.removeLast()
                    }
                case .bool(true):
                    // As in swift-mustache, `{{.}}` inside stays the value around the section.
                    render(body)
                default:
                    guard !value.isFalsy else { continue }
                    stack.append(value)
                    render(body)
                    stack.removeLast()
                }
            case .inverted(let name, let body):
                if lookup(name).isFalsy { render(body) }
            case .partial(let index, let indent):
                guard index >= 0 else { continue }
                expand(templates[index], indent: indent)
            case .parent(let index, let table, let indent):
                guard index >= 0 else { continue }
                overrides.append(table)
                expand(templates[index], indent: indent)
                overrides.removeLast()
            case .block(let name, let defaultContent, let indent):
                expand(override(of: name) ?? defaultContent, indent: indent)
            }
        }
    }

    /// The content the outermost parent being expanded gives the block `name`, if any does.
    private func override(of name: String) -> [TemplateNode]? {
        for table in overrides {
            if let content = table.blocks[name] { return content }
        }
        return nil
    }

    private mutating func expand(_ nodes: [TemplateNode], indent extra: [UInt8]) {
        guard depth < Self.depthLimit else { return }
        depth += 1
        defer { depth -= 1 }
        guard !extra.isEmpty else { return render(nodes) }
        let outer = indent.count
        indent += extra
        atLineStart = true
        render(nodes)
        indent.removeLast(indent.count - outer)
    }

    // MARK: Names

    @inline(__always)
    private func lookup(_ name: TemplateName) -> TemplateValue {
        guard let first = name.parts.first else { return stack[stack.count - 1] }
        var level = stack.count - 1
        var found: TemplateValue?
        while level >= 0 {
            if let value = stack[level].member(first) {
                found = value
                break
            }
            level -= 1
        }
        guard var value = found else { return .null }
        for part in name.parts.dropFirst() {
            guard let next = value.member(part) else { return .null }
            value = next
        }
        return value
    }

    // MARK: Output

    /// Template text, with the indentation in force put in front of each line it starts.
    @inline(__always)
    private mutating func write(_ bytes: ArraySlice<UInt8>) {
        guard !indent.isEmpty else { return output.append(contentsOf: bytes) }
        var start = bytes.startIndex
        while start < bytes.endIndex {
            if atLineStart {
                output += indent
                atLineStart = false
            }
            guard let newline = bytes[start...].firstIndex(of: 10) else {
                output.append(contentsOf: bytes[start...])
                return
            }
            output.append(contentsOf: bytes[start...newline])
            atLineStart = true
            start = newline + 1
        }
    }

    private mutating func interpolate(_ value: TemplateValue, escaped: Bool) {
        switch value {
        case .string(var text):
            guard !text.isEmpty else { return }
            startLine()
            text.withUTF8 { bytes in
                if escaped { HTMLEscaping.append(bytes, to: &output) } else { output.append(contentsOf: bytes) }
            }
        case .int(let number):
            startLine()
            output += String(number).utf8
        case .double(let number):
            startLine()
            output += String(describing: number).utf8
        case .bool(let flag):
            startLine()
            output += (flag ? "true" : "false").utf8
        case .null, .list, .map, .object:
            return
        }
    }

    /// Writes the pending indentation before a value that starts a line of an indented expansion.
    @inline(__always)
    private mutating func startLine() {
        if atLineStart, !indent.isEmpty {
            output += indent
            atLineStart = false
        }
    }
}
