/// Appends SVG text with escaped content and coordinates written by integer arithmetic, so the same chart
/// is the same bytes on every build.
struct SVGWriter {
    private(set) var text = ""

    init(capacity: Int) {
        text.reserveCapacity(capacity)
    }

    mutating func raw(_ fragment: String) {
        text += fragment
    }

    /// A coordinate with at most one decimal.
    mutating func number(_ value: Double) {
        text += DisplayNumber.fixed(value, decimals: 1)
    }

    mutating func escaped(_ content: String) {
        text += SVGWriter.escape(content)
    }

    /// Escapes text for XML content and attribute values alike; drops characters XML 1.0 forbids.
    static func escape(_ content: String) -> String {
        guard content.utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 || $0 < 32 }) else {
            return content
        }
        var result = ""
        result.reserveCapacity(content.utf8.count + 16)
        for scalar in content.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result += " "
            default:
                if scalar.value >= 32 { result.unicodeScalars.append(scalar) }
            }
        }
        return result
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
