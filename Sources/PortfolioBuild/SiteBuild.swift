import CAllocator
import Foundation
import PortfolioContent
import PortfolioImages
import PortfolioMetrics
import PortfolioOutput
import PortfolioRender
import PortfolioSite
import PortfolioSupport
import PortfolioValidation

/// What the user asked for: which site, where to write it, and the switches of `build` and `check`.
public struct BuildRequest: Sendable {
    public var siteDirectory: String
    /// Nil for `check`, which runs everything but writes nothing.
    public var outputDirectory: String?
    public var includeDrafts = false
    public var baseURLOverride: String?
    public var now: SiteDate
    /// Reuse and keep `.portfolio-cache/` (parsed pages, output manifests); false builds from scratch.
    public var useCache = true
    /// Where to add the time of each template's renders and of the files parsed; nil measures none.
    public var workTimes: WorkTimes?

    public init(
        siteDirectory: String, outputDirectory: String?, includeDrafts: Bool = false, baseURLOverride: String? = nil,
        now: SiteDate, useCache: Bool = true
    ) {
        self.siteDirectory = siteDirectory
        self.outputDirectory = outputDirectory
        self.includeDrafts = includeDrafts
        self.baseURLOverride = baseURLOverride
        self.now = now
        self.useCache = useCache
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
    /// Markdown files parsed; the others were restored from the build cache.
    public var filesParsed = 0
    /// One stage of the build: how long it took and the memory held when it ended.
    public struct Lap: Sendable {
        public var stage: String
        public var seconds: Double
        public var residentBytes: Int
    }

    /// The stages in the order they ran.
    public var timings: [Lap] = []
    /// The site's CV, for `portfolio export resume`; nil when the site has no CV data.
    public var curriculumVitae: CurriculumVitae?
}

/// The whole pipeline as named steps: load, parse, compile templates, assemble, check links, then
/// render, write and publish. Each step is a function from values to values, timed by its name for
/// `--timings`; what a step reuses from the last build is asked of `IncrementalState`.
public enum SiteBuild {
    public static func run(_ request: BuildRequest) -> BuildResult {
        var clock = StageClock()
        var diagnostics = Diagnostics()
        let loaded = clock.step("load") { load(request, diagnostics: &diagnostics) }
        if let stamp = IncrementalState.upToDate(request, loaded, diagnostics: diagnostics) {
            var result = BuildResult(diagnostics: Diagnostics(stamp.diagnostics), pagesWritten: stamp.pagesWritten, published: true)
            result.upToDate = true
            clock.lap("up to date")
            result.timings = clock.laps
            return result
        }
        let state = clock.step("read cache") { IncrementalState.open(request, loaded) }
        portfolio_return_free_memory_at_once(state.startsFromScratch)
        let icons = request.outputDirectory != nil && state.startsFromScratch ? IconPrefetch.start(loaded) : nil
        let parsed = clock.step("parse") { parse(loaded, request: request, state: state, diagnostics: &diagnostics) }
        let templates = clock.step("compile templates") {
            TemplateSet.compile(loaded.theme, measuringIn: request.workTimes, diagnostics: &diagnostics)
        }
        let site = clock.step("assemble") {
            assemble(parsed, loaded, templates: templates, request: request, diagnostics: &diagnostics)
        }
        let outputs = SiteOutput.list(of: site)
        let rules = clock.step("check links") {
            checkStylesheetImages(loaded, images: parsed.parser.images, diagnostics: &diagnostics)
            return checkLinks(site, outputs: outputs, loaded, state: state, diagnostics: &diagnostics)
        }
        var leftovers: [any Sendable] = [loaded, state, parsed, site, outputs, rules.found]
        defer { releaseInBackground(leftovers) }

        var result = BuildResult(diagnostics: diagnostics)
        result.curriculumVitae = site.cv
        result.filesParsed = parsed.parsedFileCount
        if let outputDirectory = request.outputDirectory, !diagnostics.hasErrors {
            let written = publish(
                site, outputs: outputs, into: outputDirectory, loaded, templates: templates, icons: icons,
                state: state.recording(parsed, rules: rules, of: site), request: request, clock: &clock, result: &result)
            leftovers += written
        }
        result.timings = clock.laps
        return result
    }

    /// The site's settings, its files and its theme, and the hashes that say whether anything changed.
    struct Loaded: Sendable {
        let root: String
        let config: SiteConfig
        let confidential: ConfidentialScanner
        let tree: ContentTree
        let sources: SourceIndex
        let theme: Theme
        /// Hash of what besides the content files decides the output (see `environmentKey`).
        let environment: UInt64
        /// Hash of every input file's identity with `environment`, which the build stamp compares.
        let inputs: UInt64
    }

