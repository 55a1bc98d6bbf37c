/// Finds the URLs of images that HTML or CSS names itself (`<img src>`, `srcset`, `poster`, CSS
/// `url()`), where the build cannot rewrite or resize them; the check warns about large local ones.
package enum EmbeddedURLs {
    /// A URL as written, with the byte offset of its first character in the text.
    package struct Found: Sendable, Hashable {
        package var url: String
        package var offset: Int
    }

    /// The image URLs of `src`, `srcset` and `poster` attributes and of `url()` in style attributes.
    package static func inHTML(_ html: String) -> [Found] {
        let bytes = Array(html.utf8)
        var found: [Found] = []
        for name in ["src", "srcset", "poster"] {
            for value in attributeValues(named: name, in: bytes) {
                found += name == "srcset" ? candidates(inSrcset: value, bytes: bytes) : [url(bytes, value)]
            }
        }
        found += inCSS(bytes)
        return found.filter { !$0.url.isEmpty }.sorted { $0.offset < $1.offset }
    }

    /// The URLs of every `url(...)` in CSS text, quoted or not.
    package static func inCSS(_ css: String) -> [Found] {
        inCSS(Array(css.utf8))
    }

    private static func inCSS(_ bytes: [UInt8]) -> [Found] {
        var found: [Found] = []
        var index = 0
        while let start = find(Array("url(".utf8), in: bytes, from: index) {
            var from = start + 4
            while from < bytes.count, isSpace(bytes[from]) { from += 1 }
            let quote: UInt8? = from < bytes.count && (bytes[from] == 0x22 || bytes[from] == 0x27) ? bytes[from] : nil
            if quote != nil { from += 1 }
            var to = from
            while to < bytes.count, bytes[to] != (quote ?? 0x29), quote != nil || !isSpace(bytes[to]) { to += 1 }
            found.append(url(bytes, from..<to))
            index = max(to, start + 4)
        }
        return found
    }

    /// The value ranges of the attribute `name` in every tag of `bytes` (quoted or not).
    private static func attributeValues(named name: String, in bytes: [UInt8]) -> [Range<Int>] {
        let pattern = Array(name.utf8)
        var values: [Range<Int>] = []
        var index = 0
        while let start = find(pattern, in: bytes, from: index) {
            index = start + pattern.count
            guard start > 0, isSpace(bytes[start - 1]) else { continue }
            var cursor = index
            while cursor < bytes.count, isSpace(bytes[cursor]) { cursor += 1 }
            guard cursor < bytes.count, bytes[cursor] == 0x3D else { continue }
            cursor += 1
            while cursor < bytes.count, isSpace(bytes[cursor]) { cursor += 1 }
            guard cursor < bytes.count else { break }
            let quote = bytes[cursor] == 0x22 || bytes[cursor] == 0x27 ? bytes[cursor] : nil
            if quote != nil { cursor += 1 }
            var end = cursor
            while end < bytes.count, quote.map({ bytes[end] != $0 }) ?? !(isSpace(bytes[end]) || bytes[end] == 0x3E) { end += 1 }
            values.append(cursor..<end)
            index = end
        }
        return values
    }

    /// The URLs of a `srcset` value: comma-separated candidates, each a URL and an optional descriptor.
    private static func candidates(inSrcset range: Range<Int>, bytes: [UInt8]) -> [Found] {
        var found: [Found] = []
        var cursor = range.lowerBound
        while cursor < range.upperBound {
            while cursor < range.upperBound, isSpace(bytes[cursor]) || bytes[cursor] == 0x2C { cursor += 1 }
            var end = cursor
            while end < range.upperBound, !isSpace(bytes[end]) { end += 1 }
            var urlEnd = end
            if urlEnd > cursor, bytes[urlEnd - 1] == 0x2C { urlEnd -= 1 }
            if urlEnd > cursor { found.append(url(bytes, cursor..<urlEnd)) }
            cursor = end
            while cursor < range.upperBound, bytes[cursor] != 0x2C { cursor += 1 }
        }
        return found
    }

    private static func url(_ bytes: [UInt8], _ range: Range<Int>) -> Found {
        Found(url: String(decoding: bytes[range], as: UTF8.self), offset: range.lowerBound)
    }

    /// The first place at or after `start` where `pattern` (lowercase) stands, in any case.
    private static func find(_ pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard pattern.count <= bytes.count else { return nil }
        var index = start
        while index + pattern.count <= bytes.count {
            var matches = true
            for offset in pattern.indices where lowercased(bytes[index + offset]) != pattern[offset] {
                matches = false
                break
            }
            if matches { return index }
            index += 1
        }
        return nil
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }
}
