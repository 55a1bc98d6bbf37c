import PortfolioContent
import PortfolioRender
import PortfolioSite
import PortfolioSupport

/// What each written file is made from, as one hash, so a build can tell which files are the same as
/// last time without making them. A rendered page's key is the fingerprint of the view it renders
/// (what the renderer reads, with a page's content stood in for by its files' hash); the other files
/// are keyed by the pages they show.
public struct RenderInputs: Sendable {
    /// Hash of the program, config, theme and options (`SiteBuild.environment`).
    public var environment: UInt64

    public init(environment: UInt64) {
        self.environment = environment
    }

    /// The key of a task's page: its template and its view, or for a project what its page is made of
    /// (`SiteRenderer.writePageInputs(ofProject:into:)`), a few values where its view would be made
    /// and walked: a large site has thousands of projects to key for each rebuild.
    public func key(of task: RenderTask, in renderer: SiteRenderer) -> UInt64 {
        if case .project(let index) = task {
            return key(of: "project", capacity: 128) { writer in renderer.writePageInputs(ofProject: index, into: &writer) }
        }
        let view = renderer.view(of: task)
        return key(of: "page", capacity: 64) { writer in
            writer.write(view.template)
            writer.write(ContextFingerprint.of(view.context))
        }
    }

    /// The key of the feed: which projects it shows, in order, and their files.
    public func feedKey(of entries: [Page]) -> UInt64 {
        key(of: Feeds.feedPath, capacity: 64 * entries.count) { writer in
            for page in entries {
                writer.write(page.source.sitePath)
                writer.write(page.contentKey)
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
        key(of: "social-card.png", capacity: 64) { writer in writer.write(project.contentKey) }
    }

    /// The key of a project's `metrics.json`.
    public func metricsKey(of project: Page) -> UInt64 {
        key(of: "metrics.json", capacity: 64) { writer in writer.write(project.contentKey) }
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
