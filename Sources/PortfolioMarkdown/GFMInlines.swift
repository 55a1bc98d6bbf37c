import CCmark

/// Strikethrough (`~x~`, `~~x~~` → `<del>`) and extended autolinks (`www.`, `http(s)://`, `ftp://`,
/// e-mail addresses) over the text nodes libcmark produced, following the GFM spec's delimiter and
/// trailing-punctuation rules.
extension ExtensionContext {
    mutating func rewriteInlines(in root: OpaquePointer, strikethrough: Bool, autolinks: Bool) {
        if strikethrough {
            let containers = CmarkTree.nodes(in: root) { type in
                type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || type == CMARK_NODE_EMPH
                    || type == CMARK_NODE_STRONG || type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE
                    || type == CMARK_NODE_CUSTOM_INLINE
            }
            for container in containers { strike(in: container) }
        }
        if autolinks {
            for text in CmarkTree.nodes(in: root, where: { $0 == CMARK_NODE_TEXT }) {
                guard !CmarkTree.isInside(text, anyOf: [CMARK_NODE_LINK, CMARK_NODE_IMAGE]), !isInsideRawAnchor(text) else { continue }
                linkify(text)
            }
        }
    }

    // MARK: Strikethrough

    /// A run of `~` in a text node that may open or close a strikethrough.
    private struct TildeRun {
        var node: OpaquePointer
        var offset: Int
        var length: Int
        var canOpen: Bool
        var canClose: Bool
    }

    private mutating func strike(in container: OpaquePointer) {
        let runs = tildeRuns(in: container)
        guard runs.count >= 2 else { return }
        let matches = Self.match(runs)
        guard !matches.isEmpty else { return }
        wrap(matches)
    }

    /// The runs of one or two `~` among the container's text nodes that may open or close.
    private func tildeRuns(in container: OpaquePointer) -> [TildeRun] {
        var runs: [TildeRun] = []
        for child in CmarkTree.children(of: container) where cmark_node_get_type(child) == CMARK_NODE_TEXT {
            let literal = CmarkTree.literalBytes(child)
            guard literal.contains(0x7E) else { continue }
            let escaped = escapedTildes(of: child, literal: literal)
            var index = 0
            var tildeOrdinal = 0
            while index < literal.count {
                guard literal[index] == 0x7E, !escaped.contains(tildeOrdinal) else {
                    if literal[index] == 0x7E { tildeOrdinal += 1 }
                    index += 1
                    continue
                }
                var end = index
                while end < literal.count, literal[end] == 0x7E, !escaped.contains(tildeOrdinal) {
                    end += 1
                    tildeOrdinal += 1
                }
                let before = index > 0 ? InlineChar(literal[index - 1]) : InlineChar.before(child)
                let after = end < literal.count ? InlineChar(literal[end]) : InlineChar.after(child)
                let left = !after.isSpace && (!after.isPunctuation || before.isSpace || before.isPunctuation)
                let right = !before.isSpace && (!before.isPunctuation || after.isSpace || after.isPunctuation)
                let length = end - index
                if (left || right) && length <= 2 {
                    runs.append(TildeRun(node: child, offset: index, length: length, canOpen: left, canClose: right))
                }
                index = end
            }
        }
        return runs
    }

    /// Pairs of opener and closer of equal length.
    private static func match(_ runs: [TildeRun]) -> [(opener: TildeRun, closer: TildeRun)] {
        // cmark-gfm's process_emphasis for `~`: each closer takes the nearest opener; equal lengths make
        // a strikethrough; either way the delimiters from opener to closer are used up.
        var matches: [(opener: TildeRun, closer: TildeRun)] = []
        var stack = runs
        var openersBottom = [-1, -1, -1]
        var closerIndex = 0
        while closerIndex < stack.count {
            let closer = stack[closerIndex]
            guard closer.canClose else {
                closerIndex += 1
                continue
            }
            var openerIndex = closerIndex - 1
            var found = false
            while openerIndex > openersBottom[closer.length % 3] {
                let opener = stack[openerIndex]
                if opener.canOpen,
                    !(closer.canOpen || opener.canClose) || closer.length % 3 == 0 || (opener.length + closer.length) % 3 != 0
                {
                    found = true
                    break
                }
                openerIndex -= 1
            }
            if found {
                if stack[openerIndex].length == closer.length { matches.append((stack[openerIndex], closer)) }
                stack.removeSubrange(openerIndex...closerIndex)
                closerIndex = openerIndex
            } else {
                openersBottom[closer.length % 3] = closerIndex - 1
                if !closer.canOpen {
                    stack.remove(at: closerIndex)
                } else {
                    closerIndex += 1
                }
            }
        }
        return matches
    }

