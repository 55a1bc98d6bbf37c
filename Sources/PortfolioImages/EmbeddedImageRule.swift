import Foundation
import PortfolioSupport

/// The warning for a local image that raw HTML or CSS names: the build publishes such a file as it
/// is, so one over 5 MB or over 4,000 px on its long side makes every visitor download all of it.
public enum EmbeddedImageRule {
    public static let maximumBytes = 5_000_000
    public static let maximumSide = 4_000

    /// The warning for the image `url`, written in the file at `contentPath` (in `content/`) and named
    /// at `location`; nil for a remote, missing or small image.
    public static func check(
        _ url: String, writtenIn contentPath: String, at location: SourceLocation, lookup: ImageLookup, how: String
    ) -> Diagnostic? {
        guard let path = ImageLookup.contentPath(of: url, writtenIn: contentPath) else { return nil }
        let bytes = lookup.byteCount(path) ?? 0
        var facts: ImageFacts?
        if case .image(let found)? = lookup.find(path) { facts = found }
        let side = facts.map { max($0.width, $0.height) } ?? 0
        guard bytes > maximumBytes || side > maximumSide else { return nil }
        var size: [String] = []
        if bytes > maximumBytes { size.append(String(format: "%.1f MB", Double(bytes) / 1_000_000)) }
        if let facts, side > maximumSide { size.append("\(facts.width)×\(facts.height) px") }
        return Diagnostic(
            .warning, "image.unprocessed", at: location,
            "image '\(url)' is \(size.joined(separator: ", ")) and \(how), so it is published as it is, never resized",
            hint: "write it as a Markdown image ![alt](\(url)) or as heroImage, which get resized copies, or shrink the file")
    }
}
