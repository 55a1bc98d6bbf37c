import CCmark
import PortfolioSupport

/// What the GitHub-extension passes share for one page: its source lines, the cmark options, where nodes
/// parsed from pieces of the page really are, and the problems found on the way.
struct ExtensionContext {
    let source: SourceLines
    let options: Int32
    /// Page positions of link, image and text nodes that were parsed out of a piece (a cell, a footnote).
    var positions: [OpaquePointer: SourcePoint] = [:]
    var problems: [Diagnostic] = []
    private var definitionLines: [ArraySlice<UInt8>]?
    private var tables = 0
    /// The lines the tables pass reads: the page's, or a footnote's when it runs over one.
    private var lines: SourceLines
    private var piece: MiniDocument?

    init(source: SourceLines, options: Int32) {
        self.source = source
        self.options = options
        lines = source
    }

    /// The page's link reference definitions, for pieces that contain a `[`.
    mutating func definitions(for piece: MiniDocument) -> [ArraySlice<UInt8>] {
        guard piece.bytes.contains(0x5B) else { return [] }
        if let definitionLines { return definitionLines }
        let found = LinkDefinitionLines.find(in: source)
        definitionLines = found
        return found
    }

    /// Frees a node taken out of the tree, forgetting its position: a node made later may get its address.
    mutating func free(_ node: OpaquePointer) {
        positions[node] = nil
        cmark_node_free(node)
    }

    /// The column of a byte column of `line` counted in Unicode scalars, as diagnostics count them.
    func scalarColumn(line: Int, byteColumn: Int) -> Int {
        let bytes = source.line(line)
        let end = min(bytes.startIndex + max(byteColumn - 1, 0), bytes.endIndex)
        return bytes[bytes.startIndex..<end].count { $0 & 0xC0 != 0x80 } + 1
    }

    // MARK: Tables

    /// A line of a paragraph as the table parser sees it: without its container's `>` markers and indent.
    private struct ParagraphLine {
        var number: Int
        var content: ArraySlice<UInt8>
        /// 1-based byte column of `content` in the page's line.
        var column: Int
        /// A lazy continuation line (fewer `>` than its block quote needs): it cannot be part of a table.
        var lazy: Bool
    }

    /// Turns every paragraph (or setext heading) that holds a header row followed by a delimiter row into
    /// a table, as GitHub does; warns about paragraphs that look like tables but are not.
    mutating func rewriteTables(in root: OpaquePointer, piece: MiniDocument? = nil) {
        lines = piece.map { SourceLines($0.bytes) } ?? source
        self.piece = piece
        defer {
            lines = source
            self.piece = nil
        }
        let blocks = CmarkTree.nodes(in: root) { $0 == CMARK_NODE_PARAGRAPH || $0 == CMARK_NODE_HEADING }
        for block in blocks {
            let first = Int(cmark_node_get_start_line(block))
            var last = Int(cmark_node_get_end_line(block))
            let isHeading = cmark_node_get_type(block) == CMARK_NODE_HEADING
            if isHeading {
                guard last > first else { continue }
                last -= 1
            }
            guard first >= 1, last <= lines.count, first <= last,
                lines.bytes[lines.starts[first - 1]..<lineEnd(last)].contains(TableSyntax.pipe)
            else { continue }
            let paragraph = paragraphLines(of: block, first: first, last: last)
            guard let start = tableStart(in: paragraph) else {
                warnIfTableLike(paragraph)
                continue
            }
            var underline: ParagraphLine?
            if isHeading {
                underline = paragraphLines(of: block, first: last + 1, last: last + 1, firstIsContinuation: true).first
            }
            makeTable(replacing: block, lines: paragraph, start: start, underline: underline,
                underlineIsRow: cmark_node_get_heading_level(block) == 1)
        }
    }

    private func lineEnd(_ number: Int) -> Int {
        number < lines.count ? lines.starts[number] : lines.bytes.count
    }

