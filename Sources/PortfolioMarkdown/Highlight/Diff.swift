/// Unified diffs: `@@` hunk headers, file headers, added and removed lines, one token a line.
enum DiffLexer {
    static func lex(_ scanner: inout CodeScanner) {
        var afterFileHeader = false
        scanner.eachLine { scanner, start, lineEnd in
            let nextLine = lineEnd + 1
            let kind: TokenKind
            if scanner.matches("@@", at: start) {
                kind = .hunk
            } else if scanner.matches("diff ", at: start) || scanner.matches("index ", at: start)
                || (scanner.matches("--- ", at: start) && scanner.matches("+++ ", at: nextLine))
                || (afterFileHeader && scanner.matches("+++ ", at: start))
            {
                kind = .keyword
            } else if scanner.peek() == 43 {
                kind = .inserted
            } else if scanner.peek() == 45 {
                kind = .deleted
            } else {
                kind = .plain
            }
            afterFileHeader = scanner.matches("--- ", at: start) && kind == .keyword
            if lineEnd > start { scanner.emit(kind, upTo: lineEnd) }
        }
    }
}

extension CodeLanguage {
    static let diff = CodeLanguage(name: "diff", aliases: ["patch", "udiff"]) { DiffLexer.lex(&$0) }
}
