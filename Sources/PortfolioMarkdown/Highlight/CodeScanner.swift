/// What a piece of highlighted code is; its name is the CSS class suffix (`tok-keyword`). The raw
/// value indexes the writer's table of span openings, so no token hashes a string.
enum TokenKind: UInt8, Sendable, Hashable, CaseIterable {
    case plain, keyword, string, number, comment, function, type, `operator`, punctuation, property, variable
    case builtin, constant, prompt, output, inserted, deleted, hunk

    var name: String { String(describing: self) }
}

/// A run of code bytes of one kind. Tokens of a lexed text are contiguous and cover it exactly.
struct Token: Sendable, Hashable {
    var kind: TokenKind
    var range: Range<Int>
}

/// Keywords, builtins and constants of a language, looked up by an identifier's bytes packed into two
/// integers: no `String` is made for the identifiers of the code. Words over 16 bytes are never listed.
struct WordTable: Sendable {
    private struct Key: Hashable {
        var low: UInt64
        var high: UInt64
    }

    private var kinds: [Key: TokenKind] = [:]
    let caseInsensitive: Bool

    init(caseInsensitive: Bool = false, _ groups: [TokenKind: [String]]) {
        self.caseInsensitive = caseInsensitive
        for (kind, words) in groups {
            for word in words {
                let bytes = Array(word.utf8)
                precondition(bytes.count <= 16, "listed words are at most 16 bytes")
                bytes.withUnsafeBufferPointer { kinds[Self.key($0, 0..<$0.count, lowercase: caseInsensitive)!] = kind }
            }
        }
    }

