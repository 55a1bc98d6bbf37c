import Foundation
import PortfolioImages
import PortfolioSupport

/// The image stage of the write step: publishes each raster image of `content/` re-encoded without
/// its metadata at its own path, plus the resized copies the pages' markup offers. Every file it
/// makes is kept in `.portfolio-cache/images/`, named by the hash of the original's bytes and the
/// settings, so the same photo is never processed twice; an image whose file did not change is
/// linked from the published output without being read at all.
package struct ImagePublisher: Sendable {
    let staging: Staging
    /// `.portfolio-cache/images`, or nil when the build keeps no cache.
    let cacheFolder: String?
    let keepMetadata: Bool

    package init(staging: Staging, cacheFolder: String?, keepMetadata: Bool) {
        self.staging = staging
        self.cacheFolder = cacheFolder
        self.keepMetadata = keepMetadata
    }

    /// One file made from an image: the original re-encoded (no width), a resized copy, or the
    /// original as it is (no format).
    package struct Product: Sendable, Hashable {
        var path: String
        var width: Int?
        var format: ImageFormat?
    }

    /// The encoder settings in the C shim: bump the version when they change.
    static let encoderVersion = "images 1"

    /// What decides the bytes of every product besides the original's.
    package var settings: String { Self.encoderVersion + " keep-metadata=\(keepMetadata) avif=\(ImageCodec.canEncodeAVIF)" }

    /// The settings of PNGs drawn from SVG in the C shim (`svg_to_png`): bump the version when they change.
    static let drawingVersion = "drawings 2"

    /// What decides the bytes of a PNG drawn from SVG (favicons, social cards): the encoder alone,
    /// so that drawing none asks libvips nothing.
    package var drawingSettings: String { Self.encoderVersion + " " + Self.drawingVersion }

    /// The files to publish for the image at `outputPath`, or nil when it is only copied as it is.
    /// GIFs and animated images are copied as they are, as is every original with `keep_metadata`.
    package func products(outputPath: String, facts: ImageFacts?) -> [Product]? {
        guard ImageFiles.isRaster(outputPath) else { return nil }
        let copies = (facts.map { ImageVariants(facts: $0).copies(of: outputPath) } ?? [])
            .map { Product(path: $0.path, width: $0.width, format: $0.format) }
        let ownFormat = ImageFormat.forExtension(of: outputPath)
        if keepMetadata || ownFormat == .gif || facts.map({ $0.frames > 1 }) == true {
            return copies.isEmpty ? nil : [Product(path: outputPath, width: nil, format: nil)] + copies
        }
        // HEIC, and AVIF where no AV1 encoder exists, cannot be written again: only their copies are published.
        guard let ownFormat, ownFormat != .heic, ownFormat != .avif || ImageCodec.canEncodeAVIF else { return copies }
        return [Product(path: outputPath, width: nil, format: ownFormat)] + copies
    }

    /// Publishes `products` of `source`, keeping those whose source file did not change.
    package func publish(_ source: SourceFile, products: [Product]) throws(Staging.Failure) -> [(path: String, entry: OutputManifest.Entry)] {
        var writer = CacheWriter()
        writer.write(PageCache.inputKey([source.sitePath]) { $0 == source.sitePath ? source : nil })
        writer.write(settings)
        for product in products { writer.write(product.path) }
        let key = ContentHash.ofBytes(writer.bytes)
        var published: [(path: String, entry: OutputManifest.Entry)] = []
        var pending: [Product] = []
        for product in products {
            if let entry = try staging.reuse(product.path, inputKey: key) { published.append((product.path, entry)) } else { pending.append(product) }
        }
        guard !pending.isEmpty else { return published }
        let bytes: [UInt8]
        do throws(FileReader.Failure) {
            bytes = try FileReader.bytes(atPath: source.absolutePath)
        } catch {
            throw Staging.Failure(description: "cannot read \(source.sitePath): \(error.message)")
        }
        let fingerprint = String(ContentHash.ofBytes(bytes), radix: 16) + "-" + ContentHash.short(Array(settings.utf8))
        for product in pending {
            let made = try made(product, from: bytes, named: fingerprint, source: source)
            published.append((product.path, try staging.write(made, to: product.path, inputKey: key)))
        }
        return published
    }

    /// An SVG drawn by the build (a social card) as PNG, `width` pixels wide, cached by its text.
    package func png(fromSVG svg: String, width: Int) throws(Staging.Failure) -> [UInt8] {
        let source = Array(svg.utf8)
        let cached = cacheFolder.map { "\($0)/svg-\(String(ContentHash.ofBytes(source + drawingSettings.utf8), radix: 16))-\(width).png" }
        if let cached, let bytes = try? FileReader.bytes(atPath: cached) { return bytes }
        switch ImageCodec.png(fromSVG: source, width: width) {
        case .success(let made):
            if let cached { CacheFile.write(made, to: cached) }
            return made
        case .failure(let failure):
            throw Staging.Failure(description: "cannot draw a social card: \(failure.message)")
        }
    }

    /// The product's bytes, from the cache or made by libvips (and then cached).
    private func made(_ product: Product, from bytes: [UInt8], named fingerprint: String, source: SourceFile) throws(Staging.Failure) -> [UInt8] {
        guard let format = product.format else { return bytes }
        let cached = cacheFolder.map { "\($0)/\(fingerprint)-\(product.width.map(String.init) ?? "full").\(format.fileExtension)" }
        if let cached, let bytes = try? FileReader.bytes(atPath: cached) { return bytes }
        // A width no image has: the original is re-encoded at its own size.
        switch ImageCodec.resized(bytes, width: product.width ?? 10_000_000, format: format, keepMetadata: keepMetadata) {
        case .success(let made):
            if let cached { CacheFile.write(made, to: cached) }
            return made
        case .failure where product.width == nil:
            // A file libvips cannot decode is no picture a browser shows either: it is published as it is.
            return bytes
        case .failure(let failure):
            throw Staging.Failure(description: "cannot process the image \(source.sitePath): \(failure.message)")
        }
    }
}

extension ImageFormat {
    /// The format a file's extension names, or nil.
    package static func forExtension(of path: String) -> ImageFormat? {
        guard let dot = path.utf8.lastIndex(of: UInt8(ascii: ".")) else { return nil }
        switch path[path.utf8.index(after: dot)...].lowercased() {
        case "jpg", "jpeg": return .jpeg
        case "heif": return .heic
        case let other: return ImageFormat(rawValue: other)
        }
    }
}
