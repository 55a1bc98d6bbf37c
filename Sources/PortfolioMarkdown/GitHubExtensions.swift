import CCmark
import PortfolioSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

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

        /// Each byte that can start a syntax is found with `memchr`, which scans many bytes per step;
        /// the few hits (a `.` per sentence) are then looked at in their place.
        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            pipe = Self.first(of: 0x7C, in: bytes) != nil
            tilde = Self.first(of: 0x7E, in: bytes) != nil
            autolink = Self.first(of: 0x40, in: bytes) != nil
                || Self.anyOf(0x3A, in: bytes) { index in index + 2 < bytes.count && bytes[index + 1] == 0x2F && bytes[index + 2] == 0x2F }
                || Self.anyOf(0x2E, in: bytes) { index in
                    index >= 3 && bytes[index - 1] | 0x20 == 0x77 && bytes[index - 2] | 0x20 == 0x77 && bytes[index - 3] | 0x20 == 0x77
                }
            var index = Self.first(of: 0x5B, in: bytes)
            while let bracket = index, !(footnote && task) {
                if bracket + 2 < bytes.count {
                    let next = bytes[bracket + 1]
                    if next == 0x5E {
                        footnote = true
                    } else if bytes[bracket + 2] == 0x5D && (next == 0x20 || next == 0x78 || next == 0x58 || next == 0x09) {
                        task = true
                    }
                }
                index = Self.first(of: 0x5B, in: bytes, from: bracket + 1)
            }
        }

        /// Where `byte` first occurs at or after `start`.
        private static func first(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
            guard let base = bytes.baseAddress, start < bytes.count,
                  let found = memchr(base + start, Int32(byte), bytes.count - start) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }

        /// Whether `byte` occurs at some index that `holds`.
        private static func anyOf(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, where holds: (Int) -> Bool) -> Bool {
            var index = first(of: byte, in: bytes)
            while let found = index {
                if holds(found) { return true }
                index = first(of: byte, in: bytes, from: found + 1)
            }
            return false
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
