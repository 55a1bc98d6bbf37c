import CCmark

/// GFM task list items (`- [ ] todo`, `- [x] done`): the marker becomes a disabled checkbox. The item's
/// text is wrapped in a `<label>` with it, so the checkbox has an accessible name (its own text).
extension ExtensionContext {
    mutating func markTaskItems(in root: OpaquePointer) {
        for item in CmarkTree.nodes(in: root, where: { $0 == CMARK_NODE_ITEM }) {
            guard let paragraph = cmark_node_first_child(item), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
                let text = cmark_node_first_child(paragraph), cmark_node_get_type(text) == CMARK_NODE_TEXT
            else { continue }
            let literal = CmarkTree.literalBytes(text)
            guard let checked = Self.taskMarker(literal, endsText: cmark_node_next(text).map(cmark_node_get_type) != CMARK_NODE_TEXT),
                writtenAsBracket(text)
            else { continue }
            let checkbox = checked ? "<input type=\"checkbox\" checked=\"\" disabled=\"\" />" : "<input type=\"checkbox\" disabled=\"\" />"
            guard let label = CmarkTree.custom(CMARK_NODE_CUSTOM_INLINE, enter: "<label class=\"task-item\">\(checkbox) ", exit: "</label>")
            else { continue }
            let rest = literal.dropFirst(3).drop { $0 == 0x20 || $0 == 0x09 }
            if rest.isEmpty {
                free(text)
            } else {
                _ = cmark_node_set_literal(text, String(decoding: rest, as: UTF8.self))
                var start = point(of: text)
                start.column += literal.count - rest.count
                positions[text] = start
            }
            CmarkTree.moveChildren(of: paragraph, to: label)
            _ = cmark_node_append_child(paragraph, label)
        }
    }

    /// true for `[x]`/`[X]`, false for `[ ]`, nil when the text does not start with a marker followed by
    /// whitespace (or nothing, for an empty task).
    static func taskMarker(_ literal: [UInt8], endsText: Bool) -> Bool? {
        guard literal.count >= 3, literal[0] == 0x5B, literal[2] == 0x5D else { return nil }
        let mark = literal[1]
        guard mark == 0x20 || mark == 0x09 || mark == 0x78 || mark == 0x58 else { return nil }
        if literal.count == 3 {
            guard endsText else { return nil }
        } else if literal[3] != 0x20 && literal[3] != 0x09 {
            return nil
        }
        return mark == 0x78 || mark == 0x58
    }

    /// `\[ ]` is text on GitHub: the marker must be a real `[` in the page.
    private func writtenAsBracket(_ text: OpaquePointer) -> Bool {
        guard positions[text] == nil else { return true }
        let line = source.line(Int(cmark_node_get_start_line(text)))
        let index = line.startIndex + Int(cmark_node_get_start_column(text)) - 1
        return index >= line.startIndex && index < line.endIndex && line[index] == 0x5B
    }
}
