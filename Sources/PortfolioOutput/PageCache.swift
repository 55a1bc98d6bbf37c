import Foundation
import PortfolioContent
import PortfolioSite
import PortfolioSupport

/// Parsed pages kept from the last build (`.portfolio-cache/pages.bin`), so a build after an edit
/// parses only the files that changed. A page is reused while every file it was made from (its
/// Markdown, its metric files, the other files of its bundle) has the size and time it had; the
/// whole cache is dropped when anything else could change a parse: the program, the config, the
/// theme, the options, or which files exist at all.
///
/// After a small edit only the entries that differ from `pages.bin` are written, to
/// `pages-changes.bin`; the whole file is written again once the changes grow.
public struct PageCache: Sendable {
    /// One Markdown file as the last build left it.
    public struct Entry: Sendable {
        /// Site paths of the files the page was made from, its own first.
        public var inputs: [String]
        /// `PageCache.inputKey` of `inputs` when the page was parsed.
        public var inputKey: UInt64
        /// Nil when the file did not make a page (errors). Its `contentKey` is `inputKey`.
        public var page: Page?
        public var diagnostics: [Diagnostic]
        /// What the site-wide content rules found in the page, and the fingerprint of the published
        /// paths they were checked against (see `ContentRules.check`).
        public var rules: ContentRules.Findings? {
            didSet { archived = nil }
        }
        /// The entry as the cache file held it, written back as it is when nothing in it changed:
        /// archiving ten thousand pages again would cost more than the rest of a small rebuild.
        var archived: ArraySlice<UInt8>?
        /// Read from `pages.bin` and unchanged since: it need not go into the changes file.
        var isInBase: Bool { archived != nil && readFromBase }
        var readFromBase = false

        func archive(into writer: inout CacheWriter) {
            if let archived {
                writer.append(archived)
                return
            }
            writer.write(inputs)
            writer.write(inputKey)
            writer.write(page)
            writer.write(diagnostics)
            writer.write(rules?.published)
            writer.write(rules?.diagnostics ?? [])
        }

        package init(inputs: [String], inputKey: UInt64, page: Page?, diagnostics: [Diagnostic]) {
            self.inputs = inputs
            self.inputKey = inputKey
            self.page = page
            self.page?.contentKey = inputKey
            self.diagnostics = diagnostics
        }

