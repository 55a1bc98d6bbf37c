/// How one kind of string literal of a language is written.
struct StringRule: Sendable {
    /// What `{` inside the string does.
    enum Interpolation: Sendable {
        case none
        /// Python f-strings: `{expression}`, with `{{` for a brace.
        case braces
        /// JavaScript template literals: `${expression}`.
        case dollarBraces
    }

    var quote: UInt8
    /// Three quotes (`"""`) instead of one.
    var triple = false
    var multiline = false
    var escapes = true
    /// SQL's `'it''s'`.
    var doubledQuote = false
    var interpolation = Interpolation.none
}

/// A C-like language described as data: its words, comments, strings and a few switches. The one
/// lexer `GenericLexer` reads every language written this way (Python, JavaScript, SQL, JSON...).
struct LanguageRules: Sendable {
    var words: WordTable
    var lineComments: [StaticString] = []
    var blockComment: (open: StaticString, close: StaticString)?
    var strings: [StringRule] = []
    /// Letters that may stand before a quote as a string prefix (`f"..."`, `rb'...'`); an `f` turns on
    /// the rule's interpolation.
    var stringPrefixes = ByteSet()
    /// Bytes that may appear inside identifiers besides letters, digits and `_` (`$` in JavaScript).
    var identifierExtra = ByteSet()
    var operators = ByteSet("+-*/%=<>!&|^~?:")
    var punctuation = ByteSet("()[]{},;.")
    /// A name followed by `(` is a function.
    var callsAreFunctions = true
    /// A name starting with a capital letter is a type.
    var capitalizedAreTypes = true
    /// Keywords after which the next name is defined as a function (`def`) or a type (`class`).
    var functionDefiners = WordTable([:])
    var typeDefiners = WordTable([:])
    /// A name right after `.` is a property.
    var propertyAfterDot = true
    /// A string or name followed by `:` is a key (JSON, JavaScript object literals).
    var keysBeforeColon = false
    /// A name at the start of a line followed by `=` is a key, and `[section]` lines are types (TOML).
    var keysBeforeEquals = false
    /// `@decorator` is a function.
    var decorators = false
    /// `-1` is one number (JSON).
    var signedNumbers = false
    /// `1979-05-27T07:32:00Z` is one number (TOML dates).
    var dateNumbers = false
}

/// The lexer of every language described by `LanguageRules`.
enum GenericLexer {
    private static let dateBytes = ByteSet("-:.TZ+")

    static func lex(_ scanner: inout CodeScanner, _ rules: LanguageRules) {
        var pending: TokenKind?
        var lineStart = true
        while !scanner.atEnd {
            let byte = scanner.peek()
            if byte == 10 {
                scanner.emitByte(.plain)
                lineStart = true
                continue
            }
            if byte == 32 || byte == 9 || byte == 13 {
                scanner.emit(.plain, upTo: scanner.skippingBlanks(from: scanner.position + 1))
                continue
            }
            defer { lineStart = false }
            if lineStart, rules.keysBeforeEquals, keyOrSection(&scanner) { continue }
            if let comment = comment(at: scanner.position, scanner, rules) {
                scanner.emit(.comment, upTo: comment)
                continue
            }
            if let rule = rules.strings.first(where: { $0.quote == byte }) {
                string(&scanner, rule: rule, quoteAt: scanner.position, interpolate: rule.interpolation == .dollarBraces, rules: rules)
                continue
            }
            if CodeScanner.isDigit(byte) || (byte == 46 && CodeScanner.isDigit(scanner.peek(1)))
                || (rules.signedNumbers && byte == 45 && CodeScanner.isDigit(scanner.peek(1)))
            {
                let start = byte == 45 ? scanner.position + 1 : scanner.position
                var stop = scanner.numberEnd(from: start)
                if rules.dateNumbers, stop - start == 4, scanner.byte(at: stop) == 45, CodeScanner.isDigit(scanner.byte(at: stop + 1)) {
                    while stop < scanner.end, CodeScanner.isDigit(scanner.bytes[stop]) || dateBytes.contains(scanner.bytes[stop]) { stop += 1 }
                }
                scanner.emit(.number, upTo: stop)
                continue
            }
            if CodeScanner.isIdentifierStart(byte) || rules.identifierExtra.contains(byte) {
                pending = word(&scanner, rules, definedAs: pending)
                continue
            }
            if rules.decorators, byte == 64, CodeScanner.isIdentifierStart(scanner.peek(1)) {
                scanner.emit(.function, upTo: scanner.identifierEnd(from: scanner.position + 1, extra: ByteSet(".")))
                continue
            }
            if rules.operators.contains(byte) {
                scanner.emitByte(.operator)
            } else if rules.punctuation.contains(byte) {
                if byte == 46, rules.propertyAfterDot, CodeScanner.isIdentifierStart(scanner.peek(1)) {
                    scanner.emitByte(.punctuation)
                    let stop = scanner.identifierEnd(from: scanner.position, extra: rules.identifierExtra)
                    scanner.emit(scanner.peek(stop - scanner.position) == 40 && rules.callsAreFunctions ? .function : .property, upTo: stop)
                    continue
                }
                scanner.emitByte(.punctuation)
            } else {
                scanner.emitByte(.plain)
            }
        }
    }

    /// The end of a comment starting at `index`, if one does.
    static func comment(at index: Int, _ scanner: CodeScanner, _ rules: LanguageRules) -> Int? {
        for marker in rules.lineComments where scanner.matches(marker, at: index) {
            return scanner.lineEnd(from: index)
        }
        if let block = rules.blockComment, scanner.matches(block.open, at: index) {
            var search = index + block.open.utf8CodeUnitCount
            while search < scanner.end, !scanner.matches(block.close, at: search) { search += 1 }
            return min(search + block.close.utf8CodeUnitCount, scanner.end)
        }
        return nil
    }

