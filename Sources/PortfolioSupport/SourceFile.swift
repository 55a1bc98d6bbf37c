/// One file of the site, named the three ways the stages need. It is copied as a value through every
/// stage (listings, cache entries, pages, diagnostics), so its three paths live in one shared
/// reference: a copy retains one object instead of three strings.
public struct SourceFile: Sendable, Hashable {
    /// The three names, never changed in place: setting one makes a new set.
    private final class Paths: Sendable {
        let contentPath: String
        let sitePath: String
        let absolutePath: String

        init(contentPath: String, sitePath: String, absolutePath: String) {
            self.contentPath = contentPath
            self.sitePath = sitePath
            self.absolutePath = absolutePath
        }
    }

    private var paths: Paths
    /// Size and modification time (nanoseconds since 1970) when scanned: what the build stamp compares.
    public var size: Int = 0
    public var modified: Int = 0

    public init(contentPath: String, sitePath: String, absolutePath: String, size: Int = 0, modified: Int = 0) {
        paths = Paths(contentPath: contentPath, sitePath: sitePath, absolutePath: absolutePath)
        self.size = size
        self.modified = modified
    }

    /// Relative to `content/`, e.g. `projects/rlhf/index.md`.
    public var contentPath: String {
        get { paths.contentPath }
        set { paths = Paths(contentPath: newValue, sitePath: sitePath, absolutePath: absolutePath) }
    }

    /// Relative to the site root, as diagnostics name it: `content/projects/rlhf/index.md`.
    public var sitePath: String {
        get { paths.sitePath }
        set { paths = Paths(contentPath: contentPath, sitePath: newValue, absolutePath: absolutePath) }
    }

    public var absolutePath: String {
        get { paths.absolutePath }
        set { paths = Paths(contentPath: contentPath, sitePath: sitePath, absolutePath: newValue) }
    }

    public var isMarkdown: Bool { contentPath.hasSuffix(".md") || contentPath.hasSuffix(".markdown") }

    public static func == (lhs: SourceFile, rhs: SourceFile) -> Bool {
        lhs.size == rhs.size && lhs.modified == rhs.modified
            && (lhs.paths === rhs.paths
                || (lhs.contentPath == rhs.contentPath && lhs.sitePath == rhs.sitePath && lhs.absolutePath == rhs.absolutePath))
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(contentPath)
        hasher.combine(sitePath)
        hasher.combine(absolutePath)
        hasher.combine(size)
        hasher.combine(modified)
    }
}