    private func paragraphLines(
        of block: OpaquePointer, first: Int, last: Int, firstIsContinuation: Bool = false
    ) -> [ParagraphLine] {
        let depth = CmarkTree.quoteDepth(of: block)
        var result: [ParagraphLine] = []
        for number in first...last {
            let line = lines.line(number)
            var index = line.startIndex
            var lazy = false
            if number == first && !firstIsContinuation {
                index = min(line.startIndex + max(Int(cmark_node_get_start_column(block)) - 1, 0), line.endIndex)
            } else {
                var markers = 0
                while true {
                    while index < line.endIndex, TableSyntax.isSpace(line[index]) { index += 1 }
                    guard markers < depth, index < line.endIndex, line[index] == 0x3E else { break }
                    markers += 1
                    index += 1
                }
                lazy = markers < depth
            }
            result.append(
                ParagraphLine(number: number, content: line[index...], column: index - line.startIndex + 1, lazy: lazy))
        }
        return result
    }

    /// Index of the header row: the line before the first delimiter row with as many cells.
    private func tableStart(in lines: [ParagraphLine]) -> Int? {
        guard lines.count >= 2 else { return nil }
        for index in 1..<lines.count where !lines[index].lazy {
            guard let alignments = TableSyntax.delimiterRow(lines[index].content),
                let header = TableSyntax.cells(of: lines[index - 1].content), header.count == alignments.count
            else { continue }
            return index - 1
        }
        return nil
    }

    private mutating func warnIfTableLike(_ lines: [ParagraphLine]) {
        for index in lines.indices.dropFirst() {
            guard let alignments = TableSyntax.delimiterRow(lines[index].content),
                let header = TableSyntax.cells(of: lines[index - 1].content)
            else { continue }
            warn(
                at: lines[index],
                "the delimiter row has \(alignments.count) cell\(alignments.count == 1 ? "" : "s") but the header row above it has \(header.count), so this is not a table",
                hint: "give the delimiter row one '---' cell per header cell, e.g. '\(delimiterExample(header.count))'")
            return
        }
        let rowLike = lines.filter { line in
            let content = line.content.drop { TableSyntax.isSpace($0) }
            return content.first == TableSyntax.pipe && content.dropFirst().contains(TableSyntax.pipe)
        }
        guard rowLike.count >= 2, lines.count >= 2 else { return }
        let columns = TableSyntax.cells(of: lines[0].content)?.count ?? 1
        warn(
            at: lines[1],
            "this paragraph looks like a table but its second line is not a delimiter row, so it is shown as text",
            hint: "put a delimiter row such as '\(delimiterExample(columns))' right under the header row (':---', ':---:', '---:' align left, centre, right)")
    }

    private func delimiterExample(_ columns: Int) -> String {
        "|" + String(repeating: " --- |", count: max(columns, 1))
    }

    private mutating func warn(at line: ParagraphLine, _ message: String, hint: String) {
        let skipped = line.content.prefix { TableSyntax.isSpace($0) }.count
        guard let point = pagePoint(line: line.number, column: line.column + skipped) else { return }
        problems.append(
            Diagnostic(
                severity: .warning, code: "markdown.table", file: "", line: point.line,
                column: scalarColumn(line: point.line, byteColumn: point.column), message: message, hint: hint))
    }

    /// Where a line and byte column of the lines being read are in the page.
    private func pagePoint(line: Int, column: Int) -> SourcePoint? {
        guard let piece else { return SourcePoint(line: line, column: column) }
        return piece.pagePoint(SourcePoint(line: line, column: column))
    }

