/// Compiles one template's text into nodes, following the Mustache specification: tags found with
/// the delimiters in force, standalone lines taken out, sections nested and checked, partials and
/// parents linked to their templates by index, block content re-indented.
struct TemplateParser {
    enum TagKind: Equatable {
        case variable, unescaped, section, inverted, close, comment, partial, parent, block, delimiters
    }

    /// A run of text (never past the end of a line) or one tag, located by bytes in the template.
    struct Token {
        var kind: TagKind?
        var start: Int
        var end: Int
        var name = ""
        /// For a close tag: the kind of tag it closes.
        var closes: TagKind?
        /// The whitespace before a standalone tag.
        var indent: [UInt8] = []
        /// A block tag alone on its line: its content's lines are re-indented.
        var opensIndentedBlock = false
        /// A block opened and closed on one standalone line: its content takes the line's indentation.
        var isInlineBlockLine = false
        /// For a block opening a standalone line: the whitespace that starts the next line.
        var nextLineIndent: [UInt8] = []
    }

    let bytes: [UInt8]
    let template: String
    /// This template's index in its library.
    let index: Int
    let templateIndex: [String: Int]
    var problems: [TemplateProblem] = []

    init(_ text: String, template: String, index: Int, templateIndex: [String: Int]) {
        bytes = Array(text.utf8)
        self.template = template
        self.index = index
        self.templateIndex = templateIndex
    }

    /// The template's nodes, or nil after a syntax error (in `problems`).
    mutating func parse() -> [TemplateNode]? {
        guard let tokens = tokenize() else { return nil }
        return tree(of: standaloneLinesRemoved(tokens))
    }

    // MARK: Tags

    private static let space: UInt8 = 32, tab: UInt8 = 9, newline: UInt8 = 10, carriageReturn: UInt8 = 13

    private mutating func tokenize() -> [Token]? {
        var tokens: [Token] = []
        var open: [UInt8] = [123, 123], close: [UInt8] = [125, 125]
        var openKinds: [TagKind] = []
        var position = 0
        while position < bytes.count {
            let tagStart = find(open, from: position) ?? bytes.count
            appendText(from: position, to: tagStart, to: &tokens)
            if tagStart == bytes.count { break }
            var contentStart = tagStart + open.count
            var kind = TagKind.variable
            var closer = close
            if contentStart < bytes.count {
                switch bytes[contentStart] {
                case UInt8(ascii: "{"): kind = .unescaped; closer = [125] + close
                case UInt8(ascii: "&"): kind = .unescaped
                case UInt8(ascii: "#"): kind = .section
                case UInt8(ascii: "^"): kind = .inverted
                case UInt8(ascii: "/"): kind = .close
                case UInt8(ascii: "!"): kind = .comment
                case UInt8(ascii: ">"): kind = .partial
                case UInt8(ascii: "<"): kind = .parent
                case UInt8(ascii: "$"): kind = .block
                case UInt8(ascii: "="): kind = .delimiters; closer = [61] + close
                default: break
                }
                if kind != .variable || bytes[contentStart] == UInt8(ascii: "{") { contentStart += 1 }
            }
            guard let contentEnd = find(closer, from: contentStart) else {
                report(at: tagStart, "a tag is not closed with \(String(decoding: closer, as: UTF8.self))",
                       hint: "close the tag that starts here, e.g. {{title}}")
                return nil
            }
            let content = trimmed(bytes[contentStart..<contentEnd])
            var token = Token(kind: kind, start: tagStart, end: contentEnd + closer.count, name: String(decoding: content, as: UTF8.self))
            switch kind {
            case .delimiters:
                let parts = content.split(whereSeparator: { $0 == Self.space || $0 == Self.tab })
                guard parts.count == 2, !parts.contains(where: { $0.contains(61) }) else {
                    report(at: tagStart, "invalid set-delimiter tag", hint: "write two delimiters separated by a space, e.g. {{=<% %>=}}")
                    return nil
                }
                open = Array(parts[0])
                close = Array(parts[1])
            case .comment: break
            default:
                guard !content.isEmpty else {
                    report(at: tagStart, "a tag has no name", hint: "write a name between the braces, e.g. {{page.title}}")
                    return nil
                }
            }
            switch kind {
            case .section, .inverted, .parent, .block: openKinds.append(kind)
            case .close: token.closes = openKinds.popLast()
            default: break
            }
            tokens.append(token)
            position = token.end
        }
        return tokens
    }

