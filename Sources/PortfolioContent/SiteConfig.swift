import OrderedCollections
import PortfolioSupport

/// The site-wide settings of `portfolio.yaml`: who the trainer is, where the site lives, and the
/// few switches that change how pages are built.
public struct SiteConfig: Sendable, Hashable {
    /// One link of the author (LinkedIn, GitHub, a scheduling page...).
    public struct Link: Sendable, Hashable {
        public var name: String
        public var url: String
    }

    /// The trainer the portfolio presents.
    public struct Author: Sendable, Hashable {
        public var name: String?
        public var headline: String?
        public var bio: String?
        public var email: String?
        public var location: String?
        public var availability: String?
        public var links: [Link] = []
    }

    /// The call to action shown on the home page and below each project.
    public struct CallToAction: Sendable, Hashable {
        public var text: String?
        public var button: String?
        public var url: String?
    }

    /// Typesetting the TeX of write-ups: `math: true`, or `math: { enabled: true, katex_url: ... }`.
    /// `$...$` is kept from Markdown as TeX on every page; this decides whether pages showing it load KaTeX.
    public struct Math: Sendable, Hashable {
        /// Pages that show math load KaTeX, unless their front matter says `math: false`.
        public var enabled = false
        /// The folder KaTeX's `katex.min.css`, `katex.min.js` and `contrib/auto-render.min.js` load from.
        public var katexURL = "https://cdn.jsdelivr.net/npm/katex@0.16.11/dist/"
    }

    public var title = "Portfolio"
    public var description: String?
    /// Absolute URL of the site's root, always ending in `/` (e.g. `https://me.github.io/portfolio/`).
    public var baseURL = "/"
    public var language = "en"
    public var author = Author()
    public var cta = CallToAction()
    /// The structured `hire:` block; nil when the config has none.
    public var hire: HireProfile?
    /// Projects per list page (Hugo's default is 10 too); 0 puts every project on one page.
    public var paginate = 10
    public var allowUnsafeHTML = false
    /// Whole write-ups in the feed rather than summaries.
    public var feedFullContent = true
    public var math = Math()
    /// Publish images with their EXIF, XMP and IPTC metadata (`images: { keep_metadata: true }`); by
    /// default it is stripped, since phones write into each photo where it was taken.
    public var keepImageMetadata = false
    /// A 1200×630 PNG card per project and for the home page, for link previews (`social_cards: false` turns them off).
    public var socialCards = true
    /// Unknown keys, for templates under `site.params`.
    public var params: OrderedDictionary<String, YAMLValue> = [:]

    public init() {}

    /// The path part of the base URL (`/portfolio/`), which every site-relative link starts with.
    public var basePath: String {
        guard let schemeEnd = schemeSeparator else { return baseURL }
        guard let slash = baseURL.utf8[schemeEnd.upperBound...].firstIndex(of: UInt8(ascii: "/")) else { return "/" }
        return String(baseURL[slash...])
    }

    /// Whether `baseURL` is absolute, so feeds, sitemaps and social cards can use it.
    public var hasAbsoluteBaseURL: Bool { schemeSeparator != nil }

    /// The `://` after the base URL's scheme, nil in a URL without one (`/portfolio/`).
    private var schemeSeparator: Range<String.Index>? { baseURL.utf8.firstRange(of: "://".utf8) }

    /// Turns any base URL the user writes into one ending in `/`.
    public static func normalizedBaseURL(_ url: String) -> String {
        let trimmed = String(url.trimmingSpaces)
        if trimmed.isEmpty { return "/" }
        return SitePaths.folder(trimmed)
    }

    /// Reads `portfolio.yaml`; a missing file is fine (every key has a default), a broken one is reported.
    public static func decode(_ yaml: String, file: String, diagnostics: inout Diagnostics) -> SiteConfig {
        var config = SiteConfig()
        var decoder = ConfigDecoder(reader: YAMLReader(file: file, firstLine: 1))
        defer { diagnostics.append(contentsOf: decoder.diagnostics) }
        guard let root = decoder.reader.parse(yaml, diagnostics: &decoder.diagnostics) else { return config }
        guard case .mapping(let mapping) = root.content else {
            if root.text?.isEmpty == true { return config }
            decoder.diagnostics.error("config.type", at: decoder.reader.location(of: root), "portfolio.yaml must be a mapping of keys to values")
            return config
        }
        for (keyNode, value) in mapping {
            guard let key = keyNode.text else { continue }
            decoder.apply(key, value, to: &config)
        }
        return config
    }
}

