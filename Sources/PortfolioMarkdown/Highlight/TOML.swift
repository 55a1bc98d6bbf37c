extension LanguageRules {
    static let toml = LanguageRules(
        words: WordTable([.constant: ["true", "false", "inf", "nan"]]),
        lineComments: ["#"],
        strings: [
            StringRule(quote: 34, triple: true),
            StringRule(quote: 39, triple: true, escapes: false),
        ],
        operators: ByteSet("=+-"),
        punctuation: ByteSet("[]{},."),
        callsAreFunctions: false,
        capitalizedAreTypes: false,
        propertyAfterDot: false,
        keysBeforeEquals: true,
        signedNumbers: true,
        dateNumbers: true)
}

extension CodeLanguage {
    static let toml = CodeLanguage(name: "toml", aliases: []) { GenericLexer.lex(&$0, .toml) }
}
