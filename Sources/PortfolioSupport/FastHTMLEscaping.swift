import PortfolioTemplates

/// Escapes text for HTML and XML, in content and attribute values alike (`&lt; &gt; &amp; &quot; &#39;`),
/// over UTF-8 bytes, copying text with nothing to escape as it is. The one escaper of the project:
/// templates, heading ids, chart text, feeds and the preview server's error overlay all use it.
public enum MarkupText {
    public static func escape(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { bytes in
            guard HTMLEscaping.needsEscaping(bytes) else { return text }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            HTMLEscaping.append(bytes, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The text escaped, appended to a byte buffer.
    public static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { HTMLEscaping.append($0, to: &out) }
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
