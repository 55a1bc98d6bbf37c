import PortfolioContent
import PortfolioImages
import PortfolioMarkdown
import PortfolioMetrics
import PortfolioSupport

/// A tag or specialization with the slug its page lives under.
public struct Term: Sendable, Hashable, Comparable {
    public var name: String
    public var slug: String

    package init(name: String, slug: String) {
        self.name = name
        self.slug = slug
    }

    public static func < (lhs: Term, rhs: Term) -> Bool { (lhs.slug, lhs.name) < (rhs.slug, rhs.name) }
}

/// One Markdown file made ready for the site: permalink, rendered body, dates and terms. Its values
/// sit behind one shared reference (copy on write), so the many copies a build makes of its pages
/// (sorting, grouping, the cache) cost a retain each instead of copying dozens of fields.
public struct Page: Sendable {
    public struct Fields: Sendable {
        public var kind: PageKind
        public var source: SourceFile
        /// Where the page lives relative to the site root: `projects/rlhf/` (empty for the home page).
        public var urlPath: String
        public var slug: String
        public var frontMatter: FrontMatter
        public var title: String
        /// The rendered Markdown, behind a reference the write stage can empty (see `PageBody`).
        var body: PageBody
        public var html: String {
            get { body.text }
            set { body = PageBody(newValue) }
        }
        public var headings: [Heading]
        public var wordCount: Int
        /// Whether the body shows TeX (see `RenderedMarkdown.hasMath`).
        public var hasMath: Bool
        /// As written in front matter, or computed from the word count (`4 min`).
        public var readTime: String
        public var summary: String
        public var date: SiteDate?
        public var tags: [Term]
        public var specialization: Term?
        /// Site-relative path or absolute URL of the hero image.
        public var heroImage: String?
        public var references: [MarkdownReference]
        /// The local images the page shows (hero and body), sorted by path, with their headers.
        public var images: [PageImage] = []
        /// The header of the hero image when it is a local file.
        public var heroFacts: ImageFacts?
        /// The folder in `content/` whose other files travel with the page (bundles), relative to `content/`.
        public var bundleDirectory: String?
        /// The model-improvement figures of the page, from its metric files and inline front matter.
        public var metrics: MetricSet?
        /// Site paths of the metric files read for this page; they are data, not copied to the output.
        public var metricFiles: [String] = []

        /// What lists and the home page need of `metrics`, for a page restored from the build cache
        /// without its body and metrics (see `PageCache`).
        var restoredMetrics: (hasSeries: Bool, highlight: MetricHighlight)?
    }

    private final class Storage: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var storage: Storage

    public var fields: Fields {
        get { storage.fields }
        set { storage = Storage(newValue) }
    }

    // The fields, borrowed from the storage when read (no copy of a whole front matter to read one
    // value of it); a write copies them into new storage.
    public var kind: PageKind {
        _read { yield storage.fields.kind }
        set { fields.kind = newValue }
    }

    public var source: SourceFile {
        _read { yield storage.fields.source }
        set { fields.source = newValue }
    }

    public var urlPath: String {
        _read { yield storage.fields.urlPath }
        set { fields.urlPath = newValue }
    }

    public var slug: String {
        _read { yield storage.fields.slug }
        set { fields.slug = newValue }
    }

    public var frontMatter: FrontMatter {
        _read { yield storage.fields.frontMatter }
        set { fields.frontMatter = newValue }
    }

    public var title: String {
        _read { yield storage.fields.title }
        set { fields.title = newValue }
    }

    public var html: String {
        get { storage.fields.html }
        set { fields.html = newValue }
    }

    /// Lets go of the body for every copy of the page, once nothing left to render shows it.
    package func releaseBody() {
        storage.fields.body.release()
    }

    public var headings: [Heading] {
        _read { yield storage.fields.headings }
        set { fields.headings = newValue }
    }

    public var wordCount: Int {
        _read { yield storage.fields.wordCount }
        set { fields.wordCount = newValue }
    }

    public var hasMath: Bool {
        _read { yield storage.fields.hasMath }
        set { fields.hasMath = newValue }
    }

