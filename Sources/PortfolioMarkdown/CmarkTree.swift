import CCmark

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Small operations on libcmark's tree that every GitHub-extension pass needs: custom nodes (written even
/// in safe mode), moving children, reading literals, parsing a piece of Markdown on its own.
enum CmarkTree {
    static func parse(_ bytes: [UInt8], options: Int32) -> OpaquePointer? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return cmark_parse_document("", 0, options) }
            return UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_parse_document($0, buffer.count, options)
            }
        }
    }

    /// A custom inline (or block) node writing `enter` before and `exit` after its children.
    static func custom(_ type: cmark_node_type, enter: String, exit: String) -> OpaquePointer? {
        guard let node = cmark_node_new(type) else { return nil }
        guard cmark_node_set_on_enter(node, enter) == 1, cmark_node_set_on_exit(node, exit) == 1 else {
            cmark_node_free(node)
            return nil
        }
        return node
    }

    static func text(_ literal: String) -> OpaquePointer? {
        guard let node = cmark_node_new(CMARK_NODE_TEXT) else { return nil }
        guard cmark_node_set_literal(node, literal) == 1 else {
            cmark_node_free(node)
            return nil
        }
        return node
    }

    /// Moves every child of `source` to the end of `target`, in order.
    static func moveChildren(of source: OpaquePointer, to target: OpaquePointer) {
        while let child = cmark_node_first_child(source) {
            guard cmark_node_append_child(target, child) == 1 else { return }
        }
    }

    static func literalBytes(_ node: OpaquePointer) -> [UInt8] {
        Array(literal(node))
    }

    /// The node's literal where libcmark keeps it, valid until the node changes; empty for none.
    static func literal(_ node: OpaquePointer) -> UnsafeBufferPointer<UInt8> {
        guard let literal = cmark_node_get_literal(node) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))
    }

    static func children(of node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result.append(current)
            child = cmark_node_next(current)
        }
        return result
    }

    /// Nodes of `types` in document order, collected before any of them is changed (the iterator must not
    /// see a tree that is being rewritten).
    static func nodes(in root: OpaquePointer, where matches: (cmark_node_type) -> Bool) -> [OpaquePointer] {
        guard let iterator = cmark_iter_new(root) else { return [] }
        defer { cmark_iter_free(iterator) }
        var found: [OpaquePointer] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE || event == CMARK_EVENT_NONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            if matches(cmark_node_get_type(node)) { found.append(node) }
        }
        return found
    }

    /// How many block quotes hold `node`: their `>` markers start each of its lines.
    static func quoteDepth(of node: OpaquePointer) -> Int {
        var depth = 0
        var parent = cmark_node_parent(node)
        while let current = parent {
            if cmark_node_get_type(current) == CMARK_NODE_BLOCK_QUOTE { depth += 1 }
            parent = cmark_node_parent(current)
        }
        return depth
    }

    static func isInside(_ node: OpaquePointer, anyOf types: [cmark_node_type]) -> Bool {
        var parent = cmark_node_parent(node)
        while let current = parent {
            if types.contains(cmark_node_get_type(current)) { return true }
            parent = cmark_node_parent(current)
        }
        return false
    }
}

/// A place in the page's Markdown: 1-based line and byte column (turned into scalar columns at the end).
struct SourcePoint: Hashable {
    var line: Int
    var column: Int
}

/// The page's Markdown as bytes with its line starts, so passes can re-read the lines a block came from
/// (its text in the tree is already smart-punctuated and unescaped).
struct SourceLines {
    let bytes: [UInt8]
    /// Offset of the first byte of each line; line n (1-based) starts at `starts[n - 1]`.
    let starts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        starts = Self.lineStarts(of: bytes)
    }

    /// Offsets where lines start; `\n`, `\r\n` and a lone `\r` end a line, as in CommonMark. Text
    /// without a `\r` (nearly all) is searched with `memchr`, many bytes per step.
    static func lineStarts<Bytes: RandomAccessCollection<UInt8>>(of bytes: Bytes) -> [Int] where Bytes.Index == Int {
        let found = bytes.withContiguousStorageIfAvailable { buffer -> [Int]? in
            guard let base = buffer.baseAddress, memchr(base, 0x0D, buffer.count) == nil else { return nil }
            var starts = [0]
            var offset = 0
            while offset < buffer.count, let newline = memchr(base + offset, 0x0A, buffer.count - offset) {
                offset = UnsafeRawPointer(newline) - UnsafeRawPointer(base) + 1
                starts.append(bytes.startIndex + offset)
            }
            return starts
        }
        if let found = found ?? nil { return found }
        var starts = [0]
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x0A {
                starts.append(index + 1)
            } else if byte == 0x0D {
                if index + 1 < bytes.endIndex && bytes[index + 1] == 0x0A { index += 1 }
                starts.append(index + 1)
            }
            index += 1
        }
        return starts
    }

    var count: Int { starts.count }

    /// The bytes of line `number` without its line ending; empty past the end.
    func line(_ number: Int) -> ArraySlice<UInt8> {
        guard number >= 1, number <= starts.count else { return [] }
        let start = starts[number - 1]
        var end = number < starts.count ? starts[number] : bytes.count
        while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return bytes[start..<end]
    }
}
