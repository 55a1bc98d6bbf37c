/// Shell scripts: words, `$VAR`/`${VAR}`/`$(...)`, quoting, comments that start a word, heredocs.
/// Not table-driven like `GenericLexer`: in a shell, what a byte means depends on where the word starts.
enum BashLexer {
    static let words = WordTable([
        .keyword: [
            "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac", "in",
            "function", "select", "return", "break", "continue", "time",
        ],
        .builtin: [
            "echo", "cd", "export", "local", "read", "printf", "set", "unset", "source", "exit", "eval", "exec",
            "test", "shift", "trap", "alias", "declare", "readonly", "pwd", "true", "false", "wait", "type",
        ],
    ])
    private static let operators = ByteSet("|&;<>=!")
    private static let punctuation = ByteSet("(){}[]")
    private static let wordBytes = ByteSet("-./:@%+,~^*?")
    /// Bytes after which a `#` starts a comment and a word starts a command.
    private static let commandSeparators = ByteSet("|&;(\n")
    private static let commentStarters = ByteSet(" \t\n|&;(")
    private static let specialParameters = ByteSet("?@#$!*-")

    /// A heredoc whose body starts at the next line.
    private struct Heredoc {
        var delimiter: Range<Int>
        var stripsTabs: Bool
    }

    /// `commandStart` is false for a line that continues a command (after a trailing `\`).
    static func lex(_ scanner: inout CodeScanner, commandStart: Bool = true) {
        var heredocs: [Heredoc] = []
        var commandStart = commandStart
        while !scanner.atEnd {
            let byte = scanner.peek()
            switch byte {
            case 10:
                scanner.emitByte(.plain)
                commandStart = true
                for heredoc in heredocs { body(&scanner, heredoc) }
                heredocs.removeAll()
            case 32, 9, 13:
                scanner.emit(.plain, upTo: scanner.skippingBlanks(from: scanner.position + 1))
            case 35 where scanner.position == 0 || commentStarters.contains(scanner.bytes[scanner.position - 1]):
                scanner.emit(.comment, upTo: scanner.lineEnd(from: scanner.position))
            case 39:
                scanner.emit(.string, upTo: scanner.quotedEnd(from: scanner.position, quote: 39, escapes: false, multiline: true))
                commandStart = false
            case 34:
                doubleQuoted(&scanner)
                commandStart = false
            case 36:
                dollar(&scanner)
                commandStart = false
            case 92:
                scanner.emit(.plain, upTo: scanner.peek(1) < 0x80 ? scanner.position + 2 : scanner.position + 1)
            case 60 where scanner.peek(1) == 60 && scanner.peek(2) != 60:
                if let heredoc = heredocStart(&scanner) { heredocs.append(heredoc) }
            default:
                if operators.contains(byte) {
                    scanner.emitByte(.operator)
                    commandStart = commandSeparators.contains(byte)
                } else if punctuation.contains(byte) {
                    scanner.emitByte(.punctuation)
                    commandStart = commandSeparators.contains(byte) || byte == 123
                } else if CodeScanner.isIdentifierByte(byte) || wordBytes.contains(byte) {
                    word(&scanner, commandStart: commandStart)
                    commandStart = false
                } else {
                    scanner.emitByte(.plain)
                }
            }
        }
    }

    private static func word(_ scanner: inout CodeScanner, commandStart: Bool) {
        let start = scanner.position
        var stop = start
        while stop < scanner.end, CodeScanner.isIdentifierByte(scanner.bytes[stop]) || wordBytes.contains(scanner.bytes[stop]) { stop += 1 }
        if scanner.byte(at: stop) == 61, (start..<stop).allSatisfy({ CodeScanner.isAlphanumeric(scanner.bytes[$0]) }) {
            scanner.emit(.variable, upTo: stop)
            scanner.emitByte(.operator)
            return
        }
        if let kind = words.kind(of: scanner.bytes, start..<stop) {
            scanner.emit(kind, upTo: stop)
        } else if (start..<stop).allSatisfy({ CodeScanner.isDigit(scanner.bytes[$0]) }) {
            scanner.emit(.number, upTo: stop)
        } else {
            scanner.emit(commandStart ? .function : .plain, upTo: stop)
        }
    }

