#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Recognises GFM's extended autolinks in text (spec "Autolinks (extension)"): `www.` and `http://`,
/// `https://`, `ftp://` URLs and e-mail addresses, with the valid-domain, trailing-punctuation,
/// parenthesis and entity rules. Pure functions over bytes.
enum Autolink {
    struct Match: Equatable {
        var range: Range<Int>
        /// Written before the matched text to make the URL (`http://` for www links, `mailto:` for e-mail).
        var prefix: String
    }

    /// Whether the text holds `@`, `://` or `www.` at all: most text nodes are skipped with this look,
    /// made in place (before the text is copied) and with `memchr`, many bytes per step.
    static func mayContainLink(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.count >= 4, let base = text.baseAddress else { return false }
        /// Whether `byte` occurs where `follows` holds for its offset.
        func occurs(_ byte: UInt8, where follows: (Int) -> Bool) -> Bool {
            var start = 0
            while start < text.count, let found = memchr(base + start, Int32(byte), text.count - start) {
                let offset = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                if follows(offset) { return true }
                start = offset + 1
            }
            return false
        }
        return memchr(base, 0x40, text.count) != nil
            || occurs(0x3A) { $0 + 2 < text.count && text[$0 + 1] == 0x2F && text[$0 + 2] == 0x2F }
            || occurs(0x77) { $0 + 3 < text.count && text[$0 + 1] == 0x77 && text[$0 + 2] == 0x77 && text[$0 + 3] == 0x2E }
    }

    /// The autolink that starts at `index` (or, for e-mail, whose `@` is at `index`, starting no earlier
    /// than `floor`). `before` classifies the character before the text when `index` is 0.
    static func match(in text: [UInt8], at index: Int, floor: Int = 0, before: InlineChar? = nil) -> Match? {
        switch text[index] {
        case 0x77: return www(text, index, before: index > 0 ? InlineChar(text[index - 1]) : before ?? InlineChar(0x0A))
        case 0x40: return email(text, index, floor: floor)
        case 0x3A: return nil
        default:
            guard isAlpha(text[index]), index == 0 || !isAlpha(text[index - 1]) else { return nil }
            return url(text, index)
        }
    }

    private static func www(_ text: [UInt8], _ start: Int, before: InlineChar) -> Match? {
        guard before.startsAutolink, text.count - start >= 4, text[start..<(start + 4)].elementsEqual("www.".utf8) else { return nil }
        let domain = domainLength(text, from: start, allowShort: false)
        guard domain > 0 else { return nil }
        let end = trimmedEnd(text, start, extend(text, start + domain))
        return end > start ? Match(range: start..<end, prefix: "http://") : nil
    }

    private static func url(_ text: [UInt8], _ start: Int) -> Match? {
        var schemeEnd = start
        while schemeEnd < text.count, isAlpha(text[schemeEnd]) { schemeEnd += 1 }
        let scheme = String(decoding: text[start..<schemeEnd], as: UTF8.self).lowercased()
        guard scheme == "http" || scheme == "https" || scheme == "ftp", schemeEnd + 3 < text.count,
            text[schemeEnd] == 0x3A, text[schemeEnd + 1] == 0x2F, text[schemeEnd + 2] == 0x2F,
            isAlphanumeric(text[schemeEnd + 3])
        else { return nil }
        let domain = domainLength(text, from: schemeEnd + 3, allowShort: true)
        guard domain > 0 else { return nil }
        let end = trimmedEnd(text, start, extend(text, schemeEnd + 3 + domain))
        return end > schemeEnd + 3 ? Match(range: start..<end, prefix: "") : nil
    }

    private static func email(_ text: [UInt8], _ at: Int, floor: Int) -> Match? {
        var start = at
        while start > floor, isAlphanumeric(text[start - 1]) || [0x2E, 0x2B, 0x2D, 0x5F].contains(text[start - 1]) {
            start -= 1
        }
        guard start < at else { return nil }
        var prefix = "mailto:"
        let mailto = Array("mailto:".utf8)
        if start - floor >= mailto.count, text[(start - mailto.count)..<start].elementsEqual(mailto) {
            start -= mailto.count
            prefix = ""
        }
        var end = at + 1
        var periods = 0
        while end < text.count {
            let byte = text[end]
            if isAlphanumeric(byte) || byte == 0x2D || byte == 0x5F {
                end += 1
            } else if byte == 0x2E, end + 1 < text.count, isAlphanumeric(text[end + 1]) {
                periods += 1
                end += 1
            } else {
                break
            }
        }
        guard end - at >= 2, periods > 0, isAlpha(text[end - 1]) || text[end - 1] == 0x2E else { return nil }
        let trimmed = trimmedEnd(text, start, end)
        return trimmed > at ? Match(range: start..<trimmed, prefix: prefix) : nil
    }

    /// Length of the valid domain at `start`: letters, digits, `-`, `_`, `.` (at least one `.` unless
    /// `allowShort`), with no `_` in its last two segments.
    private static func domainLength(_ text: [UInt8], from start: Int, allowShort: Bool) -> Int {
        var periods = 0
        var underscoresBefore = 0
        var underscores = 0
        var index = start + 1
        while index < text.count {
            let byte = text[index]
            if byte == 0x5F {
                underscores += 1
            } else if byte == 0x2E {
                underscoresBefore = underscores
                underscores = 0
                periods += 1
            } else if !(byte >= 0x80 || isAlphanumeric(byte) || byte == 0x2D) {
                break
            }
            index += 1
        }
        if underscoresBefore > 0 || underscores > 0 { return 0 }
        return allowShort || periods > 0 ? index - start : 0
    }

    /// After the domain, everything up to whitespace or `<`.
    private static func extend(_ text: [UInt8], _ from: Int) -> Int {
        var end = from
        while end < text.count, !InlineChar(text[end]).isSpace, text[end] != 0x3C { end += 1 }
        return end
    }

    /// Drops trailing punctuation, an unbalanced closing parenthesis and a trailing entity-like `&name;`.
    static func trimmedEnd(_ text: [UInt8], _ start: Int, _ linkEnd: Int) -> Int {
        var end = linkEnd
        var opening = 0
        var closing = 0
        for index in start..<end {
            switch text[index] {
            case 0x3C:
                end = index
            case 0x28: opening += 1
            case 0x29: closing += 1
            default: break
            }
            if end == index { break }
        }
        while end > start {
            switch text[end - 1] {
            case 0x29:
                guard closing > opening else { return end }
                closing -= 1
                end -= 1
            case 0x3F, 0x21, 0x2E, 0x2C, 0x3A, 0x2A, 0x5F, 0x7E, 0x27, 0x22:
                end -= 1
            case 0x3B:
                var entity = end - 2
                while entity > start, isAlpha(text[entity]) { entity -= 1 }
                if entity < end - 2, text[entity] == 0x26 { end = entity } else { end -= 1 }
            default:
                return end
            }
        }
        return end
    }

    @inline(__always) static func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    @inline(__always) static func isAlphanumeric(_ byte: UInt8) -> Bool { isAlpha(byte) || (byte >= 0x30 && byte <= 0x39) }
}