    public var readTime: String {
        _read { yield storage.fields.readTime }
        set { fields.readTime = newValue }
    }

    public var summary: String {
        _read { yield storage.fields.summary }
        set { fields.summary = newValue }
    }

    public var date: SiteDate? {
        _read { yield storage.fields.date }
        set { fields.date = newValue }
    }

    public var tags: [Term] {
        _read { yield storage.fields.tags }
        set { fields.tags = newValue }
    }

    public var specialization: Term? {
        _read { yield storage.fields.specialization }
        set { fields.specialization = newValue }
    }

    public var heroImage: String? {
        _read { yield storage.fields.heroImage }
        set { fields.heroImage = newValue }
    }

    public var references: [MarkdownReference] {
        _read { yield storage.fields.references }
        set { fields.references = newValue }
    }

    public var images: [PageImage] {
        _read { yield storage.fields.images }
        set { fields.images = newValue }
    }

    public var heroFacts: ImageFacts? {
        _read { yield storage.fields.heroFacts }
        set { fields.heroFacts = newValue }
    }

    public var bundleDirectory: String? {
        _read { yield storage.fields.bundleDirectory }
        set { fields.bundleDirectory = newValue }
    }

    public var metrics: MetricSet? {
        _read { yield storage.fields.metrics }
        set { fields.metrics = newValue }
    }

    public var metricFiles: [String] {
        _read { yield storage.fields.metricFiles }
        set { fields.metricFiles = newValue }
    }

    var restoredMetrics: (hasSeries: Bool, highlight: MetricHighlight)? {
        _read { yield storage.fields.restoredMetrics }
        set { fields.restoredMetrics = newValue }
    }

    public init(
        kind: PageKind, source: SourceFile, urlPath: String, slug: String, frontMatter: FrontMatter, title: String,
        html: String, headings: [Heading], wordCount: Int, hasMath: Bool = false, readTime: String, summary: String, date: SiteDate?,
        tags: [Term], specialization: Term?, heroImage: String?, references: [MarkdownReference],
        bundleDirectory: String?, metrics: MetricSet?, metricFiles: [String] = [],
        images: [PageImage] = [], heroFacts: ImageFacts? = nil,
        restoredMetrics: (hasSeries: Bool, highlight: MetricHighlight)? = nil
    ) {
        storage = Storage(Fields(
            kind: kind, source: source, urlPath: urlPath, slug: slug, frontMatter: frontMatter, title: title,
            body: PageBody(html), headings: headings, wordCount: wordCount, hasMath: hasMath, readTime: readTime, summary: summary, date: date,
            tags: tags, specialization: specialization, heroImage: heroImage, references: references,
            images: images, heroFacts: heroFacts,
            bundleDirectory: bundleDirectory, metrics: metrics, metricFiles: metricFiles, restoredMetrics: restoredMetrics))
    }

    /// Restored from the build cache: everything but the body (`html`, `headings`) and `metrics`, which
    /// only rendering the page itself needs; the build parses the file again before it renders such a page.
    public var isRestored: Bool { restoredMetrics != nil }

    /// Whether the page appears anywhere but at its own address: the home page, project, tag and
    /// specialization lists, the navigation, the feed, the sitemap (and any page that lists projects).
    /// False for `unlisted: true`, a case study shared by link only.
    public var isListed: Bool { !frontMatter.unlisted }

    /// Whether the page has figures to chart and publish as `metrics.json`.
    public var hasMetrics: Bool { restoredMetrics?.hasSeries ?? !(metrics?.series.isEmpty ?? true) }

    /// The page's share of the home page's highlights.
    public var metricHighlight: MetricHighlight {
        restoredMetrics?.highlight ?? metrics.map { MetricHighlight($0, headline: frontMatter.headlineMetric) }
            ?? MetricHighlight(hasPoints: false, headlineGain: nil, bestGain: nil)
    }

    /// Words per minute for the computed reading time (Medium and Hugo use 200-230).
    public static let wordsPerMinute = 200

    public static func minutesToRead(words: Int) -> Int {
        max(1, (words + wordsPerMinute - 1) / wordsPerMinute)
    }
}
