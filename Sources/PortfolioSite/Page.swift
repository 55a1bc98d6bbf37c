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
        /// The rendered Markdown, its headings and the metrics, made again from the files when not held.
        var content: PageContent
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
        /// Site paths of the metric files read for this page; they are data, not copied to the output.
        public var metricFiles: [String] = []
        /// What lists and the home page show of the metrics, kept beside them: lists need no content.
        public var listedMetrics: ListedMetrics
        /// Hash of the page's files as they were read (the build cache's input key): in cache keys, it
        /// stands for what the page's content makes, so a key never needs the content itself.
        public var contentKey: UInt64 = 0
    }

    @usableFromInline final class Storage: Sendable {
        @usableFromInline let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    @usableFromInline var storage: Storage

    public var fields: Fields {
        get { storage.fields }
        set { storage = Storage(newValue) }
    }

    // The fields, borrowed from the storage when read; a write copies them into new storage. They are
    // inlinable: a caller in another module that calls an accessor copies the value it yields (a
    // whole front matter to read its `layout`), an inlined one reads only what it uses.
    @inlinable public var kind: PageKind {
        _read { yield storage.fields.kind }
        set { fields.kind = newValue }
    }

    @inlinable public var source: SourceFile {
        _read { yield storage.fields.source }
        set { fields.source = newValue }
    }

    @inlinable public var urlPath: String {
        _read { yield storage.fields.urlPath }
        set { fields.urlPath = newValue }
    }

    @inlinable public var slug: String {
        _read { yield storage.fields.slug }
        set { fields.slug = newValue }
    }

    @inlinable public var frontMatter: FrontMatter {
        _read { yield storage.fields.frontMatter }
        set { fields.frontMatter = newValue }
    }

    @inlinable public var title: String {
        _read { yield storage.fields.title }
        set { fields.title = newValue }
    }

    public var html: String { storage.fields.content.html }

    public var headings: [Heading] { storage.fields.content.headings }

    /// The model-improvement figures of the page, from its metric files and inline front matter.
    public var metrics: MetricSet? {
        get { storage.fields.content.metrics }
        set {
            fields.content = PageContent(PageContent.Parts(html: html, headings: headings, metrics: newValue))
            fields.listedMetrics = ListedMetrics(newValue, headline: frontMatter.headlineMetric)
        }
    }

    /// Lets go of the body for every copy of the page, once nothing left to render shows it; a later
    /// read makes it again (see `PageContent`).
    package func releaseBody() {
        storage.fields.content.releaseHTML()
    }

    /// Keeps the body in `file` rather than in memory until a file that shows it is written.
    package func spillBody(to file: SpillFile) {
        storage.fields.content.spillHTML(to: file)
    }

    /// From now on, the page's content is made through `load` whenever it is not held, for every copy of the page.
    package func makeContent(with load: @escaping @Sendable () -> PageContent.Parts?) {
        storage.fields.content.makeWith(load)
    }

    @inlinable public var contentKey: UInt64 {
        _read { yield storage.fields.contentKey }
        set { fields.contentKey = newValue }
    }

    @inlinable public var wordCount: Int {
        _read { yield storage.fields.wordCount }
        set { fields.wordCount = newValue }
    }

    @inlinable public var hasMath: Bool {
        _read { yield storage.fields.hasMath }
        set { fields.hasMath = newValue }
    }

    @inlinable public var readTime: String {
        _read { yield storage.fields.readTime }
        set { fields.readTime = newValue }
    }

    @inlinable public var summary: String {
        _read { yield storage.fields.summary }
        set { fields.summary = newValue }
    }

    @inlinable public var date: SiteDate? {
        _read { yield storage.fields.date }
        set { fields.date = newValue }
    }

    @inlinable public var tags: [Term] {
        _read { yield storage.fields.tags }
        set { fields.tags = newValue }
    }

    @inlinable public var specialization: Term? {
        _read { yield storage.fields.specialization }
        set { fields.specialization = newValue }
    }

    @inlinable public var heroImage: String? {
        _read { yield storage.fields.heroImage }
        set { fields.heroImage = newValue }
    }

    @inlinable public var references: [MarkdownReference] {
        _read { yield storage.fields.references }
        set { fields.references = newValue }
    }

    @inlinable public var images: [PageImage] {
        _read { yield storage.fields.images }
        set { fields.images = newValue }
    }

    @inlinable public var heroFacts: ImageFacts? {
        _read { yield storage.fields.heroFacts }
        set { fields.heroFacts = newValue }
    }

    @inlinable public var bundleDirectory: String? {
        _read { yield storage.fields.bundleDirectory }
        set { fields.bundleDirectory = newValue }
    }

    @inlinable public var metricFiles: [String] {
        _read { yield storage.fields.metricFiles }
        set { fields.metricFiles = newValue }
    }

    /// A page as parsed; with `listedMetrics`, a page without its content (`html`, `headings` and
    /// `metrics` are ignored), as the build cache keeps it: the content is then made from the files on
    /// first read once `makeContent(with:)` says how, and lists show `listedMetrics` meanwhile.
    public init(
        kind: PageKind, source: SourceFile, urlPath: String, slug: String, frontMatter: FrontMatter, title: String,
        html: String, headings: [Heading], wordCount: Int, hasMath: Bool = false, readTime: String, summary: String, date: SiteDate?,
        tags: [Term], specialization: Term?, heroImage: String?, references: [MarkdownReference],
        bundleDirectory: String?, metrics: MetricSet?, metricFiles: [String] = [],
        images: [PageImage] = [], heroFacts: ImageFacts? = nil, listedMetrics: ListedMetrics? = nil
    ) {
        storage = Storage(Fields(
            kind: kind, source: source, urlPath: urlPath, slug: slug, frontMatter: frontMatter, title: title,
            content: listedMetrics == nil ? PageContent(PageContent.Parts(html: html, headings: headings, metrics: metrics)) : PageContent(nil),
            wordCount: wordCount, hasMath: hasMath, readTime: readTime, summary: summary, date: date,
            tags: tags, specialization: specialization, heroImage: heroImage, references: references,
            images: images, heroFacts: heroFacts, bundleDirectory: bundleDirectory, metricFiles: metricFiles,
            listedMetrics: listedMetrics ?? ListedMetrics(metrics, headline: frontMatter.headlineMetric)))
    }

    /// Whether the page appears anywhere but at its own address: the home page, project, tag and
    /// specialization lists, the navigation, the feed, the sitemap (and any page that lists projects).
    /// False for `unlisted: true`, a case study shared by link only.
    public var isListed: Bool { !frontMatter.unlisted }

    public var listedMetrics: ListedMetrics { storage.fields.listedMetrics }

    /// Whether the page has figures to chart and publish as `metrics.json`.
    public var hasMetrics: Bool { storage.fields.listedMetrics.hasSeries }

    /// The page's share of the home page's highlights.
    public var metricHighlight: MetricHighlight { storage.fields.listedMetrics.highlight }

    /// Words per minute for the computed reading time (Medium and Hugo use 200-230).
    public static let wordsPerMinute = 200

    public static func minutesToRead(words: Int) -> Int {
        max(1, (words + wordsPerMinute - 1) / wordsPerMinute)
    }
}

/// What lists, the home page's highlights and the CV show of a page's metrics: kept with the page
/// wherever its metrics are not held.
public struct ListedMetrics: Sendable, Hashable {
    public var hasSeries: Bool
    public var highlight: MetricHighlight

    public init(hasSeries: Bool, highlight: MetricHighlight) {
        self.hasSeries = hasSeries
        self.highlight = highlight
    }

    init(_ metrics: MetricSet?, headline: String?) {
        hasSeries = !(metrics?.series.isEmpty ?? true)
        highlight = metrics.map { MetricHighlight($0, headline: headline) } ?? MetricHighlight(hasPoints: false, headlineGain: nil, bestGain: nil)
    }
}
