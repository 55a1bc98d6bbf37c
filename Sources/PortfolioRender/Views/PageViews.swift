import PortfolioContent
import PortfolioMarkdown
import PortfolioSite
import PortfolioSupport
import PortfolioTemplates

/// What every page's template is given at its top, whatever the page: the site, the `<head>`'s
/// values, the kind of page with a flag for it (`is_project`), and whether search engines skip it.
/// The 404 page is given nothing else.
struct PageFrame: TemplateView {
    private struct Values: Sendable {
        let site: SiteView
        var meta: MetaView
        let kind: String
        var noindex = false
    }

    /// Behind one reference, like `Page`'s fields: a view's frame fields each read the frame, and a
    /// copy of every value in it for each would cost more than the rest of a page's key.
    private final class Storage: Sendable {
        let values: Values
        let meta: BoxedView<MetaView>

        init(_ values: Values) {
            self.values = values
            meta = BoxedView(values.meta)
        }
    }

    private var storage: Storage

    init(site: SiteView, meta: MetaView, kind: String) {
        storage = Storage(Values(site: site, meta: meta, kind: kind))
    }

    var site: SiteView { storage.values.site }
    var kind: String { storage.values.kind }

    /// `meta` made into a template value once per change, for the many `meta.*` tags of a page's head.
    var boxedMeta: BoxedView<MetaView> { storage.meta }

    var meta: MetaView {
        get { storage.values.meta }
        set { change(\.meta, to: newValue) }
    }

    var noindex: Bool {
        get { storage.values.noindex }
        set { change(\.noindex, to: newValue) }
    }

    /// A write copies the values into new storage: other copies of the frame keep theirs.
    private mutating func change<Value>(_ field: WritableKeyPath<Values, Value>, to value: Value) {
        var values = storage.values
        values[keyPath: field] = value
        storage = Storage(values)
    }

    /// Every kind a page's template may be drawn for, each with its `is_<kind>` flag.
    static let kinds = ["home", "project", "page", "list", "tag", "tags", "404"] + BuiltInPage.all.map(\.layout)

    static let fields = TemplateFields<PageFrame>("page frame", frameFields { $0 })

    /// The frame's fields, for a view that holds a frame.
    static func frameFields<View>(_ frame: @escaping @Sendable (View) -> PageFrame) -> [TemplateField<View>] {
        [
            .view("site") { frame($0).site },
            .view("meta") { frame($0).boxedMeta },
            .text("kind") { frame($0).kind },
            .flag("noindex") { frame($0).noindex ? true : nil },
        ] + kinds.map { kind in .flag("is_" + kind) { frame($0).kind == kind ? true : nil } }
    }
}

/// The `<head>`'s values: title, description, canonical address, Open Graph and structured data.
struct MetaView: TemplateView {
    var title: String
    var ogTitle: String
    var description: String
    var canonical: String
    var ogType: String
    var twitterCard = "summary"
    var jsonLD: String?
    /// A project's structured data, in place of `jsonLD`.
    var article: ArticleData?
    var image: ImageMetaView?
    var publishedTime: String?
    var modifiedTime: String?

    static let fields = TemplateFields<MetaView>("meta", [
        .text("title") { $0.title },
        .text("og_title") { $0.ogTitle },
        .text("description") { $0.description },
        .text("canonical") { $0.canonical },
        .text("og_type") { $0.ogType },
        .text("twitter_card") { $0.twitterCard },
        .text("json_ld") { $0.article?.text ?? $0.jsonLD }.keyed { $0.article?.project.contentKey ?? ContentHash.ofString($0.jsonLD ?? "") },
        .view("image") { $0.image },
        .text("published_time") { $0.publishedTime },
        .text("modified_time") { $0.modifiedTime },
    ])
}

/// A project's structured data (schema.org `Article`), made only when a template shows it. It is made
/// from the page and the config alone, so in keys the page's files stand for it.
struct ArticleData: Sendable {
    let project: Page
    let site: SharedSiteValues

