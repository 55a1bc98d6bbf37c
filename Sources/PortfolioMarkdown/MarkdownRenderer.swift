import CCmark
import PortfolioSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Options that change how Markdown becomes HTML; safe by default so a site opts in to raw HTML knowingly.
public struct MarkdownOptions: Sendable, Hashable {
    /// Pass raw HTML and every link scheme through; set by `unsafe_html: true` in `portfolio.yaml`.
    public var allowUnsafeHTML: Bool
    /// Typographic quotes, dashes and ellipses.
    public var smartPunctuation: Bool
    /// `$...$` and `$$...$$` are TeX (see `MathExtraction`); set by `math: true`.
    public var math: Bool

    public init(allowUnsafeHTML: Bool = false, smartPunctuation: Bool = true, math: Bool = false) {
        self.allowUnsafeHTML = allowUnsafeHTML
        self.smartPunctuation = smartPunctuation
        self.math = math
    }

    var cmarkOptions: Int32 {
        var options = CMARK_OPT_VALIDATE_UTF8
        if smartPunctuation { options |= CMARK_OPT_SMART }
        if allowUnsafeHTML { options |= CMARK_OPT_UNSAFE }
        return options
    }
}

/// A heading of a page, kept so templates can build a table of contents that links to it.
public struct Heading: Sendable, Hashable, Codable {
    /// 1 to 6, as in `<h1>`...`<h6>`.
    public var level: Int
    /// Plain text, without markup.
    public var text: String
    /// The `id` written on the heading element, unique within the page.
    public var id: String

    public init(level: Int, text: String, id: String) {
        self.level = level
        self.text = text
        self.id = id
    }
}

/// A link or image found in the text, with the line (in the Markdown text, 1-based) where it starts,
/// so link checking and alt-text rules can point at it.
public struct MarkdownReference: Sendable, Hashable {
    /// The URL as written, before `rewriteURL`.
    public var url: String
    /// Alt text for images, link text for links; plain text, at most about 1,000 bytes.
    public var text: String
    public var line: Int
    /// 1-based, counted in Unicode scalars like `Diagnostic.column`.
    public var column: Int
    public var isImage: Bool

    public init(url: String, text: String, line: Int, column: Int, isImage: Bool) {
        self.url = url
        self.text = text
        self.line = line
        self.column = column
        self.isImage = isImage
    }
}

/// Everything later stages need from one page's Markdown, gathered in a single pass over the parsed tree.
public struct RenderedMarkdown: Sendable, Hashable {
    public var html: String
    /// All headings in document order, for a table of contents.
    public var headings: [Heading]
    /// Words of prose (text and code, not alt text), for the reading time.
    public var wordCount: Int
    /// Every link and image in document order, with URLs as written (before rewriting).
    public var references: [MarkdownReference]
    /// Plain text of the first heading; a page without a title takes it.
    public var firstHeading: String?
    /// The first paragraph with text, as plain text, cut at a word boundary near 300 characters.
    public var plainTextSummary: String
    /// Problems in the Markdown itself (a table without a valid delimiter row, a sample-task block that
    /// does not parse); `file` is left empty and lines and columns (Unicode scalars) count from the start
    /// of the Markdown text given to the renderer.
    public var problems: [Diagnostic]
    /// Whether the page shows TeX (`$...$`, `$$...$$` or a `math` fence), so it needs KaTeX.
    public var hasMath: Bool
    /// Images that raw HTML names (`<img src>`, `srcset`, CSS `url()`), on a site that allows raw HTML:
    /// published as they are, never resized; `text` is empty.
    public var embeddedImages: [MarkdownReference] = []

    public init(
        html: String, headings: [Heading], wordCount: Int, references: [MarkdownReference],
        firstHeading: String?, plainTextSummary: String, problems: [Diagnostic] = [], hasMath: Bool = false
    ) {
        self.hasMath = hasMath
        self.html = html
        self.headings = headings
        self.wordCount = wordCount
        self.references = references
        self.firstHeading = firstHeading
        self.plainTextSummary = plainTextSummary
        self.problems = problems
    }
}

