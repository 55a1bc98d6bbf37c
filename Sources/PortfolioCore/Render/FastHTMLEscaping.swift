import Mustache

/// HTML escaping for templates, over UTF-8 bytes. swift-mustache's own escaper looks every
/// character up in a dictionary, a large share of page rendering; this one writes the same
/// entities (`&lt; &gt; &amp; &quot; &#39;`) and copies runs of plain bytes at once.
struct FastHTMLContentType: MustacheContentType {
    /// The name templates are compiled with (`TemplateSet` adds the pragma to every template).
    static let name = "PORTFOLIO_HTML"

    func escapeText(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == 60 || $0 == 62 || $0 == 38 || $0 == 34 || $0 == 39 }) else { return text }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            for byte in bytes {
                switch byte {
                case 60: out += [38, 108, 116, 59]  // &lt;
                case 62: out += [38, 103, 116, 59]  // &gt;
                case 38: out += [38, 97, 109, 112, 59]  // &amp;
                case 34: out += [38, 113, 117, 111, 116, 59]  // &quot;
                case 39: out += [38, 35, 51, 57, 59]  // &#39;
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}

/// Strings render as themselves. Declaring it lets swift-mustache take its first, cheap branch for
/// every variable instead of several failed dynamic casts and `String(describing:)`; the output is
/// the same.
extension String: @retroactive MustacheCustomRenderable {
    public var renderText: String { self }
    public var isNull: Bool { false }
}