    /// Makes every matched run a text node of its own, then wraps what lies between each pair in `<del>`.
    private mutating func wrap(_ matches: [(opener: TildeRun, closer: TildeRun)]) {
        var pieces: [OpaquePointer: [(offset: Int, node: OpaquePointer)]] = [:]
        let cuts = matches.flatMap { [$0.opener, $0.closer] }
        for node in Set(cuts.map(\.node)) {
            let ranges = cuts.filter { $0.node == node }.map { $0.offset..<($0.offset + $0.length) }
            pieces[node] = split(node, at: ranges)
        }
        func piece(_ run: TildeRun) -> OpaquePointer? {
            pieces[run.node]?.first { $0.offset == run.offset }?.node
        }
        for match in matches {
            guard let opener = piece(match.opener), let closer = piece(match.closer),
                let del = CmarkTree.custom(CMARK_NODE_CUSTOM_INLINE, enter: "<del>", exit: "</del>")
            else { continue }
            var node = cmark_node_next(opener)
            while let current = node, current != closer {
                node = cmark_node_next(current)
                _ = cmark_node_append_child(del, current)
            }
            _ = cmark_node_insert_after(opener, del)
            free(opener)
            free(closer)
        }
    }

    /// Ordinals (among the `~` of the node) of tildes written as `\~` in the page.
    private func escapedTildes(of node: OpaquePointer, literal: [UInt8]) -> Set<Int> {
        guard positions[node] == nil else { return [] }
        let line = source.line(Int(cmark_node_get_start_line(node)))
        let from = line.startIndex + max(Int(cmark_node_get_start_column(node)) - 1, 0)
        let to = min(line.startIndex + Int(cmark_node_get_end_column(node)), line.endIndex)
        guard from < to else { return [] }
        let written = line[from..<to]
        guard written.contains(TableSyntax.backslash) else { return [] }
        var escaped: Set<Int> = []
        var ordinal = 0
        var backslashes = 0
        for byte in written {
            if byte == 0x7E {
                if backslashes % 2 == 1 { escaped.insert(ordinal) }
                ordinal += 1
            }
            backslashes = byte == TableSyntax.backslash ? backslashes + 1 : 0
        }
        return ordinal == literal.count { $0 == 0x7E } ? escaped : []
    }

    /// Cuts a text node at `ranges` (sorted or not, not overlapping) into consecutive text nodes and
    /// returns the pieces with their offsets in the old literal; the old node is freed.
    @discardableResult
    private mutating func split(_ node: OpaquePointer, at ranges: [Range<Int>]) -> [(offset: Int, node: OpaquePointer)] {
        let literal = CmarkTree.literalBytes(node)
        var bounds: Set<Int> = [0, literal.count]
        for range in ranges {
            bounds.insert(range.lowerBound)
            bounds.insert(range.upperBound)
        }
        let sorted = bounds.sorted()
        let base = point(of: node)
        var result: [(Int, OpaquePointer)] = []
        for (start, end) in zip(sorted, sorted.dropFirst()) where end > start {
            guard let piece = CmarkTree.text(String(decoding: literal[start..<end], as: UTF8.self)) else { continue }
            _ = cmark_node_insert_before(node, piece)
            positions[piece] = SourcePoint(line: base.line, column: base.column + start)
            result.append((start, piece))
        }
        free(node)
        return result
    }

