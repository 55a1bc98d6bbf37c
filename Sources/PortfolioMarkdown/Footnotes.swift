import CCmark
import PortfolioSupport

/// The footnotes of one page: definitions (`[^label]: text`, continued by lines indented four spaces)
/// parsed as Markdown of their own, then numbered in the order of their first reference and written
/// at the end of the page with back-links. Unreferenced definitions are dropped; references to labels
/// that have no definition stay text, as on GitHub.
struct FootnoteSet {
    struct Definition {
        var label: String
        var body: OpaquePointer
        /// The definition's lines, as parsed into `body`.
        var piece: MiniDocument
        var id = ""
        var referenceIDs: [String] = []
    }

    var definitions: [Definition] = []
    /// Indices into `definitions`, in footnote-number order.
    var order: [Int] = []

    /// Bodies to run the other passes over: all before numbering, the referenced ones after.
    var bodies: [OpaquePointer] {
        order.isEmpty ? definitions.map(\.body) : order.map { definitions[$0].body }
    }

    /// Writes the footnotes section at the end of `document` (freeing unused definitions) and returns
    /// the ids it uses, which headings must not take.
    func finish(into document: OpaquePointer) -> [String] {
        let used = Set(order)
        for index in definitions.indices where !used.contains(index) { cmark_node_free(definitions[index].body) }
        guard !order.isEmpty,
            let section = CmarkTree.custom(
                CMARK_NODE_CUSTOM_BLOCK,
                enter: "<section class=\"footnotes\" aria-labelledby=\"\(Self.headingID)\">\n<h2 id=\"\(Self.headingID)\" class=\"visually-hidden\">Footnotes</h2>\n<ol>",
                exit: "</ol>\n</section>")
        else {
            for index in order { cmark_node_free(definitions[index].body) }
            return []
        }
        var ids = [Self.headingID]
        for (position, index) in order.enumerated() {
            let definition = definitions[index]
            defer { cmark_node_free(definition.body) }
            ids.append(definition.id)
            ids.append(contentsOf: definition.referenceIDs)
            guard let item = CmarkTree.custom(CMARK_NODE_CUSTOM_BLOCK, enter: "<li id=\"\(MarkupText.escape(definition.id))\">", exit: "</li>")
            else { continue }
            CmarkTree.moveChildren(of: definition.body, to: item)
            let backLinks = definition.referenceIDs.enumerated().map { occurrence, id in
                let name = occurrence == 0 ? "\(position + 1)" : "\(position + 1)-\(occurrence + 1)"
                let mark = occurrence == 0 ? "\u{21A9}" : "\u{21A9}<sup>\(occurrence + 1)</sup>"
                return "<a href=\"#\(MarkupText.escape(id))\" class=\"footnote-backref\" aria-label=\"Back to reference \(name)\">\(mark)</a>"
            }.joined(separator: " ")
            if let last = cmark_node_last_child(item), cmark_node_get_type(last) == CMARK_NODE_PARAGRAPH,
                let links = CmarkTree.custom(CMARK_NODE_CUSTOM_INLINE, enter: " " + backLinks, exit: "")
            {
                _ = cmark_node_append_child(last, links)
            } else if let links = CmarkTree.custom(CMARK_NODE_CUSTOM_BLOCK, enter: backLinks, exit: "") {
                _ = cmark_node_append_child(item, links)
            }
            _ = cmark_node_append_child(section, item)
        }
        _ = cmark_node_append_child(document, section)
        return ids
    }

    static let headingID = "footnote-label"
}

extension ExtensionContext {
    /// A footnote definition found in the page: its label and the lines it spans.
    private struct DefinitionLines {
        var label: String
        var first: Int
        var last: Int
        /// Offset in the first line where the text after `]:` starts.
        var textStart: Int
    }

