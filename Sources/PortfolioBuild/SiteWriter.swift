import PortfolioContent
import PortfolioImages
import PortfolioMetrics
import PortfolioOutput
import PortfolioRender
import PortfolioSite
import PortfolioSupport

/// Renders the site into the staging folder, producing only what changed: a file whose inputs are the
/// same as in the published output (or the staging folder) is linked or kept instead of rendered, and
/// pages restored from the cache are parsed again only when a file that shows them must be rendered.
struct SiteWriter: Sendable {
    let theme: Theme
    let templates: TemplateSet
    let staging: Staging
    let parser: PageParser
    let sources: SourceIndex
    let environment: UInt64
    /// The pages of this build as the cache will keep them, with the card hashes of the last build.
    let cache: PageCache
    let images: ImagePublisher

    struct Written: Sendable {
        var pages = 0
        var files: [String: OutputManifest.Entry] = [:]
        /// Hash of each project's card by source path, for the cache.
        var cardHashes: [String: UInt64] = [:]
    }

    /// One file of the output and how to make it.
    private enum Product: Sendable {
        case task(RenderTask)
        case metricsJSON(Int)
        case socialCard(Int)
    }

    func write(_ assembled: Site, clock: inout StageClock) throws(Staging.Failure) -> Written {
        var written = Written()
        written.files.reserveCapacity(theme.assets.count + 3 * assembled.projects.count + assembled.files.count + 1_000)
        var assetPaths: [String: String] = [:]
        for asset in theme.assets {
            let published = asset.path.hasSuffix(".css") || asset.path.hasSuffix(".js")
                ? ContentHash.fingerprinted(asset.path, bytes: asset.bytes) : asset.path
            assetPaths[asset.path] = published
            written.files[published] = try staging.write(asset.bytes, to: published)
        }
        for (path, entry) in try icons(of: assembled) { written.files[path] = entry }
        var inputs = RenderInputs(environment: environment, pageKeys: cache.entries.mapValues(\.inputKey), site: assembled)

        // First the files that show one page each, and the feed: their keys need no cards. The bodies
        // are let go once these are written, before the cards of the lists take memory.
        let single = SiteRenderer.withoutCards(site: assembled, templates: templates, assetPaths: assetPaths)
        let tasks = single.tasks
        let feedEntries = Feeds.entries(of: assembled)
        let feedKey = inputs.feedKey(of: feedEntries.map { assembled.projects[$0] })
        let keptFeed = try staging.reuse("feed.xml", inputKey: feedKey)
        let singleProducts = tasks.filter(\.showsOnePage).map(Product.task)
            + assembled.projects.indices.filter { assembled.projects[$0].hasMetrics }.map(Product.metricsJSON)
            + (assembled.config.socialCards ? assembled.projects.indices.map(Product.socialCard) : [])
        let site = try produce(
            singleProducts, alsoShown: keptFeed == nil ? feedEntries : [], renderer: single, inputs: inputs, into: &written)
        if let keptFeed {
            written.files["feed.xml"] = keptFeed
        } else {
            written.files["feed.xml"] = try staging.write(Feeds.atom(for: site, entries: feedEntries), to: "feed.xml", inputKey: feedKey)
        }
        for page in site.projects + site.pages { page.releaseBody() }
        clock.lap("render+write pages")

        // Then the lists and the home page, from the projects' cards. A restored project without a card
        // hash (the last build did not get as far) is parsed again.
        var renderer = SiteRenderer(site: site, templates: templates, assetPaths: assetPaths)
        var listed = site
        let cardless = site.projects.filter { $0.isRestored && cache.entries[$0.source.sitePath]?.cardHash == nil }
        if !cardless.isEmpty {
            listed = site.replacing(reparsed(cardless))
            renderer = renderer.completing(listed)
        }
        inputs.cardHashes = listed.projects.indices.map {
            renderer.cardHash($0) ?? cache.entries[listed.projects[$0].source.sitePath]!.cardHash!
        }
        let completeSite = try produce(
            tasks.filter { !$0.showsOnePage }.map(Product.task), alsoShown: [], renderer: renderer, inputs: inputs, into: &written)

        if completeSite.config.socialCards {
            let svg = renderer.homeSocialCardSVG(colours: colours)
            let key = ContentHash.ofString(svg + images.settings)
            let path = SiteRenderer.socialCardPath(of: "")
            if let kept = try staging.reuse(path, inputKey: key) {
                written.files[path] = kept
            } else {
                written.files[path] = try staging.write(try images.png(fromSVG: svg, width: 1200), to: path, inputKey: key)
            }
        }
        written.files["sitemap.xml"] = try sitemap(of: completeSite, tasks: tasks, renderer: renderer, inputs: inputs)
        written.files["robots.txt"] = try staging.write(Feeds.robots(for: completeSite), to: "robots.txt")
        written.pages = tasks.count
        for index in completeSite.projects.indices {
            written.cardHashes[completeSite.projects[index].source.sitePath] = inputs.cardHashes[index]
        }
        clock.lap("render+write lists")
        for (outputPath, entry) in try copiedFiles(of: completeSite) { written.files[outputPath] = entry }
        clock.lap("images and files")
        return written
    }