    /// Text tokens for `start..<end`, split after each newline so that a token never spans lines.
    private func appendText(from start: Int, to end: Int, to tokens: inout [Token]) {
        var lineStart = start
        var index = start
        while index < end {
            if bytes[index] == Self.newline {
                tokens.append(Token(kind: nil, start: lineStart, end: index + 1))
                lineStart = index + 1
            }
            index += 1
        }
        if lineStart < end { tokens.append(Token(kind: nil, start: lineStart, end: end)) }
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= bytes.count else { return nil }
        var index = start
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    private func trimmed(_ slice: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let isBlank = { (byte: UInt8) in byte == Self.space || byte == Self.tab || byte == Self.newline || byte == Self.carriageReturn }
        guard let first = slice.firstIndex(where: { !isBlank($0) }), let last = slice.lastIndex(where: { !isBlank($0) }) else { return [] }
        return slice[first...last]
    }

    // MARK: Standalone lines

    /// Whether a text token is only spaces and tabs, with at most a line ending.
    private func isBlank(_ token: Token) -> Bool {
        var end = token.end
        if end > token.start, bytes[end - 1] == Self.newline { end -= 1 }
        if end > token.start, bytes[end - 1] == Self.carriageReturn { end -= 1 }
        return bytes[token.start..<end].allSatisfy { $0 == Self.space || $0 == Self.tab }
    }

    /// The tokens with standalone lines taken out: a line holding nothing but whitespace and one
    /// section, inverted, close, comment, partial, parent, block or delimiter tag loses its whitespace
    /// and its line ending. Parent and block tags may share such a line with each other.
    private func standaloneLinesRemoved(_ tokens: [Token]) -> [Token] {
        var result: [Token] = []
        result.reserveCapacity(tokens.count)
        var lineStart = 0
        while lineStart < tokens.count {
            var lineEnd = lineStart
            while lineEnd < tokens.count - 1, !(tokens[lineEnd].kind == nil && bytes[tokens[lineEnd].end - 1] == Self.newline) {
                lineEnd += 1
            }
            let line = tokens[lineStart...lineEnd]
            lineStart = lineEnd + 1
            let tags = line.filter { $0.kind != nil }
            guard !tags.isEmpty, line.allSatisfy({ $0.kind != nil || isBlank($0) }), isStandalone(tags) else {
                result += line
                continue
            }
            var first = tags[0]
            if let leading = line.first, leading.kind == nil { first.indent = Array(bytes[leading.start..<leading.end]) }
            let opened = tags.count { [.section, .inverted, .parent, .block].contains($0.kind) }
            let closed = tags.count { $0.kind == .close }
            first.isInlineBlockLine = first.kind == .block && tags.count > 1 && opened == closed
            var lineTags = [first] + tags.dropFirst()
            if let last = lineTags.indices.last, lineTags[last].kind == .block, !first.isInlineBlockLine {
                lineTags[last].opensIndentedBlock = true
                let next = line.last!.end
                lineTags[last].nextLineIndent = Array(bytes[next...].prefix { $0 == Self.space || $0 == Self.tab })
            }
            result += lineTags
            if first.isInlineBlockLine, let trailing = line.last, trailing.kind == nil { result.append(trailing) }
        }
        return result
    }

    private func isStandalone(_ tags: [Token]) -> Bool {
        if tags.count == 1 { return tags[0].kind != .variable && tags[0].kind != .unescaped }
        return tags.allSatisfy { $0.kind == .parent || $0.kind == .block || ($0.kind == .close && ($0.closes == .parent || $0.closes == .block)) }
    }

    // MARK: Nesting

    /// A section, parent or block being read, with the nodes found in it so far.
    private struct Frame {
        var opening: Token?
        var nodes: [TemplateNode] = []
        /// The blocks a parent overrides.
        var blocks: [String: [TemplateNode]] = [:]
        /// Whitespace taken off the start of every line inside (the indentation of enclosing blocks).
        var strip: [UInt8]
        /// For a block: the indentation its content gets where it is rendered.
        var blockIndent: [UInt8] = []
    }

    /// How deep sections, parents and blocks may nest: rendering recurses once per level, and a
    /// template nested thousands deep would exhaust a thread's stack.
    static let nestingLimit = 100

    private mutating func tree(of tokens: [Token]) -> [TemplateNode]? {
        var frames = [Frame(opening: nil, strip: [])]
        func add(_ node: TemplateNode) {
            if frames[frames.count - 1].opening?.kind != .parent { frames[frames.count - 1].nodes.append(node) }
        }
        for token in tokens {
            if frames.count > Self.nestingLimit {
                report(at: token.start, "sections are nested more than \(Self.nestingLimit) deep here",
                       hint: "close some sections before opening more")
                return nil
            }
            switch token.kind {
            case nil:
                var start = token.start
                let strip = frames[frames.count - 1].strip
                if !strip.isEmpty, start == 0 || bytes[start - 1] == Self.newline {
                    start += zip(bytes[start..<token.end], strip).prefix { $0 == $1 }.count
                }
                if start < token.end { add(.text(bytes[start..<token.end])) }
            case .variable: add(.variable(name(of: token), escaped: true))
            case .unescaped: add(.variable(name(of: token), escaped: false))
            case .comment, .delimiters: break
            case .partial: add(.partial(link(token, isParent: false), indent: token.indent))
            case .section, .inverted, .parent:
                frames.append(Frame(opening: token, strip: frames[frames.count - 1].strip))
            case .block:
                let strip = frames[frames.count - 1].strip
                if token.opensIndentedBlock {
                    let relative = Array(token.nextLineIndent.starts(with: strip) ? token.nextLineIndent.dropFirst(strip.count) : [])
                    frames.append(Frame(opening: token, strip: strip + relative, blockIndent: relative))
                } else {
                    frames.append(Frame(opening: token, strip: strip, blockIndent: token.isInlineBlockLine ? token.indent : []))
                }
            case .close:
                guard frames.count > 1, let opening = frames[frames.count - 1].opening else {
                    report(at: token.start, "{{/\(token.name)}} closes no open section", hint: "remove it, or open the section with {{#\(token.name)}}")
                    return nil
                }
                guard opening.name == token.name else {
                    let (line, column) = position(of: token.start)
                    report(at: opening.start, "the section '\(opening.name)' opened here is closed by {{/\(token.name)}}",
                           hint: "the closing tag {{/\(token.name)}} is at line \(line), column \(column); close this one with {{/\(opening.name)}}")
                    return nil
                }
                let frame = frames.removeLast()
                let sectionName = name(of: opening)
                switch opening.kind {
                case .section: add(.section(sectionName, frame.nodes))
                case .inverted: add(.inverted(sectionName, frame.nodes))
                case .parent: add(.parent(link(opening, isParent: true), BlockTable(frame.blocks), indent: opening.indent))
                default:
                    if frames[frames.count - 1].opening?.kind == .parent {
                        frames[frames.count - 1].blocks[opening.name] = frame.nodes
                    } else {
                        add(.block(opening.name, frame.nodes, indent: frame.blockIndent))
                    }
                }
            }
        }
        if let unclosed = frames.last?.opening {
            let lines = bytes.count { $0 == Self.newline } + 1
            report(at: unclosed.start, "the section '\(unclosed.name)' opened here is never closed",
                   hint: "add {{/\(unclosed.name)}} where it ends; the file ends at line \(lines) without one")
            return nil
        }
        return frames[0].nodes
    }

    private func name(of token: Token) -> TemplateName {
        TemplateName(token.name, template: index, offset: token.start)
    }

    private mutating func link(_ token: Token, isParent: Bool) -> Int {
        if let index = templateIndex[token.name] { return index }
        let kind = isParent ? "parent" : "partial"
        report(at: token.start, code: "template.missing-partial", "\(kind) template '\(token.name)' does not exist",
               hint: "create templates/\(isParent ? "" : "partials/")\(token.name).mustache or fix the name")
        return -1
    }

    // MARK: Problems

    /// The 1-based line and column (in characters) of a byte offset.
    func position(of offset: Int) -> (line: Int, column: Int) {
        Self.position(of: offset, in: bytes)
    }

    static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for byte in bytes[..<offset] {
            if byte == Self.newline {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    private mutating func report(at offset: Int, code: String = "template.syntax", _ message: String, hint: String) {
        let (line, column) = position(of: offset)
        problems.append(TemplateProblem(code: code, template: template, line: line, column: column, message: message, hint: hint))
    }
}