    /// Takes footnote definitions out of the page: `document` is parsed again with their lines blank
    /// (line numbers stay), and each definition's text is parsed on its own.
    mutating func extractFootnotes(from document: inout OpaquePointer) -> FootnoteSet {
        // cmark ends an HTML comment block closed on its first line one line before it starts.
        let verbatim = CmarkTree.nodes(in: document) { $0 == CMARK_NODE_CODE_BLOCK || $0 == CMARK_NODE_HTML_BLOCK }
            .map { block in
                let first = Int(cmark_node_get_start_line(block))
                return first...max(first, Int(cmark_node_get_end_line(block)))
            }
        var found: [DefinitionLines] = []
        var number = 1
        while number <= source.count {
            guard let start = Self.definitionStart(source.line(number)), !verbatim.contains(where: { $0.contains(number) })
            else {
                number += 1
                continue
            }
            let last = definitionEnd(from: number)
            found.append(DefinitionLines(label: start.label, first: number, last: last, textStart: start.textStart))
            number = last + 1
        }
        guard !found.isEmpty else { return FootnoteSet() }

        var blanked = source.bytes
        for definition in found.reversed() {
            let from = source.starts[definition.first - 1]
            let to = definition.last < source.count ? source.starts[definition.last] : source.bytes.count
            blanked.replaceSubrange(from..<to, with: Array(repeating: 0x0A, count: definition.last - definition.first + 1))
        }
        if let reparsed = CmarkTree.parse(blanked, options: options) {
            cmark_node_free(document)
            document = reparsed
        }

        var set = FootnoteSet()
        var seen: Set<String> = []
        for definition in found {
            guard seen.insert(definition.label.lowercased()).inserted, let (body, piece) = parseDefinition(definition) else { continue }
            set.definitions.append(FootnoteSet.Definition(label: definition.label, body: body, piece: piece))
        }
        return set
    }

    /// `[^label]:` at the start of a line (up to three spaces in): the label and where the text begins.
    private static func definitionStart(_ line: ArraySlice<UInt8>) -> (label: String, textStart: Int)? {
        var index = line.startIndex
        while index < line.endIndex, index - line.startIndex < 3, line[index] == 0x20 { index += 1 }
        guard line.count - (index - line.startIndex) >= 5, line[index] == 0x5B, line[index + 1] == 0x5E else { return nil }
        let labelStart = index + 2
        var end = labelStart
        while end < line.endIndex, line[end] != 0x5D {
            guard !InlineChar(line[end]).isSpace, line[end] != 0x5B else { return nil }
            end += 1
        }
        guard end > labelStart, end + 1 < line.endIndex, line[end + 1] == 0x3A else { return nil }
        var text = end + 2
        while text < line.endIndex, TableSyntax.isSpace(line[text]) { text += 1 }
        return (String(decoding: line[labelStart..<end], as: UTF8.self), text - line.startIndex)
    }

    /// The last line of the definition starting at `first`: indented lines, blank lines between them, and
    /// lazy continuation lines of a paragraph.
    private func definitionEnd(from first: Int) -> Int {
        var last = first
        var previousBlank = false
        var number = first + 1
        while number <= source.count {
            let line = source.line(number)
            let indent = Self.indentColumns(line)
            if indent.blank {
                previousBlank = true
            } else if indent.columns >= 4 || (!previousBlank && !Self.startsBlock(line)) {
                last = number
                previousBlank = false
            } else {
                break
            }
            number += 1
        }
        return last
    }

    private static func indentColumns(_ line: ArraySlice<UInt8>) -> (columns: Int, blank: Bool) {
        var columns = 0
        for byte in line {
            if byte == 0x20 {
                columns += 1
            } else if byte == 0x09 {
                columns += 4 - columns % 4
            } else {
                return (columns, false)
            }
        }
        return (columns, true)
    }

    /// Whether an unindented line would start a block of its own instead of continuing a paragraph.
    private static func startsBlock(_ line: ArraySlice<UInt8>) -> Bool {
        let content = line.drop { $0 == 0x20 }
        guard let first = content.first else { return true }
        if definitionStart(line) != nil { return true }
        switch first {
        case 0x23, 0x3E, 0x60, 0x7E, 0x3C, 0x3D: return true
        case 0x2D, 0x2A, 0x2B, 0x5F:
            let second = content.dropFirst().first
            return second == nil || second == 0x20 || second == 0x09 || second == first
        case 0x30...0x39:
            let rest = content.drop { $0 >= 0x30 && $0 <= 0x39 }
            return (rest.first == 0x2E || rest.first == 0x29) && (rest.count == 1 || InlineChar(rest[rest.startIndex + 1]).isSpace)
        default: return false
        }
    }

    private mutating func parseDefinition(_ definition: DefinitionLines) -> (OpaquePointer, MiniDocument)? {
        var piece = MiniDocument()
        let firstLine = source.line(definition.first)
        let text = firstLine.dropFirst(definition.textStart)
        if !text.isEmpty {
            piece.appendLine(text, from: MiniDocument.Origin(line: definition.first, column: definition.textStart + 1))
        }
        if definition.last > definition.first {
            for number in (definition.first + 1)...definition.last {
                let line = source.line(number)
                var columns = 0
                var index = line.startIndex
                while index < line.endIndex, columns < 4, line[index] == 0x20 || line[index] == 0x09 {
                    columns += line[index] == 0x09 ? 4 - columns % 4 : 1
                    index += 1
                }
                let overshoot = Array(repeating: UInt8(0x20), count: max(columns - 4, 0))
                piece.appendLine(
                    overshoot + line[index...],
                    from: MiniDocument.Origin(line: number, column: index - line.startIndex + 1, added: overshoot.count))
            }
        }
        piece.appendDefinitions(definitions(for: piece))
        guard let body = piece.parse(options: options) else { return nil }
        piece.recordPositions(under: body, in: &positions)
        return (body, piece)
    }

