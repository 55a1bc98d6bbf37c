extension LanguageRules {
    static let json = LanguageRules(
        words: WordTable([.constant: ["true", "false", "null", "NaN", "Infinity"]]),
        strings: [StringRule(quote: 34)],
        operators: ByteSet("-"),
        punctuation: ByteSet("{}[],:"),
        callsAreFunctions: false,
        capitalizedAreTypes: false,
        propertyAfterDot: false,
        keysBeforeColon: true,
        signedNumbers: true)
}

extension CodeLanguage {
    static let json = CodeLanguage(name: "json", aliases: ["json5", "jsonc", "geojson"]) { GenericLexer.lex(&$0, .json) }
    /// One JSON record a line (training and evaluation data); lexed exactly like JSON.
    static let jsonLines = CodeLanguage(name: "jsonl", aliases: ["ndjson", "jsonlines"]) { GenericLexer.lex(&$0, .json) }
}
