extension LanguageRules {
    static let python = LanguageRules(
        words: WordTable([
            .keyword: [
                "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
                "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "match", "case",
                "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
            ],
            .constant: ["True", "False", "None", "Ellipsis", "NotImplemented"],
            .variable: ["self", "cls"],
            .builtin: [
                "print", "len", "range", "enumerate", "zip", "map", "filter", "sorted", "reversed", "sum", "min", "max",
                "abs", "round", "open", "isinstance", "issubclass", "super", "type", "int", "float", "str", "bool",
                "list", "dict", "set", "tuple", "bytes", "object", "iter", "next", "any", "all", "getattr", "setattr",
                "hasattr", "repr", "format", "input", "id", "hash", "vars", "dir", "callable",
            ],
        ]),
        lineComments: ["#"],
        strings: [
            StringRule(quote: 34, triple: true, interpolation: .braces),
            StringRule(quote: 39, triple: true, interpolation: .braces),
        ],
        stringPrefixes: ByteSet("rRbBfFuU"),
        functionDefiners: WordTable([.keyword: ["def"]]),
        typeDefiners: WordTable([.keyword: ["class"]]),
        decorators: true)
}

extension CodeLanguage {
    static let python = CodeLanguage(name: "python", aliases: ["py", "python3"]) { GenericLexer.lex(&$0, .python) }
}