    /// Written member by member in key order (as `JSONText` sorts them), with no dictionary in between.
    var text: String {
        let (urls, config) = (site.urls, site.config)
        let matter = project.frontMatter
        let url = urls.absoluteURL(project.urlPath)
        var json = JSONWriter(capacity: 1024)
        json.object { json in
            json.member("@context", "https://schema.org")
            json.member("@type", "Article")
            json.member("author") { author in
                author.member("@type", "Person")
                author.member("name", matter.author ?? config.author.name ?? config.title)
            }
            json.member("dateCreated", matter.createdDate?.rfc3339)
            json.member("dateModified", (matter.updatedDate ?? project.date)?.rfc3339)
            json.member("datePublished", project.date?.rfc3339)
            json.member("description", project.summary)
            json.member("headline", project.title)
            json.member("image", project.heroImage.map(urls.absoluteURL))
            json.member("keywords", project.tags.isEmpty ? nil : project.tags.map(\.name).joined(separator: ", "))
            json.member("mainEntityOfPage", url)
            json.member("url", url)
        }
        return json.text
    }
}

/// The image a link preview shows (`og:image`).
struct ImageMetaView: TemplateView {
    let url: String
    var width: Int?
    var height: Int?
    var type: String?
    let alt: String

    static let fields = TemplateFields<ImageMetaView>("image", [
        .text("url") { $0.url },
        .number("width") { $0.width },
        .number("height") { $0.height },
        .text("type") { $0.type },
        .text("alt") { $0.alt },
    ])
}

/// A project or another page from `content/`, for its own layout (`page.*`).
struct PageView: TemplateView {
    let page: Page
    let url: String
    let absoluteURL: String
    let author: String?
    let tags: [TermLinkView]
    let specialization: LinkView?
    let hero: HeroView?
    /// Where KaTeX loads from, for a page with math that shows it.
    let katexURL: String?
    /// Whether the page shows its metrics (a project with figures).
    var showsMetrics = false
    var metricsJSONURL: String?
    var previous: TitledLinkView?
    var next: TitledLinkView?

    var tableOfContents: [TableOfContentsEntry] {
        page.headings.filter { $0.level <= 3 }.map(TableOfContentsEntry.init)
    }

    var metrics: MetricSetView? {
        showsMetrics ? page.metrics.map { MetricSetView($0, headlineName: page.frontMatter.headlineMetric, idPrefix: "metric") } : nil
    }

    // What the page's content makes (its HTML, headings and metrics) is keyed by the page's files.
    static let fields = TemplateFields<PageView>("page", [
        .text("title") { $0.page.title },
        .text("url") { $0.url },
        .text("absolute_url") { $0.absoluteURL },
        .text("content") { $0.page.html }.keyed { $0.page.contentKey },
        .text("summary") { $0.page.summary },
        .text("read_time") { $0.page.readTime },
        .number("word_count") { $0.page.wordCount },
        .list("tags") { $0.tags },
        .flag("has_tags") { !$0.tags.isEmpty },
        .open("params") { YAMLValue.map($0.page.frontMatter.params).templateValue },
        .list("toc") { $0.tableOfContents }.keyed { $0.page.contentKey },
        .flag("has_toc") { $0.tableOfContents.count >= 3 }.keyed { $0.page.contentKey },
        .text("subtitle") { $0.page.frontMatter.subtitle },
        .view("math") { view in view.katexURL.map { KaTeXView(katexURL: $0) } },
        .text("description") { $0.page.frontMatter.description },
        .text("author") { $0.author },
        .view("publish_date") { $0.page.date.map(DateView.init) },
        .view("created_date") { $0.page.frontMatter.createdDate.map(DateView.init) },
        .view("updated_date") { $0.page.frontMatter.updatedDate.map(DateView.init) },
        .text("cta") { $0.page.frontMatter.cta },
        .text("role") { $0.page.frontMatter.role },
        .text("platform") { $0.page.frontMatter.platform },
        .text("model") { $0.page.frontMatter.model },
        .text("hours") { view in view.page.frontMatter.hours.map { $0 == $0.rounded() ? String(Int($0)) : String($0) } },
        .view("specialization") { $0.specialization },
        .view("hero_image") { $0.hero },
        .view("metrics") { $0.metrics }.keyed { $0.page.contentKey },
        .text("metrics_json_url") { $0.metricsJSONURL },
        .view("previous") { $0.previous },
        .view("next") { $0.next },
    ])
}