    /// The theme's colours, for the images the build draws.
    private var colours: ThemeColours {
        ThemeColours(css: theme.files["assets/style.css"].map { String(decoding: $0, as: UTF8.self) } ?? "")
    }

    /// The default favicon files, kept while the initials and colours they show are the same.
    private func icons(of site: Site) throws(Staging.Failure) -> [(path: String, entry: OutputManifest.Entry)] {
        let name = site.config.author.name ?? site.config.title
        let icons = SiteIcons(publishedFiles: site.rootFiles, initials: SiteIcons.initials(of: name), colours: colours)
        guard let svg = icons.svg else { return [] }
        let key = ContentHash.ofString(svg + images.settings)
        let paths = ["favicon.svg", "favicon.ico", "apple-touch-icon.png"]
        var kept: [(path: String, entry: OutputManifest.Entry)] = []
        for path in paths { if let entry = try staging.reuse(path, inputKey: key) { kept.append((path, entry)) } }
        if kept.count == paths.count { return kept }
        switch icons.files() {
        case .success(let files):
            var written: [(path: String, entry: OutputManifest.Entry)] = []
            for file in files { written.append((file.path, try staging.write(file.bytes, to: file.path, inputKey: key))) }
            return written
        case .failure(let failure):
            throw Staging.Failure(description: "cannot draw the favicon: \(failure.message)")
        }
    }

    /// The sitemap, kept while no page's address or date changed.
    private func sitemap(of site: Site, tasks: [RenderTask], renderer: SiteRenderer, inputs: RenderInputs) throws(Staging.Failure) -> OutputManifest.Entry {
        let pages = tasks.filter { task in
            switch task {
            case .notFound: false
            case .project(let index): site.projects[index].isListed
            case .page(let index): site.pages[index].isListed
            default: true
            }
        }.map { task -> (urlPath: String, lastModified: SiteDate?) in
            switch task {
            case .project(let index): return (renderer.urlPath(of: task), site.projects[index].frontMatter.updatedDate ?? site.projects[index].date)
            case .page(let index): return (renderer.urlPath(of: task), site.pages[index].frontMatter.updatedDate ?? site.pages[index].date)
            default: return (renderer.urlPath(of: task), nil)
            }
        }
        let key = inputs.sitemapKey(of: pages)
        if let kept = try staging.reuse("sitemap.xml", inputKey: key) { return kept }
        return try staging.write(Feeds.sitemap(for: site, pages: pages.sorted { $0.urlPath < $1.urlPath }), to: "sitemap.xml", inputKey: key)
    }

