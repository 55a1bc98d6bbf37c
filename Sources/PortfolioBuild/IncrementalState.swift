import PortfolioContent
import PortfolioOutput
import PortfolioSite
import PortfolioSupport

/// What a build reuses from the last one, in one place: the folder listings of the content walk, the
/// build stamp, and the page cache (parsed pages and their link findings), and how a restored page's
/// content is made again when read. The steps of `SiteBuild` ask it what they may skip; it is the
/// only part of the build that decides what `.portfolio-cache/` holds.
struct IncrementalState: Sendable {
    let useCache: Bool
    let root: String
    /// The pages as the last build left them, then (after `recording`) as this build leaves them.
    private(set) var cache: PageCache

    /// No page of an earlier build to reuse (a first build, `--no-cache`, or a changed config or
    /// theme): every page will be parsed and every file made.
    var startsFromScratch: Bool { cache.entries.isEmpty }

    /// The folder of the image cache and the output manifests; nil when the build is not to use it.
    var cacheFolder: String? { useCache ? CacheFile.folder(of: root) : nil }

    /// The content walk, which lists again only the folders that changed since the last walk.
    static func scanContent(_ request: BuildRequest, root: String, diagnostics: inout Diagnostics) -> ContentTree {
        let known = request.useCache ? FolderListings.load(siteDirectory: root) : FolderListings()
        let (tree, folders, changed) = ContentScanner.scan(siteDirectory: root, known: known, diagnostics: &diagnostics)
        if request.useCache, request.outputDirectory != nil, changed { folders.save(siteDirectory: root) }
        return tree
    }

    /// The stamp of the last build into the same output when nothing has changed since.
    static func upToDate(_ request: BuildRequest, _ loaded: SiteBuild.Loaded, diagnostics: Diagnostics) -> BuildStamp? {
        guard let outputDirectory = request.outputDirectory, request.useCache, !diagnostics.hasErrors else { return nil }
        return BuildStamp.current(inputs: loaded.inputs, siteDirectory: loaded.root, outputDirectory: outputDirectory)
    }

    static func open(_ request: BuildRequest, _ loaded: SiteBuild.Loaded) -> IncrementalState {
        let cache = request.useCache
            ? PageCache.load(siteDirectory: loaded.root, environment: loaded.environment, contentSet: PageCache.contentSet(of: loaded.tree))
            : PageCache(environment: loaded.environment, contentSet: 0)
        return IncrementalState(useCache: request.useCache, root: loaded.root, cache: cache)
    }

    /// The last build's entry for `file` when neither it nor anything it read has changed.
    func reusableEntry(for file: SourceFile, sources: SourceIndex) -> PageCache.Entry? {
        cache.reusableEntry(for: file, lookUp: sources.file(atSitePath:))
    }

    /// The cache entry of a page parsed in this build.
    static func entry(for file: SourceFile, page: Page?, diagnostics: Diagnostics, sources: SourceIndex) -> PageCache.Entry {
        let inputs = sources.inputs(of: file, page: page)
        return PageCache.Entry(
            inputs: inputs, inputKey: PageCache.inputKey(inputs, file: sources.file(atSitePath:)), page: page,
            diagnostics: diagnostics.all)
    }

    /// The page of `entry` as the site gets it: its content, when not held (a page restored from the
    /// cache) or once let go, is made again by parsing `file` with `content` (one closure shared by every
    /// page: each page's own would hold a copy of the parser).
    static func page(
        of entry: PageCache.Entry, file: SourceFile, content: @escaping @Sendable (SourceFile) -> PageContent.Parts?
    ) -> Page? {
        entry.page?.makeContent { content(file) }
        return entry.page
    }

    /// The link findings of a page whose files are the same as when the last build checked it, when
    /// the set of published paths it was checked against is the same as now.
    var keptLinkFindings: @Sendable (Page, _ published: UInt64) -> [Diagnostic]? {
        let entries = cache.entries
        return { page, published in
            guard let entry = entries[page.source.sitePath], entry.inputKey == page.contentKey,
                  let kept = entry.rules, kept.published == published else { return nil }
            return kept.diagnostics
        }
    }

    /// The state with this build's parsed pages and link findings in the cache; restored entries are
    /// already there as they were read.
    func recording(
        _ parsed: SiteBuild.Parsed, rules: (published: UInt64, found: [[Diagnostic]]), of site: Site
    ) -> IncrementalState {
        var next = self
        for (file, item) in zip(parsed.files, parsed.entries) where item.wasParsed { next.cache.entries[file.sitePath] = item.entry }
        for (page, found) in zip(site.allPages, rules.found) {
            let findings = ContentRules.Findings(published: rules.published, diagnostics: found)
            if next.cache.entries[page.source.sitePath]?.rules != findings { next.cache.entries[page.source.sitePath]?.rules = findings }
        }
        return next
    }

    /// Starts keeping the pages for the next build, on a thread of its own while the site is written:
    /// they do not depend on the output. Nil without a cache.
    func startSavingPages() -> BackgroundValue<Void>? {
        guard useCache else { return nil }
        let (cache, root) = (cache, root)
        return BackgroundValue { cache.save(siteDirectory: root) }
    }

    /// Waits for the pages (`startSavingPages`), then keeps the build stamp for the next build, after
    /// a publish: only now is the output up to date.
    func save(
        _ written: SiteWriter.Written, pages: BackgroundValue<Void>?, _ loaded: SiteBuild.Loaded, request: BuildRequest,
        diagnostics: Diagnostics
    ) {
        guard useCache, let outputDirectory = request.outputDirectory else { return }
        pages?.value
        BuildStamp.record(
            inputs: loaded.inputs, diagnostics: diagnostics.sorted, pagesWritten: written.pages,
            siteDirectory: root, outputDirectory: outputDirectory)
    }
}
