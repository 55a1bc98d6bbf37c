import Foundation

/// What the user asked for: which site, where to write it, and the switches of `build` and `check`.
public struct BuildRequest: Sendable {
    public var siteDirectory: String
    /// Nil for `check`, which runs everything but writes nothing.
    public var outputDirectory: String?
    public var includeDrafts = false
    public var baseURLOverride: String?
    public var now: SiteDate

    public init(siteDirectory: String, outputDirectory: String?, includeDrafts: Bool = false, baseURLOverride: String? = nil, now: SiteDate) {
        self.siteDirectory = siteDirectory
        self.outputDirectory = outputDirectory
        self.includeDrafts = includeDrafts
        self.baseURLOverride = baseURLOverride
        self.now = now
    }
}

/// How a build went: its diagnostics, what it wrote, and where the time went.
public struct BuildResult: Sendable {
    public var diagnostics: Diagnostics
    public var pagesWritten = 0
    public var filesWritten = 0
    public var published = false
    /// Nothing changed since the last build into the same folder, so nothing was written.
    public var upToDate = false
    /// Seconds per stage, in the order the stages ran.
    public var timings: [(stage: String, seconds: Double)] = []
}

/// The whole pipeline: load, parse, assemble, validate, render, write, publish.
public enum SiteBuild {
    public static func run(_ request: BuildRequest) -> BuildResult {
        var clock = StageClock()
        var diagnostics = Diagnostics()
        let root = request.siteDirectory.hasSuffix("/") ? request.siteDirectory : request.siteDirectory + "/"

        var config = loadConfig(root: root, diagnostics: &diagnostics)
        if let override = request.baseURLOverride { config.baseURL = SiteConfig.normalizedBaseURL(override) }
        let tree = ContentScanner.scan(siteDirectory: root, diagnostics: &diagnostics)
        let theme = Theme.forSite(at: root, diagnostics: &diagnostics)
        clock.lap("load")

        let inputs = BuildStamp.inputsHash(files: tree.markdown + tree.files, extra: stampExtras(request, root: root, theme: theme))
        if let outputDirectory = request.outputDirectory, !diagnostics.hasErrors,
           let stamp = BuildStamp.current(inputs: inputs, siteDirectory: root, outputDirectory: outputDirectory) {
            var result = BuildResult(diagnostics: Diagnostics(stamp.diagnostics), pagesWritten: stamp.pagesWritten, published: true)
            result.upToDate = true
            clock.lap("up to date")
            result.timings = clock.laps
            return result
        }

        let pageConfig = config
        let contentIndex = ContentIndex(files: tree.files)
        let built = parallelMap(tree.markdown) { file -> (Page?, Diagnostics) in
            var fileDiagnostics = Diagnostics()
            var page = buildPage(file, config: pageConfig, diagnostics: &fileDiagnostics)
            if let built = page {
                page = MetricLoader.load(for: built, siteDirectory: root, content: contentIndex, diagnostics: &fileDiagnostics)
            }
            return (page, fileDiagnostics)
        }
        // A Markdown file that a project reads as metrics (a Hugging Face model card) is data, not a page.
        let consumed = Set(built.flatMap { $0.0?.metricFiles ?? [] })
        var pages: [Page] = []
        for (file, (page, fileDiagnostics)) in zip(tree.markdown, built) where !consumed.contains(file.sitePath) {
            diagnostics.append(contentsOf: fileDiagnostics)
            if let page { pages.append(page) }
        }
        clock.lap("parse")

        let templates = TemplateSet.compile(theme, diagnostics: &diagnostics)
        let site = SiteAssembler.assemble(
            pages: pages, files: tree.files, consumedFiles: consumed, config: config,
            options: BuildOptions(includeDrafts: request.includeDrafts, now: request.now), diagnostics: &diagnostics)
        ContentRules.check(site, extraPaths: generatedPaths(of: site), diagnostics: &diagnostics)
        clock.lap("assemble")

        var result = BuildResult(diagnostics: diagnostics)
        guard let outputDirectory = request.outputDirectory, !diagnostics.hasErrors else {
            result.timings = clock.laps
            return result
        }
        do throws(Staging.Failure) {
            let staging = try Staging.create(for: outputDirectory)
            do throws(Staging.Failure) {
                let counts = try write(site: site, theme: theme, templates: templates, to: staging)
                clock.lap("render+write")
                try staging.publish()
                clock.lap("publish")
                result.pagesWritten = counts.pages
                result.filesWritten = counts.files
                result.published = true
                BuildStamp.record(
                    inputs: inputs, diagnostics: result.diagnostics.sorted, pagesWritten: counts.pages,
                    siteDirectory: root, outputDirectory: outputDirectory)
            } catch {
                staging.discard()
                throw error
            }
        } catch {
            result.diagnostics.error("output.write", at: SourceLocation(file: outputDirectory), error.description)
        }
        result.timings = clock.laps
        return result
    }

    /// What besides the content files decides the output: options, config, theme, program and day.
    static func stampExtras(_ request: BuildRequest, root: String, theme: Theme) -> [String] {
        var config = stat()
        let configIdentity = stat(root + "portfolio.yaml", &config) == 0
            ? "\(config.st_size):\(config.st_mtim.tv_sec):\(config.st_mtim.tv_nsec)" : "none"
        var themeBytes: [UInt8] = []
        for path in theme.files.keys.sorted() {
            themeBytes += path.utf8
            themeBytes += theme.files[path]!
        }
        return [
            BuildStamp.programIdentity, configIdentity, String(ContentHash.fnv1a(themeBytes)),
            request.includeDrafts ? "drafts" : "", request.baseURLOverride ?? "", request.outputDirectory ?? "",
            request.now.isoDate,
        ]
    }