/// Markdown to HTML through libcmark: one parse, one walk over the tree, one render per page.
public enum MarkdownRenderer {
    /// Longest summary, in characters, before the ellipsis.
    static let summaryLength = 300

    /// `rewriteURL` is called for every link and image URL and returns the URL to write (e.g. prefixing a
    /// base path or `../` for single-file pages); identity by default. In safe mode cmark still drops
    /// dangerous schemes from the rewritten URL. `picture` is called for every image with its URL as
    /// written and its alt text; markup it returns replaces the image's `<img>` (a custom node, written
    /// even in safe mode), so the image stage can offer resized copies.
    public static func render(
        _ markdown: String, options: MarkdownOptions = .init(),
        rewriteURL: (String, _ isImage: Bool) -> String = { u, _ in u },
        picture: (_ url: String, _ alt: String) -> String? = { _, _ in nil }
    ) -> RenderedMarkdown {
        render(markdown, options: options, rewriteURL: rewriteURL, picture: picture, sampleTasks: true)
    }

    /// `sampleTasks` is false for the texts inside a sample-task block, so a block cannot nest itself.
    private static func render(
        _ markdown: String, options: MarkdownOptions, rewriteURL: (String, _ isImage: Bool) -> String,
        picture: (_ url: String, _ alt: String) -> String?, sampleTasks: Bool
    ) -> RenderedMarkdown {
        let cmarkOptions = options.cmarkOptions
        let math = options.math ? MathExtraction(markdown) : nil
        var source = math?.markdown ?? markdown
        let parsed: OpaquePointer? = source.withUTF8 { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else {
                return cmark_parse_document("", 0, cmarkOptions)
            }
            return UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_parse_document($0, buffer.count, cmarkOptions)
            }
        }
        guard var document = parsed else {
            return RenderedMarkdown(
                html: "", headings: [], wordCount: 0, references: [], firstHeading: nil, plainTextSummary: "")
        }
        defer { cmark_node_free(document) }

        let extensions = GitHubExtensions.apply(to: &document, markdown: &source, options: cmarkOptions)
        var walk = TreeWalk(math: math, positions: extensions.positions, reservedIDs: extensions.reservedIDs)
        walk.collectsSampleTasks = sampleTasks
        walk.collectsEmbeddedImages = options.allowUnsafeHTML
        walk.run(document, rewriteURL: rewriteURL, picture: picture)
        for image in walk.pictureNodes {
            replace(image.node, withInlineHTML: image.html)
        }
        for block in walk.fencedBlocks {
            replace(block.node, withBlockHTML: block.html)
        }
        if let math {
            for node in walk.mathTextNodes { insertMath(in: node, math) }
        }
        for heading in walk.headingNodes {
            giveID(to: heading.node, level: heading.level, id: heading.id)
        }
        var problems: [Diagnostic] = []
        // The texts of a sample task are quoted model output: no raw HTML, even on a site that allows it.
        var quotedOptions = options
        quotedOptions.allowUnsafeHTML = false
        for block in walk.sampleTaskNodes {
            renderSampleTask(block, problems: &problems) { text in
                render(text, options: quotedOptions, rewriteURL: rewriteURL, picture: picture, sampleTasks: false).html
            }
        }

        placeInPage(&walk.references, markdown: markdown, math: math)
        placeInPage(&walk.embeddedImages, markdown: markdown, math: math)