    static func load(_ request: BuildRequest, diagnostics: inout Diagnostics) -> Loaded {
        let root = SitePaths.folder(request.siteDirectory)
        let (loadedConfig, configText) = loadConfig(root: root, diagnostics: &diagnostics)
        var config = loadedConfig
        let confidential = ConfidentialScanner(
            terms: loadConfidentialTerms(root: root, diagnostics: &diagnostics), ownEmails: config.author.email.map { [$0] } ?? [])
        if let configText {
            confidential.scan(configText, origin: .init(file: "portfolio.yaml"), syntax: .yaml, diagnostics: &diagnostics)
        }
        if let override = request.baseURLOverride { config.baseURL = SiteConfig.normalizedBaseURL(override) }
        let tree = IncrementalState.scanContent(request, root: root, diagnostics: &diagnostics)
        let theme = Theme.forSite(at: root, diagnostics: &diagnostics)
        let environment = environmentKey(request, root: root, theme: theme, mayShowPhotos: mayShowPhotos(tree))
        let inputs = BuildStamp.inputsHash(files: tree.markdown + tree.files, extra: [String(environment), request.outputDirectory ?? ""])
        return Loaded(
            root: root, config: config, confidential: confidential, tree: tree, sources: SourceIndex(tree), theme: theme,
            environment: environment, inputs: inputs)
    }

    /// The pages of the parse step, and the cache entries they came from or go into.
    struct Parsed: Sendable {
        let parser: PageParser
        /// The Markdown files, in the content walk's order.
        let files: [SourceFile]
        /// One per Markdown file, in the content walk's order.
        let entries: [(entry: PageCache.Entry, wasParsed: Bool)]
        let pages: [Page]
        /// Markdown files that a project reads as metrics (a Hugging Face model card): data, not pages.
        let consumed: Set<String>

        var parsedFileCount: Int { entries.count { $0.wasParsed } }
    }

    static func parse(_ loaded: Loaded, request: BuildRequest, state: IncrementalState, diagnostics: inout Diagnostics) -> Parsed {
        let parser = PageParser(
            siteDirectory: loaded.root, config: loaded.config, content: ContentIndex(files: loaded.tree.files),
            workTimes: request.workTimes, confidential: loaded.confidential)
        let sources = loaded.sources
        // The bodies wait on disk until their pages are written: held, they are most of a build's memory.
        let spill = SpillFile(directory: SpillFile.temporaryDirectory)
        let entries = parallelMap(loaded.tree.markdown) { file -> (entry: PageCache.Entry, wasParsed: Bool) in
            if let entry = state.reusableEntry(for: file, sources: sources) { return (entry, false) }
            var fileDiagnostics = Diagnostics()
            let page = parser.page(file, diagnostics: &fileDiagnostics)
            if let spill { page?.spillBody(to: spill) }
            return (IncrementalState.entry(for: file, page: page, diagnostics: fileDiagnostics, sources: sources), true)
        }
        let consumed = Set(entries.flatMap { $0.entry.page?.metricFiles ?? [] })
        var pages: [Page] = []
        let content = parser.content(of:)
        for (file, item) in zip(loaded.tree.markdown, entries) where !consumed.contains(file.sitePath) {
            diagnostics.append(contentsOf: Diagnostics(item.entry.diagnostics))
            if let page = IncrementalState.page(of: item.entry, file: file, content: content) { pages.append(page) }
        }
        return Parsed(parser: parser, files: loaded.tree.markdown, entries: entries, pages: pages, consumed: consumed)
    }

    static func assemble(
        _ parsed: Parsed, _ loaded: Loaded, templates: TemplateSet, request: BuildRequest, diagnostics: inout Diagnostics
    ) -> Site {
        let config = loaded.config
        var site = SiteAssembler.assemble(
            pages: parsed.pages, files: loaded.tree.files, consumedFiles: parsed.consumed, config: config,
            options: BuildOptions(includeDrafts: request.includeDrafts, now: request.now), diagnostics: &diagnostics)
        let resume = loadResume(root: loaded.root, confidential: loaded.confidential, diagnostics: &diagnostics)
        site.cv = CurriculumVitae.make(
            config: config, resume: resume, projects: Array(site.listedProjects), today: request.now, diagnostics: &diagnostics)
        for stale in config.hire?.staleScoreWarnings(today: request.now) ?? [] { diagnostics.append(stale) }
        templates.checkLayouts(of: site, diagnostics: &diagnostics)
        return site
    }

    static func checkLinks(
        _ site: Site, outputs: [SiteOutput], _ loaded: Loaded, state: IncrementalState, diagnostics: inout Diagnostics
    ) -> (published: UInt64, found: [[Diagnostic]]) {
        scanPublishedNames(of: site, with: loaded.confidential, diagnostics: &diagnostics)
        let rules = ContentRules.check(site, extraPaths: Set(outputs.map(\.address)), kept: state.keptLinkFindings)
        for found in rules.found { diagnostics.append(contentsOf: Diagnostics(found)) }
        return rules
    }

