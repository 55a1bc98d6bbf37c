import PortfolioSite
import PortfolioTemplates

/// A page the site publishes from its own data rather than from a file in `content/`, such as the CV.
/// Adding such a page is its layout template in `templates/` plus one entry in `all`: the tasks, the
/// published paths, the navigation, the sitemap, the required templates and the cache key follow.
public struct BuiltInPage: Sendable {
    /// The template that draws it, `templates/<layout>.mustache`.
    public let layout: String
    /// Where it is published, `cv/`.
    public let urlPath: String
    /// Its link in the header navigation, after the site's own pages; nil for none.
    let navigationTitle: String?
    /// Whether the site has what the page shows.
    let isPublished: @Sendable (Site) -> Bool
    /// Its template view; everything it shows must be in it, as the view's fingerprint is the page's
    /// cache key.
    let view: @Sendable (SiteRenderer) -> TemplateValue
    /// What its view holds, for checking the names its template uses; a function, as the views'
    /// fields list every page kind, these among them.
    let shape: @Sendable () -> TemplateShape

    /// Every built-in page, in the order they are linked from the navigation.
    public static let all: [BuiltInPage] = [.cv]

    /// `/cv/`, for a site with CV data (`hire:` or `resume.json`).
    static let cv = BuiltInPage(
        layout: "cv", urlPath: "cv/", navigationTitle: "CV", isPublished: { $0.cv != nil }, view: { $0.cvView() },
        shape: { CVPageView.shape })

    /// The indices into `all` of the pages `site` publishes.
    public static func published(in site: Site) -> [Int] {
        all.indices.filter { all[$0].isPublished(site) }
    }
}
