/// YAML, a line at a time: `key:` properties, `- ` items, `&anchor`/`*alias`, `!tags`, comments,
/// quoted and plain scalars (numbers and `true`/`null` recognised), and `|`/`>` block scalars.
enum YAMLLexer {
    static let constants = WordTable([.constant: ["true", "false", "null", "yes", "no", "on", "off", "True", "False", "Null", "TRUE", "FALSE", "NULL", "~"]])
    private static let flowBytes = ByteSet("[]{},")
    private static let anchorBytes = ByteSet("-.")
    private static let tagBytes = ByteSet("!-./:")
    private static let blockIndicators = ByteSet("+-0123456789")

    static func lex(_ scanner: inout CodeScanner) {
        var blockScalarIndent: Int?
        scanner.eachLine { scanner, start, lineEnd in
            let textStart = scanner.skippingBlanks(from: start)
            let indent = textStart - start
            if let parentIndent = blockScalarIndent {
                if textStart == lineEnd || indent > parentIndent {
                    if lineEnd > start { scanner.emit(.string, upTo: lineEnd) }
                    return
                }
                blockScalarIndent = nil
            }
            if textStart > start { scanner.emit(.plain, upTo: textStart) }
            if scanner.position < lineEnd, line(&scanner, lineEnd: lineEnd) { blockScalarIndent = indent }
        }
    }

    /// One line from its first non-blank byte; true when it opens a block scalar.
    private static func line(_ scanner: inout CodeScanner, lineEnd: Int) -> Bool {
        if scanner.peek() == 35 {
            scanner.emit(.comment, upTo: lineEnd)
            return false
        }
        if (scanner.matches("---", at: scanner.position) || scanner.matches("...", at: scanner.position)), scanner.position + 3 == scanner.skippingBlanks(from: scanner.position + 3) || scanner.position + 3 == lineEnd {
            scanner.emit(.punctuation, upTo: scanner.position + 3)
        }
        while scanner.peek() == 45, scanner.peek(1) == 32 || scanner.position + 1 == lineEnd {
            scanner.emitByte(.punctuation)
            let itemStart = scanner.skippingBlanks(from: scanner.position)
            if itemStart > scanner.position { scanner.emit(.plain, upTo: itemStart) }
        }
        if let colon = keyEnd(scanner, lineEnd: lineEnd) {
            scanner.emit(.property, upTo: colon)
            scanner.emitByte(.punctuation)
        }
        return value(&scanner, lineEnd: lineEnd)
    }

    /// Where the `:` of a `key: value` line is, if the line starts with a key.
    private static func keyEnd(_ scanner: CodeScanner, lineEnd: Int) -> Int? {
        var index = scanner.position
        let first = scanner.byte(at: index)
        if first == 34 || first == 39 {
            index = scanner.quotedEnd(from: index, quote: first, escapes: first == 34)
            return index < lineEnd && scanner.bytes[index] == 58 ? index : nil
        }
        guard first != 35, first != 38, first != 42, first != 33, first != 91, first != 123, first != 124, first != 62 else { return nil }
        while index < lineEnd {
            let byte = scanner.bytes[index]
            if byte == 58, index + 1 == lineEnd || scanner.bytes[index + 1] == 32 || scanner.bytes[index + 1] == 9 {
                return index > scanner.position ? index : nil
            }
            if byte == 35, scanner.bytes[index - 1] == 32 { return nil }
            index += 1
        }
        return nil
    }

    /// The rest of a line after its key; true when it is a `|` or `>` block scalar header.
    private static func value(_ scanner: inout CodeScanner, lineEnd: Int) -> Bool {
        var opensBlock = false
        while scanner.position < lineEnd {
            let byte = scanner.peek()
            let start = scanner.position
            switch byte {
            case 32, 9, 13:
                scanner.emit(.plain, upTo: scanner.skippingBlanks(from: start + 1))
            case 35 where start == 0 || scanner.bytes[start - 1] == 32 || scanner.bytes[start - 1] == 9:
                scanner.emit(.comment, upTo: lineEnd)
            case 38, 42:
                scanner.emit(.variable, upTo: max(scanner.identifierEnd(from: start + 1, extra: anchorBytes), start + 1))
            case 33:
                scanner.emit(.type, upTo: max(scanner.identifierEnd(from: start + 1, extra: tagBytes), start + 1))
            case 124 where !opensBlock, 62 where !opensBlock:
                var stop = start + 1
                while stop < lineEnd, blockIndicators.contains(scanner.bytes[stop]) { stop += 1 }
                scanner.emit(.operator, upTo: stop)
                opensBlock = true
            case 34, 39:
                scanner.emit(.string, upTo: min(scanner.quotedEnd(from: start, quote: byte, escapes: byte == 34, doubledQuote: byte == 39), lineEnd))
            default:
                if flowBytes.contains(byte) || (byte == 58 && scanner.peek(1) == 32) {
                    scanner.emitByte(.punctuation)
                } else {
                    plainScalar(&scanner, lineEnd: lineEnd)
                }
            }
        }
        return opensBlock
    }

    /// A plain scalar up to a comment, a flow indicator or the line's end: a constant, a number or text.
    private static func plainScalar(_ scanner: inout CodeScanner, lineEnd: Int) {
        let start = scanner.position
        var stop = start
        while stop < lineEnd {
            let byte = scanner.bytes[stop]
            if flowBytes.contains(byte) || (byte == 35 && stop > start && scanner.bytes[stop - 1] == 32) { break }
            if byte == 58, stop + 1 == lineEnd || scanner.bytes[stop + 1] == 32 { break }
            stop += 1
        }
        var textEnd = stop
        while textEnd > start, scanner.bytes[textEnd - 1] == 32 || scanner.bytes[textEnd - 1] == 9 { textEnd -= 1 }
        guard textEnd > start else {
            scanner.emit(.plain, upTo: max(stop, start + 1))
            return
        }
        let numberStart = scanner.bytes[start] == 45 || scanner.bytes[start] == 43 ? start + 1 : start
        let kind: TokenKind
        if constants.kind(of: scanner.bytes, start..<textEnd) != nil {
            kind = .constant
        } else if numberStart < textEnd, scanner.numberEnd(from: numberStart) == textEnd {
            kind = .number
        } else {
            kind = .string
        }
        scanner.emit(kind, upTo: textEnd)
    }
}

extension CodeLanguage {
    static let yaml = CodeLanguage(name: "yaml", aliases: ["yml"]) { YAMLLexer.lex(&$0) }
}