    /// Paths the build writes besides pages and copied files, so links to them count as valid.
    static func generatedPaths(of site: Site) -> Set<String> {
        var paths: Set<String> = ["", "tags/", "feed.xml", "sitemap.xml", "robots.txt", "404.html"]
        for listing in site.listings {
            for page in 1...site.pageCount(of: listing) { paths.insert(site.urlPath(of: listing, page: page)) }
        }
        for project in site.projects where project.hasMetrics { paths.insert(project.urlPath + "metrics.json") }
        return paths
    }

    static func loadConfig(root: String, diagnostics: inout Diagnostics) -> SiteConfig {
        let path = root + "portfolio.yaml"
        guard FileManager.default.fileExists(atPath: path) else {
            diagnostics.warning(
                "config.missing", at: SourceLocation(file: "portfolio.yaml"),
                "no portfolio.yaml in the site folder; using defaults",
                hint: "create portfolio.yaml with at least 'title:' and 'base_url:'")
            return SiteConfig()
        }
        do {
            let bytes = try FileReader.bytes(atPath: path)
            guard let text = SourceText.decode(bytes, file: "portfolio.yaml", diagnostics: &diagnostics) else { return SiteConfig() }
            return SiteConfig.decode(text, file: "portfolio.yaml", diagnostics: &diagnostics)
        } catch {
            diagnostics.error("config.unreadable", at: SourceLocation(file: "portfolio.yaml"), "cannot read portfolio.yaml: \(error.message)")
            return SiteConfig()
        }
    }

    static func buildPage(_ file: SourceFile, config: SiteConfig, diagnostics: inout Diagnostics) -> Page? {
        let bytes: [UInt8]
        do {
            bytes = try FileReader.bytes(atPath: file.absolutePath)
        } catch {
            diagnostics.error("content.unreadable", at: SourceLocation(file: file.sitePath), "cannot read the file: \(error.message)")
            return nil
        }
        guard let text = SourceText.decode(bytes, file: file.sitePath, diagnostics: &diagnostics) else { return nil }
        return PageBuilder.page(from: file, text: text, config: config, diagnostics: &diagnostics)
    }

    /// Renders every page in parallel, writing each as soon as it is rendered, then the feeds,
    /// theme assets and copied content files.
    static func write(site: Site, theme: Theme, templates: TemplateSet, to staging: Staging) throws(Staging.Failure) -> (pages: Int, files: Int) {
        var assetPaths: [String: String] = [:]
        for asset in theme.assets {
            let published = asset.path.hasSuffix(".css") || asset.path.hasSuffix(".js")
                ? ContentHash.fingerprinted(asset.path, bytes: asset.bytes) : asset.path
            assetPaths[asset.path] = published
            try staging.write(asset.bytes, to: published)
        }
        let renderer = SiteRenderer(site: site, templates: templates, assetPaths: assetPaths)
        let tasks = renderer.tasks
        let failures = parallelMap(tasks) { task -> Staging.Failure? in
            do throws(Staging.Failure) {
                try staging.write(renderer.render(task), to: renderer.outputPath(of: task))
                if case .project(let index) = task, let set = site.projects[index].metrics, site.projects[index].hasMetrics {
                    let project = site.projects[index]
                    try staging.write(MetricsJSON.encode(set, headlineName: project.frontMatter.headlineMetric), to: project.urlPath + "metrics.json")
                }
                return nil
            } catch {
                return error
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw failure }

        try staging.write(Feeds.atom(for: site), to: "feed.xml")
        let sitemapPages = tasks.filter { $0 != .notFound }.map { task -> (String, SiteDate?) in
            switch task {
            case .project(let index): return (renderer.urlPath(of: task), site.projects[index].frontMatter.updatedDate ?? site.projects[index].date)
            case .page(let index): return (renderer.urlPath(of: task), site.pages[index].frontMatter.updatedDate ?? site.pages[index].date)
            default: return (renderer.urlPath(of: task), nil)
            }
        }.sorted { $0.0 < $1.0 }
        try staging.write(Feeds.sitemap(for: site, pages: sitemapPages), to: "sitemap.xml")
        try staging.write(Feeds.robots(for: site), to: "robots.txt")
        for (source, outputPath) in site.files {
            let bytes: [UInt8]
            do {
                bytes = try FileReader.bytes(atPath: source.absolutePath)
            } catch {
                throw Staging.Failure(description: "cannot copy \(source.sitePath): \(error.message)")
            }
            try staging.write(bytes, to: outputPath)
        }
        let metricFiles = site.projects.count(where: \.hasMetrics)
        return (tasks.count, tasks.count + metricFiles + 3 + site.files.count + theme.assets.count)
    }
}

/// Measures the stages of one build for `--timings`.
struct StageClock {
    private var last = DispatchTime.now().uptimeNanoseconds
    private(set) var laps: [(stage: String, seconds: Double)] = []

    mutating func lap(_ stage: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        laps.append((stage, Double(now - last) / 1e9))
        last = now
    }
}