        init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
            let start = reader.offset
            self.init(inputs: try reader.read(), inputKey: try reader.read(), page: try reader.read(), diagnostics: try reader.read())
            let published: UInt64? = try reader.read()
            let found: [Diagnostic] = try reader.read()
            rules = published.map { ContentRules.Findings(published: $0, diagnostics: found) }
            archived = reader.bytes(from: start)
        }
    }

    /// Everything besides the content files that decides how they parse and render.
    public var environment: UInt64
    /// Hash of the site paths of every content file, in the scanner's (sorted) order.
    public var contentSet: UInt64
    public var entries: [String: Entry] = [:]
    /// Identifies the `pages.bin` this cache was read from, which a changes file must name.
    var base: UInt64?

    static let formatVersion = "portfolio page cache 12"

    public init(environment: UInt64, contentSet: UInt64) {
        self.environment = environment
        self.contentSet = contentSet
    }

    public static func path(siteDirectory: String) -> String {
        CacheFile.folder(of: siteDirectory) + "/pages.bin"
    }

    public static func contentSet(of tree: ContentTree) -> UInt64 {
        var writer = CacheWriter()
        for file in tree.markdown { writer.write(file.sitePath) }
        for file in tree.files { writer.write(file.sitePath) }
        return ContentHash.ofBytes(writer.bytes)
    }

    /// The identity of the files a page was made from: their paths, sizes and times.
    public static func inputKey(_ inputs: [String], file: (String) -> SourceFile?) -> UInt64 {
        var writer = CacheWriter(capacity: 128)
        for path in inputs {
            let found = file(path)
            writer.write(path)
            // A missing file counts as size -1, so it differs from an empty one.
            writer.write(found?.size ?? -1)
            writer.write(found?.modified ?? 0)
        }
        return ContentHash.ofBytes(writer.bytes)
    }

    /// The entry for `file` if none of its inputs changed since it was stored.
    public func reusableEntry(for file: SourceFile, lookUp: (String) -> SourceFile?) -> Entry? {
        guard let entry = entries[file.sitePath],
              entry.inputKey == PageCache.inputKey(entry.inputs, file: { $0 == file.sitePath ? file : lookUp($0) })
        else { return nil }
        return entry
    }

    static func changesPath(siteDirectory: String) -> String {
        CacheFile.folder(of: siteDirectory) + "/pages-changes.bin"
    }

    /// The cache of the last build, or an empty one when it is missing, unreadable or made under
    /// another environment or for another set of files. The entries of `pages.bin` are stored in
    /// chunks, each after its length, decoded in parallel; those of the changes file replace them.
    public static func load(siteDirectory: String, environment: UInt64, contentSet: UInt64) -> PageCache {
        let empty = PageCache(environment: environment, contentSet: contentSet)
        guard let bytes = try? FileReader.bytes(atPath: path(siteDirectory: siteDirectory)) else { return empty }
        var reader = CacheReader(bytes)
        var chunks: [Range<Int>] = []
        var cache = empty
        do throws(CacheReader.Corrupt) {
            guard try reader.read(String.self) == formatVersion,
                  try reader.read(UInt64.self) == environment,
                  try reader.read(UInt64.self) == contentSet
            else { return empty }
            cache.base = try reader.read(UInt64.self)
            for _ in 0..<max(0, try reader.read(Int.self)) {
                let length = try reader.read(Int.self)
                let start = reader.offset
                try reader.skip(length)
                chunks.append(start..<start + length)
            }
            guard reader.isAtEnd else { return empty }
        } catch {
            return empty
        }
        var decoded = parallelMap(chunks) { chunk in entries(in: bytes, range: chunk) }
        if let changes = try? FileReader.bytes(atPath: changesPath(siteDirectory: siteDirectory)) {
            var reader = CacheReader(changes)
            if (try? reader.read(String.self)) == formatVersion, (try? reader.read(UInt64.self)) == cache.base {
                decoded.append(entries(in: changes, range: reader.offset..<changes.count, fromBase: false))
            }
        }
        cache.entries.reserveCapacity(decoded.reduce(0) { $0 + ($1?.count ?? 0) })
        for chunk in decoded {
            guard let chunk else { return empty }
            for (sitePath, entry) in chunk { cache.entries[sitePath] = entry }
        }
        return cache
    }

    private static func entries(in bytes: [UInt8], range: Range<Int>, fromBase: Bool = true) -> [(String, Entry)]? {
        var reader = CacheReader(bytes, range: range)
        var entries: [(String, Entry)] = []
        do throws(CacheReader.Corrupt) {
            while !reader.isAtEnd {
                let sitePath: String = try reader.read()
                var entry = try Entry(from: &reader)
                entry.readFromBase = fromBase
                entries.append((sitePath, entry))
            }
            return entries
        } catch {
            return nil
        }
    }

    /// Entries per chunk of the cache file.
    static let chunkSize = 512

    /// Writes the entries that changed since `pages.bin` to the changes file, or the whole cache when
    /// they are many or there is no base to change; failing to only costs the next build its shortcut.
    public func save(siteDirectory: String) {
        let changed = entries.compactMap { $0.value.isInBase ? nil : $0.key }.sorted()
        if let base, changed.count <= max(256, entries.count / 8) {
            var writer = CacheWriter()
            writer.write(PageCache.formatVersion)
            writer.write(base)
            for sitePath in changed {
                writer.write(sitePath)
                entries[sitePath]!.archive(into: &writer)
            }
            CacheFile.write(writer.bytes, to: PageCache.changesPath(siteDirectory: siteDirectory))
            return
        }
        let paths = entries.keys.sorted()
        var header = CacheWriter()
        header.write(PageCache.formatVersion)
        header.write(environment)
        header.write(contentSet)
        header.write(UInt64.random(in: 1...UInt64.max))
        let starts = Array(stride(from: 0, to: paths.count, by: PageCache.chunkSize))
        header.write(starts.count)
        unlink(PageCache.changesPath(siteDirectory: siteDirectory))
        // One chunk at a time through one buffer, on this thread: chunks made on other threads and
        // freed on this one held their memory until the end of the build, beside the site.
        CacheFile.write(to: PageCache.path(siteDirectory: siteDirectory)) { part in
            guard part(header.bytes) else { return }
            var chunk = CacheWriter()
            var length = CacheWriter()
            for start in starts {
                chunk.removeAll()
                for sitePath in paths[start..<min(start + PageCache.chunkSize, paths.count)] {
                    chunk.write(sitePath)
                    entries[sitePath]!.archive(into: &chunk)
                }
                length.removeAll()
                length.write(chunk.bytes.count)
                guard part(length.bytes), part(chunk.bytes) else { return }
            }
        }
    }
}
