/// Parsed pages kept from the last build (`.portfolio-cache/pages.bin`), so a build after an edit
/// parses only the files that changed. A page is reused while every file it was made from (its
/// Markdown, its metric files, the other files of its bundle) has the size and time it had; the
/// whole cache is dropped when anything else could change a parse: the program, the config, the
/// theme, the options, or which files exist at all.
public struct PageCache: Sendable {
    /// One Markdown file as the last build left it.
    public struct Entry: Sendable {
        /// Site paths of the files the page was made from, its own first.
        public var inputs: [String]
        /// `PageCache.inputKey` of `inputs` when the page was parsed.
        public var inputKey: UInt64
        /// Nil when the file did not make a page (errors).
        public var page: Page?
        public var diagnostics: [Diagnostic]
        /// Hash of the rendered card, for telling which list pages changed without rendering them.
        public var cardHash: UInt64? {
            didSet { archived = nil }
        }
        /// The entry as the cache file held it, written back as it is when nothing in it changed:
        /// archiving ten thousand pages again would cost more than the rest of a small rebuild.
        var archived: ArraySlice<UInt8>?

        func archive(into writer: inout CacheWriter) {
            if let archived {
                writer.append(archived)
                return
            }
            writer.write(inputs)
            writer.write(inputKey)
            writer.write(page)
            writer.write(diagnostics)
            writer.write(cardHash)
        }

        init(inputs: [String], inputKey: UInt64, page: Page?, diagnostics: [Diagnostic], cardHash: UInt64?) {
            self.inputs = inputs
            self.inputKey = inputKey
            self.page = page
            self.diagnostics = diagnostics
            self.cardHash = cardHash
        }

        init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
            let start = reader.offset
            self.init(inputs: try reader.read(), inputKey: try reader.read(), page: try reader.read(), diagnostics: try reader.read(), cardHash: try reader.read())
            archived = reader.bytes(from: start)
        }
    }

    /// Everything besides the content files that decides how they parse and render.
    public var environment: UInt64
    /// Hash of the sorted site paths of every content file.
    public var contentSet: UInt64
    public var entries: [String: Entry] = [:]

    static let formatVersion = "portfolio page cache 1"

    public init(environment: UInt64, contentSet: UInt64) {
        self.environment = environment
        self.contentSet = contentSet
    }

    public static func path(siteDirectory: String) -> String {
        siteDirectory + ".portfolio-cache/pages.bin"
    }

    public static func contentSet(of tree: ContentTree) -> UInt64 {
        var bytes: [UInt8] = []
        for path in (tree.markdown + tree.files).map(\.sitePath).sorted() {
            bytes += path.utf8
            bytes.append(0)
        }
        return ContentHash.fnv1a(bytes)
    }

    /// The identity of the files a page was made from: their paths, sizes and times.
    public static func inputKey(_ inputs: [String], files: [String: SourceFile]) -> UInt64 {
        var bytes: [UInt8] = []
        for path in inputs {
            bytes += path.utf8
            bytes.append(0)
            if let file = files[path] {
                bytes += String(file.size).utf8
                bytes.append(0)
                bytes += String(file.modified).utf8
            }
            bytes.append(0)
        }
        return ContentHash.fnv1a(bytes)
    }

    /// The entry for `file` if none of its inputs changed since it was stored.
    public func reusableEntry(for file: SourceFile, files: [String: SourceFile]) -> Entry? {
        guard let entry = entries[file.sitePath], entry.inputKey == PageCache.inputKey(entry.inputs, files: files) else { return nil }
        return entry
    }

    /// The cache of the last build, or an empty one when it is missing, unreadable or made under
    /// another environment or for another set of files.
    public static func load(siteDirectory: String, environment: UInt64, contentSet: UInt64) -> PageCache {
        let empty = PageCache(environment: environment, contentSet: contentSet)
        guard let bytes = try? FileReader.bytes(atPath: path(siteDirectory: siteDirectory)) else { return empty }
        var reader = CacheReader(bytes)
        do throws(CacheReader.Corrupt) {
            guard try reader.read(String.self) == formatVersion,
                  try reader.read(UInt64.self) == environment,
                  try reader.read(UInt64.self) == contentSet
            else { return empty }
            var cache = empty
            let count = try reader.read(Int.self)
            for _ in 0..<max(0, count) {
                let sitePath: String = try reader.read()
                cache.entries[sitePath] = try Entry(from: &reader)
            }
            return reader.isAtEnd ? cache : empty
        } catch {
            return empty
        }
    }

    /// Writes the cache; failing to only costs the next build its shortcut.
    public func save(siteDirectory: String) {
        var writer = CacheWriter()
        writer.write(PageCache.formatVersion)
        writer.write(environment)
        writer.write(contentSet)
        writer.write(entries.count)
        for sitePath in entries.keys.sorted() {
            writer.write(sitePath)
            entries[sitePath]!.archive(into: &writer)
        }
        CacheFile.write(writer.bytes, to: PageCache.path(siteDirectory: siteDirectory))
    }
}
