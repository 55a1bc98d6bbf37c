import CCmark
import PortfolioSupport

/// The GitHub Flavored Markdown extensions libcmark lacks (tables, strikethrough, extended autolinks,
/// task lists, footnotes), applied as passes over its parse tree. Each pass runs only when the bytes
/// that can start its syntax occur in the page, so plain pages pay one scan of their text.
enum GitHubExtensions {
    /// Which extension syntaxes can occur in a page, from one scan of its bytes.
    struct Triggers {
        var pipe = false
        var tilde = false
        var footnote = false
        var task = false
        var autolink = false

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            var index = 0
            let count = bytes.count
            while index < count {
                switch bytes[index] {
                case 0x7C: pipe = true
                case 0x7E: tilde = true
                case 0x40: autolink = true
                case 0x3A where index + 2 < count && bytes[index + 1] == 0x2F && bytes[index + 2] == 0x2F: autolink = true
                case 0x2E where index >= 3 && bytes[index - 1] | 0x20 == 0x77 && bytes[index - 2] | 0x20 == 0x77
                    && bytes[index - 3] | 0x20 == 0x77:
                    autolink = true
                case 0x5B where index + 2 < count:
                    let next = bytes[index + 1]
                    if next == 0x5E {
                        footnote = true
                    } else if bytes[index + 2] == 0x5D && (next == 0x20 || next == 0x78 || next == 0x58 || next == 0x09) {
                        task = true
                    }
                default: break
                }
                index += 1
            }
        }

        var any: Bool { pipe || tilde || footnote || task || autolink }
    }

    /// What the passes leave for the walk that follows: true positions of nodes parsed from pieces of the
    /// page, ids the page already uses, and problems found.
    struct Outcome {
        var positions: [OpaquePointer: SourcePoint] = [:]
        var reservedIDs: [String] = []
        var problems: [Diagnostic] = []
    }

    /// Rewrites `document` in place; with footnote definitions the page is parsed again without them, and
    /// `document` then points at the new tree (the old one is freed).
    static func apply(to document: inout OpaquePointer, markdown: inout String, options: Int32) -> Outcome {
        let triggers = markdown.withUTF8 { Triggers($0) }
        guard triggers.any else { return Outcome() }
        var context = ExtensionContext(source: SourceLines(Array(markdown.utf8)), options: options)
        var footnotes = FootnoteSet()
        if triggers.footnote {
            footnotes = context.extractFootnotes(from: &document)
        }
        if triggers.pipe {
            context.rewriteTables(in: document)
            for definition in footnotes.definitions { context.rewriteTables(in: definition.body, piece: definition.piece) }
        }
        let roots = [document] + footnotes.bodies
        if triggers.task {
            for root in roots { context.markTaskItems(in: root) }
        }
        if triggers.footnote {
            context.linkFootnotes(&footnotes, in: document)
        }
        if triggers.tilde || triggers.autolink {
            let allRoots = [document] + footnotes.bodies
            for root in allRoots { context.rewriteInlines(in: root, strikethrough: triggers.tilde, autolinks: triggers.autolink) }
        }
        var outcome = Outcome(positions: context.positions, problems: context.problems)
        if triggers.footnote {
            outcome.reservedIDs = footnotes.finish(into: document)
        }
        return outcome
    }
}
