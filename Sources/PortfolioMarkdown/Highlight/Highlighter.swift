import PortfolioTemplates

/// A language the highlighter knows: the names a fence may use for it and its lexer.
struct CodeLanguage: Sendable {
    /// The name written in `class="language-..."`.
    var name: String
    var aliases: [String]
    var lex: @Sendable (inout CodeScanner) -> Void
}

/// Build-time syntax highlighting of fenced code: bytes in, `<span class="tok-...">` HTML out, in one
/// pass with no regular expressions. Add a language: one file with its `CodeLanguage`, one line here.
enum Highlighter {
    static let languages: [CodeLanguage] = [
        .python, .json, .jsonLines, .yaml, .bash, .console, .sql, .javascript, .typescript, .diff, .toml, .markdown,
    ]

    private static let byName: [String: CodeLanguage] = {
        var table: [String: CodeLanguage] = [:]
        for language in languages {
            for name in [language.name] + language.aliases { table[name] = language }
        }
        return table
    }()

    /// The language a fence's first info word names (`py`, `Python`), if it is one of `languages`.
    static func language(named name: String) -> CodeLanguage? {
        byName[name.lowercased()]
    }

    /// The tokens of `code`, contiguous and covering every byte.
    static func tokens(_ code: UnsafeBufferPointer<UInt8>, language: CodeLanguage) -> [Token] {
        var scanner = CodeScanner(code)
        language.lex(&scanner)
        if scanner.position < code.count { scanner.emit(.plain, upTo: code.count) }
        return scanner.tokens
    }

    /// `<pre><code class="language-NAME">` with every token but plain text in a span; all text escaped.
    static func html(_ code: String, language: CodeLanguage) -> String {
        var code = code
        return code.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count * 3 + 64)
            out.append(contentsOf: "<pre><code class=\"language-\(language.name)\">".utf8)
            for token in tokens(bytes, language: language) {
                let text = UnsafeBufferPointer(rebasing: bytes[token.range])
                if token.kind == .plain {
                    HTMLEscaping.append(text, to: &out)
                } else {
                    out.append(contentsOf: spanOpenings[Int(token.kind.rawValue)])
                    HTMLEscaping.append(text, to: &out)
                    out.append(contentsOf: spanClose)
                }
            }
            out.append(contentsOf: "</code></pre>\n".utf8)
            return String(decoding: out, as: UTF8.self)
        }
    }

    private static let spanOpenings: [[UInt8]] = TokenKind.allCases.map { Array("<span class=\"tok-\($0.name)\">".utf8) }
    private static let spanClose = Array("</span>".utf8)
}
