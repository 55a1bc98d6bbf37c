/// A terminal session: lines starting with `$ ` or `# ` are a prompt and a shell command (continued
/// by a trailing `\`), every other line is the command's output.
enum ConsoleLexer {
    static func lex(_ scanner: inout CodeScanner) {
        var continued = false
        scanner.eachLine { scanner, _, lineEnd in
            let isPrompt = (scanner.peek() == 36 || scanner.peek() == 35) && (scanner.peek(1) == 32 || scanner.position + 1 == lineEnd)
            if continued || isPrompt {
                if isPrompt, !continued { scanner.emit(.prompt, upTo: min(scanner.position + 2, lineEnd)) }
                let startsCommand = !continued
                if scanner.position < lineEnd { scanner.within(lineEnd) { BashLexer.lex(&$0, commandStart: startsCommand) } }
                continued = lineEnd > 0 && scanner.byte(at: lineEnd - 1) == 92
            } else if lineEnd > scanner.position {
                scanner.emit(.output, upTo: lineEnd)
            }
        }
    }
}

extension CodeLanguage {
    static let console = CodeLanguage(name: "console", aliases: ["shell-session", "terminal"]) { ConsoleLexer.lex(&$0) }
}