/// Reads the keys of `portfolio.yaml` into a `SiteConfig`, reporting values of the wrong type at their place.
private struct ConfigDecoder {
    let reader: YAMLReader
    var diagnostics = Diagnostics()

    mutating func apply(_ key: String, _ value: YAMLNode, to config: inout SiteConfig) {
        switch key {
        case "title": config.title = text(value, key) ?? config.title
        case "description": config.description = text(value, key)
        case "base_url", "baseURL", "baseurl", "url": config.baseURL = SiteConfig.normalizedBaseURL(text(value, key) ?? "/")
        case "language", "languageCode", "lang": config.language = text(value, key) ?? "en"
        case "unsafe_html": config.allowUnsafeHTML = flag(value, key)
        case "feed_full_content": config.feedFullContent = flag(value, key)
        case "math": math(value, into: &config)
        case "social_cards": config.socialCards = flag(value, key)
        case "images": images(value, into: &config)
        case "paginate":
            if let count = text(value, key).flatMap({ Int($0) }), count >= 0 {
                config.paginate = count
            } else {
                diagnostics.error("config.type", at: reader.location(of: value), "'paginate' must be a whole number (0 for no pagination)")
            }
        case "author": author(value, into: &config)
        case "hire": config.hire = HireProfile.decode(value, reader: reader, diagnostics: &diagnostics)
        case "cta":
            if value.text != nil { config.cta.text = text(value, key); return }
            config.cta = SiteConfig.CallToAction(text: text(value["text"], "cta.text"), button: text(value["button"], "cta.button"), url: text(value["url"], "cta.url"))
        default:
            if let plain = reader.value(of: value, diagnostics: &diagnostics) { config.params[key] = plain }
        }
    }

    /// `math: true`, or `math: { enabled, katex_url }`.
    mutating func math(_ value: YAMLNode, into config: inout SiteConfig) {
        guard case .mapping = value.content else {
            config.math.enabled = flag(value, "math")
            return
        }
        if let enabled = value["enabled"] { config.math.enabled = flag(enabled, "math.enabled") } else { config.math.enabled = true }
        if let url = text(value["katex_url"], "math.katex_url") { config.math.katexURL = SitePaths.folder(url) }
    }

    mutating func images(_ value: YAMLNode, into config: inout SiteConfig) {
        guard case .mapping(let settings) = value.content else {
            diagnostics.error("config.type", at: reader.location(of: value), "'images' must be a mapping such as { keep_metadata: false }")
            return
        }
        for (settingKey, setting) in settings {
            switch settingKey.text {
            case "keep_metadata": config.keepImageMetadata = flag(setting, "images.keep_metadata")
            default:
                diagnostics.warning(
                    "config.unknown-key", at: reader.location(of: settingKey), "unknown key 'images.\(settingKey.text ?? "")'",
                    hint: "the images settings are: keep_metadata")
            }
        }
    }

    /// `author: Name`, or a mapping with name, headline, bio, email, location, availability and links.
    mutating func author(_ value: YAMLNode, into config: inout SiteConfig) {
        if value.text != nil {
            config.author.name = text(value, "author")
            return
        }
        config.author.name = text(value["name"], "author.name")
        config.author.headline = text(value["headline"], "author.headline")
        config.author.bio = text(value["bio"], "author.bio")
        config.author.email = text(value["email"], "author.email")
        config.author.location = text(value["location"], "author.location")
        config.author.availability = text(value["availability"], "author.availability")
        guard case .sequence(let links)? = value["links"]?.content else { return }
        for link in links {
            guard let name = text(link["name"], "links.name"), let url = text(link["url"], "links.url") else {
                diagnostics.error("config.link", at: reader.location(of: link), "each author link needs a name and a url")
                continue
            }
            config.author.links.append(SiteConfig.Link(name: name, url: url))
        }
    }

    mutating func text(_ node: YAMLNode?, _ key: String) -> String? {
        guard let node else { return nil }
        guard let text = node.text else {
            diagnostics.error("config.type", at: reader.location(of: node), "'\(key)' must be a text value")
            return nil
        }
        return text.isEmpty ? nil : text
    }

    mutating func flag(_ node: YAMLNode, _ key: String) -> Bool {
        if case .scalar(let scalar) = node.content, case .bool(let value) = YAMLReader.plainValue(of: scalar) { return value }
        diagnostics.error("config.type", at: reader.location(of: node), "'\(key)' must be true or false")
        return false
    }
}
