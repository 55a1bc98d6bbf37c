/// Markdown shown as code: headings, quotes, list markers, fences, `code`, emphasis markers and links.
enum MarkdownCodeLexer {
    private static let emphasis = ByteSet("*_~")
    private static let special = ByteSet("*_~`[]")

    static func lex(_ scanner: inout CodeScanner) {
        var fence: UInt8?
        scanner.eachLine { scanner, start, lineEnd in
            let textStart = scanner.skippingBlanks(from: start)
            let first = scanner.byte(at: textStart)
            let isFenceLine = (first == 96 || first == 126) && scanner.byte(at: textStart + 1) == first && scanner.byte(at: textStart + 2) == first
            if let open = fence {
                if lineEnd > start { scanner.emit(.string, upTo: lineEnd) }
                if isFenceLine, first == open { fence = nil }
            } else if isFenceLine {
                scanner.emit(.string, upTo: lineEnd)
                fence = first
            } else if first == 35 {
                scanner.emit(.keyword, upTo: lineEnd)
            } else if first == 62 {
                scanner.emit(.comment, upTo: lineEnd)
            } else if lineEnd > start {
                scanner.within(lineEnd) { inline(&$0, textStart: textStart) }
            }
        }
    }

    private static func inline(_ scanner: inout CodeScanner, textStart: Int) {
        if textStart > scanner.position { scanner.emit(.plain, upTo: textStart) }
        let first = scanner.peek()
        if (first == 45 || first == 42 || first == 43) && scanner.peek(1) == 32 {
            scanner.emitByte(.punctuation)
        } else if CodeScanner.isDigit(first) {
            var stop = scanner.position
            while CodeScanner.isDigit(scanner.byte(at: stop)) { stop += 1 }
            if (scanner.byte(at: stop) == 46 || scanner.byte(at: stop) == 41) && scanner.byte(at: stop + 1) == 32 {
                scanner.emit(.punctuation, upTo: stop + 1)
            }
        }
        while !scanner.atEnd {
            let byte = scanner.peek()
            if byte == 96 {
                var close = scanner.position + 1
                while close < scanner.end, scanner.bytes[close] != 96 { close += 1 }
                scanner.emit(.string, upTo: close + 1)
            } else if emphasis.contains(byte) {
                scanner.emitByte(.operator)
            } else if byte == 91 || byte == 93 {
                scanner.emitByte(.punctuation)
                if byte == 93, scanner.peek() == 40 {
                    scanner.emitByte(.punctuation)
                    let close = scanner.closingBracket(from: scanner.position, open: 40, close: 41)
                    if close > scanner.position { scanner.emit(.string, upTo: close) }
                    if !scanner.atEnd { scanner.emitByte(.punctuation) }
                }
            } else {
                var stop = scanner.position + 1
                while stop < scanner.end, !special.contains(scanner.bytes[stop]) { stop += 1 }
                scanner.emit(.plain, upTo: stop)
            }
        }
    }
}

extension CodeLanguage {
    static let markdown = CodeLanguage(name: "markdown", aliases: ["md", "mdx"]) { MarkdownCodeLexer.lex(&$0) }
}
