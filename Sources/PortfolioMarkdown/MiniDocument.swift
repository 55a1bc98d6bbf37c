import CCmark

/// Pieces of the page (table cells, footnote bodies) parsed as Markdown of their own with the page's
/// options, remembering where each line came from so links found in them point at the page's real line
/// and column.
struct MiniDocument {
    /// Where one line of the piece starts in the page.
    struct Origin {
        var line: Int
        /// Byte column in the page of the piece's first content byte.
        var column: Int
        /// Bytes at the start of the piece's line that are not in the page (a sentinel).
        var added = 0
        /// Content offsets before which one page byte was dropped (the `\` of `\|` in a table cell).
        var dropped: [Int] = []
    }

    private(set) var bytes: [UInt8] = []
    private var origins: [Origin?] = []

    mutating func appendLine<Bytes: Collection<UInt8>>(_ line: Bytes, from origin: Origin?) {
        bytes.append(contentsOf: line)
        bytes.append(0x0A)
        origins.append(origin)
    }

    /// The page's link reference definitions, so `[text][label]` resolves inside the piece as on the page.
    mutating func appendDefinitions(_ definitions: [ArraySlice<UInt8>]) {
        guard !definitions.isEmpty else { return }
        appendLine([], from: nil)
        for definition in definitions { appendLine(definition, from: nil) }
    }

    func parse(options: Int32) -> OpaquePointer? {
        CmarkTree.parse(bytes, options: options)
    }

    /// The page position of a node of the parsed piece, or nil for lines that are not from the page.
    func pagePoint(of node: OpaquePointer) -> SourcePoint? {
        pagePoint(SourcePoint(line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node))))
    }

    /// The page position of a line and byte column of the piece.
    func pagePoint(_ point: SourcePoint) -> SourcePoint? {
        let line = point.line
        guard line >= 1, line <= origins.count, let origin = origins[line - 1] else { return nil }
        let offset = max(point.column - 1 - origin.added, 0)
        let dropped = origin.dropped.count { $0 <= offset }
        return SourcePoint(line: origin.line, column: origin.column + offset + dropped)
    }

    /// Records the page position of every link, image and text node under `root`.
    func recordPositions(under root: OpaquePointer, in positions: inout [OpaquePointer: SourcePoint]) {
        for node in CmarkTree.nodes(in: root, where: { $0 == CMARK_NODE_LINK || $0 == CMARK_NODE_IMAGE || $0 == CMARK_NODE_TEXT }) {
            if let point = pagePoint(of: node) { positions[node] = point }
        }
    }
}

/// Lines of the page that look like link reference definitions (`[label]: url`), found once per page and
/// only when a piece needs them.
enum LinkDefinitionLines {
    static func find(in source: SourceLines) -> [ArraySlice<UInt8>] {
        var found: [ArraySlice<UInt8>] = []
        for number in 1...source.count {
            let line = source.line(number)
            var index = line.startIndex
            while index < line.endIndex, line[index] == 0x20 || line[index] == 0x09 || line[index] == 0x3E { index += 1 }
            guard index < line.endIndex, line[index] == 0x5B, index + 1 < line.endIndex, line[index + 1] != 0x5E else { continue }
            var closing = index + 1
            while closing + 1 < line.endIndex, !(line[closing] == 0x5D && line[closing + 1] == 0x3A) { closing += 1 }
            if closing + 1 < line.endIndex { found.append(line[index...]) }
        }
        return found
    }
}
