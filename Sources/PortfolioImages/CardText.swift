/// Text laid out for a social card, where nothing wraps by itself (SVG has no line breaking): words
/// are set into lines by the estimated width of each glyph in DejaVu Sans Bold, the card's font, and
/// what does not fit in the last line is cut with an ellipsis.
public enum CardText {
    /// Advance widths of DejaVu Sans Bold in em, by kind of character (measured from the font's
    /// metrics, rounded up so an estimate never falls short).
    static func advance(of character: Character) -> Double {
        if "il.,:;|!'".contains(character) { return 0.38 }
        if "fjrt()[]{} -".contains(character) { return 0.5 }
        if "mwMW@%".contains(character) { return 1.08 }
        if character.isUppercase { return 0.82 }
        if character.isNumber { return 0.7 }
        return character.isASCII ? 0.7 : 1.0
    }

    /// The width of `text` in em.
    public static func width(of text: Substring) -> Double {
        text.reduce(0) { $0 + advance(of: $1) }
    }

    /// `text` in at most `maxLines` lines no wider than `maxWidth` em; a word longer than a line is
    /// broken, and text left over ends the last line with "…".
    public static func lines(_ text: String, maxWidth: Double, maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        var words = text.split(whereSeparator: \.isWhitespace).map(String.init)[...]
        while let word = words.first {
            let candidate = current.isEmpty ? word : current + " " + word
            if width(of: candidate[...]) <= maxWidth {
                current = candidate
                words = words.dropFirst()
                continue
            }
            if current.isEmpty {
                // One word wider than the line: as much of it as fits, the rest on the next line.
                let fitting = prefix(of: word, fitting: maxWidth)
                current = fitting
                words[words.startIndex] = String(word.dropFirst(fitting.count))
            }
            lines.append(current)
            current = ""
            if lines.count == maxLines { break }
        }
        if !current.isEmpty, lines.count < maxLines { lines.append(current) }
        guard !words.isEmpty, let last = lines.popLast() else { return lines }
        return lines + [String(prefix(of: last, fitting: maxWidth - advance(of: "…")).trimmingSpaces) + "…"]
    }

    private static func prefix(of text: String, fitting maxWidth: Double) -> String {
        var width = 0.0
        var count = 0
        for character in text {
            width += advance(of: character)
            if width > maxWidth { break }
            count += 1
        }
        return String(text.prefix(max(count, 1)))
    }
}
