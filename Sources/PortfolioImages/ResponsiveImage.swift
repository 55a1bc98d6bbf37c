import PortfolioSupport

/// One local image as a page shows it: a `<picture>` offering the resized copies in the best format
/// the browser takes, with the image's true size so nothing moves while it loads.
public struct ResponsiveImage: Sendable, Hashable {
    /// How soon the browser should fetch the image.
    public enum Priority: Sendable, Hashable {
        /// The largest thing above the fold (a project's hero): fetched first, never lazily.
        case high
        /// Anything else: fetched when the reader scrolls near it.
        case lazy
    }

    /// Where the page links to the original file, as written into the markup.
    public var url: String
    public var variants: ImageVariants

    public init(url: String, facts: ImageFacts) {
        self.url = url
        variants = ImageVariants(facts: facts)
    }

    /// The `srcset` of the copies in `format`: `hero-480.webp 480w, hero-960.webp 960w`.
    public func srcset(_ format: ImageFormat) -> String {
        variants.widths.map { "\(ImageVariants.path(of: url, width: $0, format: format)) \($0)w" }.joined(separator: ", ")
    }

    /// The URL of the largest copy in the fallback format, or the original when none is made.
    public var largestURL: String {
        variants.widths.last.map { ImageVariants.path(of: url, width: $0, format: variants.fallback) } ?? url
    }

    /// The size of the image `largestURL` names.
    public var largestSize: (width: Int, height: Int) {
        variants.widths.last.map { ($0, variants.height(atWidth: $0)) } ?? (variants.facts.width, variants.facts.height)
    }

    /// The markup: `<picture>` with a `<source>` per modern format around the fallback `<img>`, or a
    /// plain `<img>` for images published as they are. `sizes` says how wide the theme shows it.
    public func html(alt: String, sizes: String, priority: Priority, className: String? = nil) -> String {
        let facts = variants.facts
        let sizesAttribute = " sizes=\"\(MarkupText.escape(sizes))\""
        let srcsetAttribute = variants.widths.isEmpty ? "" : " srcset=\"\(MarkupText.escape(srcset(variants.fallback)))\"" + sizesAttribute
        let img = ResponsiveImage.img(
            largestURL, alt: alt, priority: priority, className: className,
            extra: srcsetAttribute + " width=\"\(facts.width)\" height=\"\(facts.height)\"")
        guard !variants.widths.isEmpty else { return img }
        let sources = variants.sources.map { format in
            "<source type=\"\(format.mimeType)\" srcset=\"\(MarkupText.escape(srcset(format)))\"\(sizesAttribute)>"
        }
        return "<picture>" + sources.joined() + img + "</picture>"
    }

    /// An `<img>` of an image the build knows nothing of (a remote URL), with `extra` attributes.
    public static func img(_ url: String, alt: String, priority: Priority, className: String? = nil, extra: String = "") -> String {
        var img = "<img"
        if let className { img += " class=\"\(MarkupText.escape(className))\"" }
        img += " src=\"\(MarkupText.escape(url))\"" + extra + " alt=\"\(MarkupText.escape(alt))\""
        return img + (priority == .high ? " fetchpriority=\"high\" decoding=\"async\">" : " loading=\"lazy\" decoding=\"async\">")
    }
}

/// How wide the default theme shows images, for `sizes` (see `templates/assets/style.css`): `.wrap`
/// is `min(100% - 2.5rem, 72rem)`, the prose column at most 44rem, cards a grid of columns of at
/// least 20rem in the wrap.
public enum ImageSizes {
    public static let hero = "(min-width: 74.5rem) 72rem, calc(100vw - 2.5rem)"
    public static let body = "(min-width: 46.5rem) 44rem, calc(100vw - 2.5rem)"
    public static let card = "(min-width: 74.5rem) 23rem, (min-width: 45rem) calc(50vw - 2rem), calc(100vw - 2.5rem)"
}