    /// The content files the site publishes: images through the image stage, the others (downloads,
    /// SVG, GIFs) as they are, each kept while its size and time are the same.
    private func copiedFiles(of site: Site) throws(Staging.Failure) -> [(outputPath: String, entry: OutputManifest.Entry)] {
        let facts = Dictionary(site.allPages.flatMap { $0.images.map { ($0.contentPath, $0.facts) } }, uniquingKeysWith: { first, _ in first })
        let entries = try collect(parallelMap(site.files) { source, outputPath -> Result<[(path: String, entry: OutputManifest.Entry)], Staging.Failure> in
            Result { () throws(Staging.Failure) in
                if let products = images.products(outputPath: outputPath, facts: facts[source.contentPath]) {
                    return try images.publish(source, products: products)
                }
                let key = PageCache.inputKey([source.sitePath]) { $0 == source.sitePath ? source : nil }
                if let entry = try staging.reuse(outputPath, inputKey: key) { return [(outputPath, entry)] }
                let bytes: [UInt8]
                do throws(FileReader.Failure) {
                    bytes = try FileReader.bytes(atPath: source.absolutePath)
                } catch {
                    throw Staging.Failure(description: "cannot copy \(source.sitePath): \(error.message)")
                }
                return [(outputPath, try staging.write(bytes, to: outputPath, inputKey: key))]
            }
        })
        return entries.flatMap { $0.map { (outputPath: $0.path, entry: $0.entry) } }
    }

    /// Keeps or links each product whose inputs did not change and renders the others, after parsing
    /// again the restored pages they show (and the projects of `alsoShown`, by index). Returns the site
    /// with those pages parsed.
    private func produce(
        _ products: [Product], alsoShown: [Int], renderer: SiteRenderer, inputs: RenderInputs, into written: inout Written
    ) throws(Staging.Failure) -> Site {
        let site = renderer.site
        let plan = parallelMap(products) { product -> (path: String, key: UInt64?) in
            switch product {
            case .task(let task): return (renderer.outputPath(of: task), inputs.key(of: task, in: renderer))
            case .metricsJSON(let index): return (site.projects[index].urlPath + "metrics.json", inputs.metricsKey(of: site.projects[index]))
            case .socialCard(let index):
                return (SiteRenderer.socialCardPath(of: site.projects[index].urlPath), inputs.socialCardKey(of: site.projects[index]))
            }
        }
        let reused = try collect(parallelMap(plan) { path, key -> Result<OutputManifest.Entry?, Staging.Failure> in
            guard let key else { return .success(nil) }
            return Result { () throws(Staging.Failure) in try staging.reuse(path, inputKey: key) }
        })
        let pending = products.indices.filter { reused[$0] == nil }
        for index in products.indices { if let entry = reused[index] { written.files[plan[index].path] = entry } }

        var shown = alsoShown.map { site.projects[$0] }
        for index in pending {
            switch products[index] {
            case .task(let task): shown += renderer.pagesShown(by: task)
            case .metricsJSON(let project), .socialCard(let project): shown.append(site.projects[project])
            }
        }
        var seen: Set<String> = []
        let restored = shown.filter { $0.isRestored && seen.insert($0.source.sitePath).inserted }
        let completeSite = site.replacing(reparsed(restored))
        let completeRenderer = restored.isEmpty ? renderer : renderer.completing(completeSite)

        let rendered = try collect(parallelMap(pending) { index -> Result<OutputManifest.Entry, Staging.Failure> in
            let (path, key) = plan[index]
            return Result { () throws(Staging.Failure) in
                switch products[index] {
                case .task(let task):
                    return try staging.write(completeRenderer.render(task), to: path, inputKey: key ?? 0)
                case .metricsJSON(let project):
                    let page = completeSite.projects[project]
                    return try staging.write(
                        MetricsJSON.encode(page.metrics ?? MetricSet(), headlineName: page.frontMatter.headlineMetric),
                        to: path, inputKey: key ?? 0)
                case .socialCard(let project):
                    let svg = completeRenderer.socialCardSVG(project, colours: colours)
                    return try staging.write(try images.png(fromSVG: svg, width: 1200), to: path, inputKey: key ?? 0)
                }
            }
        })
        for (index, entry) in zip(pending, rendered) { written.files[plan[index].path] = entry }
        return completeSite
    }

    private func reparsed(_ pages: [Page]) -> [String: Page] {
        let parsed = parallelMap(pages) { parser.reparsed($0, sources: sources) }
        return Dictionary(parsed.map { ($0.source.sitePath, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private func collect<Value>(_ results: [Result<Value, Staging.Failure>]) throws(Staging.Failure) -> [Value] {
        try results.map { result throws(Staging.Failure) in try result.get() }
    }
}