        var html = ""
        if let rendered = cmark_render_html(document, cmarkOptions) {
            html = String(cString: rendered)
            free(rendered)
        }
        var rendered = RenderedMarkdown(
            html: html,
            headings: walk.headings,
            wordCount: walk.wordCount,
            references: walk.references,
            firstHeading: walk.headings.first?.text,
            plainTextSummary: summary(of: walk.summaryBytes),
            problems: extensions.problems + problems,
            hasMath: walk.hasMathFence || !(math?.spans.isEmpty ?? true))
        rendered.embeddedImages = walk.embeddedImages
        return rendered
    }

    /// Moves columns counted in bytes of the text cmark parsed to Unicode scalars of the page as written.
    private static func placeInPage(_ references: inout [MarkdownReference], markdown: String, math: MathExtraction?) {
        guard !references.isEmpty else { return }
        var original = markdown
        if let math {
            for index in references.indices {
                let reference = references[index]
                references[index].column = math.originalColumn(line: reference.line, column: reference.column)
            }
        }
        countColumnsInScalars(&references, source: &original)
    }

    /// Puts a custom block writing `html` in the place of `node` (a code block, a paragraph).
    private static func replace(_ node: OpaquePointer, withBlockHTML html: String) {
        replace(node, with: CMARK_NODE_CUSTOM_BLOCK, writing: html)
    }

    /// Puts a custom inline writing `html` in the place of `node` (an image).
    private static func replace(_ node: OpaquePointer, withInlineHTML html: String) {
        replace(node, with: CMARK_NODE_CUSTOM_INLINE, writing: html)
    }

    /// Puts a custom node of `type` writing `html` where `node` was, and frees `node` with its
    /// children; on any failure the node is left as it was.
    private static func replace(_ node: OpaquePointer, with type: cmark_node_type, writing html: String) {
        guard let custom = cmark_node_new(type) else { return }
        guard cmark_node_set_on_enter(custom, html) == 1, cmark_node_insert_before(node, custom) == 1 else {
            cmark_node_free(custom)
            return
        }
        cmark_node_free(node)
    }

    /// Splits a text node holding math placeholders into text and custom inlines writing the math; a
    /// paragraph holding nothing but one `$$...$$` becomes a display block.
    private static func insertMath(in node: OpaquePointer, _ math: MathExtraction) {
        guard let literal = cmark_node_get_literal(node) else { return }
        let bytes = UnsafeRawBufferPointer(start: literal, count: strlen(literal))
        let pieces = math.pieces(of: bytes)
        if pieces.count == 1, case .math(let index) = pieces[0], math.spans[index].isDisplay,
            let parent = cmark_node_parent(node), cmark_node_get_type(parent) == CMARK_NODE_PARAGRAPH,
            cmark_node_first_child(parent) == node, cmark_node_last_child(parent) == node
        {
            replace(parent, withBlockHTML: MathMarkup.display(math.spans[index].tex))
            return
        }
        for piece in pieces {
            let inserted: OpaquePointer?
            switch piece {
            case .text(let range):
                inserted = cmark_node_new(CMARK_NODE_TEXT)
                let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                if let inserted { _ = cmark_node_set_literal(inserted, text) }
            case .math(let index):
                let span = math.spans[index]
                inserted = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)
                let html = span.isDisplay ? MathMarkup.displayInline(span.tex) : MathMarkup.inline(span.tex)
                if let inserted { _ = cmark_node_set_on_enter(inserted, html) }
            }
            guard let inserted else { return }
            guard cmark_node_insert_before(node, inserted) == 1 else {
                cmark_node_free(inserted)
                return
            }
        }
        cmark_node_free(node)
    }

    /// Replaces a fenced block whose info string names a sample task (`preference`, `rubric`) by a
    /// custom block holding its HTML; a block that does not parse stays a code block, with its problems.
    private static func renderSampleTask(
        _ block: OpaquePointer, problems: inout [Diagnostic], renderMarkdown: (String) -> String
    ) {
        let info = cmark_node_get_fence_info(block).map { String(cString: $0) } ?? ""
        let yaml = cmark_node_get_literal(block).map { String(cString: $0) } ?? ""
        let fenceLine = Int(cmark_node_get_start_line(block))
        let fenceColumn = Int(cmark_node_get_start_column(block))
        let origin = SampleTaskOrigin(firstLine: fenceLine + 1, columnOffset: max(fenceColumn - 1, 0))
        let result = SampleTaskBlock.render(info: info, yaml: yaml, origin: origin, renderMarkdown: renderMarkdown)
        problems += result.problems
        if let html = result.html { replace(block, withBlockHTML: html) }
    }

    /// Replaces a HEADING node by a custom block holding a custom inline `<hN id="...">...</hN>` around
    /// the heading's inlines. Custom nodes are written even in safe mode; the inline (not the block)
    /// carries the tags because cmark puts line breaks around a custom block's on_enter/on_exit.
    /// On any failure the heading is left as it was, without an id.
    private static func giveID(to heading: OpaquePointer, level: Int, id: String) {
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        guard let inline = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else {
            cmark_node_free(block)
            return
        }
        guard cmark_node_append_child(block, inline) == 1 else {
            cmark_node_free(inline)
            cmark_node_free(block)
            return
        }
        guard cmark_node_set_on_enter(inline, "<h\(level) id=\"\(MarkupText.escape(id))\">") == 1,
            cmark_node_set_on_exit(inline, "</h\(level)>") == 1
        else {
            cmark_node_free(block)
            return
        }
        while let child = cmark_node_first_child(heading) {
            guard cmark_node_append_child(inline, child) == 1 else {
                while let moved = cmark_node_first_child(inline) {
                    guard cmark_node_append_child(heading, moved) == 1 else { break }
                }
                cmark_node_free(block)
                return
            }
        }
        guard cmark_node_insert_before(heading, block) == 1 else {
            while let moved = cmark_node_first_child(inline) {
                guard cmark_node_append_child(heading, moved) == 1 else { break }
            }
            cmark_node_free(block)
            return
        }
        cmark_node_free(heading)
    }


    /// cmark counts columns in bytes; diagnostics count Unicode scalars. References come in source
    /// order, so each line is scanned once however many references it holds.
    private static func countColumnsInScalars(_ references: inout [MarkdownReference], source: inout String) {
        source.withUTF8 { bytes in
            guard bytes.contains(where: { $0 >= 0x80 }) else { return }
            let lineStarts = SourceLines.lineStarts(of: bytes)
            var previous = (line: 0, byteColumn: 1, scalarColumn: 1)
            for position in references.indices {
                let line = references[position].line
                let byteColumn = references[position].column
                guard line >= 1, line <= lineStarts.count, byteColumn > 1 else { continue }
                if line != previous.line || byteColumn < previous.byteColumn {
                    previous = (line, 1, 1)
                }
                let lineStart = lineStarts[line - 1]
                let from = min(lineStart + previous.byteColumn - 1, bytes.count)
                let to = min(lineStart + byteColumn - 1, bytes.count)
                var scalars = previous.scalarColumn
                for offset in from..<to where bytes[offset] & 0xC0 != 0x80 { scalars += 1 }
                references[position].column = scalars
                previous = (line, byteColumn, scalars)
            }
        }
    }

    /// The collected first paragraph, cut after the last whole word that fits in `summaryLength`.
    static func summary(of bytes: [UInt8]) -> String {
        let text = trimmedText(bytes[...])
        guard text.count > summaryLength else { return text }
        let limit = text.index(text.startIndex, offsetBy: summaryLength)
        var cut = text[..<limit]
        if text[limit] != " ", let lastSpace = cut.lastIndex(of: " ") {
            cut = cut[..<lastSpace]
        }
        while let last = cut.last, last == " " || last == "," || last == ";" || last == ":" || last == "-"
            || last == "\u{2013}" || last == "\u{2014}"
        {
            cut = cut.dropLast()
        }
        return cut + "\u{2026}"
    }

    /// Decodes collected plain-text bytes without the surrounding spaces.
    static func trimmedText(_ bytes: ArraySlice<UInt8>) -> String {
        var slice = bytes
        while slice.first == 0x20 { slice = slice.dropFirst() }
        while slice.last == 0x20 { slice = slice.dropLast() }
        return String(decoding: slice, as: UTF8.self)
    }
}

