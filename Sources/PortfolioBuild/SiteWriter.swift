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

    /// One file of the output that shows one page, and how to make it.
    private enum Product: Sendable {
        case task(RenderTask)
        case metricsJSON(Int, path: String)
        case socialCard(Int, path: String)
    }

    func write(_ assembled: Site, clock: inout StageClock) throws(Staging.Failure) -> Written {
        var written = Written()
        let outputs = SiteOutput.list(of: assembled)
        written.files.reserveCapacity(theme.assets.count + outputs.count + assembled.files.count)
        var assetPaths: [String: String] = [:]
        for asset in theme.assets {
            let published = asset.path.hasSuffix(".css") || asset.path.hasSuffix(".js")
                ? ContentHash.fingerprinted(asset.path, bytes: asset.bytes) : asset.path
            assetPaths[asset.path] = published
            written.files[published] = try staging.write(asset.bytes, to: published)
        }
        let iconPaths = outputs.compactMap { output in if case .icon = output.product { output.path } else { nil } }
        for (path, entry) in try icons(of: assembled, paths: iconPaths) { written.files[path] = entry }
        var inputs = RenderInputs(environment: environment, pageKeys: cache.entries.mapValues(\.inputKey), site: assembled)

        // First the files that show one page each, and the feed: their keys need no cards. The bodies
        // are let go once these are written, before the cards of the lists take memory.
        let single = SiteRenderer.withoutCards(site: assembled, templates: templates, assetPaths: assetPaths)
        let tasks = single.tasks
        let feedEntries = Feeds.entries(of: assembled)
        let feedKey = inputs.feedKey(of: feedEntries.map { assembled.projects[$0] })
        let keptFeed = try staging.reuse(Feeds.feedPath, inputKey: feedKey)
        let singleProducts = outputs.compactMap { output -> Product? in
            switch output.product {
            case .page(let task): task.showsOnePage ? .task(task) : nil
            case .metricsJSON(let project): .metricsJSON(project, path: output.path)
            case .socialCard(let project?): .socialCard(project, path: output.path)
            default: nil
            }
        }
        let site = try produce(
            singleProducts, alsoShown: keptFeed == nil ? feedEntries : [], renderer: single, inputs: inputs, into: &written)
        if let keptFeed {
            written.files[Feeds.feedPath] = keptFeed
        } else {
            written.files[Feeds.feedPath] = try staging.write(Feeds.atom(for: site, entries: feedEntries), to: Feeds.feedPath, inputKey: feedKey)
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

        if let path = outputs.first(where: { if case .socialCard(project: nil) = $0.product { true } else { false } })?.path {
            let svg = renderer.homeSocialCardSVG(colours: colours)
            let key = ContentHash.ofString(svg + images.drawingSettings)
            if let kept = try staging.reuse(path, inputKey: key) {
                written.files[path] = kept
            } else {
                written.files[path] = try staging.write(try images.png(fromSVG: svg, width: 1200), to: path, inputKey: key)
            }
        }
        written.files[Feeds.sitemapPath] = try sitemap(of: completeSite, entries: outputs.compactMap(\.sitemapEntry), inputs: inputs)
        for output in outputs {
            if case .text(let text) = output.product { written.files[output.path] = try staging.write(text(completeSite), to: output.path) }
        }
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

    /// The theme's dark-scheme colours, for text drawn over a photo.
    private var darkColours: ThemeColours {
        ThemeColours(darkSchemeOf: theme.files["assets/style.css"].map { String(decoding: $0, as: UTF8.self) } ?? "")
    }

    /// A project's local raster hero as its card's background; nil for no hero, an SVG or a remote one.
    /// The card's key already covers the hero: it is one of the project's files (`PageParser.inputs`).
    private func cardBackground(of project: Page) throws(Staging.Failure) -> CardBackground? {
        guard let facts = project.heroFacts, CardBackground.accepts(facts), let hero = project.frontMatter.heroImage,
              let contentPath = ImageLookup.contentPath(of: hero, writtenIn: project.source.contentPath),
              let source = sources.file(atSitePath: "content/" + contentPath) else { return nil }
        let bytes: [UInt8]
        do throws(FileReader.Failure) {
            bytes = try FileReader.bytes(atPath: source.absolutePath)
        } catch {
            throw Staging.Failure(description: "cannot read \(source.sitePath): \(error.message)")
        }
        switch CardBackground.make(heroBytes: bytes, colours: darkColours) {
        case .success(let background): return background
        case .failure(let failure): throw Staging.Failure(description: "cannot draw the card of \(project.source.sitePath): \(failure.message)")
        }
    }

    /// The default favicon files at `paths`, kept while the initials and colours they show are the same.
    private func icons(of site: Site, paths: [String]) throws(Staging.Failure) -> [(path: String, entry: OutputManifest.Entry)] {
        let name = site.config.author.name ?? site.config.title
        let icons = SiteIcons(publishedFiles: site.rootFiles, initials: SiteIcons.initials(of: name), colours: colours)
        guard !paths.isEmpty, let svg = icons.svg else { return [] }
        let key = ContentHash.ofString(svg + images.drawingSettings)
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

    /// The sitemap of `entries` (see `SiteOutput.sitemapEntry`), kept while no page's address or date changed.
    private func sitemap(
        of site: Site, entries: [(urlPath: String, lastModified: SiteDate?)], inputs: RenderInputs
    ) throws(Staging.Failure) -> OutputManifest.Entry {
        let key = inputs.sitemapKey(of: entries)
        if let kept = try staging.reuse(Feeds.sitemapPath, inputKey: key) { return kept }
        return try staging.write(
            Feeds.sitemap(for: site, pages: entries.sorted { $0.urlPath < $1.urlPath }), to: Feeds.sitemapPath, inputKey: key)
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
            case .metricsJSON(let index, let path): return (path, inputs.metricsKey(of: site.projects[index]))
            case .socialCard(let index, let path): return (path, inputs.socialCardKey(of: site.projects[index]))
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
            case .metricsJSON(let project, _), .socialCard(let project, _): shown.append(site.projects[project])
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
                    return try staging.write(completeRenderer.renderBytes(task), to: path, inputKey: key ?? 0)
                case .metricsJSON(let project, _):
                    let page = completeSite.projects[project]
                    return try staging.write(
                        MetricsJSON.encode(page.metrics ?? MetricSet(), headlineName: page.frontMatter.headlineMetric),
                        to: path, inputKey: key ?? 0)
                case .socialCard(let project, _):
                    let page = completeSite.projects[project]
                    let svg = completeRenderer.socialCardSVG(project, colours: colours, background: try cardBackground(of: page))
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
