import PortfolioSupport

/// The icons browsers and phones ask for (`/favicon.ico` on every visit, `apple-touch-icon.png` when
/// a page is added to a home screen): the user's own `content/favicon.svg|png|ico`, or by default
/// the trainer's initials on a disc of the theme's accent colour, like the avatar in the header.
public struct SiteIcons: Sendable, Hashable {
    /// One `<link>` of the page head.
    public struct Link: Sendable, Hashable {
        public var rel: String
        public var path: String
        public var type: String?
        public var sizes: String?
    }

    public static let userFiles = ["favicon.svg", "favicon.png", "favicon.ico"]

    public let links: [Link]
    /// The default icon as SVG; nil when the site brings its own.
    public let svg: String?

    /// The site's icons, given the paths it publishes from `content/` and what the default draws.
    public init(publishedFiles: [String], initials: String, colours: ThemeColours) {
        links = SiteIcons.links(publishedFiles: publishedFiles)
        guard SiteIcons.ownIcons(in: publishedFiles).isEmpty else {
            svg = nil
            return
        }
        svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">\
        <circle cx="32" cy="32" r="32" fill="\(MarkupText.escape(colours.accent))"/>\
        <text x="32" y="41.5" text-anchor="middle" font-family="DejaVu Sans, Verdana, sans-serif" font-weight="bold" \
        font-size="\(initials.count > 2 ? 20 : 26)" fill="\(MarkupText.escape(colours.accentText))">\(MarkupText.escape(initials))</text></svg>

        """
    }

    /// The user's icon files among the published paths.
    static func ownIcons(in publishedFiles: [String]) -> [String] {
        SiteIcons.userFiles.filter(publishedFiles.contains)
    }

    /// The head's icon links, which depend only on whether the site brings its own icons.
    public static func links(publishedFiles: [String]) -> [Link] {
        let own = ownIcons(in: publishedFiles)
        guard own.isEmpty else {
            return own.map { path in
                switch path {
                case "favicon.svg": Link(rel: "icon", path: path, type: "image/svg+xml")
                case "favicon.png": Link(rel: "icon", path: path, type: "image/png")
                default: Link(rel: "icon", path: path, sizes: "any")
                }
            }
        }
        return [
            Link(rel: "icon", path: "favicon.ico", sizes: "32x32"),
            Link(rel: "icon", path: "favicon.svg", type: "image/svg+xml"),
            Link(rel: "apple-touch-icon", path: "apple-touch-icon.png"),
        ]
    }

    /// The first letters of the first two words of a name: `Nora Adeyemi` -> `NA`.
    public static func initials(of name: String) -> String {
        String(name.split(separator: " ").prefix(2).compactMap(\.first))
    }

    /// The default icon's files: the SVG, a 32 px PNG inside `favicon.ico`, and a 180 px PNG.
    public func files() -> Result<[(path: String, bytes: [UInt8])], ImageFailure> {
        guard let svg else { return .success([]) }
        let source = Array(svg.utf8)
        return ImageCodec.png(fromSVG: source, width: 32).flatMap { small in
            ImageCodec.png(fromSVG: source, width: 180).map { large in
                [("favicon.svg", source), ("favicon.ico", SiteIcons.ico(containing: small, size: 32)), ("apple-touch-icon.png", large)]
            }
        }
    }

    /// An ICO file holding one PNG image: the 6-byte header, one 16-byte directory entry, the PNG.
    static func ico(containing png: [UInt8], size: Int) -> [UInt8] {
        func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
        func le32(_ value: Int) -> [UInt8] { le16(value & 0xFFFF) + le16(value >> 16) }
        let header = le16(0) + le16(1) + le16(1)
        let entry = [UInt8(size & 0xFF), UInt8(size & 0xFF), 0, 0] + le16(1) + le16(32) + le32(png.count) + le32(6 + 16)
        return header + entry + png
    }
}

/// The colours of the theme that images drawn by the build (icons, social cards) use, read from
/// the `--accent`, `--accent-text`, `--good`, `--bad`, `--bg`, `--text` and `--muted` custom
/// properties of the theme's stylesheet.
public struct ThemeColours: Sendable, Hashable {
    public var accent = "#2456c9"
    public var accentText = "#ffffff"
    public var good = "#1b7a3d"
    public var bad = "#b42318"
    public var background = "#fbfaf7"
    public var text = "#1d2733"
    public var muted = "#535d6c"

    public init() {}

    /// The first (light scheme) values in `css`; the defaults for what it does not set.
    public init(css: String) {
        read(css[...])
    }

    /// The theme's dark scheme: the values that follow `prefers-color-scheme: dark` in `css`, else the
    /// default theme's. A social card draws its text in them over a darkened photo.
    public init(darkSchemeOf css: String) {
        (accent, accentText, good, bad) = ("#8fb0ff", "#0f1318", "#6fd69a", "#ff9a8f")
        (background, text, muted) = ("#0f1318", "#e7eaee", "#a9b2bf")
        if let range = css.range(of: "prefers-color-scheme: dark") { read(css[range.upperBound...]) }
    }

    private mutating func read(_ css: Substring) {
        let css = String(css)
        if let accent = ThemeColours.value(of: "--accent", in: css) { self.accent = accent }
        if let text = ThemeColours.value(of: "--accent-text", in: css) { accentText = text }
        if let good = ThemeColours.value(of: "--good", in: css) { self.good = good }
        if let bad = ThemeColours.value(of: "--bad", in: css) { self.bad = bad }
        if let background = ThemeColours.value(of: "--bg", in: css) { self.background = background }
        if let text = ThemeColours.value(of: "--text", in: css) { self.text = text }
        if let muted = ThemeColours.value(of: "--muted", in: css) { self.muted = muted }
    }

    private static func value(of property: String, in css: String) -> String? {
        guard let range = css.range(of: property + ":") else { return nil }
        let value = css[range.upperBound...].prefix { $0 != ";" && $0 != "}" && $0 != "\n" }.trimmingSpaces
        // A colour only: a `var(...)` or anything with markup in it is not drawn.
        return value.allSatisfy { $0.isLetter || $0.isNumber || $0 == "#" } && !value.isEmpty ? String(value) : nil
    }
}
