import PortfolioMetrics
import PortfolioSupport

/// Appends SVG text with escaped content and coordinates written by integer arithmetic, so the same chart
/// is the same bytes on every build.
struct SVGWriter {
    private var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func raw(_ fragment: String) {
        bytes.append(contentsOf: fragment.utf8)
    }

    /// A coordinate with at most one decimal.
    mutating func number(_ value: Double) {
        DisplayNumber.appendFixed(value, decimals: 1, to: &bytes)
    }

    /// `x y`, as path data writes a point.
    mutating func coordinates(_ x: Double, _ y: Double) {
        number(x)
        bytes.append(UInt8(ascii: " "))
        number(y)
    }

    var isEmpty: Bool { bytes.isEmpty }

    /// What another writer wrote, such as path data gathered before its element.
    mutating func append(_ other: SVGWriter) {
        bytes += other.bytes
    }

    /// Text escaped for XML content and attribute values alike; line breaks and tabs become spaces
    /// (chart text is one line) and characters XML 1.0 forbids are dropped. Text with none of those
    /// (no byte below 0x20 or starting U+FFFE or U+FFFF) is escaped straight into the buffer.
    mutating func escaped(_ content: String) {
        var content = content
        guard content.withUTF8({ $0.contains { $0 < 0x20 || $0 == 0xEF } }) else { return MarkupText.appendEscaped(content, to: &bytes) }
        let line = String(String.UnicodeScalarView(content.unicodeScalars.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 }))
        MarkupText.appendEscaped(MarkupText.droppingForbiddenXMLCharacters(line), to: &bytes)
    }

    /// An id safe in any attribute and CSS selector: letters, digits, `-` and `_`, starting with a letter.
    static func identifier(_ prefix: String) -> String {
        var result = ""
        for scalar in prefix.unicodeScalars {
            let ok = (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
                || scalar == "-" || scalar == "_"
            result.unicodeScalars.append(ok ? scalar : "-")
        }
        if let first = result.unicodeScalars.first, (first >= "a" && first <= "z") || (first >= "A" && first <= "Z") {
            return result
        }
        return "chart-" + result
    }

    /// Shortens a label to `limit` characters with an ellipsis, for axis text that must not overlap.
    static func truncated(_ label: String, to limit: Int) -> String {
        guard label.count > limit else { return label }
        return String(label.prefix(Swift.max(1, limit - 1))) + "…"
    }
}
