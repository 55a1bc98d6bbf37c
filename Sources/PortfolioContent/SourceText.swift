import Foundation
import PortfolioSupport

/// Turns a file's bytes into text, reporting what would otherwise turn into silent garbage on the
/// page: binary files, invalid UTF-8 and text that was double-encoded (UTF-8 read as Windows-1252).
public enum SourceText {
    public static func decode(_ bytes: [UInt8], file: String, diagnostics: inout Diagnostics) -> String? {
        if bytes.prefix(8192).contains(0) {
            diagnostics.error(
                "text.binary", at: SourceLocation(file: file, line: 1, column: 1),
                "this file holds binary data, not text", hint: "give non-text files another extension than .md")
            return nil
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            reportDoubleEncoding(in: text, file: file, diagnostics: &diagnostics)
            return FrontMatterSplitter.normalizedSource(text)
        }
        let offset = firstInvalidUTF8Offset(bytes)
        let before = bytes[..<offset]
        let line = before.count(where: { $0 == 10 }) + 1
        let lineStart = before.lastIndex(of: 10).map { $0 + 1 } ?? 0
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).unicodeScalars.count + 1
        diagnostics.error(
            "text.invalid-utf8", at: SourceLocation(file: file, line: line, column: column),
            "invalid UTF-8 at byte \(offset) (0x\(String(bytes[offset], radix: 16, uppercase: true)))",
            hint: "save the file as UTF-8 in your editor")
        return nil
    }

    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return offset
            case .error: return offset
            }
        }
    }

    /// True when `byte` is in the text's UTF-8: one `memchr`, where stepping through `utf8` or
    /// `unicodeScalars` costs a call per byte (a few percent of a cold build).
    static func contains(_ byte: UInt8, in text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let start = bytes.baseAddress else { return false }
            return memchr(start, Int32(byte), bytes.count) != nil
        }
    }

    /// Windows-1252 bytes 0x80...0x9F, whose characters differ from Latin-1.
    private static let windows1252: [Unicode.Scalar: UInt8] = {
        let characters = "€\u{81}‚ƒ„…†‡ˆ‰Š‹Œ\u{8D}Ž\u{8F}\u{90}‘’“”•–—˜™š›œ\u{9D}žŸ"
        var table: [Unicode.Scalar: UInt8] = [:]
        for (index, scalar) in characters.unicodeScalars.enumerated() { table[scalar] = UInt8(0x80 + index) }
        return table
    }()

    private static func windows1252Byte(_ scalar: Unicode.Scalar) -> UInt8? {
        if let byte = windows1252[scalar] { return byte }
        return (0xA0...0xFF).contains(scalar.value) ? UInt8(scalar.value) : nil
    }

    /// Finds sequences like `â€™` or `Ã©`: the Windows-1252 reading of a UTF-8 character.
    static func reportDoubleEncoding(in text: String, file: String, diagnostics: inout Diagnostics) {
        // Ã, â and Â all start with the byte C3 in UTF-8: most files have none and are done in one scan.
        guard contains(0xC3, in: text), text.unicodeScalars.contains(where: { $0 == "Ã" || $0 == "â" || $0 == "Â" }) else { return }
        let scalars = Array(text.unicodeScalars)
        var line = 1, column = 1, index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if let lead = windows1252Byte(scalar), lead >= 0xC2, lead <= 0xEF {
                let length = lead >= 0xE0 ? 3 : 2
                if index + length <= scalars.count {
                    let bytes = [lead] + scalars[(index + 1)..<(index + length)].compactMap(windows1252Byte)
                    if bytes.count == length, bytes.dropFirst().allSatisfy({ (0x80...0xBF).contains($0) }),
                       let intended = String(validating: bytes, as: UTF8.self) {
                        let found = String(String.UnicodeScalarView(scalars[index..<(index + length)]))
                        diagnostics.warning(
                            "text.double-encoded", at: SourceLocation(file: file, line: line, column: column),
                            "'\(found)' looks like '\(intended)' encoded twice (UTF-8 read as Windows-1252)",
                            hint: "replace '\(found)' with '\(intended)'")
                        index += length
                        column += length
                        continue
                    }
                }
            }
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            index += 1
        }
    }
}
