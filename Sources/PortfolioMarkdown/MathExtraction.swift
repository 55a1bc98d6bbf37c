/// One piece of TeX taken out of the Markdown.
struct MathSpan: Sendable, Hashable {
    var tex: String
    /// `$$...$$` rather than `$...$`.
    var isDisplay: Bool
}

/// `$...$` and `$$...$$` taken out of the Markdown before cmark parses it, so neither emphasis, smart
/// quotes nor entities touch the TeX: each becomes a placeholder that cmark keeps as plain text and the
/// tree walk turns back into math. Code spans, fenced and indented code, autolinks, tags and link
/// destinations keep their dollars, and so does `\$`. Dollar amounts are not math (Pandoc's rules): the opening `$` is not
/// followed by a space, the closing one not preceded by a space nor followed by a digit.
struct MathExtraction: Sendable {
    /// The Markdown with placeholders; lines stay where they were.
    var markdown: String
    var spans: [MathSpan] = []
    /// Where columns move on a line: from `modifiedColumn` on, text sits at `originalColumn` in the
    /// user's file. Sorted by line, then column.
    private var shifts: [(line: Int, modifiedColumn: Int, originalColumn: Int)] = []

    /// A placeholder is U+F8FF then U+E000 + its index: private-use characters that cmark leaves alone.
    static let marker: Unicode.Scalar = "\u{F8FF}"
    static let markerBytes: [UInt8] = [0xEF, 0xA3, 0xBF]
    static let placeholderLength = 6
    static let maximumSpans = 0x18FF

    init(_ markdown: String) {
        var copy = markdown
        self.markdown = markdown
        var result: [UInt8]? = nil
        copy.withUTF8 { bytes in
            guard bytes.contains(36) else { return }
            var scan = Scan(bytes: bytes)
            scan.run()
            guard !scan.spans.isEmpty else { return }
            result = scan.out
            spans = scan.spans
            shifts = scan.shifts
        }
        if let result { self.markdown = String(decoding: result, as: UTF8.self) }
    }

    /// The column in the user's file of a byte column (1-based) of the placeholder text on `line`.
    func originalColumn(line: Int, column: Int) -> Int {
        var shifted = column
        for shift in shifts where shift.line == line && shift.modifiedColumn <= column {
            shifted = column - shift.modifiedColumn + shift.originalColumn
        }
        return shifted
    }

    /// The placeholders in `bytes` (a text node's literal): the text between them and the math.
    enum Piece {
        case text(Range<Int>)
        case math(Int)
    }

    func pieces(of bytes: UnsafeRawBufferPointer) -> [Piece] {
        var pieces: [Piece] = []
        var textStart = 0
        var index = 0
        while index + Self.placeholderLength <= bytes.count {
            guard bytes[index] == 0xEF, bytes[index + 1] == 0xA3, bytes[index + 2] == 0xBF,
                let span = Self.spanIndex(bytes[index + 3], bytes[index + 4], bytes[index + 5]), span < spans.count
            else {
                index += 1
                continue
            }
            if index > textStart { pieces.append(.text(textStart..<index)) }
            pieces.append(.math(span))
            index += Self.placeholderLength
            textStart = index
        }
        if textStart < bytes.count, !pieces.isEmpty { pieces.append(.text(textStart..<bytes.count)) }
        return pieces
    }

