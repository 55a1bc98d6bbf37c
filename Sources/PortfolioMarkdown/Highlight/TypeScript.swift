extension LanguageRules {
    static let typeScript = javaScriptFamily(
        javaScriptWords.merging([
            .keyword: [
                "type", "interface", "enum", "implements", "declare", "namespace", "readonly", "keyof", "as",
                "satisfies", "abstract", "private", "public", "protected", "is", "infer",
            ],
            .type: ["string", "number", "boolean", "any", "unknown", "never", "object", "bigint", "symbol"],
        ]) { $0 + $1 })
}

extension CodeLanguage {
    static let typescript = CodeLanguage(name: "typescript", aliases: ["ts", "tsx"]) { GenericLexer.lex(&$0, .typeScript) }
}
