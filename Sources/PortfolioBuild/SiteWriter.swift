import PortfolioContent
import PortfolioImages
import PortfolioMetrics
import PortfolioOutput
import PortfolioRender
import PortfolioSite
import PortfolioSupport

/// Renders the site into the staging folder, producing only what changed: a file whose inputs are the
/// same as in the published output (or the staging folder) is linked or kept instead of rendered. A
/// page restored from the cache is parsed again only if a file that shows its content is rendered,
/// when that file reads the content (see `PageContent`).
struct SiteWriter: Sendable {
    let theme: Theme
    let templates: TemplateSet
    let staging: Staging
    let sources: SourceIndex
    let environment: UInt64
    let images: ImagePublisher
    /// The default favicon, when a first build started drawing it during the parse.
    let prefetchedIcons: IconPrefetch?

    struct Written: Sendable {
        var pages = 0
        var files: [String: OutputManifest.Entry] = [:]
    }

    /// One file of the output that shows one page, and how to make it.
    private enum Product: Sendable {
        case task(RenderTask)
        case metricsJSON(Int, path: String)
        case socialCard(Int, path: String)
    }

    /// Writes `outputs`, the site's `SiteOutput.list(of:)`, and the theme's assets and the site's files.
    func write(_ site: Site, outputs: [SiteOutput], clock: inout StageClock) throws(Staging.Failure) -> Written {
        var written = Written()
        written.files.reserveCapacity(theme.assets.count + outputs.count + site.files.count)
        var assetPaths: [String: String] = [:]
        for asset in theme.assets {
            let published = asset.path.hasSuffix(".css") || asset.path.hasSuffix(".js")
                ? ContentHash.fingerprinted(asset.path, bytes: asset.bytes) : asset.path
            assetPaths[asset.path] = published
            written.files[published] = try staging.write(asset.bytes, to: published)
        }
        let iconPaths = outputs.compactMap { output in if case .icon = output.product { output.path } else { nil } }
        for (path, entry) in try icons(of: site, paths: iconPaths) { written.files[path] = entry }
        let inputs = RenderInputs(environment: environment)
        let renderer = SiteRenderer(site: site, templates: templates, assetPaths: assetPaths)
        let tasks = outputs.compactMap { output in if case .page(let task) = output.product { task } else { nil } }

        // First the files that show one page each, and the feed; then the bodies are let go, before
        // the lists' cards take memory.
        let feedEntries = Feeds.entries(of: site)
        let feedKey = inputs.feedKey(of: feedEntries.map { site.projects[$0] })
        if let kept = try staging.reuse(Feeds.feedPath, inputKey: feedKey) {
            written.files[Feeds.feedPath] = kept
        } else {
            written.files[Feeds.feedPath] = try staging.write(Feeds.atom(for: site, entries: feedEntries), to: Feeds.feedPath, inputKey: feedKey)
        }
        let singleProducts = outputs.compactMap { output -> Product? in
            switch output.product {
            case .page(let task): task.showsOnePage ? .task(task) : nil
            case .metricsJSON(let project): .metricsJSON(project, path: output.path)
            case .socialCard(let project?): .socialCard(project, path: output.path)
            default: nil
            }
        }
        try produce(singleProducts, renderer: renderer, inputs: inputs, into: &written)
        for page in site.projects + site.pages { page.releaseBody() }
        clock.lap("render+write pages")

        // Then the lists and the home page, from the projects' cards.
        try produce(tasks.filter { !$0.showsOnePage }.map(Product.task), renderer: renderer, inputs: inputs, into: &written)

        if let path = outputs.first(where: { if case .socialCard(project: nil) = $0.product { true } else { false } })?.path {
            let svg = renderer.homeSocialCardSVG(colours: colours)
            let key = ContentHash.ofString(svg + images.drawingSettings)
            if let kept = try staging.reuse(path, inputKey: key) {
                written.files[path] = kept
            } else {
                written.files[path] = try staging.write(try images.png(fromSVG: svg, width: 1200), to: path, inputKey: key)
            }
        }
        written.files[Feeds.sitemapPath] = try sitemap(of: site, entries: outputs.compactMap(\.sitemapEntry), inputs: inputs)
        for output in outputs {
            if case .text(let text) = output.product { written.files[output.path] = try staging.write(text(site), to: output.path) }
        }
        written.pages = tasks.count
        clock.lap("render+write lists")
        for (outputPath, entry) in try copiedFiles(of: site) { written.files[outputPath] = entry }
        clock.lap("images and files")
        return written
    }

    /// The theme's colours, for the images the build draws.
    private var colours: ThemeColours { SiteWriter.colours(of: theme) }

