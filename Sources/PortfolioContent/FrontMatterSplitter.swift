import PortfolioSupport

/// A Markdown file cut into its YAML front matter and its body, with the line numbers needed to
/// report problems at their place in the file the user edits.
public struct SplitDocument: Sendable, Hashable {
    /// The YAML between the `---` lines, or nil when the file has none.
    public var frontMatter: String?
    /// 1-based line of the first YAML line in the file.
    public var frontMatterFirstLine: Int
    public var body: String
    /// 1-based line of the first body line in the file.
    public var bodyFirstLine: Int
}

/// Splits front matter from the body in one scan over the UTF-8 bytes (splitting the text into
/// lines first costs hundreds of times more on large sites).
public enum FrontMatterSplitter {
    /// `text` must already be normalized (no BOM, `\n` line endings): see `normalizedSource(_:)`.
    public static func split(_ text: String, file: String, diagnostics: inout Diagnostics) -> SplitDocument {
        let bytes = text.utf8
        guard let firstLineEnd = lineEnd(in: bytes, from: bytes.startIndex) else {
            return noFrontMatter(text)
        }
        let firstLine = trimmedTrailingSpace(bytes[bytes.startIndex..<firstLineEnd])
        if firstLine.elementsEqual("+++".utf8) {
            diagnostics.error(
                "front-matter.toml", at: SourceLocation(file: file, line: 1, column: 1),
                "TOML front matter (+++) is not supported",
                hint: "write the front matter as YAML between two '---' lines")
            return noFrontMatter(text)
        }
        guard firstLine.elementsEqual("---".utf8) else { return noFrontMatter(text) }

        var lineStart = bytes.index(after: firstLineEnd)
        var line = 2
        while lineStart < bytes.endIndex {
            let end = lineEnd(in: bytes, from: lineStart) ?? bytes.endIndex
            let content = trimmedTrailingSpace(bytes[lineStart..<end])
            if content.elementsEqual("---".utf8) || content.elementsEqual("...".utf8) {
                let yaml = String(text[bytes.index(after: firstLineEnd)..<lineStart])
                let bodyStart = end < bytes.endIndex ? bytes.index(after: end) : end
                return SplitDocument(
                    frontMatter: yaml, frontMatterFirstLine: 2,
                    body: String(text[bodyStart...]), bodyFirstLine: line + 1)
            }
            lineStart = end < bytes.endIndex ? bytes.index(after: end) : end
            line += 1
        }
        diagnostics.error(
            "front-matter.unterminated", at: SourceLocation(file: file, line: 1, column: 1),
            "front matter starts with '---' but has no closing '---' line",
            hint: "end the front matter with a line holding only '---'")
        return noFrontMatter(text)
    }

    /// Removes a byte-order mark and turns `\r\n` and lone `\r` into `\n`, so line numbers match
    /// what editors show.
    public static func normalizedSource(_ text: String) -> String {
        var text = text
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        guard SourceText.contains(13, in: text) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    private static func noFrontMatter(_ text: String) -> SplitDocument {
        SplitDocument(frontMatter: nil, frontMatterFirstLine: 1, body: text, bodyFirstLine: 1)
    }

    private static func lineEnd(in bytes: String.UTF8View, from start: String.Index) -> String.Index? {
        guard start < bytes.endIndex else { return nil }
        return bytes[start...].firstIndex(of: 10) ?? bytes.endIndex
    }

    private static func trimmedTrailingSpace(_ line: Substring.UTF8View) -> Substring.UTF8View {
        var end = line.endIndex
        while end > line.startIndex {
            let previous = line.index(before: end)
            guard line[previous] == 32 || line[previous] == 9 else { break }
            end = previous
        }
        return line[line.startIndex..<end]
    }
}