    /// `$NAME`, `${...}`, `$1`, `$?`, or `$(` opening a command substitution.
    private static func dollar(_ scanner: inout CodeScanner) {
        let next = scanner.peek(1)
        if next == 123 {
            let close = scanner.closingBracket(from: scanner.position + 2, open: 123, close: 125)
            scanner.emit(.variable, upTo: close + 1)
        } else if next == 40 {
            scanner.emit(.punctuation, upTo: scanner.position + 2)
        } else if CodeScanner.isIdentifierStart(next) {
            scanner.emit(.variable, upTo: scanner.identifierEnd(from: scanner.position + 1))
        } else if CodeScanner.isDigit(next) || specialParameters.contains(next) {
            scanner.emit(.variable, upTo: scanner.position + 2)
        } else {
            scanner.emitByte(.plain)
        }
    }

    /// A double-quoted string, with the variables and command substitutions inside it.
    private static func doubleQuoted(_ scanner: inout CodeScanner) {
        let stop = scanner.quotedEnd(from: scanner.position, quote: 34, multiline: true)
        let bodyEnd = scanner.byte(at: stop - 1) == 34 && stop - 1 > scanner.position ? stop - 1 : stop
        scanner.emitByte(.string)
        scanner.within(bodyEnd) { scanner in
            while !scanner.atEnd {
                var index = scanner.position
                while index < scanner.end, scanner.bytes[index] != 36 {
                    index += scanner.bytes[index] == 92 ? 2 : 1
                }
                if index > scanner.position { scanner.emit(.string, upTo: index) }
                guard !scanner.atEnd else { break }
                if scanner.peek(1) == 40 {
                    scanner.emit(.punctuation, upTo: scanner.position + 2)
                    let close = scanner.closingBracket(from: scanner.position, open: 40, close: 41)
                    scanner.within(close) { lex(&$0) }
                    if !scanner.atEnd { scanner.emitByte(.punctuation) }
                } else {
                    dollar(&scanner)
                }
            }
        }
        if scanner.position < stop { scanner.emit(.string, upTo: stop) }
    }

    /// `<<EOF`, `<<-EOF`, `<<'EOF'`, `<<"EOF"`: the operator and the delimiter word.
    private static func heredocStart(_ scanner: inout CodeScanner) -> Heredoc? {
        let stripsTabs = scanner.peek(2) == 45
        scanner.emit(.operator, upTo: scanner.position + (stripsTabs ? 3 : 2))
        let wordStart = scanner.skippingBlanks(from: scanner.position)
        if wordStart > scanner.position { scanner.emit(.plain, upTo: wordStart) }
        guard !scanner.atEnd else { return nil }
        let quote = scanner.peek()
        let quoted = quote == 39 || quote == 34
        let delimiterStart = quoted ? scanner.position + 1 : scanner.position
        let wordEnd = scanner.identifierEnd(from: delimiterStart, extra: ByteSet("-."))
        guard wordEnd > delimiterStart else { return nil }
        let stop = quoted && scanner.byte(at: wordEnd) == quote ? wordEnd + 1 : wordEnd
        scanner.emit(.string, upTo: stop)
        return Heredoc(delimiter: delimiterStart..<wordEnd, stripsTabs: stripsTabs)
    }

    /// The lines of a heredoc, up to and including its delimiter line, as one string.
    private static func body(_ scanner: inout CodeScanner, _ heredoc: Heredoc) {
        var lineStart = scanner.position
        while lineStart < scanner.end {
            let lineEnd = scanner.lineEnd(from: lineStart)
            var textStart = lineStart
            if heredoc.stripsTabs { while scanner.byte(at: textStart) == 9 { textStart += 1 } }
            let delimiter = heredoc.delimiter
            let isDelimiter = lineEnd - textStart == delimiter.count
                && (0..<delimiter.count).allSatisfy { scanner.bytes[delimiter.lowerBound + $0] == scanner.bytes[textStart + $0] }
            if isDelimiter {
                scanner.emit(.string, upTo: lineEnd)
                return
            }
            lineStart = lineEnd + 1
        }
        if scanner.position < scanner.end { scanner.emit(.string, upTo: scanner.end) }
    }
}

extension CodeLanguage {
    static let bash = CodeLanguage(name: "bash", aliases: ["sh", "shell", "zsh", "shellscript"]) { BashLexer.lex(&$0) }
}
