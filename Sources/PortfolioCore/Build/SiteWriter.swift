/// Renders the site into the staging folder, producing only what changed: a file whose inputs are the
/// same as in the published output (or the staging folder) is linked or kept instead of rendered, and
/// pages restored from the cache are parsed again only when a file that shows them must be rendered.
struct SiteWriter {
    let theme: Theme
    let templates: TemplateSet
    let staging: Staging
    let parser: PageParser
    let sources: SourceIndex
    let environment: UInt64
    /// The pages of this build as the cache will keep them, with the card hashes of the last build.
    let cache: PageCache

    struct Written {
        var pages = 0
        var files: [String: OutputManifest.Entry] = [:]
        /// Hash of each project's card by source path, for the cache.
        var cardHashes: [String: UInt64] = [:]
    }

    /// One file of the output and how to make it.
    private enum Product: Sendable {
        case task(RenderTask)
        case metricsJSON(Int)
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

        var site = assembled
        var renderer = SiteRenderer(site: site, templates: templates, assetPaths: assetPaths)
        // A restored project without a card hash (the last build did not get as far) is parsed again.
        let cardless = site.projects.filter { $0.isRestored && cache.entries[$0.source.sitePath]?.cardHash == nil }
        if !cardless.isEmpty {
            site = site.replacing(reparsed(cardless))
            renderer = renderer.completing(site)
        }
        let cardHashes = site.projects.indices.map { renderer.cardHash($0) ?? cache.entries[site.projects[$0].source.sitePath]!.cardHash! }
        let inputs = RenderInputs(
            environment: environment, pageKeys: cache.entries.mapValues(\.inputKey), cardHashes: cardHashes, site: site)

        let tasks = renderer.tasks
        let products = tasks.map(Product.task) + site.projects.indices.filter { site.projects[$0].hasMetrics }.map(Product.metricsJSON)
        let plan = products.map { product -> (path: String, key: UInt64?) in
            switch product {
            case .task(let task): return (renderer.outputPath(of: task), inputs.key(of: task, in: renderer))
            case .metricsJSON(let index): return (site.projects[index].urlPath + "metrics.json", inputs.metricsKey(of: site.projects[index]))
            }
        }

        // Files whose inputs did not change are kept or linked.
        let reused = try collect(parallelMap(Array(products.indices)) { index -> Result<OutputManifest.Entry?, Staging.Failure> in
            guard let key = plan[index].key else { return .success(nil) }
            return Result { () throws(Staging.Failure) in try staging.reuse(plan[index].path, inputKey: key) }
        })
        let pending = products.indices.filter { reused[$0] == nil }
        for index in products.indices { if let entry = reused[index] { written.files[plan[index].path] = entry } }

        // Pages shown by what must be rendered, restored from the cache, are parsed again first.
        var shown: [Page] = Feeds.entries(of: site)
        for index in pending {
            switch products[index] {
            case .task(let task): shown += renderer.pagesShown(by: task)
            case .metricsJSON(let project): shown.append(site.projects[project])
            }
        }
        var seen: Set<String> = []
        let restored = shown.filter { $0.isRestored && seen.insert($0.source.sitePath).inserted }
        clock.lap("plan (unchanged files kept)")
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
                }
            }
        })
        for (index, entry) in zip(pending, rendered) { written.files[plan[index].path] = entry }

        written.files["feed.xml"] = try staging.write(Feeds.atom(for: completeSite), to: "feed.xml")
        let sitemapPages = tasks.filter { $0 != .notFound }.map { task -> (String, SiteDate?) in
            switch task {
            case .project(let index): return (completeRenderer.urlPath(of: task), completeSite.projects[index].frontMatter.updatedDate ?? completeSite.projects[index].date)
            case .page(let index): return (completeRenderer.urlPath(of: task), completeSite.pages[index].frontMatter.updatedDate ?? completeSite.pages[index].date)
            default: return (completeRenderer.urlPath(of: task), nil)
            }
        }.sorted { $0.0 < $1.0 }
        written.files["sitemap.xml"] = try staging.write(Feeds.sitemap(for: completeSite, pages: sitemapPages), to: "sitemap.xml")
        written.files["robots.txt"] = try staging.write(Feeds.robots(for: completeSite), to: "robots.txt")
        for (source, outputPath) in completeSite.files {
            let key = PageCache.inputKey([source.sitePath]) { $0 == source.sitePath ? source : nil }
            if let entry = try staging.reuse(outputPath, inputKey: key) {
                written.files[outputPath] = entry
                continue
            }
            let bytes: [UInt8]
            do {
                bytes = try FileReader.bytes(atPath: source.absolutePath)
            } catch {
                throw Staging.Failure(description: "cannot copy \(source.sitePath): \(error.message)")
            }
            written.files[outputPath] = try staging.write(bytes, to: outputPath, inputKey: key)
        }

        written.pages = tasks.count
        for index in site.projects.indices { written.cardHashes[completeSite.projects[index].source.sitePath] = cardHashes[index] }
        return written
    }

    private func reparsed(_ pages: [Page]) -> [String: Page] {
        let parsed = parallelMap(pages) { parser.reparsed($0, sources: sources) }
        return Dictionary(parsed.map { ($0.source.sitePath, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private func collect<Value>(_ results: [Result<Value, Staging.Failure>]) throws(Staging.Failure) -> [Value] {
        try results.map { result throws(Staging.Failure) in try result.get() }
    }
}
