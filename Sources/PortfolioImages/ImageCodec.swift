import CVipsShim

/// The image formats the build reads and writes.
public enum ImageFormat: String, Sendable, Hashable, CaseIterable {
    case jpeg, png, webp, gif, avif, heic, svg

    /// The MIME type, for `<source type=...>` and `og:image:type`.
    public var mimeType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .webp: "image/webp"
        case .gif: "image/gif"
        case .avif: "image/avif"
        case .heic: "image/heic"
        case .svg: "image/svg+xml"
        }
    }

    /// The file extension written for files of this format.
    public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }
}

/// What the header of an image says, read without decoding its pixels.
public struct ImageFacts: Sendable, Hashable {
    /// Size in pixels as the image is shown, after its EXIF orientation is applied.
    public var width: Int
    public var height: Int
    public var format: ImageFormat
    /// Frames: more than one for an animated GIF or WebP.
    public var frames: Int

    public init(width: Int, height: Int, format: ImageFormat, frames: Int = 1) {
        self.width = width
        self.height = height
        self.format = format
        self.frames = frames
    }
}

/// Why libvips could not read or write an image, in its own words.
public struct ImageFailure: Error, Sendable, Hashable {
    public var message: String
    /// libvips itself could not be loaded: no image can be read on this machine, whatever the file.
    public var libvipsIsMissing = false
}

/// Reads, resizes and encodes images through libvips, which streams and shrinks on load, so a
/// 20-megapixel photo never sits in memory whole. Values in, values out; the only state is the
/// library's own.
public enum ImageCodec {
    /// libvips must be loaded and initialised once per process before any other call (`pv_init`); a
    /// `static let` runs that exactly once, on first use, from whichever thread gets there first. The
    /// AVIF probe (an encode, which sets up more of libvips's formats) runs with it, so that libvips
    /// is set up the same way whichever call comes first.
    private static let setUp: (loadFailure: ImageFailure?, canEncodeAVIF: Bool) = {
        guard pv_init() == 0 else { return (ImageFailure(message: String(cString: pv_load_error()), libvipsIsMissing: true), false) }
        return (nil, pv_can_encode_avif() == 1)
    }()

    /// Whether this machine's libvips can encode AVIF (libheif built with an AV1 encoder).
    public static var canEncodeAVIF: Bool { setUp.canEncodeAVIF }

    /// The header of the image file at `path`; a failure when libvips cannot read it.
    public static func facts(atPath path: String) -> Result<ImageFacts, ImageFailure> {
        if let failure = setUp.loadFailure { return .failure(failure) }
        var raw = pv_facts()
        var error: UnsafeMutablePointer<CChar>?
        guard pv_facts_of_file(path, &raw, &error) == 0 else { return .failure(failure(from: error)) }
        let format = withUnsafeBytes(of: raw.format) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let compression = withUnsafeBytes(of: raw.compression) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let known: ImageFormat? = switch format {
        case "heif": compression == "av1" ? .avif : .heic
        default: ImageFormat(rawValue: format)
        }
        guard let known else { return .failure(ImageFailure(message: "not an image format the site can publish")) }
        return .success(ImageFacts(width: Int(raw.width), height: Int(raw.height), format: known, frames: max(1, Int(raw.pages))))
    }

    /// The image in `bytes` turned upright, shrunk to at most `width` pixels wide (never enlarged)
    /// and encoded as `format`. Without `keepMetadata`, EXIF (GPS included), XMP, IPTC and the colour
    /// profile are left out; an image with a profile is converted to sRGB first, so it looks the same.
    public static func resized(_ bytes: [UInt8], width: Int, format: ImageFormat, keepMetadata: Bool) -> Result<[UInt8], ImageFailure> {
        if let failure = setUp.loadFailure { return .failure(failure) }
        return encoded { output, length, error in
            bytes.withUnsafeBytes { buffer in
                pv_resize(buffer.baseAddress, buffer.count, Int32(width), format.rawValue, keepMetadata ? 0 : 1, &output, &length, &error)
            }
        }
    }

    /// An SVG document rendered through librsvg, `width` pixels wide, as PNG.
    public static func png(fromSVG svg: [UInt8], width: Int) -> Result<[UInt8], ImageFailure> {
        if let failure = setUp.loadFailure { return .failure(failure) }
        return encoded { output, length, error in
            svg.withUnsafeBytes { buffer in pv_svg_to_png(buffer.baseAddress, buffer.count, Int32(width), &output, &length, &error) }
        }
    }

    private static func encoded(
        _ call: (inout UnsafeMutableRawPointer?, inout Int, inout UnsafeMutablePointer<CChar>?) -> Int32
    ) -> Result<[UInt8], ImageFailure> {
        var output: UnsafeMutableRawPointer?
        var length = 0
        var error: UnsafeMutablePointer<CChar>?
        guard call(&output, &length, &error) == 0, let output else { return .failure(failure(from: error)) }
        defer { pv_free(output) }
        return .success(Array(UnsafeRawBufferPointer(start: output, count: length)))
    }

    /// The first line of an operation's libvips messages.
    private static func failure(from text: UnsafeMutablePointer<CChar>?) -> ImageFailure {
        guard let text else { return ImageFailure(message: "unknown libvips error") }
        defer { pv_free(text) }
        let message = String(cString: text).split(separator: "\n").first.map(String.init) ?? ""
        return ImageFailure(message: message.isEmpty ? "unknown libvips error" : message)
    }
}
