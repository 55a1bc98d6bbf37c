import PortfolioContent
import PortfolioImages
import PortfolioSite

/// One file the build makes from the site. `SiteOutput.list(of:)` is the one list of them (every
/// file but the theme's assets and those copied from `content/`): the writer writes it, the link
/// check accepts links to it, the sitemap lists its pages and the manifest records it, so a new
/// published path is one entry there.
public struct SiteOutput: Sendable {
    /// How the file is made.
    public enum Product: Sendable {
        case page(RenderTask)
        case feed
        case sitemap
        case metricsJSON(project: Int)
        /// A project's link-preview image, or the home page's (nil).
        case socialCard(project: Int?)
        /// One of the default favicon files, for a site without its own.
        case icon
        /// A small file made from the site alone and written every build.
        case text(@Sendable (Site) -> String)
    }

    /// Where the file is written, relative to the output folder.
    public let path: String
    /// What a link to it names: a page's folder (`about/`), any other file's path.
    public let address: String
    public let product: Product
    /// Its `<url>` in the sitemap: a public page's address and last change; nil for the others.
    public let sitemapEntry: (urlPath: String, lastModified: SiteDate?)?

    init(_ path: String, _ product: Product, address: String? = nil, sitemapEntry: (urlPath: String, lastModified: SiteDate?)? = nil) {
        self.path = path
        self.address = address ?? path
        self.product = product
        self.sitemapEntry = sitemapEntry
    }

    /// Every file the build makes of `site`, the pages first in `pageTasks(of:)` order.
    public static func list(of site: Site) -> [SiteOutput] {
        var outputs = pageTasks(of: site).map { page($0, in: site) }
        outputs += [
            SiteOutput(Feeds.feedPath, .feed), SiteOutput(Feeds.sitemapPath, .sitemap), SiteOutput("robots.txt", .text(Feeds.robots)),
        ]
        outputs += site.projects.indices.filter { site.projects[$0].hasMetrics }.map { index in
            SiteOutput(site.projects[index].urlPath + "metrics.json", .metricsJSON(project: index))
        }
        if site.config.socialCards {
            outputs += site.projects.indices.map { SiteOutput(socialCardPath(of: site.projects[$0].urlPath), .socialCard(project: $0)) }
            outputs.append(SiteOutput(socialCardPath(of: ""), .socialCard(project: nil)))
        }
        if Set(SiteIcons.userFiles).isDisjoint(with: site.rootFiles) {
            outputs += SiteIcons.links(publishedFiles: site.rootFiles).map { SiteOutput($0.path, .icon) }
        }
        return outputs
    }

    /// Where a page's social card is published (`projects/x/social-card.png`, `social-card.png`).
    public static func socialCardPath(of urlPath: String) -> String { urlPath + "social-card.png" }

    /// The files the templates draw, in the order they are rendered.
    static func pageTasks(of site: Site) -> [RenderTask] {
        var tasks: [RenderTask] = [.home, .tagIndex, .notFound]
        tasks += site.projects.indices.map(RenderTask.project)
        tasks += site.pages.indices.map(RenderTask.page)
        tasks += BuiltInPage.published(in: site).map(RenderTask.builtIn)
        for listing in site.listings {
            tasks += (1...site.pageCount(of: listing)).map { RenderTask.listing(listing, page: $0) }
        }
        return tasks
    }

    /// The site-relative folder a task's page lives in (`projects/page/2/`).
    static func urlPath(of task: RenderTask, in site: Site) -> String {
        switch task {
        case .home, .notFound: ""
        case .project(let index): site.projects[index].urlPath
        case .page(let index): site.pages[index].urlPath
        case .listing(let listing, let page): site.urlPath(of: listing, page: page)
        case .tagIndex: "tags/"
        case .builtIn(let index): BuiltInPage.all[index].urlPath
        }
    }

    /// The file a task's page is written to: `404.html`, or `index.html` in its folder.
    static func outputPath(of task: RenderTask, in site: Site) -> String {
        task == .notFound ? "404.html" : urlPath(of: task, in: site) + "index.html"
    }

    private static func page(_ task: RenderTask, in site: Site) -> SiteOutput {
        let path = outputPath(of: task, in: site)
        let urlPath = urlPath(of: task, in: site)
        // A page from `content/` is in the sitemap with its date unless it is unlisted.
        func entry(_ page: Page) -> (urlPath: String, lastModified: SiteDate?)? {
            page.isListed ? (urlPath, page.frontMatter.updatedDate ?? page.date) : nil
        }
        switch task {
        case .notFound: return SiteOutput(path, .page(task))
        case .project(let index): return SiteOutput(path, .page(task), address: urlPath, sitemapEntry: entry(site.projects[index]))
        case .page(let index): return SiteOutput(path, .page(task), address: urlPath, sitemapEntry: entry(site.pages[index]))
        default: return SiteOutput(path, .page(task), address: urlPath, sitemapEntry: (urlPath, nil))
        }
    }

    /// The task of a page the templates draw; nil for the other files.
    public var task: RenderTask? {
        if case .page(let task) = product { task } else { nil }
    }
}