    private static func spanIndex(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int? {
        guard a & 0xF0 == 0xE0, b & 0xC0 == 0x80, c & 0xC0 == 0x80 else { return nil }
        let scalar = Int(a & 0x0F) << 12 | Int(b & 0x3F) << 6 | Int(c & 0x3F)
        guard scalar >= 0xE000, scalar < 0xE000 + maximumSpans else { return nil }
        return scalar - 0xE000
    }

    /// The single pass over the Markdown's bytes.
    private struct Scan {
        let bytes: UnsafeBufferPointer<UInt8>
        var out: [UInt8] = []
        var spans: [MathSpan] = []
        var shifts: [(line: Int, modifiedColumn: Int, originalColumn: Int)] = []
        var index = 0
        var line = 1
        var lineStart = 0
        var outLineStart = 0
        var fence: (byte: UInt8, count: Int)?
        var previousBlank = true
        var inIndentedCode = false

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            out.reserveCapacity(bytes.count + 16)
        }

        func byte(_ at: Int) -> UInt8 { at < bytes.count ? bytes[at] : 0 }

        mutating func run() {
            while index < bytes.count {
                if !lineIsProse() {
                    copy(upTo: lineEnd(from: index) + 1)
                    continue
                }
                while index < bytes.count, bytes[index] != 10 { prose() }
                if index < bytes.count { copy(upTo: index + 1) }
            }
        }

        func lineEnd(from start: Int) -> Int {
            var at = start
            while at < bytes.count, bytes[at] != 10 { at += 1 }
            return at
        }

        /// Copies up to `stop`, counting the lines passed.
        mutating func copy(upTo stop: Int) {
            let stop = min(stop, bytes.count)
            while index < stop {
                out.append(bytes[index])
                if bytes[index] == 10 {
                    line += 1
                    lineStart = index + 1
                    outLineStart = out.count
                }
                index += 1
            }
        }

        /// At a line's start: whether it is text (math may be in it) rather than code.
        mutating func lineIsProse() -> Bool {
            var at = index
            var indent = 0
            while at < bytes.count, bytes[at] == 32 || bytes[at] == 9 {
                indent += bytes[at] == 9 ? 4 : 1
                at += 1
            }
            let blank = at >= bytes.count || bytes[at] == 10 || bytes[at] == 13
            defer { previousBlank = blank }
            let first = byte(at)
            var run = 0
            while byte(at + run) == first, first == 96 || first == 126 { run += 1 }
            if let open = fence {
                if indent < 4, first == open.byte, run >= open.count { fence = nil }
                return false
            }
            if indent < 4, run >= 3 {
                fence = (first, run)
                return false
            }
            if blank { return false }
            if indent >= 4, previousBlank || inIndentedCode {
                inIndentedCode = true
                return false
            }
            inIndentedCode = false
            return true
        }

        /// One step through a line of text: an escape, a code span, a tag or autolink, math, or a byte.
        mutating func prose() {
            let current = bytes[index]
            switch current {
            case 92:
                copy(upTo: byte(index + 1) == 10 ? index + 1 : index + 2)
            case 96:
                var run = 1
                while byte(index + run) == 96 { run += 1 }
                if let close = closingBackticks(from: index + run, count: run) {
                    copy(upTo: close + run)
                } else {
                    copy(upTo: index + run)
                }
            case 93 where byte(index + 1) == 40:
                // A link destination keeps its dollars: `[cost](prices.html#$5$)`.
                let close = lineEnd(from: index)
                var at = index + 2
                while at < close, bytes[at] != 41, bytes[at] != 32 { at += 1 }
                copy(upTo: at < close ? (bytes[at] == 41 ? at + 1 : at) : index + 2)
            case 60:
                let next = byte(index + 1)
                let close = lineEnd(from: index)
                var at = index + 1
                while at < close, bytes[at] != 62 { at += 1 }
                if at < close, CodeScanner.isLetter(next) || next == 47 || next == 33 || next == 63 {
                    copy(upTo: at + 1)
                } else {
                    copy(upTo: index + 1)
                }
            case 36:
                if spans.count < MathExtraction.maximumSpans, byte(index + 1) == 36 {
                    if let close = closingDisplay(from: index + 2) { math(contentStart: index + 2, contentEnd: close, delimiter: 2) } else { copy(upTo: index + 2) }
                } else if spans.count < MathExtraction.maximumSpans, let close = closingInline(from: index + 1) {
                    math(contentStart: index + 1, contentEnd: close, delimiter: 1)
                } else {
                    copy(upTo: index + 1)
                }
            default:
                copy(upTo: index + 1)
            }
        }

        /// A run of exactly `count` backticks before the paragraph ends.
        func closingBackticks(from start: Int, count: Int) -> Int? {
            var at = start
            var paragraph = ParagraphEnd()
            while at < bytes.count {
                let current = bytes[at]
                if paragraph.isReached(at: current) { return nil }
                if current == 96 {
                    var run = 1
                    while byte(at + run) == 96 { run += 1 }
                    if run == count { return at }
                    at += run
                    continue
                }
                at += 1
            }
            return nil
        }

        /// The `$` closing inline math opened just before `start`, on the same line.
        func closingInline(from start: Int) -> Int? {
            let first = byte(start)
            guard start < bytes.count, first != 32, first != 9, first != 10, first != 13, first != 36 else { return nil }
            var at = start
            while at < bytes.count, bytes[at] != 10 {
                if bytes[at] == 92 {
                    at += 2
                    continue
                }
                if bytes[at] == 36 {
                    let before = bytes[at - 1]
                    if before != 32, before != 9, !CodeScanner.isDigit(byte(at + 1)) { return at }
                    return nil
                }
                at += 1
            }
            return nil
        }

        /// The `$$` closing display math opened just before `start`, before a blank line.
        func closingDisplay(from start: Int) -> Int? {
            var at = start
            var paragraph = ParagraphEnd()
            while at + 1 < bytes.count {
                let current = bytes[at]
                if paragraph.isReached(at: current) { return nil }
                if current == 92 {
                    at += 2
                    continue
                }
                if current == 36, bytes[at + 1] == 36 { return at > start ? at : nil }
                at += 1
            }
            return nil
        }

        /// Writes the placeholder and as many line breaks as the math spans, so lines stay in place.
        mutating func math(contentStart: Int, contentEnd: Int, delimiter: Int) {
            let tex = String(decoding: UnsafeBufferPointer(rebasing: bytes[contentStart..<contentEnd]), as: UTF8.self)
            let scalar = Unicode.Scalar(UInt32(0xE000 + spans.count))!
            spans.append(MathSpan(tex: tex, isDisplay: delimiter == 2))
            out.append(contentsOf: MathExtraction.markerBytes)
            out.append(contentsOf: String(Character(scalar)).utf8)
            let stop = contentEnd + delimiter
            var breaks = 0
            for at in index..<stop where bytes[at] == 10 {
                breaks += 1
                lineStart = at + 1
            }
            out.append(contentsOf: repeatElement(10, count: breaks))
            if breaks > 0 { outLineStart = out.count }
            line += breaks
            index = stop
            shifts.append((line, out.count - outLineStart + 1, index - lineStart + 1))
        }
    }
}

/// Watches bytes go by for the blank line that ends a paragraph: math and code spans never cross one.
private struct ParagraphEnd {
    private var lineHasText = true

    mutating func isReached(at byte: UInt8) -> Bool {
        if byte == 10 {
            if !lineHasText { return true }
            lineHasText = false
        } else if byte != 32, byte != 9, byte != 13 {
            lineHasText = true
        }
        return false
    }
}
