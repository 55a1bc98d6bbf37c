/// One file of the site, named the three ways the stages need.
public struct SourceFile: Sendable, Hashable {
    /// Relative to `content/`, e.g. `projects/rlhf/index.md`.
    public var contentPath: String
    /// Relative to the site root, as diagnostics name it: `content/projects/rlhf/index.md`.
    public var sitePath: String
    public var absolutePath: String
    /// Size and modification time (nanoseconds since 1970) when scanned: what the build stamp compares.
    public var size: Int = 0
    public var modified: Int = 0

    public init(contentPath: String, sitePath: String, absolutePath: String, size: Int = 0, modified: Int = 0) {
        self.contentPath = contentPath
        self.sitePath = sitePath
        self.absolutePath = absolutePath
        self.size = size
        self.modified = modified
    }

    public var isMarkdown: Bool { contentPath.hasSuffix(".md") || contentPath.hasSuffix(".markdown") }
}
