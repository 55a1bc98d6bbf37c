/// Which files the build publishes of one local image, decided from its header alone: the parse stage
/// writes the markup that names them, the write stage makes them, and both must agree.
public struct ImageVariants: Sendable, Hashable {
    /// Widths of the resized copies, smallest first: the theme's breakpoints that are narrower than
    /// the image, then the image's own width when it is narrower than the widest of them.
    public static let breakpoints = [480, 960, 1600]

    public let facts: ImageFacts
    /// Whether AVIF copies are made (this machine's libvips can encode AV1).
    public let withAVIF: Bool

    public init(facts: ImageFacts, withAVIF: Bool = ImageCodec.canEncodeAVIF) {
        self.facts = facts
        self.withAVIF = withAVIF
    }

    /// Still images in a format libvips decodes; animated images and SVG are published as they are.
    public var isResized: Bool {
        facts.frames == 1 && [.jpeg, .png, .webp, .avif, .heic].contains(facts.format)
    }

    public var widths: [Int] {
        guard isResized else { return [] }
        let widest = min(facts.width, ImageVariants.breakpoints.last!)
        return ImageVariants.breakpoints.filter { $0 < widest } + [widest]
    }

    /// The format of `<img src>`, which every browser shows: the image's own, JPEG for HEIF files.
    public var fallback: ImageFormat {
        switch facts.format {
        case .avif, .heic: .jpeg
        default: facts.format
        }
    }

    /// The formats offered in `<source>` elements before the fallback, best first.
    public var sources: [ImageFormat] {
        var formats: [ImageFormat] = []
        if withAVIF, fallback != .avif { formats.append(.avif) }
        if fallback != .webp { formats.append(.webp) }
        return formats
    }

    /// Height of the copy `width` pixels wide, as libvips rounds it.
    public func height(atWidth width: Int) -> Int {
        guard facts.width > 0 else { return facts.height }
        return max(1, Int((Double(facts.height) * Double(width) / Double(facts.width)).rounded()))
    }

    /// `photos/hero.jpg` -> `photos/hero-960.webp`: where the copy of `path` in `format` at `width` goes.
    public static func path(of path: String, width: Int, format: ImageFormat) -> String {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let stem = path[slash...].lastIndex(of: ".").map { path[..<$0] } ?? path[...]
        return "\(stem)-\(width).\(format.fileExtension)"
    }

    /// Every resized copy of the image at `path`, fallback format first.
    public func copies(of path: String) -> [(path: String, width: Int, format: ImageFormat)] {
        ([fallback] + sources).flatMap { format in widths.map { (ImageVariants.path(of: path, width: $0, format: format), $0, format) } }
    }
}

/// Image file names the build treats as images (by extension, as browsers and servers do).
public enum ImageFiles {
    static let rasterExtensions: Set<String> = ["jpg", "jpeg", "png", "webp", "gif", "avif", "heic", "heif"]

    /// Whether `path` names a raster image (JPEG, PNG, WebP, GIF, AVIF, HEIC).
    public static func isRaster(_ path: String) -> Bool {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
        return rasterExtensions.contains(path[path.index(after: dot)...].lowercased())
    }

    /// Whether `path` names an image the build reads the size of: raster images and SVG.
    public static func hasSize(_ path: String) -> Bool {
        isRaster(path) || path.lowercased().hasSuffix(".svg")
    }
}
