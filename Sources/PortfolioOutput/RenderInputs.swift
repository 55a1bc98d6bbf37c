import PortfolioContent
import PortfolioImages
import PortfolioRender
import PortfolioSite
import PortfolioSupport

/// What each rendered file is made from, as one hash, so a build can tell which files are the same as
/// last time without rendering them. Kept next to the contexts: a context that starts reading
/// something new must hash it here too (the incremental-build tests compare with cold builds).
public struct RenderInputs: Sendable {
    /// Hash of the program, config, theme and options (`SiteBuild.environment`).
    public var environment: UInt64
    /// `PageCache.inputKey` of each page's files, by source site path.
    public var pageKeys: [String: UInt64]
    /// Hash of each project's card, in `Site.projects` order: set once the cards are rendered, before
    /// any list's key is asked for.
    public var cardHashes: [UInt64] = []
    /// What every page's header shows of other pages and files: the navigation, the icons.
    let navigation: UInt64

    public init(environment: UInt64, pageKeys: [String: UInt64], site: Site) {
        self.environment = environment
        self.pageKeys = pageKeys
        var writer = CacheWriter()
        writer.write(site.tags.isEmpty)
        for index in BuiltInPage.published(in: site) { writer.write(BuiltInPage.all[index].urlPath) }
        for icon in SiteIcons.links(publishedFiles: site.rootFiles) { writer.write(icon.path) }
        for page in site.navigationPages {
            writer.write(page.title)
            writer.write(page.urlPath)
        }
        navigation = ContentHash.ofBytes(writer.bytes)
    }

    /// The hash of a task's inputs, or nil for the few files rendered every time (home, tag index, 404),
    /// which depend on much of the site but cost little.
    public func key(of task: RenderTask, in renderer: SiteRenderer) -> UInt64? {
        let site = renderer.site
        var writer = CacheWriter(capacity: 512)
        writer.write(environment)
        writer.write(navigation)
        switch task {
        case .project(let index):
            writer.write("project")
            writer.write(renderer.templates.layout(of: site.projects[index]))
            writer.write(pageKeys[site.projects[index].source.sitePath] ?? 0)
            // Previous and next links.
            for neighbour in site.neighbours(ofProject: index) {
                writer.write(neighbour < index)
                writer.write(site.projects[neighbour].title)
                writer.write(site.projects[neighbour].urlPath)
            }
        case .page(let index):
            writer.write("page")
            writer.write(renderer.templates.layout(of: site.pages[index]))
            writer.write(pageKeys[site.pages[index].source.sitePath] ?? 0)
        case .listing(let listing, let page):
            writer.write("listing")
            writer.write(renderer.urlPath(of: task))
            writer.write(page)
            writer.write(site.pageCount(of: listing))
            writer.write(site.memberCount(of: listing))
            switch listing {
            case .projects: break
            case .tag(let index): writer.write(site.tags[index].term)
            case .specialization(let index): writer.write(site.specializations[index].term)
            }
            for member in site.members(of: listing, page: page) { writer.write(cardHashes[member]) }
        case .builtIn(let index):
            // Everything a built-in page shows is in its context, which is cheap to make: its fingerprint is the key.
            writer.write(BuiltInPage.all[index].layout)
            writer.write(ContextFingerprint.of(renderer.view(of: task).context))
        case .home, .tagIndex, .notFound:
            return nil
        }
        return ContentHash.ofBytes(writer.bytes)
    }

    /// The key of the feed: which projects it shows, in order, and their files.
    public func feedKey(of entries: [Page]) -> UInt64 {
        key(of: Feeds.feedPath, capacity: 64 * entries.count) { writer in
            for page in entries {
                writer.write(page.source.sitePath)
                writer.write(pageKeys[page.source.sitePath] ?? 0)
            }
        }
    }

    /// The key of the sitemap: every page's address and date, in the order the site lists them.
    public func sitemapKey(of pages: [(urlPath: String, lastModified: SiteDate?)]) -> UInt64 {
        key(of: Feeds.sitemapPath, capacity: 48 * pages.count) { writer in
            for page in pages {
                writer.write(page.urlPath)
                writer.write(page.lastModified)
            }
        }
    }

    /// The key of a project's social card: the project's files (the environment holds the theme and config).
    public func socialCardKey(of project: Page) -> UInt64 {
        key(of: "social-card.png", capacity: 64) { writer in writer.write(pageKeys[project.source.sitePath] ?? 0) }
    }

    /// The key of a project's `metrics.json`.
    public func metricsKey(of project: Page) -> UInt64 {
        key(of: "metrics.json", capacity: 64) { writer in writer.write(pageKeys[project.source.sitePath] ?? 0) }
    }

    /// The hash of the environment, the kind of file and what `add` writes of its inputs.
    private func key(of file: String, capacity: Int, _ add: (inout CacheWriter) -> Void) -> UInt64 {
        var writer = CacheWriter(capacity: capacity)
        writer.write(environment)
        writer.write(file)
        add(&writer)
        return ContentHash.ofBytes(writer.bytes)
    }
}
