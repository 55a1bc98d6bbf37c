import PortfolioCharts
import PortfolioMetrics
import PortfolioSite
import PortfolioSupport
import PortfolioTemplates
import Synchronization

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
        .view("metrics") { view in view.project.hasMetrics ? view.project.metrics.map { CardMetricsView(set: $0, view: view) } : nil }
            .keyed { $0.project.contentKey },
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

/// A project's card as list templates see it: the HTML of its card partial, rendered once for every
/// list that shows it, and the card's fields for the rare theme whose list markup reads them.
struct CardValues: TemplateView {
    let index: Int
    let cards: ProjectCards

    var card: CardView { cards.view(index) }

    static let fields = TemplateFields<CardValues>(
        "card", [.text("html") { $0.cards.html($0.index) }] + CardView.fields.reached(through: { $0.card }))
}

/// Every project's card, each rendered when a list first shows it and kept for the others (in a spill
/// file, when one can be made: a large site's cards are a large part of its build's memory), and each
/// card's key, which lists' keys are made of: a list's key reads its cards' keys, never their HTML,
/// so keying a list renders no card.
final class ProjectCards: Sendable {
    /// A renderer without cards of its own, which draws the card views.
    private let renderer: SiteRenderer
    /// One per project. A card is made under its own lock, so two lists that show it at once make it once.
    private let slots: [Slot]
    private let spill = SpillFile(directory: SpillFile.temporaryDirectory)

    private final class Slot: Sendable {
        let made = Mutex<(html: String?, spilled: SpillFile.Text?)>((nil, nil))
    }

    init(renderer: SiteRenderer) {
        self.renderer = renderer
        slots = renderer.site.projects.indices.map { _ in Slot() }
    }

    func view(_ index: Int) -> CardView { renderer.cardView(index) }

    func values(_ index: Int) -> CardValues { CardValues(index: index, cards: self) }

    func html(_ index: Int) -> String {
        slots[index].made.withLock { made in
            if let html = made.html ?? made.spilled?.read() { return html }
            let html = renderer.templates.render("project-card", .object(view(index)))
            if let spilled = spill?.write(html) { made.spilled = spilled } else { made.html = html }
            return html
        }
    }

    /// A card's key: its project's files' hash, which stands for everything the card shows, since
    /// `SiteRenderer.cardView` makes it from the project and the environment alone (config, theme and
    /// options, which every key holds).
    func key(_ index: Int) -> UInt64 {
        renderer.site.projects[index].contentKey
    }

    /// One key for the cards of `indices`, in order: what a list's key reads of its cards.
    func key(of indices: some Sequence<Int>) -> UInt64 {
        var writer = CacheWriter(capacity: 256)
        for index in indices { writer.write(key(index)) }
        return ContentHash.ofBytes(writer.bytes)
    }
}

/// The home page: the intro, the first cards, the site's highlights and what the trainer offers.
struct HomeView: TemplateView {
    let frame: PageFrame
    let home: Page?
    let projectIndices: [Int]
    let cards: ProjectCards
    let listedCount: Int
    let projectsURL: String
    let highlights: HighlightsView?
    let hire: HireView?
    let cvURL: String?
    let specializations: [CountedTermView]

    static let fields = TemplateFields<HomeView>("home page", PageFrame.frameFields { $0.frame } + [
        .text("intro") { $0.home?.html }.keyed { $0.home?.contentKey ?? 0 },
        .list("projects") { view in view.projectIndices.map(view.cards.values) }.keyed { $0.cards.key(of: $0.projectIndices) },
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
    let projectIndices: [Int]
    let cards: ProjectCards
    let pagination: PaginationView?

    static let fields = TemplateFields<ListingView>("list page", PageFrame.frameFields { $0.frame } + [
        .text("title") { $0.title },
        .view("term") { $0.term },
        .list("projects") { view in view.projectIndices.map(view.cards.values) }.keyed { $0.cards.key(of: $0.projectIndices) },
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