    /// A name: keyword, builtin, constant, function, type, property or plain, or a string prefix.
    /// Returns what the next name is defined as after `def`/`class`.
    private static func word(_ scanner: inout CodeScanner, _ rules: LanguageRules, definedAs: TokenKind?) -> TokenKind? {
        let start = scanner.position
        let stop = scanner.identifierEnd(from: start, extra: rules.identifierExtra)
        let next = scanner.byte(at: stop)
        if stop - start <= 2, let rule = rules.strings.first(where: { $0.quote == next }),
            (start..<stop).allSatisfy({ rules.stringPrefixes.contains(scanner.bytes[$0]) })
        {
            let formatted = (start..<stop).contains { scanner.bytes[$0] | 0x20 == 102 }
            string(&scanner, rule: rule, quoteAt: stop, interpolate: formatted && rule.interpolation == .braces, rules: rules)
            return nil
        }
        let range = start..<stop
        if let kind = rules.words.kind(of: scanner.bytes, range) {
            scanner.emit(kind, upTo: stop)
            if rules.functionDefiners.kind(of: scanner.bytes, range) != nil { return .function }
            if rules.typeDefiners.kind(of: scanner.bytes, range) != nil { return .type }
            return nil
        }
        let after = scanner.skippingBlanks(from: stop)
        let kind: TokenKind
        if let definedAs {
            kind = definedAs
        } else if rules.keysBeforeColon, scanner.byte(at: after) == 58, scanner.byte(at: after + 1) != 58 {
            kind = .property
        } else if rules.callsAreFunctions, scanner.byte(at: stop) == 40 {
            kind = .function
        } else if rules.capitalizedAreTypes, scanner.bytes[start] >= 65, scanner.bytes[start] <= 90 {
            kind = .type
        } else {
            kind = .plain
        }
        scanner.emit(kind, upTo: stop)
        return nil
    }

    /// A string whose opening quote is at `quoteAt` (a prefix may stand between the cursor and it);
    /// with `interpolate`, the expressions inside are lexed as code of the same language.
    static func string(_ scanner: inout CodeScanner, rule: StringRule, quoteAt: Int, interpolate: Bool, rules: LanguageRules) {
        let count = rule.triple && scanner.byte(at: quoteAt + 1) == rule.quote && scanner.byte(at: quoteAt + 2) == rule.quote ? 3 : 1
        let stop = scanner.quotedEnd(
            from: quoteAt, quote: rule.quote, count: count, escapes: rule.escapes, doubledQuote: rule.doubledQuote,
            multiline: rule.multiline || count == 3)
        let isKey = rules.keysBeforeColon && scanner.byte(at: scanner.skippingBlanks(from: stop)) == 58
        guard interpolate else {
            scanner.emit(isKey ? .property : .string, upTo: stop)
            return
        }
        let bodyEnd = max(stop - count, quoteAt + count)
        scanner.emit(.string, upTo: quoteAt + count)
        while scanner.position < bodyEnd {
            var index = scanner.position
            var opener = -1
            while index < bodyEnd {
                let byte = scanner.bytes[index]
                if byte == 92, rule.escapes {
                    index += 2
                    continue
                }
                if rule.interpolation == .braces, byte == 123 {
                    if scanner.byte(at: index + 1) == 123 {
                        index += 2
                        continue
                    }
                    opener = index
                    break
                }
                if rule.interpolation == .dollarBraces, byte == 36, scanner.byte(at: index + 1) == 123 {
                    opener = index
                    break
                }
                index += 1
            }
            guard opener >= 0 else {
                scanner.emit(.string, upTo: bodyEnd)
                break
            }
            if opener > scanner.position { scanner.emit(.string, upTo: opener) }
            let openEnd = opener + (rule.interpolation == .braces ? 1 : 2)
            scanner.emit(.punctuation, upTo: openEnd)
            let close = min(scanner.closingBracket(from: openEnd, open: 123, close: 125), bodyEnd)
            if close > openEnd { scanner.within(close) { lex(&$0, rules) } }
            if close < bodyEnd { scanner.emit(.punctuation, upTo: close + 1) }
        }
        if scanner.position < stop { scanner.emit(.string, upTo: stop) }
    }

    /// TOML: `[section]` and `[[array]]` headers are types, `key =` and `a.b =` keys are properties.
    private static func keyOrSection(_ scanner: inout CodeScanner) -> Bool {
        let start = scanner.position
        if scanner.peek() == 91 {
            let lineEnd = scanner.lineEnd(from: start)
            var close = start
            while close < lineEnd, scanner.bytes[close] != 93 { close += 1 }
            guard close < lineEnd else { return false }
            if scanner.byte(at: close + 1) == 93 { close += 1 }
            scanner.emit(.type, upTo: close + 1)
            return true
        }
        var index = start
        while index < scanner.end {
            let byte = scanner.bytes[index]
            if byte == 34 || byte == 39 {
                index = scanner.quotedEnd(from: index, quote: byte)
            } else if CodeScanner.isIdentifierByte(byte) || byte == 45 || byte == 46 {
                index += 1
            } else {
                break
            }
        }
        guard index > start, scanner.byte(at: scanner.skippingBlanks(from: index)) == 61 else { return false }
        scanner.emit(.property, upTo: index)
        return true
    }
}
