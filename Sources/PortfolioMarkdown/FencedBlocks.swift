import PortfolioSupport

/// The one place that decides how a fenced code block is written, by the first word of its info
/// string: a highlighted language, `math`, or (returning nil) cmark's plain escaped `<pre><code>`.
/// Add a kind of block: one more case here.
public enum FencedBlocks {
    /// What a fence's info string asks for, when it is something this writes itself.
    enum Kind {
        case math
        case code(CodeLanguage)
    }

    static func kind(info: String) -> Kind? {
        guard let word = info.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "{" }).first else { return nil }
        if word.lowercased() == "math" { return .math }
        return Highlighter.language(named: String(word)).map(Kind.code)
    }

    static func html(_ kind: Kind, code: String) -> String {
        switch kind {
        case .math: MathMarkup.display(code)
        case .code(let language): Highlighter.html(code, language: language)
        }
    }

    public static func html(info: String, code: String) -> String? {
        kind(info: info).map { html($0, code: code) }
    }
}

/// How TeX is written into the page: delimited for KaTeX's auto-render, escaped, readable without it.
enum MathMarkup {
    static func inline(_ tex: String) -> String {
        "<span class=\"math math-inline\">\\(" + MarkupText.escape(tex) + "\\)</span>"
    }

    static func display(_ tex: String) -> String {
        "<div class=\"math math-display\">\\[" + MarkupText.escape(trimmed(tex)) + "\\]</div>\n"
    }

    /// `$$` inside a paragraph: display style, but a span, since a `div` cannot stand inside `<p>`.
    static func displayInline(_ tex: String) -> String {
        "<span class=\"math math-display\">\\[" + MarkupText.escape(trimmed(tex)) + "\\]</span>"
    }

    private static func trimmed(_ tex: String) -> String {
        var slice = Substring(tex)
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }
}
