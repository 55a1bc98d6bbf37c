/// Makes the two kinds of URL a page needs from a site-relative path (`projects/x/`): one for links
/// inside the site (`/portfolio/projects/x/`) and an absolute one for feeds, sitemaps and social cards.
public struct SiteURLs: Sendable {
    public let config: SiteConfig

    public init(config: SiteConfig) { self.config = config }

    public func url(_ sitePath: String) -> String { config.basePath + sitePath }

    /// Absolute when `base_url` is, otherwise root-relative; remote URLs pass through.
    public func absoluteURL(_ sitePath: String) -> String {
        if sitePath.contains("://") || sitePath.hasPrefix("//") { return sitePath }
        return (config.hasAbsoluteBaseURL ? config.baseURL : config.basePath) + sitePath
    }

    /// A URL for an image that may be remote or a site-relative path.
    public func imageURL(_ image: String) -> String {
        image.contains("://") || image.hasPrefix("//") ? image : url(image)
    }
}