    func point(of node: OpaquePointer) -> SourcePoint {
        positions[node] ?? SourcePoint(line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)))
    }

    // MARK: Autolinks

    /// Text between raw `<a ...>` and `</a>` is already a link's text.
    private func isInsideRawAnchor(_ text: OpaquePointer) -> Bool {
        var sibling = cmark_node_previous(text)
        while let current = sibling {
            if cmark_node_get_type(current) == CMARK_NODE_HTML_INLINE {
                let literal = CmarkTree.literalBytes(current).map { $0 | 0x20 }
                if literal.starts(with: Array("</a".utf8)) { return false }
                if literal.starts(with: Array("<a ".utf8)) || literal.starts(with: Array("<a>".utf8)) { return true }
            }
            sibling = cmark_node_previous(current)
        }
        return false
    }

    private mutating func linkify(_ text: OpaquePointer) {
        guard Autolink.mayContainLink(CmarkTree.literal(text)) else { return }
        let literal = CmarkTree.literalBytes(text)
        var found: [(range: Range<Int>, url: String, label: String)] = []
        var index = 0
        var floor = 0
        while index < literal.count {
            if let link = Autolink.match(in: literal, at: index, floor: floor, before: index == 0 ? InlineChar.before(text) : nil) {
                var label = String(decoding: literal[link.range], as: UTF8.self)
                if let written = writtenForm(of: label, in: text) { label = written }
                found.append((link.range, link.prefix + label, label))
                index = link.range.upperBound
                floor = index
            } else {
                index += 1
            }
        }
        guard !found.isEmpty else { return }
        let pieces = split(text, at: found.map(\.range))
        for link in found {
            guard let piece = pieces.first(where: { $0.offset == link.range.lowerBound })?.node,
                let node = cmark_node_new(CMARK_NODE_LINK), let label = CmarkTree.text(link.label)
            else { continue }
            _ = cmark_node_set_url(node, link.url)
            _ = cmark_node_append_child(node, label)
            positions[node] = written(link.label, near: positions[piece] ?? point(of: piece))
            _ = cmark_node_insert_before(piece, node)
            free(piece)
        }
    }

    /// The link's own place in the page: smart punctuation and escapes before it in the same text node
    /// make the text's byte offsets drift from the page's.
    private func written(_ label: String, near estimate: SourcePoint) -> SourcePoint {
        let line = source.line(estimate.line)
        let from = min(line.startIndex + max(estimate.column - 1, 0), line.endIndex)
        let searchStart = max(line.startIndex, from - 8)
        guard let found = line[searchStart...].firstRange(of: Array(label.utf8)) else { return estimate }
        return SourcePoint(line: estimate.line, column: found.lowerBound - line.startIndex + 1)
    }

    /// Smart punctuation turned `--` or `'` in a URL into dashes and curly quotes; the page's own bytes
    /// give the URL back when they can be found.
    private func writtenForm(of label: String, in text: OpaquePointer) -> String? {
        let smart: [(Character, String)] = [
            ("\u{2013}", "--"), ("\u{2014}", "---"), ("\u{2026}", "..."), ("\u{2018}", "'"), ("\u{2019}", "'"),
            ("\u{201C}", "\""), ("\u{201D}", "\""),
        ]
        guard label.contains(where: { character in smart.contains { $0.0 == character } }) else { return nil }
        var plain = ""
        for character in label {
            plain += smart.first { $0.0 == character }?.1 ?? String(character)
        }
        let line = source.line(point(of: text).line)
        return line.firstRange(of: Array(plain.utf8)) == nil ? nil : plain
    }
}

/// The character before or after a delimiter, classified as cmark does for flanking rules.
struct InlineChar {
    var isSpace: Bool
    var isPunctuation: Bool
    /// Allows an extended www autolink to start right after it (`*`, `_`, `~`, `(` or whitespace).
    var startsAutolink: Bool

    init(_ byte: UInt8) {
        isSpace = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C || byte == 0x0B
        isPunctuation = byte < 0x80 && !isSpace && !(byte >= 0x30 && byte <= 0x39) && !((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
        startsAutolink = isSpace || byte == 0x2A || byte == 0x5F || byte == 0x7E || byte == 0x28
    }

    /// What precedes a text node in the page: a line start, the delimiter of the inline holding it, or
    /// the end of the inline before it.
    static func before(_ node: OpaquePointer) -> InlineChar { neighbour(of: node, following: false) }

    static func after(_ node: OpaquePointer) -> InlineChar { neighbour(of: node, following: true) }

    private static func neighbour(of node: OpaquePointer, following: Bool) -> InlineChar {
        guard let sibling = following ? cmark_node_next(node) : cmark_node_previous(node) else {
            switch cmark_node_parent(node).map(cmark_node_get_type) {
            case CMARK_NODE_EMPH, CMARK_NODE_STRONG: return InlineChar(0x2A)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE: return InlineChar(following ? 0x5D : 0x5B)
            default: return InlineChar(0x0A)
            }
        }
        switch cmark_node_get_type(sibling) {
        case CMARK_NODE_TEXT:
            let literal = CmarkTree.literalBytes(sibling)
            return InlineChar((following ? literal.first : literal.last) ?? 0x0A)
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: return InlineChar(0x0A)
        case CMARK_NODE_EMPH, CMARK_NODE_STRONG: return InlineChar(0x2A)
        case CMARK_NODE_CUSTOM_INLINE: return InlineChar(0x7E)
        default: return InlineChar(0x29)
        }
    }
}
