/// Writes JSON by hand with sorted keys, so equal input gives equal bytes, and with `<`, `>` and `&`
/// escaped so the text is safe inside an HTML `<script>` element.
public enum JSONText {
    public static func encode(_ value: Any) -> String {
        var out = ""
        write(value, to: &out)
        return out
    }

    static func write(_ value: Any, to out: inout String) {
        switch value {
        case let text as String: writeString(text, to: &out)
        case let flag as Bool: out += flag ? "true" : "false"
        case let number as Int: out += String(number)
        case let number as Double: out += JSONWriter.numberText(number)
        case let list as [Any]:
            out += "["
            for (index, item) in list.enumerated() {
                if index > 0 { out += "," }
                write(item, to: &out)
            }
            out += "]"
        case let object as [String: Any]:
            out += "{"
            for (index, key) in object.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                writeString(key, to: &out)
                out += ":"
                write(object[key]!, to: &out)
            }
            out += "}"
        default: out += "null"
        }
    }

    package static func writeString(_ text: String, to out: inout String) {
        var bytes: [UInt8] = []
        writeString(text, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// Most strings need no escape: those are appended whole, the rest byte by byte.
    package static func writeString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            if bytes.contains(where: needsEscape) {
                appendEscaped(bytes, to: &out)
            } else {
                out.append(contentsOf: bytes)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "<")
            || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&") || byte == 0xE2
    }

    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): out.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): out.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): out.append(contentsOf: #"\t"#.utf8)
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), ..<0x20: appendUnicodeEscape(UInt16(byte), to: &out)
            case 0xE2 where index + 1 < bytes.count && bytes[index] == 0x80 && (bytes[index + 1] == 0xA8 || bytes[index + 1] == 0xA9):
                // U+2028 and U+2029 end a line in JavaScript.
                appendUnicodeEscape(bytes[index + 1] == 0xA8 ? 0x2028 : 0x2029, to: &out)
                index += 2
            default: out.append(byte)
            }
        }
    }

    /// `\u003c`: four lowercase hexadecimal digits.
    private static func appendUnicodeEscape(_ value: UInt16, to out: inout [UInt8]) {
        out.append(contentsOf: #"\u"#.utf8)
        for shift: UInt16 in [12, 8, 4, 0] {
            let digit = UInt8((value >> shift) & 0xF)
            out.append(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10)
        }
    }
}

/// Writes JSON into text as it goes, with no tree of values in between (`metrics.json`): objects
/// take their members in the order given, which callers keep in key order so equal input gives equal
/// bytes; a member whose value is nil is left out; numbers keep full precision.
package struct JSONWriter {
    package private(set) var bytes: [UInt8] = []
    /// Whether the next member or item is the first of its object or array (no comma before it).
    private var atFirst = true

    package init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    package var text: String { String(decoding: bytes, as: UTF8.self) }

    package mutating func object(_ members: (inout JSONWriter) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        atFirst = true
        members(&self)
        bytes.append(UInt8(ascii: "}"))
        atFirst = false
    }

    package mutating func array<Items: Sequence>(_ items: Items, _ item: (inout JSONWriter, Items.Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        atFirst = true
        for element in items {
            separate()
            item(&self, element)
        }
        bytes.append(UInt8(ascii: "]"))
        atFirst = false
    }

    package mutating func string(_ value: String) {
        JSONText.writeString(value, to: &bytes)
    }

    package mutating func member(_ key: String, _ value: String?) {
        guard let value else { return }
        startMember(key)
        string(value)
    }

    package mutating func member(_ key: String, _ value: Double?) {
        guard let value else { return }
        startMember(key)
        bytes += Self.numberText(value).utf8
    }

    package mutating func member(_ key: String, _ value: Bool?) {
        guard let value else { return }
        startMember(key)
        bytes += (value ? "true" : "false").utf8
    }

    package mutating func member(_ key: String, object members: (inout JSONWriter) -> Void) {
        startMember(key)
        object(members)
    }

    package mutating func member<Items: Sequence>(_ key: String, array items: Items, _ item: (inout JSONWriter, Items.Element) -> Void) {
        startMember(key)
        array(items, item)
    }

    /// Integers without a fraction, others in Swift's shortest round-trip form; non-finite as null.
    static func numberText(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number == number.rounded(), abs(number) < 1e15 { return number == 0 ? "0" : String(Int64(number)) }
        return "\(number)"
    }

    private mutating func startMember(_ key: String) {
        separate()
        JSONText.writeString(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    private mutating func separate() {
        if !atFirst { bytes.append(UInt8(ascii: ",")) }
        atFirst = false
    }
}