    private static func colours(of theme: Theme) -> ThemeColours {
        ThemeColours(css: theme.files["assets/style.css"].map { String(decoding: $0, as: UTF8.self) } ?? "")
    }

    /// The site's icons: the trainer's initials in the theme's colours, unless `rootFiles` (the
    /// published files at the top of the site) hold the site's own.
    static func icons(config: SiteConfig, rootFiles: [String], theme: Theme) -> SiteIcons {
        let name = config.author.name ?? config.title
        return SiteIcons(publishedFiles: rootFiles, initials: SiteIcons.initials(of: name), colours: colours(of: theme))
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
        let icons = SiteWriter.icons(config: site.config, rootFiles: site.rootFiles, theme: theme)
        guard !paths.isEmpty, let svg = icons.svg else { return [] }
        let key = ContentHash.ofString(svg + images.drawingSettings)
        var kept: [(path: String, entry: OutputManifest.Entry)] = []
        for path in paths { if let entry = try staging.reuse(path, inputKey: key) { kept.append((path, entry)) } }
        if kept.count == paths.count { return kept }
        switch prefetchedIcons?.files(drawing: svg) ?? icons.files() {
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

    /// Keeps or links each product whose inputs did not change and renders the others.
    private func produce(
        _ products: [Product], renderer: SiteRenderer, inputs: RenderInputs, into written: inout Written
    ) throws(Staging.Failure) {
        let site = renderer.site
        let plan = parallelMap(products) { product -> (path: String, key: UInt64) in
            switch product {
            case .task(let task): return (renderer.outputPath(of: task), inputs.key(of: task, in: renderer))
            case .metricsJSON(let index, let path): return (path, inputs.metricsKey(of: site.projects[index]))
            case .socialCard(let index, let path): return (path, inputs.socialCardKey(of: site.projects[index]))
            }
        }
        let reused = try collect(parallelMap(plan) { path, key -> Result<OutputManifest.Entry?, Staging.Failure> in
            Result { () throws(Staging.Failure) in try staging.reuse(path, inputKey: key) }
        })
        let pending = products.indices.filter { reused[$0] == nil }
        for index in products.indices { if let entry = reused[index] { written.files[plan[index].path] = entry } }

        let rendered = try collect(parallelMap(pending) { index -> Result<OutputManifest.Entry, Staging.Failure> in
            let (path, key) = plan[index]
            return Result { () throws(Staging.Failure) in
                switch products[index] {
                case .task(let task):
                    return try staging.write(renderer.renderBytes(task), to: path, inputKey: key)
                case .metricsJSON(let project, _):
                    let page = site.projects[project]
                    return try staging.write(
                        MetricsJSON.encode(page.metrics ?? MetricSet(), headlineName: page.frontMatter.headlineMetric), to: path, inputKey: key)
                case .socialCard(let project, _):
                    let svg = renderer.socialCardSVG(project, colours: colours, background: try cardBackground(of: site.projects[project]))
                    return try staging.write(try images.png(fromSVG: svg, width: 1200), to: path, inputKey: key)
                }
            }
        })
        for (index, entry) in zip(pending, rendered) { written.files[plan[index].path] = entry }
    }

    private func collect<Value>(_ results: [Result<Value, Staging.Failure>]) throws(Staging.Failure) -> [Value] {
        try results.map { result throws(Staging.Failure) in try result.get() }
    }
}

/// The default favicon drawn on a thread of its own while the pages are parsed. Without it a first
/// build stops after the parse for libvips to load and draw the icon, with one core idle. Started only
/// when every file is to be made anyway (`IncrementalState.startsFromScratch`), and used only when the
/// icon the writer needs is the one drawn (the prefetch guesses the published files from the content
/// folder).
struct IconPrefetch: Sendable {
    let svg: String
    let files: BackgroundValue<Result<[(path: String, bytes: [UInt8])], ImageFailure>>

    static func start(_ loaded: SiteBuild.Loaded) -> IconPrefetch? {
        let rootFiles = loaded.tree.files.map(\.contentPath).filter { !$0.contains("/") }
        let icons = SiteWriter.icons(config: loaded.config, rootFiles: rootFiles, theme: loaded.theme)
        guard let svg = icons.svg else { return nil }
        return IconPrefetch(svg: svg, files: BackgroundValue { icons.files() })
    }

    /// The drawn files, when they show `svg`.
    func files(drawing svg: String) -> Result<[(path: String, bytes: [UInt8])], ImageFailure>? {
        svg == self.svg ? files.value : nil
    }
}
