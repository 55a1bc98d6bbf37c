extension LanguageRules {
    static let sql = LanguageRules(
        words: WordTable(caseInsensitive: true, [
            .keyword: [
                "select", "from", "where", "and", "or", "not", "insert", "into", "values", "update", "set", "delete",
                "create", "table", "drop", "alter", "add", "index", "view", "join", "inner", "left", "right", "outer",
                "full", "cross", "on", "as", "group", "by", "order", "having", "limit", "offset", "union", "all",
                "distinct", "case", "when", "then", "else", "end", "in", "is", "like", "ilike", "between", "exists",
                "with", "recursive", "primary", "key", "foreign", "references", "unique", "default", "asc", "desc",
                "over", "partition", "returning", "begin", "commit", "rollback", "if", "using", "natural", "check",
            ],
            .type: [
                "int", "integer", "bigint", "smallint", "real", "float", "double", "decimal", "numeric", "text",
                "varchar", "char", "boolean", "bool", "date", "timestamp", "timestamptz", "json", "jsonb", "uuid",
                "blob", "serial",
            ],
            .builtin: [
                "count", "sum", "avg", "min", "max", "coalesce", "nullif", "cast", "lower", "upper", "length",
                "round", "now", "row_number", "rank", "dense_rank", "lag", "lead", "abs", "substr", "concat",
            ],
            .constant: ["null", "true", "false"],
        ]),
        lineComments: ["--"],
        blockComment: ("/*", "*/"),
        strings: [
            StringRule(quote: 39, escapes: false, doubledQuote: true),
            StringRule(quote: 34, escapes: false, doubledQuote: true),
        ],
        callsAreFunctions: false,
        capitalizedAreTypes: false,
        propertyAfterDot: true)
}

extension CodeLanguage {
    static let sql = CodeLanguage(name: "sql", aliases: ["postgresql", "postgres", "sqlite", "mysql"]) { GenericLexer.lex(&$0, .sql) }
}