    /// Large local images that the stylesheets in `content/` name with `url()`: published as they are.
    static func checkStylesheetImages(_ loaded: Loaded, images: ImageLookup, diagnostics: inout Diagnostics) {
        for file in loaded.tree.files where file.contentPath.hasSuffix(".css") {
            guard let bytes = try? FileReader.bytes(atPath: file.absolutePath),
                  let css = String(validating: bytes, as: UTF8.self) else { continue }
            for found in EmbeddedURLs.inCSS(css) {
                let location = SourceLocation(file: file.sitePath, offset: found.offset, in: bytes)
                if let warning = EmbeddedImageRule.check(
                    found.url, writtenIn: file.contentPath, at: location, lookup: images, how: "is named in a stylesheet")
                {
                    diagnostics.append(warning)
                }
            }
        }
    }

    /// Renders and writes the site into a staging folder beside `outputDirectory` and swaps it in at
    /// once; on a failure the staging folder goes and the published output stays as it was. Returns
    /// what the caller may free after returning.
    static func publish(
        _ site: Site, outputs: [SiteOutput], into outputDirectory: String, _ loaded: Loaded, templates: TemplateSet,
        icons: IconPrefetch?, state: IncrementalState, request: BuildRequest, clock: inout StageClock, result: inout BuildResult
    ) -> [any Sendable] {
        do throws(Staging.Failure) {
            let lock = try OutputLock(for: outputDirectory)
            defer { lock.release() }
            let staging = try Staging.create(for: outputDirectory, cacheDirectory: state.cacheFolder)
            do throws(Staging.Failure) {
                let images = ImagePublisher(
                    staging: staging, cacheFolder: state.cacheFolder.map { $0 + "/images" }, keepMetadata: loaded.config.keepImageMetadata)
                let writer = SiteWriter(
                    theme: loaded.theme, templates: templates, staging: staging, sources: loaded.sources,
                    environment: loaded.environment, images: images, prefetchedIcons: icons)
                let pages = state.startSavingPages()
                // Also when writing fails: a next build (`serve` goes on) must not write the cache while this
                // thread still does, to the same temporary file.
                defer { pages?.value }
                let written = try writer.write(site, outputs: outputs, clock: &clock)
                try staging.publish(files: written.files)
                clock.lap("publish")
                result.pagesWritten = written.pages
                result.filesWritten = written.files.count
                result.published = true
                state.save(written, pages: pages, loaded, request: request, diagnostics: result.diagnostics)
                clock.lap("write cache")
                return [writer, written, staging]
            } catch {
                staging.discard()
                throw error
            }
        } catch {
            result.diagnostics.error("output.write", at: SourceLocation(file: outputDirectory), error.description)
            return []
        }
    }

    /// Drops what the cache keeps about an output folder that is gone for good (`serve`'s private
    /// one), so such records do not pile up in `.portfolio-cache/`; the parsed pages stay.
    public static func forgetOutput(_ outputDirectory: String, siteDirectory: String) {
        let root = SitePaths.folder(siteDirectory)
        Staging.forgetManifests(of: outputDirectory, in: CacheFile.folder(of: root))
        unlink(BuildStamp.path(siteDirectory: root, outputDirectory: outputDirectory))
    }

    /// Hash of what besides the content files decides the output: options, config, theme, program,
    /// the site's place and the day.
    /// The files at the top of the site folder a build reads besides `content/` and `templates/`: the
    /// cache key covers them and the preview watches them. confidential.txt decides which diagnostics a
    /// page gets when it is parsed, as the config does.
    public static let siteFiles = ["portfolio.yaml", JSONResume.fileName, "confidential.txt"]

    /// Whether `content/` holds a file that may be a raster image a page shows (a photo's extension,
    /// or none: a page may show any file as an image). Only such images get AVIF copies, so only then
    /// does the build ask libvips whether it can write AVIF, which loads all of its format modules.
    /// Every build asks this of every file, so it reads each path in place: no copy of the file's
    /// record, no list of its folders.
    static func mayShowPhotos(_ tree: ContentTree) -> Bool {
        tree.files.indices.contains { index in
            let path = tree.files[index].contentPath
            let nameStart = path.utf8.lastIndex(of: UInt8(ascii: "/")).map(path.utf8.index(after:)) ?? path.startIndex
            guard path.utf8[nameStart...].contains(UInt8(ascii: ".")) else { return true }
            return ImageFormat.forExtension(of: path).map { $0 != .svg } ?? false
        }
    }

