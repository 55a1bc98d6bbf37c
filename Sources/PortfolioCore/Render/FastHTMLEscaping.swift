import Mustache

/// Escapes text for HTML and XML, in content and attribute values alike (`&lt; &gt; &amp; &quot; &#39;`),
/// over UTF-8 bytes, copying text with nothing to escape as it is. The one escaper of the project:
/// templates, heading ids, chart text, feeds and the preview server's error overlay all use it.
public enum MarkupText {
    public static func escape(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == 60 || $0 == 62 || $0 == 38 || $0 == 34 || $0 == 39 }) else { return text }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            appendEscaped(bytes, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The same escaping over bytes, for writers that build their output as UTF-8 (highlighted code).
    public static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var plainStart = 0
        for (index, byte) in bytes.enumerated() {
            let entity: [UInt8]
            switch byte {
            case 60: entity = [38, 108, 116, 59]  // &lt;
            case 62: entity = [38, 103, 116, 59]  // &gt;
            case 38: entity = [38, 97, 109, 112, 59]  // &amp;
            case 34: entity = [38, 113, 117, 111, 116, 59]  // &quot;
            case 39: entity = [38, 35, 51, 57, 59]  // &#39;
            default: continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plainStart..<index]))
            out.append(contentsOf: entity)
            plainStart = index + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plainStart...]))
    }

    /// The text without the characters XML 1.0 forbids: controls below U+0020 but tab, LF and CR,
    /// and U+FFFE and U+FFFF.
    public static func droppingForbiddenXMLCharacters(_ text: String) -> String {
        func allowed(_ scalar: Unicode.Scalar) -> Bool {
            (scalar.value >= 32 || scalar == "\t" || scalar == "\n" || scalar == "\r") && scalar != "\u{FFFE}" && scalar != "\u{FFFF}"
        }
        guard !text.unicodeScalars.allSatisfy(allowed) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter(allowed)))
    }
}

/// swift-mustache's own escaper looks every character up in a dictionary, a large share of page
/// rendering; this content type escapes with `MarkupText`, writing the same entities.
struct FastHTMLContentType: MustacheContentType {
    /// The name templates are compiled with (`TemplateSet` adds the pragma to every template).
    static let name = "PORTFOLIO_HTML"

    func escapeText(_ text: String) -> String {
        MarkupText.escape(text)
    }
}

/// Strings render as themselves. Declaring it lets swift-mustache take its first, cheap branch for
/// every variable instead of several failed dynamic casts and `String(describing:)`; the output is
/// the same.
extension String: @retroactive MustacheCustomRenderable {
    public var renderText: String { self }
    public var isNull: Bool { false }
}

/// A string has no named children. Saying so spares every name looked up inside a string's section
/// (`{{#page.subtitle}} ... {{site.title}} ... {{/page.subtitle}}`) a `Mirror` of the string, which
/// finds none either.
extension String: @retroactive MustacheParent {
    public func child(named: String) -> Any? { nil }
}
