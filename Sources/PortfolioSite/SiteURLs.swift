import PortfolioContent

/// Makes the two kinds of URL a page needs from a site-relative path (`projects/x/`): one for links
/// inside the site (`/portfolio/projects/x/`) and an absolute one for feeds, sitemaps and social cards.
/// The base parts are worked out once: a build asks for tens of thousands of URLs.
public struct SiteURLs: Sendable {
    public let config: SiteConfig
    private let basePath: String
    private let absoluteBase: String

    public init(config: SiteConfig) {
        self.config = config
        basePath = config.basePath
        absoluteBase = config.hasAbsoluteBaseURL ? config.baseURL : basePath
    }

    public func url(_ sitePath: String) -> String { basePath + sitePath }

    /// Absolute when `base_url` is, otherwise root-relative; remote URLs pass through.
    public func absoluteURL(_ sitePath: String) -> String {
        SiteURLs.isRemote(sitePath) ? sitePath : absoluteBase + sitePath
    }

    /// A URL for an image that may be remote or a site-relative path.
    public func imageURL(_ image: String) -> String {
        SiteURLs.isRemote(image) ? image : url(image)
    }

    /// `//host/...` or a scheme (`https://`); a plain scan, since the generic `firstRange(of:)` costs
    /// more than the rest of making the URL.
    package static func isRemote(_ url: String) -> Bool {
        var slashesAfterColon = -1
        for byte in url.utf8 {
            switch (byte, slashesAfterColon) {
            case (UInt8(ascii: ":"), _): slashesAfterColon = 0
            case (UInt8(ascii: "/"), 0): slashesAfterColon = 1
            case (UInt8(ascii: "/"), 1): return true
            default: slashesAfterColon = -1
            }
        }
        return url.hasPrefix("//")
    }
}