/// The root of a project's or another page's template: the frame and the page.
struct PageRootView: TemplateView {
    let frame: PageFrame
    private let boxedPage: BoxedView<PageView>

    init(frame: PageFrame, page: PageView) {
        self.frame = frame
        boxedPage = BoxedView(page)
    }

    var page: PageView { boxedPage.item }

    static let fields = TemplateFields<PageRootView>("project or page", PageFrame.frameFields { $0.frame } + [
        .view("page") { $0.boxedPage },
    ])
}

/// A page's hero image: its address, its text alternative, its responsive markup and its size.
struct HeroView: TemplateView {
    let url: String
    let alt: String
    let html: String?
    let width: Int?
    let height: Int?

    static let fields = TemplateFields<HeroView>("hero image", [
        .text("url") { $0.url },
        .text("alt") { $0.alt },
        .text("html") { $0.html },
        .number("width") { $0.width },
        .number("height") { $0.height },
    ])
}

/// Where a page with math loads KaTeX from.
struct KaTeXView: TemplateView {
    let katexURL: String

    static let fields = TemplateFields<KaTeXView>("math", [
        .text("katex_url") { $0.katexURL },
    ])
}

/// A date in the forms pages show it.
struct DateView: TemplateView {
    let date: SiteDate

    /// Stands for every form in keys: each is made from the date alone.
    var key: UInt64 {
        var writer = CacheWriter(capacity: 24)
        for part in [date.year, date.month, date.day, date.secondOfDay ?? -1, date.utcOffsetSeconds] { writer.write(part) }
        return ContentHash.ofBytes(writer.bytes)
    }

    static let fields = TemplateFields<DateView>("date", [TemplateField<DateView>
        .text("iso") { $0.date.rfc3339 },
        .text("date") { $0.date.isoDate },
        .text("display") { $0.date.longDisplay },
        .text("short") { $0.date.shortDisplay },
    ].map { $0.keyed { $0.key } })
}

/// A tag or a specialization linked to its list.
struct TermLinkView: TemplateView {
    let term: Term
    let url: String

    static let fields = TemplateFields<TermLinkView>("tag", [
        .text("name") { $0.term.name },
        .text("slug") { $0.term.slug },
        .text("url") { $0.url },
    ])
}

/// A link with a title: the previous and next project.
struct TitledLinkView: TemplateView {
    let title: String
    let url: String

    static let fields = TemplateFields<TitledLinkView>("link", [
        .text("title") { $0.title },
        .text("url") { $0.url },
    ])
}

/// A heading of the page, for its table of contents.
struct TableOfContentsEntry: TemplateView {
    let heading: Heading

    static let fields = TemplateFields<TableOfContentsEntry>("table of contents entry", [
        .text("text") { $0.heading.text },
        .text("id") { $0.heading.id },
        .number("level") { $0.heading.level },
        .flag("is_sub") { $0.heading.level == 3 },
    ])
}

/// A tag or a specialization with how many projects it holds.
struct CountedTermView: TemplateView {
    let name: String
    let url: String
    let count: Int

    static let fields = TemplateFields<CountedTermView>("term", [
        .text("name") { $0.name },
        .text("url") { $0.url },
        .number("count") { $0.count },
    ])
}