    func kind(of bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> TokenKind? {
        guard !kinds.isEmpty, let key = Self.key(bytes, range, lowercase: caseInsensitive) else { return nil }
        return kinds[key]
    }

    private static func key(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, lowercase: Bool) -> Key? {
        guard range.count <= 16, !range.isEmpty else { return nil }
        var key = Key(low: 0, high: 0)
        for (offset, index) in range.enumerated() {
            var byte = bytes[index]
            if lowercase, byte >= 65, byte <= 90 { byte += 32 }
            if offset < 8 {
                key.low |= UInt64(byte) << (8 * UInt64(offset))
            } else {
                key.high |= UInt64(byte) << (8 * UInt64(offset - 8))
            }
        }
        return key
    }
}

/// A cursor over the UTF-8 bytes of a code block that lexers move forward while they emit tokens.
/// Every lexer step must emit at least one byte (`emit` or `emitByte`), so no lexer can loop, and
/// tokens are only ever cut at ASCII bytes, so no UTF-8 sequence is split between two spans.
struct CodeScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    /// Where the current (sub-)lexer must stop; strings and interpolations narrow it.
    var end: Int
    private(set) var tokens: [Token] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        end = bytes.count
        tokens.reserveCapacity(bytes.count / 3)
    }

    var atEnd: Bool { position >= end }

    /// The byte `offset` past the cursor, 0 past the end of the current range.
    @inline(__always) func peek(_ offset: Int = 0) -> UInt8 {
        let index = position + offset
        return index < end ? bytes[index] : 0
    }

    @inline(__always) func byte(at index: Int) -> UInt8 { index < end && index >= 0 ? bytes[index] : 0 }

    func matches(_ text: StaticString, at index: Int) -> Bool {
        let count = text.utf8CodeUnitCount
        guard index + count <= end else { return false }
        let pointer = text.utf8Start
        for offset in 0..<count where bytes[index + offset] != pointer[offset] { return false }
        return true
    }

    /// Emits the bytes from the cursor up to `upTo` (at least one) as one token.
    mutating func emit(_ kind: TokenKind, upTo stop: Int) {
        let stop = min(max(stop, position + 1), end)
        guard stop > position else { return }
        if let last = tokens.last, last.kind == kind, last.range.upperBound == position {
            tokens[tokens.count - 1].range = last.range.lowerBound..<stop
        } else {
            tokens.append(Token(kind: kind, range: position..<stop))
        }
        position = stop
    }

    mutating func emitByte(_ kind: TokenKind) { emit(kind, upTo: position + 1) }

    /// Runs `lexer` over `position..<stop` only, then restores the outer range.
    mutating func within(_ stop: Int, _ lexer: (inout CodeScanner) -> Void) {
        let outer = end
        end = min(stop, outer)
        lexer(&self)
        if position < end { emit(.plain, upTo: end) }
        end = outer
    }

    /// Calls `line` with the start and end (before the newline) of each line left; it emits that
    /// line's bytes, the newline is emitted here.
    mutating func eachLine(_ line: (inout CodeScanner, _ start: Int, _ end: Int) -> Void) {
        while !atEnd {
            let start = position
            let end = lineEnd(from: start)
            line(&self, start, end)
            if position < end { emit(.plain, upTo: end) }
            if !atEnd { emit(.plain, upTo: position + 1) }
        }
    }

    // MARK: Measuring (no emission)

    func lineEnd(from index: Int) -> Int {
        var index = index
        while index < end, bytes[index] != 10 { index += 1 }
        return index
    }

    func skippingBlanks(from index: Int) -> Int {
        var index = index
        while index < end, bytes[index] == 32 || bytes[index] == 9 { index += 1 }
        return index
    }

    func identifierEnd(from index: Int, extra: ByteSet = ByteSet()) -> Int {
        var index = index
        while index < end, CodeScanner.isIdentifierByte(bytes[index]) || extra.contains(bytes[index]) { index += 1 }
        return index
    }

    /// The end of a number starting at `index`: `0x1F`, `0b101`, `1_000`, `3.14`, `1e-5`, `.5`, with a
    /// letter suffix (`10n`, `2j`, `1.0f`). Returns `index` when no number starts there.
    func numberEnd(from start: Int) -> Int {
        var index = start
        let first = byte(at: index)
        guard CodeScanner.isDigit(first) || (first == 46 && CodeScanner.isDigit(byte(at: index + 1))) else { return start }
        if first == 48, [120, 88, 98, 66, 111, 79].contains(byte(at: index + 1)) {
            index += 2
            while index < end, CodeScanner.isHexDigit(bytes[index]) || bytes[index] == 95 { index += 1 }
        } else {
            while index < end, CodeScanner.isDigit(bytes[index]) || bytes[index] == 95 { index += 1 }
            if byte(at: index) == 46, CodeScanner.isDigit(byte(at: index + 1)) || !CodeScanner.isIdentifierByte(byte(at: index + 1)) && byte(at: index + 1) != 46 {
                index += 1
                while index < end, CodeScanner.isDigit(bytes[index]) || bytes[index] == 95 { index += 1 }
            }
            if byte(at: index) | 0x20 == 101 {
                var exponent = index + 1
                if byte(at: exponent) == 43 || byte(at: exponent) == 45 { exponent += 1 }
                if CodeScanner.isDigit(byte(at: exponent)) {
                    index = exponent
                    while index < end, CodeScanner.isDigit(bytes[index]) { index += 1 }
                }
            }
        }
        while index < end, CodeScanner.isAlphanumeric(bytes[index]) { index += 1 }
        return index
    }

    /// The end of a quoted text whose opening delimiter (`count` times `quote`) starts at `index`:
    /// after the closing delimiter, at the end of the line when `multiline` is false, or at the end.
    func quotedEnd(from index: Int, quote: UInt8, count: Int = 1, escapes: Bool = true, doubledQuote: Bool = false, multiline: Bool = false) -> Int {
        var index = index + count
        while index < end {
            let byte = bytes[index]
            if escapes, byte == 92 {
                index += 2
                continue
            }
            if byte == 10, !multiline { return index }
            if byte == quote {
                if doubledQuote, count == 1, self.byte(at: index + 1) == quote {
                    index += 2
                    continue
                }
                var run = 1
                while run < count, self.byte(at: index + run) == quote { run += 1 }
                if run == count { return index + count }
                index += run
                continue
            }
            index += 1
        }
        return end
    }

    /// The index of the byte that closes a bracket opened just before `index` (`{` ... `}`), counting
    /// nested pairs; `end` when it is not closed.
    func closingBracket(from index: Int, open: UInt8, close: UInt8) -> Int {
        var depth = 1
        var index = index
        while index < end {
            let byte = bytes[index]
            if byte == open { depth += 1 }
            if byte == close {
                depth -= 1
                if depth == 0 { return index }
            }
            if byte == 34 || byte == 39 || byte == 96 {
                index = quotedEnd(from: index, quote: byte)
                continue
            }
            index += 1
        }
        return end
    }

    // MARK: Bytes

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
    @inline(__always) static func isHexDigit(_ byte: UInt8) -> Bool { isDigit(byte) || (byte | 0x20 >= 97 && byte | 0x20 <= 102) }
    @inline(__always) static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 97 && (byte | 0x20) <= 122 }
    @inline(__always) static func isAlphanumeric(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) || byte == 95 }
    /// Letters, digits, `_` and every non-ASCII byte, so a multi-byte character stays inside one word.
    @inline(__always) static func isIdentifierByte(_ byte: UInt8) -> Bool { isAlphanumeric(byte) || byte >= 0x80 }
    @inline(__always) static func isIdentifierStart(_ byte: UInt8) -> Bool { isLetter(byte) || byte == 95 || byte >= 0x80 }
    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 10 || byte == 13 }
}

/// A set of ASCII bytes, tested with one shift: which bytes are operators, punctuation, word parts.
struct ByteSet: Sendable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    init(_ characters: String = "") {
        for byte in characters.utf8 where byte < 128 {
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }
    }

    @inline(__always) func contains(_ byte: UInt8) -> Bool {
        byte < 64 ? low & (1 << UInt64(byte)) != 0 : byte < 128 && high & (1 << UInt64(byte - 64)) != 0
    }
}