    private mutating func makeTable(
        replacing block: OpaquePointer, lines: [ParagraphLine], start: Int, underline: ParagraphLine?,
        underlineIsRow: Bool
    ) {
        guard let alignments = TableSyntax.delimiterRow(lines[start + 1].content),
            let header = TableSyntax.cells(of: lines[start].content)
        else { return }
        var rows: [(line: ParagraphLine, cells: [TableSyntax.Cell])] = [(lines[start], header)]
        var trailing: [ParagraphLine] = []
        var candidates = Array(lines[(start + 2)...])
        if let underline {
            if underlineIsRow { candidates.append(underline) } else { trailing.append(underline) }
        }
        for (index, line) in candidates.enumerated() {
            guard !line.lazy, let cells = TableSyntax.cells(of: line.content) else {
                trailing = Array(candidates[index...]) + trailing
                break
            }
            rows.append((line, cells))
        }

        var piece = MiniDocument()
        for (rowIndex, row) in rows.enumerated() {
            for column in alignments.indices {
                if rowIndex > 0 || column > 0 { piece.appendLine([], from: nil) }
                let cell = column < row.cells.count ? row.cells[column] : nil
                let start = pagePoint(line: row.line.number, column: row.line.column + (cell?.offset ?? 0))
                piece.appendLine(
                    Self.cellSentinel + (cell?.text ?? []),
                    from: start.map {
                        MiniDocument.Origin(
                            line: $0.line, column: $0.column, added: Self.cellSentinel.count, dropped: cell?.dropped ?? [])
                    })
            }
        }
        piece.appendDefinitions(definitions(for: piece))
        guard let parsed = piece.parse(options: options) else { return }
        defer { cmark_node_free(parsed) }
        let paragraphs = CmarkTree.children(of: parsed)
        let cellCount = rows.count * alignments.count
        guard paragraphs.count >= cellCount,
            paragraphs.prefix(cellCount).allSatisfy({ cmark_node_get_type($0) == CMARK_NODE_PARAGRAPH })
        else { return }
        tables += 1
        let hasBody = rows.count > 1
        guard
            let table = CmarkTree.custom(
                CMARK_NODE_CUSTOM_BLOCK,
                enter: "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table \(tables)\">\n<table>\n<thead>\n<tr>\n",
                exit: (hasBody ? "</tbody>\n" : "") + "</table>\n</div>")
        else { return }
        piece.recordPositions(under: parsed, in: &positions)
        for (index, paragraph) in paragraphs.prefix(cellCount).enumerated() {
            let row = index / alignments.count
            let column = index % alignments.count
            let isLast = column == alignments.count - 1
            let style = Self.style(alignments[column])
            let enter: String
            var exit: String
            if row == 0 {
                enter = "<th\(style)>"
                exit = "</th>\n" + (isLast ? "</tr>\n</thead>\n" + (hasBody ? "<tbody>\n" : "") : "")
            } else {
                enter = (column == 0 ? "<tr>\n" : "") + "<td\(style)>"
                exit = "</td>\n" + (isLast ? "</tr>\n" : "")
            }
            guard let cell = CmarkTree.custom(CMARK_NODE_CUSTOM_INLINE, enter: enter, exit: exit) else {
                cmark_node_free(table)
                return
            }
            dropSentinel(from: paragraph)
            CmarkTree.moveChildren(of: paragraph, to: cell)
            _ = cmark_node_append_child(table, cell)
        }

        insertBlocks(of: lines[..<start], before: block)
        _ = cmark_node_insert_before(block, table)
        insertBlocks(of: trailing[...], before: block)
        cmark_node_free(block)
    }

    /// Parses lines that are not part of the table (the paragraph before its header row, the lines after
    /// its last row) as blocks of their own and puts them where the lines were.
    private mutating func insertBlocks(of lines: ArraySlice<ParagraphLine>, before block: OpaquePointer) {
        guard !lines.isEmpty else { return }
        var piece = MiniDocument()
        for line in lines {
            piece.appendLine(
                line.content,
                from: pagePoint(line: line.number, column: line.column).map { MiniDocument.Origin(line: $0.line, column: $0.column) })
        }
        piece.appendDefinitions(definitions(for: piece))
        guard let parsed = piece.parse(options: options) else { return }
        defer { cmark_node_free(parsed) }
        piece.recordPositions(under: parsed, in: &positions)
        for child in CmarkTree.children(of: parsed) {
            _ = cmark_node_insert_before(block, child)
        }
    }

    /// Every cell starts with a no-break space so that its text is read as inlines only: `# x`, `1. x`
    /// or `> x` in a cell are text, as in GitHub's tables. The space is taken out again after parsing.
    private static let cellSentinel: [UInt8] = [0xC2, 0xA0]

    private mutating func dropSentinel(from paragraph: OpaquePointer) {
        guard let first = cmark_node_first_child(paragraph), cmark_node_get_type(first) == CMARK_NODE_TEXT else { return }
        let literal = CmarkTree.literalBytes(first)
        guard literal.starts(with: Self.cellSentinel) else { return }
        if literal.count == Self.cellSentinel.count {
            free(first)
        } else {
            _ = cmark_node_set_literal(first, String(decoding: literal.dropFirst(Self.cellSentinel.count), as: UTF8.self))
        }
    }

    private static func style(_ alignment: TableSyntax.Alignment) -> String {
        switch alignment {
        case .none: ""
        case .left: " style=\"text-align: left\""
        case .center: " style=\"text-align: center\""
        case .right: " style=\"text-align: right\""
        }
    }
}
