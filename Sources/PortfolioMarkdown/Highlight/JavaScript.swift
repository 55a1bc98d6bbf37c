extension LanguageRules {
    static let javaScriptWords: [TokenKind: [String]] = [
        .keyword: [
            "async", "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete",
            "do", "else", "export", "extends", "finally", "for", "from", "function", "if", "import", "in", "instanceof",
            "let", "new", "of", "return", "static", "super", "switch", "throw", "try", "typeof", "var", "void", "while",
            "with", "yield", "get", "set",
        ],
        .constant: ["true", "false", "null", "undefined", "NaN", "Infinity"],
        .variable: ["this", "arguments"],
        .builtin: [
            "console", "Math", "JSON", "Object", "Array", "Promise", "String", "Number", "Boolean", "Map", "Set",
            "Date", "Error", "RegExp", "Symbol", "fetch", "require", "module", "window", "document", "process",
        ],
    ]

    /// JavaScript's rules with other words; TypeScript adds its own to the same lexer.
    static func javaScriptFamily(_ words: [TokenKind: [String]]) -> LanguageRules {
        LanguageRules(
            words: WordTable(words),
            lineComments: ["//"],
            blockComment: ("/*", "*/"),
            strings: [
                StringRule(quote: 34), StringRule(quote: 39),
                StringRule(quote: 96, multiline: true, interpolation: .dollarBraces),
            ],
            identifierExtra: ByteSet("$"),
            functionDefiners: WordTable([.keyword: ["function"]]),
            typeDefiners: WordTable([.keyword: ["class", "extends", "new"]]))
    }

    static let javaScript = javaScriptFamily(javaScriptWords)
}

extension CodeLanguage {
    static let javascript = CodeLanguage(name: "javascript", aliases: ["js", "mjs", "cjs", "jsx", "node"]) {
        GenericLexer.lex(&$0, .javaScript)
    }
}
