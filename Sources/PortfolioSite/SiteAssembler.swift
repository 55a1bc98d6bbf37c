import PortfolioContent
import PortfolioSupport

/// A tag or specialization and the projects filed under it, in list order.
public struct TermGroup: Sendable {
    public var term: Term
    /// Indices into `Site.projects`.
    public var projectIndices: [Int]
}

/// Everything the site will publish, ordered and cross-referenced, before any template runs.
public struct Site: Sendable {
    public var config: SiteConfig
    /// Text of `content/index.md`, shown above the project lists.
    public var home: Page?
    /// Every published project: the listed ones newest first (by `weight` first when set), then the
    /// unlisted ones in the same order.
    public var projects: [Page]
    /// How many of `projects` are listed (they come first); the others are built but shown in no list.
    public var listedProjectCount: Int
    /// Indices into `projects` for the home page: featured ones first.
    public var homeOrder: [Int]
    public var pages: [Page]
    public var tags: [TermGroup]
    public var specializations: [TermGroup]
    /// Files from `content/` copied as they are, with the site-relative path each is published at.
    public var files: [(source: SourceFile, outputPath: String)]
    /// The CV published at `/cv/`; nil when the site has no CV data (see `CurriculumVitae.make`).
    public var cv: CurriculumVitae? = nil

    public var allPages: [Page] { (home.map { [$0] } ?? []) + projects + pages }

    /// The projects lists, feeds and summaries show.
    public var listedProjects: ArraySlice<Page> { projects.prefix(listedProjectCount) }

    /// Output paths of the files copied from the top of `content/` (where a site's own favicon goes).
    public var rootFiles: [String] { files.map(\.outputPath).filter { !$0.contains("/") } }

    /// The pages every page's navigation links to: the listed ones at the top level (`about/`, not `notes/x/`).
    public var navigationPages: [Page] { pages.filter { $0.isListed && $0.urlPath.split(separator: "/").count == 1 } }
}

/// Options of one build that change which pages are published.
public struct BuildOptions: Sendable {
    public var includeDrafts = false
    /// "Now", for leaving out future-dated pages; passed in so builds are reproducible in tests.
    public var now: SiteDate

    public init(includeDrafts: Bool = false, now: SiteDate) {
        self.includeDrafts = includeDrafts
        self.now = now
    }
}

/// Turns built pages into the site: drafts and future pages left out, ordering, tags, and the
/// address of every copied file. Reports pages that would overwrite each other.
public enum SiteAssembler {
    public static func assemble(
        pages: [Page], files: [SourceFile], consumedFiles: Set<String>, config: SiteConfig,
        options: BuildOptions, diagnostics: inout Diagnostics
    ) -> Site {
        let published = pages.filter { page in
            options.includeDrafts || (!page.frontMatter.draft && !(page.date.map { $0 > options.now } ?? false))
        }
        var owners: [String: Page] = [:]
        owners.reserveCapacity(published.count)
        var unique: [Page] = []
        unique.reserveCapacity(published.count)
        for page in published {
            if let first = owners[page.urlPath] {
                diagnostics.error(
                    "site.duplicate-url", at: page.frontMatter.keyLocations["slug"] ?? SourceLocation(file: page.source.sitePath, line: 1, column: 1),
                    "this page and \(first.source.sitePath) are both published at /\(page.urlPath)",
                    hint: "give one of them another file name or a different 'slug:'")
                continue
            }
            owners[page.urlPath] = page
            unique.append(page)
        }

        let ordered = inListOrder(unique.filter { $0.kind == .project })
        let projects = ordered.filter(\.isListed) + ordered.filter { !$0.isListed }
        let listed = projects.prefix { $0.isListed }
        let homeOrder = listed.indices.sorted {
            projects[$0].frontMatter.featured != projects[$1].frontMatter.featured
                ? projects[$0].frontMatter.featured : $0 < $1
        }
        return Site(
            config: config,
            home: unique.first { $0.kind == .home },
            projects: projects,
            listedProjectCount: listed.count,
            homeOrder: homeOrder,
            pages: unique.filter { $0.kind == .page }.sorted { $0.urlPath < $1.urlPath },
            tags: groups(of: Array(listed)) { $0.tags },
            specializations: groups(of: Array(listed)) { $0.specialization.map { [$0] } ?? [] },
            files: outputPaths(for: files, consumed: consumedFiles, pages: pages))
    }

    /// Weight first when set (as in Hugo), then newest first, then by title. The fields are read
    /// once per page into a key, not once per comparison from each page's storage.
    static func inListOrder(_ pages: [Page]) -> [Page] {
        var keys = pages.indices.map { index in
            ListOrderKey(
                weight: pages[index].frontMatter.weight ?? Int.max, date: pages[index].date, title: pages[index].title,
                urlPath: pages[index].urlPath, index: index)
        }
        keys.sort()
        return keys.map { pages[$0.index] }
    }

    /// What `inListOrder` compares of a page.
    struct ListOrderKey: Comparable {
        var weight: Int
        var date: SiteDate?
        var title: String
        var urlPath: String
        var index: Int

        static func < (a: ListOrderKey, b: ListOrderKey) -> Bool {
            if a.weight != b.weight { return a.weight < b.weight }
            switch (a.date, b.date) {
            case let (dateA?, dateB?) where dateA != dateB: return dateA > dateB
            case (.some, nil): return true
            case (nil, .some): return false
            default: return (a.title, a.urlPath) < (b.title, b.urlPath)
            }
        }
    }

    static func groups(of projects: [Page], terms: (Page) -> [Term]) -> [TermGroup] {
        var bySlug: [String: TermGroup] = [:]
        for (index, project) in projects.enumerated() {
            for term in terms(project) {
                bySlug[term.slug, default: TermGroup(term: term, projectIndices: [])].projectIndices.append(index)
            }
        }
        return bySlug.values.sorted { $0.term < $1.term }
    }

    /// Bundle files follow their page (whose slug may differ from the folder name); others keep their place.
    static func outputPaths(for files: [SourceFile], consumed: Set<String>, pages: [Page]) -> [(source: SourceFile, outputPath: String)] {
        let copied = files.filter { !consumed.contains($0.sitePath) }
        guard !copied.isEmpty else { return [] }
        var bundles: [String: String] = [:]
        bundles.reserveCapacity(pages.count)
        for page in pages { if let directory = page.bundleDirectory { bundles[directory] = page.urlPath } }
        return copied.map { file in
            var directory = file.contentPath
            while let slash = directory.lastIndex(of: "/") {
                directory = String(directory[..<slash])
                if let urlPath = bundles[directory] {
                    return (file, urlPath + file.contentPath.dropFirst(directory.count + 1))
                }
            }
            return (file, file.contentPath)
        }
    }
}
