import Foundation

/// Turns a title, heading or tag into the piece of a URL or fragment that names it, so the same text
/// always gives the same address on every stage (page slugs, tag slugs, heading ids).
public enum Slug {
    /// Lowercase; Latin diacritics folded (`é` -> `e`, `ß` -> `ss`); letters and digits of other scripts
    /// kept (lowercased, NFC); apostrophes dropped (`Don't` -> `dont`); every other run of characters
    /// becomes one `-`; no `-` at either end. Returns `""` when nothing is left: callers pick the fallback.
    public static func make(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSeparator = false
        var sawNonASCII = false

        func appendASCII(_ byte: UInt8) {
            if pendingSeparator && !bytes.isEmpty { bytes.append(UInt8(ascii: "-")) }
            pendingSeparator = false
            bytes.append(byte)
        }

        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    appendASCII(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    appendASCII(byte + 32)
                case UInt8(ascii: "'"):
                    break
                default:
                    pendingSeparator = true
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        for character in text.lowercased() {
            if character.isASCII {
                let byte = character.asciiValue!
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    appendASCII(byte)
                case UInt8(ascii: "'"):
                    break
                default:
                    pendingSeparator = true
                }
                continue
            }
            if apostrophes.contains(character) { continue }
            if let folded = foldedLatin(character) {
                for byte in folded.utf8 { appendASCII(byte) }
                continue
            }
            guard let first = character.unicodeScalars.first,
                first.properties.isAlphabetic || first.properties.numericType != nil
            else {
                pendingSeparator = true
                continue
            }
            if pendingSeparator && !bytes.isEmpty { bytes.append(UInt8(ascii: "-")) }
            pendingSeparator = false
            bytes.append(contentsOf: character.utf8)
            sawNonASCII = true
        }
        let slug = String(decoding: bytes, as: UTF8.self)
        return sawNonASCII ? slug.precomposedStringWithCanonicalMapping : slug
    }

    private static let apostrophes: Set<Character> = ["\u{2019}", "\u{2018}", "\u{02BC}"]

    /// Latin letters whose canonical decomposition has no ASCII base.
    private static let latinWithoutDecomposition: [Character: String] = [
        "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ł": "l",
        "ı": "i", "ħ": "h", "ŋ": "n", "ĸ": "k", "ſ": "s", "ŀ": "l", "ŧ": "t",
    ]

    /// The ASCII letters a Latin letter with diacritics folds to, or nil when the character is not one.
    private static func foldedLatin(_ character: Character) -> String? {
        guard let first = character.unicodeScalars.first,
            first.isASCII || (0x00C0...0x024F).contains(first.value) || (0x1E00...0x1EFF).contains(first.value)
        else { return nil }
        if let special = latinWithoutDecomposition[character] { return special }
        let decomposed = String(character).decomposedStringWithCanonicalMapping.unicodeScalars
        guard let base = decomposed.first, base.isASCII,
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(UInt8(base.value))
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(UInt8(base.value))
        else { return nil }
        guard decomposed.dropFirst().allSatisfy({ $0.properties.generalCategory == .nonspacingMark }) else {
            return nil
        }
        return String(base).lowercased()
    }
}
