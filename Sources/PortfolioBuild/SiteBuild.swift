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

/// The whole pipeline: load, parse, assemble, validate, render, write, publish.
public enum SiteBuild {
    public static func run(_ request: BuildRequest) -> BuildResult {
        var clock = StageClock()
        var diagnostics = Diagnostics()
        let root = SitePaths.folder(request.siteDirectory)

        let (loadedConfig, configText) = loadConfig(root: root, diagnostics: &diagnostics)
        var config = loadedConfig
        let confidential = ConfidentialScanner(
            terms: loadConfidentialTerms(root: root, diagnostics: &diagnostics), ownEmails: config.author.email.map { [$0] } ?? [])
        if let configText {
            confidential.scan(configText, origin: .init(file: "portfolio.yaml"), syntax: .yaml, diagnostics: &diagnostics)
        }
        if let override = request.baseURLOverride { config.baseURL = SiteConfig.normalizedBaseURL(override) }
        let knownFolders = request.useCache ? FolderListings.load(siteDirectory: root) : FolderListings()
        let (tree, folders) = ContentScanner.scan(siteDirectory: root, known: knownFolders, diagnostics: &diagnostics)
        if request.useCache, request.outputDirectory != nil, folders != knownFolders { folders.save(siteDirectory: root) }
        let theme = Theme.forSite(at: root, diagnostics: &diagnostics)
        clock.lap("load")

        let environment = environmentKey(request, root: root, theme: theme)
        let inputs = BuildStamp.inputsHash(files: tree.markdown + tree.files, extra: [String(environment), request.outputDirectory ?? ""])
        if let outputDirectory = request.outputDirectory, request.useCache, !diagnostics.hasErrors,
           let stamp = BuildStamp.current(inputs: inputs, siteDirectory: root, outputDirectory: outputDirectory) {
            var result = BuildResult(diagnostics: Diagnostics(stamp.diagnostics), pagesWritten: stamp.pagesWritten, published: true)
            result.upToDate = true
            clock.lap("up to date")
            result.timings = clock.laps
            return result
        }

        let sources = SourceIndex(tree)
        let previous = request.useCache
            ? PageCache.load(siteDirectory: root, environment: environment, contentSet: PageCache.contentSet(of: tree))
            : PageCache(environment: environment, contentSet: 0)
        clock.lap("read cache")
        let parser = PageParser(
            siteDirectory: root, config: config, content: ContentIndex(files: tree.files), workTimes: request.workTimes,
            confidential: confidential)
        let parsed = parallelMap(tree.markdown) { file -> (entry: PageCache.Entry, wasParsed: Bool) in
            if let entry = previous.reusableEntry(for: file, lookUp: sources.file(atSitePath:)) { return (entry, false) }
            var fileDiagnostics = Diagnostics()
            let page = parser.page(file, diagnostics: &fileDiagnostics)
            let pageInputs = sources.inputs(of: file, page: page)
            let entry = PageCache.Entry(
                inputs: pageInputs, inputKey: PageCache.inputKey(pageInputs, file: sources.file(atSitePath:)), page: page,
                diagnostics: fileDiagnostics.all, cardHash: nil)
            return (entry, true)
        }
        let entries = parsed.map(\.entry)
        // A Markdown file that a project reads as metrics (a Hugging Face model card) is data, not a page.
        let consumed = Set(entries.flatMap { $0.page?.metricFiles ?? [] })
        var pages: [Page] = []
        for (file, entry) in zip(tree.markdown, entries) where !consumed.contains(file.sitePath) {
            diagnostics.append(contentsOf: Diagnostics(entry.diagnostics))
            if let page = entry.page { pages.append(page) }
        }
        clock.lap("parse")

        let templates = TemplateSet.compile(theme, measuringIn: request.workTimes, diagnostics: &diagnostics)
        clock.lap("compile templates")
        var site = SiteAssembler.assemble(
            pages: pages, files: tree.files, consumedFiles: consumed, config: config,
            options: BuildOptions(includeDrafts: request.includeDrafts, now: request.now), diagnostics: &diagnostics)
        let resume = loadResume(root: root, confidential: confidential, diagnostics: &diagnostics)
        site.cv = CurriculumVitae.make(config: config, resume: resume, projects: Array(site.listedProjects), today: request.now, diagnostics: &diagnostics)
        for stale in config.hire?.staleScoreWarnings(today: request.now) ?? [] { diagnostics.append(stale) }
        templates.checkLayouts(of: site, diagnostics: &diagnostics)
        clock.lap("assemble")
        scanPublishedNames(of: site, with: confidential, diagnostics: &diagnostics)
        let rules = ContentRules.check(site, extraPaths: Set(SiteOutput.list(of: site).map(\.address))) { page, published in
            guard page.isRestored, let kept = previous.entries[page.source.sitePath]?.rules, kept.published == published else { return nil }
            return kept.diagnostics
        }
        for found in rules.found { diagnostics.append(contentsOf: Diagnostics(found)) }
        clock.lap("check links")
        var leftovers: [any Sendable] = [tree, sources, previous, parsed, entries, pages, parser, site, rules.found]
        defer { releaseInBackground(leftovers) }

        var result = BuildResult(diagnostics: diagnostics)
        result.curriculumVitae = site.cv
        result.filesParsed = parsed.count { $0.wasParsed }
        guard let outputDirectory = request.outputDirectory, !diagnostics.hasErrors else {
            result.timings = clock.laps
            return result
        }
        do throws(Staging.Failure) {
            let lock = try OutputLock(for: outputDirectory)
            defer { lock.release() }
            let staging = try Staging.create(for: outputDirectory, cacheDirectory: request.useCache ? CacheFile.folder(of: root) : nil)
            do throws(Staging.Failure) {
                // Restored entries are already in the cache as they were read.
                var cache = previous
                for (file, item) in zip(tree.markdown, parsed) where item.wasParsed { cache.entries[file.sitePath] = item.entry }
                for (page, found) in zip(site.allPages, rules.found) {
                    let findings = ContentRules.Findings(published: rules.published, diagnostics: found)
                    if cache.entries[page.source.sitePath]?.rules != findings { cache.entries[page.source.sitePath]?.rules = findings }
                }
                let images = ImagePublisher(
                    staging: staging, cacheFolder: request.useCache ? CacheFile.folder(of: root) + "/images" : nil,
                    keepMetadata: config.keepImageMetadata)
                let writer = SiteWriter(
                    theme: theme, templates: templates, staging: staging, parser: parser, sources: sources,
                    environment: environment, cache: cache, images: images)
                let written = try writer.write(site, clock: &clock)
                try staging.publish(files: written.files)
                clock.lap("publish")
                result.pagesWritten = written.pages
                result.filesWritten = written.files.count
                result.published = true
                if request.useCache {
                    for (sitePath, hash) in written.cardHashes where cache.entries[sitePath]?.cardHash != hash {
                        cache.entries[sitePath]?.cardHash = hash
                    }
                    cache.save(siteDirectory: root)
                    BuildStamp.record(
                        inputs: inputs, diagnostics: result.diagnostics.sorted, pagesWritten: written.pages,
                        siteDirectory: root, outputDirectory: outputDirectory)
                }
                clock.lap("write cache")
                leftovers += [cache, writer, written, staging]
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

    static func environmentKey(_ request: BuildRequest, root: String, theme: Theme) -> UInt64 {
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
            request.baseURLOverride ?? "", request.now.isoDate, ImageCodec.canEncodeAVIF ? "avif" : "",
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
