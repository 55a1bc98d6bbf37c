import PortfolioCharts
import PortfolioMetrics
import PortfolioSite
import PortfolioTemplates

/// What lists show of a project: the card. Its ids come from the project's address, not its place in
/// a list, so a card reads the same in every build.
struct CardView: TemplateView {
    let project: Page
    let url: String
    let tags: [TermLinkView]
    let date: DateView?
    let heroImage: String?
    let heroImageHTML: String?

    var idPrefix: String { "card-" + project.urlPath.split(separator: "/").joined(separator: "-") }

    static let fields = TemplateFields<CardView>("card", [
        .text("title") { $0.project.title },
        .text("url") { $0.url },
        .text("summary") { $0.project.summary },
        .text("read_time") { $0.project.readTime },
        .list("tags") { $0.tags },
        .flag("has_tags") { !$0.tags.isEmpty },
        .flag("featured") { $0.project.frontMatter.featured },
        .text("subtitle") { $0.project.frontMatter.subtitle },
        .view("date") { $0.date },
        .text("hero_image") { $0.heroImage },
        .text("hero_image_alt") { $0.project.frontMatter.heroImageAlt ?? "" },
        .text("hero_image_html") { $0.heroImageHTML },
        .text("specialization") { $0.project.specialization?.name },
        .text("role") { $0.project.frontMatter.role },
        .text("platform") { $0.project.frontMatter.platform },
        .view("metrics") { view in view.project.hasMetrics ? view.project.metrics.map { CardMetricsView(set: $0, view: view) } : nil },
    ])
}

/// A card's metrics: the chart of all of them and the headline figure.
struct CardMetricsView: TemplateView {
    let set: MetricSet
    let headlineName: String?
    let idPrefix: String

    init(set: MetricSet, view: CardView) {
        self.set = set
        headlineName = view.project.frontMatter.headlineMetric
        idPrefix = view.idPrefix
    }

    static let fields = TemplateFields<CardMetricsView>("card metrics", [
        .text("summary_svg") { SummaryChart.svg(for: $0.set, idPrefix: $0.idPrefix) },
        .view("headline") { view in
            view.set.headline(named: view.headlineName).map { MetricView($0, idPrefix: view.idPrefix + "-headline", includeChart: false) }
        },
    ])
}

/// A project's card as list templates see it: the rendered HTML, kept for the whole build, and the
/// rest of the card's view made again for the rare theme whose list markup reads it. Keeping every
/// card's values (charts, metric figures) held more memory than all the pages' text.
final class CardValues: TemplateView {
    let html: String
    /// A fingerprint of the whole card view, HTML included: a theme's list markup may show card
    /// fields its card partial leaves out, so the HTML alone cannot tell whether a list changed.
    let hash: UInt64
    let index: Int
    /// One renderer shared by every card, not a copy of it in each.
    let renderer: SharedRenderer

    init(html: String, hash: UInt64, index: Int, renderer: SharedRenderer) {
        self.html = html
        self.hash = hash
        self.index = index
        self.renderer = renderer
    }

    var card: CardView { renderer.renderer.cardView(index) }

    static let fields = TemplateFields<CardValues>("card", [.text("html") { $0.html }] + CardView.fields.reached(through: { $0.card }))
}

/// A renderer behind a reference, for the many cards that need one.
final class SharedRenderer: Sendable {
    let renderer: SiteRenderer

    init(_ renderer: SiteRenderer) {
        self.renderer = renderer
    }
}

/// The home page: the intro, the first cards, the site's highlights and what the trainer offers.
struct HomeView: TemplateView {
    let frame: PageFrame
    let intro: String?
    let projects: [CardValues]
    let listedCount: Int
    let projectsURL: String
    let highlights: HighlightsView?
    let hire: HireView?
    let cvURL: String?
    let specializations: [CountedTermView]

    static let fields = TemplateFields<HomeView>("home page", PageFrame.frameFields { $0.frame } + [
        .text("intro") { $0.intro },
        .list("projects") { $0.projects },
        .flag("has_projects") { $0.listedCount > 0 },
        .number("project_count") { $0.listedCount },
        .flag("has_more_projects") { $0.listedCount > SiteRenderer.homeProjectLimit },
        .text("projects_url") { $0.projectsURL },
        .view("highlights") { $0.highlights },
        .view("hire") { $0.hire },
        .text("cv_url") { $0.cvURL },
        .flag("has_specializations") { !$0.specializations.isEmpty },
        .list("specializations") { $0.specializations },
    ])
}

/// A page of a list of projects: all of them, or those of one tag or specialization.
struct ListingView: TemplateView {
    let frame: PageFrame
    let title: String
    let term: TermSummaryView?
    let projects: [CardValues]
    let pagination: PaginationView?

    static let fields = TemplateFields<ListingView>("list page", PageFrame.frameFields { $0.frame } + [
        .text("title") { $0.title },
        .view("term") { $0.term },
        .list("projects") { $0.projects },
        .view("pagination") { $0.pagination },
    ])
}

/// The tag or specialization a list shows.
struct TermSummaryView: TemplateView {
    let name: String
    let kind: String
    let count: Int

    var countLabel: String { "\(count) project\(count == 1 ? "" : "s")" }

    static let fields = TemplateFields<TermSummaryView>("term", [
        .text("name") { $0.name },
        .text("kind") { $0.kind },
        .number("count") { $0.count },
        .text("count_label") { $0.countLabel },
    ])
}

/// Where a list's page is among its pages, with links to its neighbours.
struct PaginationView: TemplateView {
    let current: Int
    let total: Int
    let previousURL: String?
    let nextURL: String?

    static let fields = TemplateFields<PaginationView>("pagination", [
        .number("current") { $0.current },
        .number("total") { $0.total },
        .text("previous_url") { $0.previousURL },
        .text("next_url") { $0.nextURL },
    ])
}

/// The page of every tag.
struct TagIndexView: TemplateView {
    let frame: PageFrame
    let tags: [CountedTermView]

    static let fields = TemplateFields<TagIndexView>("tags page", PageFrame.frameFields { $0.frame } + [
        .list("tags") { $0.tags },
    ])
}

/// The CV page: the frame and the CV.
struct CVPageView: TemplateView {
    let frame: PageFrame
    let cv: CVView

    static let fields = TemplateFields<CVPageView>("CV page", PageFrame.frameFields { $0.frame } + [
        .view("cv") { $0.cv },
    ])
}