    /// Replaces `[^label]` in text by numbered references to the definitions, numbering footnotes in the
    /// order their first reference appears (references inside footnotes count after the page's own).
    mutating func linkFootnotes(_ set: inout FootnoteSet, in document: OpaquePointer) {
        guard !set.definitions.isEmpty else { return }
        var index: [String: Int] = [:]
        for (position, definition) in set.definitions.enumerated() { index[definition.label.lowercased()] = position }
        var usedIDs: Set<String> = [FootnoteSet.headingID]
        var roots = [document]
        var next = 0
        while next < roots.count {
            for text in CmarkTree.nodes(in: roots[next], where: { $0 == CMARK_NODE_TEXT }) {
                guard !CmarkTree.isInside(text, anyOf: [CMARK_NODE_LINK, CMARK_NODE_IMAGE]) else { continue }
                linkReferences(in: text, set: &set, index: index, usedIDs: &usedIDs, roots: &roots)
            }
            next += 1
        }
    }

    private mutating func linkReferences(
        in text: OpaquePointer, set: inout FootnoteSet, index: [String: Int], usedIDs: inout Set<String>,
        roots: inout [OpaquePointer]
    ) {
        let literal = CmarkTree.literalBytes(text)
        guard literal.count >= 4, literal.contains(0x5E) else { return }
        var found: [(range: Range<Int>, definition: Int)] = []
        var offset = 0
        while offset + 3 < literal.count {
            guard literal[offset] == 0x5B, literal[offset + 1] == 0x5E,
                let close = literal[(offset + 2)...].firstIndex(of: 0x5D), close > offset + 2,
                let definition = index[String(decoding: literal[(offset + 2)..<close], as: UTF8.self).lowercased()]
            else {
                offset += 1
                continue
            }
            found.append((offset..<(close + 1), definition))
            offset = close + 1
        }
        guard !found.isEmpty else { return }
        var pieces: [(Int, OpaquePointer)] = []
        var cursor = 0
        for reference in found {
            if reference.range.lowerBound > cursor {
                if let before = CmarkTree.text(String(decoding: literal[cursor..<reference.range.lowerBound], as: UTF8.self)) {
                    pieces.append((cursor, before))
                }
            }
            if set.definitions[reference.definition].id.isEmpty {
                set.order.append(reference.definition)
                roots.append(set.definitions[reference.definition].body)
                let slug = Slug.make(set.definitions[reference.definition].label)
                set.definitions[reference.definition].id = Self.unique(
                    "fn-" + (slug.isEmpty ? "\(set.order.count)" : slug), in: &usedIDs)
            }
            let definition = set.definitions[reference.definition]
            let number = (set.order.firstIndex(of: reference.definition) ?? 0) + 1
            let base = "fnref-" + definition.id.dropFirst(3)
            let referenceID = Self.unique(definition.referenceIDs.isEmpty ? base : "\(base)-\(definition.referenceIDs.count + 1)", in: &usedIDs)
            set.definitions[reference.definition].referenceIDs.append(referenceID)
            let html = "<sup class=\"footnote-ref\"><a href=\"#\(MarkupText.escape(definition.id))\" id=\"\(MarkupText.escape(referenceID))\" aria-describedby=\"\(FootnoteSet.headingID)\">\(number)</a></sup>"
            if let node = CmarkTree.custom(CMARK_NODE_CUSTOM_INLINE, enter: html, exit: "") {
                pieces.append((reference.range.lowerBound, node))
            }
            cursor = reference.range.upperBound
        }
        if cursor < literal.count, let after = CmarkTree.text(String(decoding: literal[cursor...], as: UTF8.self)) {
            pieces.append((cursor, after))
        }
        let base = point(of: text)
        for (start, piece) in pieces {
            _ = cmark_node_insert_before(text, piece)
            if cmark_node_get_type(piece) == CMARK_NODE_TEXT {
                positions[piece] = SourcePoint(line: base.line, column: base.column + start)
            }
        }
        free(text)
    }

    private static func unique(_ id: String, in used: inout Set<String>) -> String {
        if used.insert(id).inserted { return id }
        var suffix = 2
        while !used.insert("\(id)-\(suffix)").inserted { suffix += 1 }
        return "\(id)-\(suffix)"
    }
}