/// The state of the single walk over a parsed document: what it found and what it still has to rewrite.
private struct TreeWalk {
    struct HeadingNode {
        var node: OpaquePointer
        var level: Int
        var id: String
    }

    /// A link or image whose text is still being collected.
    struct OpenReference {
        var index: Int
        var textStart: Int
    }

    static let referenceTextLimit = 1000
    static let summaryByteLimit = 4096

    /// Page positions of nodes parsed out of pieces of the page (table cells, footnotes).
    let positions: [OpaquePointer: SourcePoint]
    var headings: [Heading] = []
    var headingNodes: [HeadingNode] = []
    /// Whether fenced sample-task blocks are gathered into `sampleTaskNodes` for rendering.
    var collectsSampleTasks = false
    /// Whether raw HTML is published, so the images it names are gathered into `embeddedImages`.
    var collectsEmbeddedImages = false
    var embeddedImages: [MarkdownReference] = []
    var sampleTaskNodes: [OpaquePointer] = []
    /// Images to be replaced by the markup `picture` gave for them.
    var pictureNodes: [(node: OpaquePointer, html: String)] = []
    var references: [MarkdownReference] = []
    var wordCount = 0
    var summaryBytes: [UInt8] = []
    /// Fenced code blocks that `FencedBlocks` writes, with their HTML.
    var fencedBlocks: [(node: OpaquePointer, html: String)] = []
    var hasMathFence = false
    /// Text nodes holding math placeholders.
    var mathTextNodes: [OpaquePointer] = []
    let math: MathExtraction?

