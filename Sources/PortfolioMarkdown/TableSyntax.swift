/// The line-level rules of GitHub tables (GFM spec, "Tables"): splitting a row into cells on unescaped
/// pipes and reading a delimiter row. Pure functions over one line's bytes, so they are easy to test and fuzz.
enum TableSyntax {
    enum Alignment: Equatable, Sendable {
        case none, left, center, right
    }

    /// One cell's text, with `\|` already turned into `|` as the table parser does before inline parsing.
    struct Cell: Equatable {
        var text: [UInt8]
        /// Offset in the line of the cell's first content byte.
        var offset: Int
        /// Offsets in `text` before which a `\` of the line was dropped.
        var dropped: [Int]
    }

    /// The cells of a row, or nil when the line has none (a lone `|`).
    static func cells(of line: ArraySlice<UInt8>) -> [Cell]? {
        let (start, end) = trimmed(line, line.startIndex, line.endIndex)
        var index = start
        if index < end, line[index] == pipe {
            index += 1
            while index < end, isSpace(line[index]) { index += 1 }
        }
        var cells: [Cell] = []
        while index < end {
            let cellStart = index
            while index < end, line[index] != pipe {
                index += line[index] == backslash && index + 1 < end && line[index + 1] == pipe ? 2 : 1
            }
            let cellEnd = index
            var sawPipe = false
            if index < end, line[index] == pipe {
                sawPipe = true
                index += 1
                while index < end, isSpace(line[index]) { index += 1 }
            }
            if cellEnd > cellStart || sawPipe {
                cells.append(cell(line, cellStart, cellEnd))
            }
            if !sawPipe { break }
        }
        return cells.isEmpty ? nil : cells
    }

    /// The column alignments a delimiter row (`| :-- | :-: | --: |`) sets, or nil when the line is not one.
    static func delimiterRow(_ line: ArraySlice<UInt8>) -> [Alignment]? {
        var (start, end) = trimmed(line, line.startIndex, line.endIndex)
        guard start < end else { return nil }
        var sawPipe = false
        if line[start] == pipe {
            sawPipe = true
            start += 1
        }
        if end > start, line[end - 1] == pipe {
            sawPipe = true
            end -= 1
        }
        var alignments: [Alignment] = []
        var index = start
        while true {
            while index < end, isSpace(line[index]) { index += 1 }
            let colonBefore = index < end && line[index] == colon
            if colonBefore { index += 1 }
            var dashes = 0
            while index < end, line[index] == dash {
                dashes += 1
                index += 1
            }
            let colonAfter = index < end && line[index] == colon
            if colonAfter { index += 1 }
            while index < end, isSpace(line[index]) { index += 1 }
            guard dashes > 0 else { return nil }
            alignments.append(
                colonBefore && colonAfter ? .center : colonBefore ? .left : colonAfter ? .right : .none)
            if index == end { break }
            guard line[index] == pipe else { return nil }
            sawPipe = true
            index += 1
        }
        // Without any pipe, `---` is a thematic break or heading underline and `:-` is prose.
        return sawPipe ? alignments : nil
    }

    private static func cell(_ line: ArraySlice<UInt8>, _ from: Int, _ to: Int) -> Cell {
        let (start, end) = trimmed(line, from, to)
        var text: [UInt8] = []
        text.reserveCapacity(end - start)
        var dropped: [Int] = []
        var index = start
        while index < end {
            if line[index] == backslash, index + 1 < end, line[index + 1] == pipe {
                dropped.append(text.count)
                index += 1
            }
            text.append(line[index])
            index += 1
        }
        return Cell(text: text, offset: start - line.startIndex, dropped: dropped)
    }

    private static func trimmed(_ line: ArraySlice<UInt8>, _ from: Int, _ to: Int) -> (Int, Int) {
        var start = from
        var end = to
        while start < end, isSpace(line[start]) { start += 1 }
        while end > start, isSpace(line[end - 1]) { end -= 1 }
        return (start, end)
    }

    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C
    }

    static let pipe: UInt8 = 0x7C
    static let backslash: UInt8 = 0x5C
    static let colon: UInt8 = 0x3A
    static let dash: UInt8 = 0x2D
}
