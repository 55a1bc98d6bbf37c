/// A set of templates compiled together, once per build, so that partials and parents are linked
/// by index; renders any of them into one byte buffer per call.
public struct TemplateLibrary: Sendable {
    let names: [String: Int]
    /// The templates as parsed, for `check`'s walk; `program` is what renders.
    let templates: [[TemplateNode]]
    let program: TemplateProgram
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
        program = TemplateProgram(templates)
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
        return program.withBuffers { buffers in
            var renderer = TemplateRenderer(program: buffers, context: context, capacity: capacityHint)
            let entry = buffers.entries[index]
            renderer.run(entry.lowerBound, entry.upperBound)
            return renderer.output
        }
    }
}

/// One render: the output buffer, the context stack, the indentation of the standalone partials and
/// blocks being expanded, and the block overrides of the parents being expanded, all pushed and
/// popped in place.
struct TemplateRenderer {
    let program: ProgramBuffers
    var output: [UInt8] = []
    var stack: [TemplateValue]
    var indent: [UInt8] = []
    /// Whether the next byte of the expansion being indented starts a line.
    var atLineStart = false
    /// The block tables of the parents being expanded, outermost first.
    var overrides: [Int32] = []
    var depth = 0

    /// How deep partials, parents and blocks may nest: a partial that includes itself whatever the
    /// data stops here instead of exhausting the stack.
    static let depthLimit = 64

    init(program: ProgramBuffers, context: TemplateValue, capacity: Int) {
        self.program = program
        stack = [context]
        stack.reserveCapacity(16)
        output.reserveCapacity(capacity)
    }

    /// Runs the instructions `start..<end`.
    mutating func run(_ start: Int, _ end: Int) {
        var next = start
        while next < end {
            let op = program.ops[next]
            next += 1
            switch op.kind {
            case .text:
                write(program.bytes(Extent(start: op.a, count: op.b)))
            case .escaped, .raw:
                interpolate(lookup(op.a), escaped: op.kind == .escaped)
            case .section:
                let value = lookup(op.a)
                switch value {
                case .list(let items):
                    for item in items {
                        stack.append(item)
                        run(next, Int(op.end))
                        stack.removeLast()
                    }
                case .bool(true):
                    // As in swift-mustache, `{{.}}` inside stays the value around the section.
                    run(next, Int(op.end))
                default:
                    if !value.isFalsy {
                        stack.append(value)
                        run(next, Int(op.end))
                        stack.removeLast()
                    }
                }
                next = Int(op.end)
            case .inverted:
                if lookup(op.a).isFalsy { run(next, Int(op.end)) }
                next = Int(op.end)
            case .partial:
                if op.a >= 0 { expand(program.entries[Int(op.a)], indent: op.b) }
            case .parent:
                if op.a >= 0 {
                    overrides.append(op.c)
                    expand(program.entries[Int(op.a)], indent: op.b)
                    overrides.removeLast()
                }
                next = Int(op.end)
            case .block:
                expand(override(of: op.a) ?? next..<Int(op.end), indent: op.b)
                next = Int(op.end)
            }
        }
    }

    /// The content the outermost parent being expanded gives the block, if any does.
    private func override(of block: Int32) -> Range<Int>? {
        for table in overrides {
            for override in program.blockOverrides[program.blockTables[Int(table)].indices] where override.block == block {
                return Int(override.start)..<Int(override.end)
            }
        }
        return nil
    }

    private mutating func expand(_ instructions: Range<Int>, indent extra: Int32) {
        guard depth < Self.depthLimit else { return }
        depth += 1
        defer { depth -= 1 }
        guard extra != 0 else { return run(instructions.lowerBound, instructions.upperBound) }
        let outer = indent.count
        indent += program.bytes(program.indents[Int(extra)])
        atLineStart = true
        run(instructions.lowerBound, instructions.upperBound)
        indent.removeLast(indent.count - outer)
    }

    // MARK: Names

    @inline(__always)
    private func lookup(_ nameIndex: Int32) -> TemplateValue {
        let name = program.names[Int(nameIndex)]
        guard name.count > 0 else { return stack[stack.count - 1] }
        let first = Int(name.start)
        var level = stack.count - 1
        var found: TemplateValue?
        while level >= 0 {
            if let value = stack[level].member(program.symbols[first]) {
                found = value
                break
            }
            level -= 1
        }
        guard var value = found else { return .null }
        for part in name.indices.dropFirst() {
            guard let next = value.member(program.symbols[part]) else { return .null }
            value = next
        }
        return value
    }

    // MARK: Output

    /// Template text, with the indentation in force put in front of each line it starts.
    @inline(__always)
    private mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
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