    private var usedIDs: Set<String> = []
    private var nextSuffix: [String: Int] = [:]
    private var inWord = false
    private var imageDepth = 0
    /// Plain text of the open heading and links/images; each remembers where its text starts.
    private var capture: [UInt8] = []
    private var openHeading: (node: OpaquePointer, level: Int, textStart: Int)?
    private var openReferences: [OpenReference] = []
    private var summaryParagraph: OpaquePointer?
    private var summaryDone = false

    init(math: MathExtraction?, positions: [OpaquePointer: SourcePoint], reservedIDs: [String]) {
        self.math = math
        self.positions = positions
        usedIDs = Set(reservedIDs)
    }

    private var capturing: Bool { openHeading != nil || !openReferences.isEmpty }
    private var collectingSummary: Bool { summaryParagraph != nil && imageDepth == 0 }

    mutating func run(_ document: OpaquePointer, rewriteURL: (String, Bool) -> String, picture: (String, String) -> String?) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE || event == CMARK_EVENT_NONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let entering = event == CMARK_EVENT_ENTER
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT:
                if let math, !math.spans.isEmpty, mathText(node, math) { continue }
                text(cmark_node_get_literal(node), isProse: imageDepth == 0)
            case CMARK_NODE_CODE:
                text(cmark_node_get_literal(node), isProse: imageDepth == 0)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                inWord = false
                appendPlain([0x20])
            case CMARK_NODE_EMPH, CMARK_NODE_STRONG:
                break
            case CMARK_NODE_HTML_INLINE:
                if collectsEmbeddedImages { embeddedImages(in: node) }
            case CMARK_NODE_HTML_BLOCK:
                inWord = false
                if collectsEmbeddedImages { embeddedImages(in: node) }
            case CMARK_NODE_CUSTOM_INLINE:
                // Table cells, struck-out text, footnote references: a cell boundary ends a word.
                inWord = false
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                reference(node, entering: entering, isImage: cmark_node_get_type(node) == CMARK_NODE_IMAGE,
                    rewriteURL: rewriteURL, picture: picture)
            case CMARK_NODE_CODE_BLOCK:
                if collectsSampleTasks, SampleTaskBlock.handles(info: cmark_node_get_fence_info(node)) {
                    sampleTaskNodes.append(node)
                }
                inWord = false
                countWords(cmark_node_get_literal(node))
                inWord = false
                fencedBlock(node)
            case CMARK_NODE_HEADING:
                inWord = false
                heading(node, entering: entering)
            case CMARK_NODE_PARAGRAPH:
                inWord = false
                paragraph(node, entering: entering)
            default:
                inWord = false
            }
        }
    }

    /// The images a raw HTML node names, at their line and (byte) column in the page.
    private mutating func embeddedImages(in node: OpaquePointer) {
        guard let literal = cmark_node_get_literal(node) else { return }
        let html = String(cString: literal)
        let start = positions[node]
            ?? SourcePoint(line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)))
        let bytes = Array(html.utf8)
        for found in EmbeddedURLs.inHTML(html) {
            let before = bytes[..<found.offset]
            let newlines = before.count { $0 == 0x0A }
            let column = newlines == 0
                ? start.column + found.offset
                : found.offset - (before.lastIndex(of: 0x0A) ?? 0)
            embeddedImages.append(
                MarkdownReference(url: found.url, text: "", line: start.line + newlines, column: column, isImage: true))
        }
    }

    private mutating func fencedBlock(_ node: OpaquePointer) {
        guard cmark_node_get_fence_info(node).map({ $0.pointee != 0 }) == true else { return }
        guard let kind = FencedBlocks.kind(info: String(cString: cmark_node_get_fence_info(node))) else { return }
        if case .math = kind { hasMathFence = true }
        let code = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        fencedBlocks.append((node, FencedBlocks.html(kind, code: code)))
    }

    /// A text node with math placeholders: its text with the TeX in their place counts as words and
    /// plain text, and the node is split after the walk. False when it holds none.
    private mutating func mathText(_ node: OpaquePointer, _ math: MathExtraction) -> Bool {
        guard let literal = cmark_node_get_literal(node) else { return false }
        let bytes = UnsafeRawBufferPointer(start: literal, count: strlen(literal))
        let pieces = math.pieces(of: bytes)
        guard !pieces.isEmpty else { return false }
        mathTextNodes.append(node)
        let isProse = imageDepth == 0
        for piece in pieces {
            switch piece {
            case .text(let range):
                let text = UnsafeRawBufferPointer(rebasing: bytes[range])
                if isProse { countWords(text) }
                appendPlain(text)
            case .math(let index):
                var tex = math.spans[index].tex
                tex.withUTF8 { texBytes in
                    let raw = UnsafeRawBufferPointer(texBytes)
                    if isProse { countWords(raw) }
                    appendPlain(raw)
                }
            }
        }
        return true
    }

    private mutating func text(_ literal: UnsafePointer<CChar>?, isProse: Bool) {
        guard let literal else { return }
        let bytes = UnsafeRawBufferPointer(start: literal, count: strlen(literal))
        if isProse {
            countWords(bytes)
        }
        appendPlain(bytes)
    }

    private mutating func countWords(_ literal: UnsafePointer<CChar>?) {
        guard let literal else { return }
        countWords(UnsafeRawBufferPointer(start: literal, count: strlen(literal)))
    }

    /// A word starts at each byte that is not whitespace after one that is; counted without a branch
    /// per byte, as whitespace and words alternate too often for branches to be predicted.
    private mutating func countWords(_ bytes: UnsafeRawBufferPointer) {
        var count = wordCount
        var previousIsSpace = inWord ? 0 : 1
        for byte in bytes {
            let isSpace = whitespaceBit(byte)
            count &+= previousIsSpace & (isSpace ^ 1)
            previousIsSpace = isSpace
        }
        wordCount = count
        inWord = previousIsSpace == 0
    }

    /// Appends text to whatever is collecting plain text, turning each run of whitespace into one space.
    private mutating func appendPlain<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        if capturing { Self.appendCollapsed(bytes, to: &capture, limit: Int.max) }
        if collectingSummary { Self.appendCollapsed(bytes, to: &summaryBytes, limit: Self.summaryByteLimit) }
    }

    private static func appendCollapsed<Bytes: Collection<UInt8>>(
        _ bytes: Bytes, to buffer: inout [UInt8], limit: Int
    ) {
        guard buffer.count < limit else { return }
        var lastWasSpace = buffer.last == 0x20
        for byte in bytes {
            if isWhitespace(byte) {
                if !lastWasSpace { buffer.append(0x20) }
                lastWasSpace = true
            } else {
                buffer.append(byte)
                lastWasSpace = false
            }
        }
    }

    private mutating func heading(_ node: OpaquePointer, entering: Bool) {
        if entering {
            openHeading = (node, Int(cmark_node_get_heading_level(node)), capture.count)
            return
        }
        guard let open = openHeading else { return }
        let text = MarkdownRenderer.trimmedText(capture[open.textStart...])
        openHeading = nil
        releaseCaptureIfIdle()
        let level = min(max(open.level, 1), 6)
        let id = uniqueID(for: text)
        headings.append(Heading(level: level, text: text, id: id))
        headingNodes.append(HeadingNode(node: open.node, level: level, id: id))
    }

    private mutating func uniqueID(for text: String) -> String {
        var base = Slug.make(text)
        if base.isEmpty { base = "section" }
        if usedIDs.insert(base).inserted { return base }
        var suffix = nextSuffix[base, default: 1]
        while true {
            let candidate = "\(base)-\(suffix)"
            suffix += 1
            if usedIDs.insert(candidate).inserted {
                nextSuffix[base] = suffix
                return candidate
            }
        }
    }

    private mutating func paragraph(_ node: OpaquePointer, entering: Bool) {
        guard !summaryDone else { return }
        if entering {
            if summaryParagraph == nil { summaryParagraph = node }
        } else if summaryParagraph == node {
            summaryParagraph = nil
            if summaryBytes.contains(where: { $0 != 0x20 }) {
                summaryDone = true
            } else {
                summaryBytes.removeAll(keepingCapacity: true)
            }
        }
    }

    private mutating func reference(
        _ node: OpaquePointer, entering: Bool, isImage: Bool, rewriteURL: (String, Bool) -> String,
        picture: (String, String) -> String?
    ) {
        inWord = false
        if entering {
            if isImage { imageDepth += 1 }
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            let point = positions[node]
                ?? SourcePoint(line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)))
            references.append(
                MarkdownReference(url: url, text: "", line: point.line, column: point.column, isImage: isImage))
            openReferences.append(OpenReference(index: references.count - 1, textStart: capture.count))
            let rewritten = rewriteURL(url, isImage)
            if rewritten != url {
                _ = cmark_node_set_url(node, rewritten)
            }
            return
        }
        if isImage { imageDepth = max(imageDepth - 1, 0) }
        guard let open = openReferences.popLast() else { return }
        var end = capture.count
        if end - open.textStart > Self.referenceTextLimit {
            end = open.textStart + Self.referenceTextLimit
            // Back off to the start of a UTF-8 sequence so the cut never splits a character.
            while end > open.textStart, capture[end] & 0xC0 == 0x80 { end -= 1 }
        }
        references[open.index].text = MarkdownRenderer.trimmedText(capture[open.textStart..<end])
        if isImage, let html = picture(references[open.index].url, references[open.index].text) {
            pictureNodes.append((node, html))
        }
        releaseCaptureIfIdle()
    }

    private mutating func releaseCaptureIfIdle() {
        if !capturing { capture.removeAll(keepingCapacity: true) }
    }
}

@inline(__always)
private func isWhitespace(_ byte: UInt8) -> Bool {
    whitespaceBit(byte) == 1
}

/// 1 for a space, tab, line feed, vertical tab, form feed or carriage return, else 0: a bit of a mask
/// of those bytes, for loops that count instead of branching.
@inline(__always)
private func whitespaceBit(_ byte: UInt8) -> Int {
    let mask: UInt64 = 1 << 0x20 | 1 << 0x0D | 1 << 0x0C | 1 << 0x0B | 1 << 0x0A | 1 << 0x09
    return Int(truncatingIfNeeded: mask >> UInt64(byte & 63)) & 1 & (byte <= 0x20 ? 1 : 0)
}