    static func environmentKey(_ request: BuildRequest, root: String, theme: Theme, mayShowPhotos: Bool) -> UInt64 {
        func identity(_ name: String) -> String {
            var status = stat()
            return stat(root + name, &status) == 0
                ? "\(status.st_size):\(status.st_mtim.tv_sec):\(status.st_mtim.tv_nsec)" : "none"
        }
        var writer = CacheWriter()
        for path in theme.files.keys.sorted() {
            writer.write(path)
            writer.writeBytes(theme.files[path]!)
        }
        for item in [BuildStamp.programIdentity] + siteFiles.map(identity) + [
            root, request.includeDrafts ? "drafts" : "",
            request.baseURLOverride ?? "", request.now.isoDate, !mayShowPhotos ? "no photos" : ImageCodec.canEncodeAVIF ? "avif" : "",
        ] { writer.write(item) }
        return ContentHash.ofBytes(writer.bytes)
    }

    /// Reads `resume.json` beside `portfolio.yaml`, if there is one; it is published on `/cv/`, so its
    /// text goes through the confidential scan too.
    static func loadResume(root: String, confidential: ConfidentialScanner, diagnostics: inout Diagnostics) -> JSONResume? {
        guard FileManager.default.fileExists(atPath: root + JSONResume.fileName),
              let text = siteFileText(JSONResume.fileName, root: root, unreadableCode: "resume.unreadable", diagnostics: &diagnostics)
        else { return nil }
        confidential.scan(text, origin: .init(file: JSONResume.fileName), syntax: .plain, diagnostics: &diagnostics)
        return JSONResume.decode(text, file: JSONResume.fileName, diagnostics: &diagnostics)
    }

    /// The config, and the text of `portfolio.yaml` when it could be read (for the confidential scan).
    static func loadConfig(root: String, diagnostics: inout Diagnostics) -> (SiteConfig, String?) {
        guard FileManager.default.fileExists(atPath: root + "portfolio.yaml") else {
            diagnostics.warning(
                "config.missing", at: SourceLocation(file: "portfolio.yaml"),
                "no portfolio.yaml in the site folder; using defaults",
                hint: "create portfolio.yaml with at least 'title:' and 'base_url:'")
            return (SiteConfig(), nil)
        }
        guard let text = siteFileText("portfolio.yaml", root: root, unreadableCode: "config.unreadable", diagnostics: &diagnostics)
        else { return (SiteConfig(), nil) }
        return (SiteConfig.decode(text, file: "portfolio.yaml", diagnostics: &diagnostics), text)
    }

    /// The terms of `confidential.txt` at the site root; none when there is no such file.
    static func loadConfidentialTerms(root: String, diagnostics: inout Diagnostics) -> [String] {
        guard FileManager.default.fileExists(atPath: root + "confidential.txt") else { return [] }
        return siteFileText("confidential.txt", root: root, unreadableCode: "confidential.unreadable", diagnostics: &diagnostics)
            .map(ConfidentialScanner.terms(inList:)) ?? []
    }

    /// The names of the files and folders the site publishes (a bundle's folder becomes the page's
    /// address, a copied file keeps its name), scanned once per build: they are not cached with pages.
    static func scanPublishedNames(of site: Site, with scanner: ConfidentialScanner, diagnostics: inout Diagnostics) {
        for source in site.allPages.map(\.source) + site.files.map(\.source) {
            scanner.scan(source.contentPath, origin: .init(file: source.sitePath, line: 0, column: 0, label: "in the file's path"), syntax: .plain, diagnostics: &diagnostics)
        }
    }

    /// The text of a file at the top of the site folder; nil, with a diagnostic under `unreadableCode`,
    /// when it cannot be read or is not UTF-8.
    private static func siteFileText(_ name: String, root: String, unreadableCode: String, diagnostics: inout Diagnostics) -> String? {
        do {
            let bytes = try FileReader.bytes(atPath: root + name)
            return SourceText.decode(bytes, file: name, diagnostics: &diagnostics)
        } catch {
            diagnostics.error(unreadableCode, at: SourceLocation(file: name), "cannot read \(name): \(error.message)")
            return nil
        }
    }

}

/// Measures the stages of one build for `--timings`.
struct StageClock {
    private var last = DispatchTime.now().uptimeNanoseconds
    private(set) var laps: [BuildResult.Lap] = []

    /// Runs one named step and records its time.
    mutating func step<Value>(_ name: String, _ body: () -> Value) -> Value {
        let value = body()
        lap(name)
        return value
    }

    mutating func lap(_ stage: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        laps.append(BuildResult.Lap(stage: stage, seconds: Double(now - last) / 1e9, residentBytes: StageClock.residentBytes()))
        last = now
    }

    /// The memory the process holds now (its resident set), from `/proc/self/statm`.
    static func residentBytes() -> Int {
        // Files in /proc say they are empty: read what there is rather than what stat says.
        let descriptor = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
        guard count > 0 else { return 0 }
        let fields = String(decoding: buffer[..<count], as: UTF8.self).split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
