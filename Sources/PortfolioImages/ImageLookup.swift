import PortfolioContent
import PortfolioSupport

/// What the parse stage learns of the local images a page shows, by their path in `content/`: the
/// header of each file, or why it could not be read. The build reads the headers from disk; the
/// stages that use them stay free of file access, and tests hand them facts directly.
public struct ImageLookup: Sendable {
    public enum Found: Sendable, Hashable {
        case image(ImageFacts)
        case unreadable(ImageFailure)
    }

    package let find: @Sendable (_ contentPath: String) -> Found?
    /// The size of the file in bytes, nil when there is no such file.
    package let byteCount: @Sendable (_ contentPath: String) -> Int?

    public init(
        _ find: @escaping @Sendable (_ contentPath: String) -> Found?,
        byteCount: @escaping @Sendable (_ contentPath: String) -> Int? = { _ in nil }
    ) {
        self.find = find
        self.byteCount = byteCount
    }

    /// Knows no images: every image is left as the Markdown wrote it.
    public static let none = ImageLookup { _ in nil }

    /// The path in `content/` that an image URL written in the file at `contentPath` names, or nil
    /// for remote URLs, URLs with a query or fragment, and files that are not images.
    public static func contentPath(of url: String, writtenIn contentPath: String) -> String? {
        guard !url.isEmpty, !url.hasPrefix("//"),
              !url.utf8.contains(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: ":") }),
              ImageFiles.hasSize(url) else { return nil }
        let folder = url.hasPrefix("/") ? "" : Placement(contentPath: contentPath).directory
        let resolved = SitePaths.resolve(url.hasPrefix("/") ? String(url.dropFirst()) : url, against: folder)
        return resolved.hasPrefix("..") || resolved.isEmpty ? nil : resolved
    }
}

/// A local image a page shows, with what its header said: kept with the page so the write stage
/// knows which resized copies to make without reading the file again.
public struct PageImage: Sendable, Hashable {
    /// Relative to `content/`.
    public var contentPath: String
    public var facts: ImageFacts

    public init(contentPath: String, facts: ImageFacts) {
        self.contentPath = contentPath
        self.facts = facts
    }
}
