import PortfolioCharts
import PortfolioContent
import PortfolioImages
import PortfolioMetrics
import PortfolioSite
import PortfolioSupport
import PortfolioTemplates

/// One file the templates produce; the list of them is known before any is rendered, so they can
/// be rendered in parallel and written as they come.
public enum RenderTask: Sendable, Hashable {
    case home
    case project(Int)
    case page(Int)
    case listing(Listing, page: Int)
    case tagIndex
    case notFound
    /// A page with no content file, by index into `BuiltInPage.all`: the CV.
    case builtIn(Int)

    /// Whether the file shows a single page (a project or another page), needing no project cards.
    public var showsOnePage: Bool {
        switch self {
        case .project, .page: true
        case .home, .listing, .tagIndex, .notFound, .builtIn: false
        }
    }
}

/// Builds the template contexts of every page and renders them.
public struct SiteRenderer: Sendable {
    public let site: Site
    public let templates: TemplateSet
    /// Published paths of theme assets by their source name (`assets/style.css` -> `assets/style.3f9a1c0d.css`).
    public let assetPaths: [String: String]
    /// Each project's card, rendered when a list first shows it; nil for the renderer that draws them.
    private(set) var cards: ProjectCards?

    public init(site: Site, templates: TemplateSet, assetPaths: [String: String]) {
        self.site = site
        urls = SiteURLs(config: site.config)
        siteValues = SharedSiteValues(
            config: site.config, urls: urls, assetPaths: assetPaths, icons: SiteIcons.links(publishedFiles: site.rootFiles))
        siteValuesKey = ContextFingerprint.of(.object(siteValues))
        self.templates = templates
        self.assetPaths = assetPaths
        navigationKey = ContextFingerprint.of(.list(Self.navigation(of: site, urls: urls, currentPath: "").map { .object($0) }))
        cards = nil
        // The cards' renderer is this one without cards: the site's shared values are made once.
        cards = ProjectCards(renderer: self)
    }

    var config: SiteConfig { site.config }

    /// Cards on the home page; the rest are a click away on `/projects/`.
    public static let homeProjectLimit = 12

    /// The site-relative folder a task's page lives in (`projects/page/2/`).
    public func urlPath(of task: RenderTask) -> String { SiteOutput.urlPath(of: task, in: site) }

    public func outputPath(of task: RenderTask) -> String { SiteOutput.outputPath(of: task, in: site) }

    public func render(_ task: RenderTask) -> String {
        String(decoding: renderBytes(task), as: UTF8.self)
    }

    /// The task's page as UTF-8, as it is written.
    public func renderBytes(_ task: RenderTask) -> [UInt8] {
        let view = view(of: task)
        return templates.renderBytes(view.template, view.context)
    }

    /// The template a task renders and the view it renders.
    package func view(of task: RenderTask) -> (template: String, context: TemplateValue) {
        switch task {
        case .home: return (site.home.map(templates.layout(of:)) ?? "home", .object(homeView()))
        case .project(let index): return (templates.layout(of: site.projects[index]), .object(projectView(index)))
        case .page(let index): return (templates.layout(of: site.pages[index]), .object(pageRootView(site.pages[index])))
        case .listing(let listing, let page): return (listing == .projects ? "list" : "tag", .object(listingView(listing, page: page)))
        case .tagIndex: return ("tags", .object(tagIndexView()))
        case .builtIn(let index): return (BuiltInPage.all[index].layout, BuiltInPage.all[index].view(self))
        case .notFound:
            var frame = frame(title: "Page not found", description: "This page does not exist.", urlPath: "404.html", kind: "404")
            frame.noindex = true
            return ("404", .object(frame))
        }
    }

    let urls: SiteURLs
    /// What every page shows of the site, made once per renderer.
    let siteValues: SharedSiteValues
    let siteValuesKey: UInt64
    /// The fingerprint of the navigation with no link marked, as on the home page: which link another
    /// page marks follows from its address.
    let navigationKey: UInt64
    func url(_ sitePath: String) -> String { urls.url(sitePath) }
    func absoluteURL(_ sitePath: String) -> String { urls.absoluteURL(sitePath) }
    func imageURL(_ image: String) -> String { urls.imageURL(image) }

    // MARK: Views

    func frame(title: String, description: String?, urlPath: String, kind: String) -> PageFrame {
        let documentTitle = urlPath.isEmpty ? config.title : title + " · " + config.title
        var meta = MetaView(
            title: documentTitle, ogTitle: title, description: description ?? config.description ?? "",
            canonical: absoluteURL(urlPath), ogType: kind == "project" ? "article" : "website")
        if urlPath.isEmpty { meta.jsonLD = JSONText.encode(personJSONLD()) }
        return PageFrame(site: siteView(currentPath: urlPath), meta: meta, kind: kind)
    }

    /// What every page shows of the site, with the navigation marked for the page at `currentPath`.
    func siteView(currentPath: String) -> SiteView {
        SiteView(shared: siteValues, sharedKey: siteValuesKey, nav: Self.navigation(of: site, urls: urls, currentPath: currentPath))
    }

    /// The header's links, the one at `currentPath` marked (none at the home page's, "").
    private static func navigation(of site: Site, urls: SiteURLs, currentPath: String) -> [NavigationItem] {
        let url = urls.url
        var nav = [NavigationItem(title: "Projects", url: url("projects/"), current: currentPath.hasPrefix("projects/"))]
        if !site.tags.isEmpty {
            nav.append(NavigationItem(title: "Tags", url: url("tags/"), current: currentPath.hasPrefix("tags/")))
        }
        for page in site.navigationPages {
            nav.append(NavigationItem(title: page.title, url: url(page.urlPath), current: currentPath == page.urlPath))
        }
        for index in BuiltInPage.published(in: site) {
            let page = BuiltInPage.all[index]
            guard let title = page.navigationTitle else { continue }
            nav.append(NavigationItem(title: title, url: url(page.urlPath), current: currentPath == page.urlPath))
        }
        return nav
    }

    func termLinks(_ terms: [Term], folder: String) -> [TermLinkView] {
        terms.map { TermLinkView(term: $0, url: url("\(folder)/\($0.slug)/")) }
    }

    /// A project's card, made from the project and the environment alone: its project's files' hash
    /// is its cache key (`ProjectCards.key`).
    func cardView(_ index: Int) -> CardView {
        let project = site.projects[index]
        return CardView(
            project: project, url: url(project.urlPath), tags: termLinks(project.tags, folder: "tags"),
            date: project.date.map(DateView.init), heroImage: project.heroImage.map(imageURL),
            heroImageHTML: heroHTML(of: project, sizes: ImageSizes.card, priority: .lazy, className: "card-image"))
    }

    func pageRootView(_ page: Page) -> PageRootView {
        var frame = frame(title: page.title, description: page.summary, urlPath: page.urlPath, kind: page.kind == .project ? "project" : "page")
        frame.noindex = !page.isListed
        let matter = page.frontMatter
        let hero = page.heroImage.map { hero in
            let image = heroImage(of: page)
            let alt = matter.heroImageAlt ?? ""
            if let image, image.variants.facts.format != .svg {
                let shared = image.largestSize
                frame.meta.image = ImageMetaView(
                    url: absoluteURL(ResponsiveImage(url: hero, facts: image.variants.facts).largestURL),
                    width: shared.width, height: shared.height, type: image.variants.fallback.mimeType, alt: alt)
                frame.meta.twitterCard = "summary_large_image"
            }
            return HeroView(
                url: imageURL(hero), alt: alt, html: heroHTML(of: page, sizes: ImageSizes.hero, priority: .high, className: nil),
                width: image?.variants.facts.width, height: image?.variants.facts.height)
        }
        let view = PageView(
            page: page, url: url(page.urlPath), absoluteURL: absoluteURL(page.urlPath), author: matter.author ?? config.author.name,
            tags: termLinks(page.tags, folder: "tags"),
            specialization: page.specialization.map { LinkView(name: $0.name, url: url("specializations/\($0.slug)/")) },
            hero: hero, katexURL: page.hasMath && (matter.math ?? config.math.enabled) ? config.math.katexURL : nil)
        return PageRootView(frame: frame, page: view)
    }

    /// What a project's page is made of, written for its cache key without making its view: the
    /// template `view(of:)` draws it with, and the project's files' hash, which stands for every value
    /// `projectView` makes from the project and the environment (config, theme and options, which
    /// every key holds); besides, what the view takes from the rest of the site: the values all pages
    /// share, the navigation and the neighbours' titles and addresses. A value `projectView` takes
    /// from anywhere else must be written here too;
    /// `editsElsewhereThatAProjectPageShowsRebuildItAsAColdBuildWould` changes each of these and
    /// fails when one is left out.
    package func writePageInputs(ofProject index: Int, into writer: inout CacheWriter) {
        writer.write(templates.layout(of: site.projects[index]))
        writer.write(site.projects[index].contentKey)
        writer.write(siteValuesKey)
        writer.write(navigationKey)
        for neighbour in site.neighbours(ofProject: index) {
            writer.write(neighbour < index)
            writer.write(site.projects[neighbour].title)
            writer.write(site.projects[neighbour].urlPath)
        }
    }

    func projectView(_ index: Int) -> PageRootView {
        let project = site.projects[index]
        let root = pageRootView(project)
        var frame = root.frame, page = root.page
        frame.meta.article = ArticleData(project: project, site: siteValues)
        if let image = socialImage(of: project) {
            frame.meta.image = image
            frame.meta.twitterCard = "summary_large_image"
        }
        frame.meta.publishedTime = project.date?.rfc3339
        frame.meta.modifiedTime = project.frontMatter.updatedDate?.rfc3339
        if project.hasMetrics {
            page.showsMetrics = true
            page.metricsJSONURL = url(project.urlPath + "metrics.json")
        }
        for neighbour in site.neighbours(ofProject: index) {
            let link = TitledLinkView(title: site.projects[neighbour].title, url: url(site.projects[neighbour].urlPath))
            if neighbour < index { page.previous = link } else { page.next = link }
        }
        return PageRootView(frame: frame, page: page)
    }

    func homeView() -> HomeView {
        var frame = frame(title: config.title, description: config.description, urlPath: "", kind: "home")
        if let image = socialImage(of: nil) {
            frame.meta.image = image
            frame.meta.twitterCard = "summary_large_image"
        }
        let listed = site.listedProjects
        return HomeView(
            frame: frame, home: site.home, projectIndices: Array(site.homeOrder.prefix(SiteRenderer.homeProjectLimit)), cards: cards!,
            listedCount: listed.count, projectsURL: url("projects/"),
            highlights: listed.isEmpty ? nil : homeHighlights(of: listed),
            hire: site.cv.flatMap(HireView.init),
            cvURL: site.cv == nil ? nil : url(BuiltInPage.cv.urlPath),
            specializations: site.specializations.map { group in
                CountedTermView(name: group.term.name, url: url("specializations/\(group.term.slug)/"), count: group.projectIndices.count)
            })
    }

    /// The CV reads only what pages keep without their content (the headline figure among it), so
    /// its key and its rendering read no page's content.
    func cvView() -> TemplateValue {
        guard let cv = site.cv else { return .map([:]) }
        let name = cv.resume.basics[text: "name"] ?? config.title
        let frame = frame(title: "CV", description: "The CV of \(name).", urlPath: BuiltInPage.cv.urlPath, kind: "cv")
        return .object(CVPageView(frame: frame, cv: CVView(cv: cv, author: config.author)))
    }

    func tagIndexView() -> TagIndexView {
        TagIndexView(
            frame: frame(title: "Tags", description: "Projects by tag.", urlPath: "tags/", kind: "tags"),
            tags: site.tags.map { group in
                CountedTermView(name: group.term.name, url: url("tags/\(group.term.slug)/"), count: group.projectIndices.count)
            })
    }

    func listingView(_ listing: Listing, page number: Int) -> ListingView {
        let task = RenderTask.listing(listing, page: number)
        let count = site.memberCount(of: listing)
        let pages = site.pageCount(of: listing)
        let term: TermSummaryView? = switch listing {
        case .projects: nil
        case .tag(let index): TermSummaryView(name: site.tags[index].term.name, kind: "Tag", count: count)
        case .specialization(let index): TermSummaryView(name: site.specializations[index].term.name, kind: "Specialization", count: count)
        }
        let title = term.map { "\($0.kind): \($0.name)" } ?? "Projects"
        let frame = frame(
            title: number == 1 ? title : "\(title), page \(number)",
            description: term.map { "\($0.countLabel) filed under \($0.name)." } ?? config.description,
            urlPath: urlPath(of: task), kind: term == nil ? "list" : "tag")
        let pagination = pages > 1 ? PaginationView(
            current: number, total: pages,
            previousURL: number > 1 ? url(urlPath(of: .listing(listing, page: number - 1))) : nil,
            nextURL: number < pages ? url(urlPath(of: .listing(listing, page: number + 1))) : nil) : nil
        return ListingView(
            frame: frame, title: title, term: term, projectIndices: site.members(of: listing, page: number), cards: cards!,
            pagination: pagination)
    }

    // MARK: Social cards

    /// The SVG of a project's card for link previews, from the theme's `social-card.svg` template: the
    /// headline metric's change and a sparkline of it when the project has metrics, drawn over the
    /// hero when `background` (made from a raster hero) is given.
    package func socialCardSVG(_ index: Int, colours: ThemeColours, background: CardBackground? = nil) -> String {
        templates.render("social-card.svg", .object(socialCardView(index, colours: colours, background: background)))
    }

    /// What the project card's template is given (see `socialCardSVG`).
    func socialCardView(_ index: Int, colours: ThemeColours, background: CardBackground? = nil) -> SocialCardView {
        let project = site.projects[index]
        let palette = background?.colours ?? colours
        var figure: CardFigureView?
        var chart: CardChartView?
        if let set = project.metrics, let headline = set.headline(named: project.frontMatter.headlineMetric) {
            let figures = MetricView(headline, idPrefix: "social", includeChart: false)
            if let change = figures.changeText {
                func direction(_ colours: ThemeColours) -> String { figures.improved ? colours.good : figures.regressed ? colours.bad : colours.muted }
                figure = CardFigureView(change: change, name: headline.name, colour: direction(colours), ink: direction(palette))
                chart = Sparkline(headline, width: Double(CardLayout.chart.width), height: Double(CardLayout.chart.height))
                    .map { CardLayout.chart(of: $0, colour: direction(palette)) }
            }
        }
        return socialCard(
            kicker: project.specialization?.name, title: project.title, figure: figure,
            card: CardParts(chart: chart, background: background), colours: colours)
    }

    /// What `og:image` shows of a page: its `social_image:`, else its social card (projects and the
    /// home page, unless `social_cards: false`), else nil.
    func socialImage(of page: Page?) -> ImageMetaView? {
        let name = config.author.name ?? config.title
        if let page, case .string(let written)? = page.frontMatter.params["social_image"] {
            let url = SiteURLs.isRemote(written) ? written : ContentRules.target(of: written, in: page).map(absoluteURL) ?? written
            return ImageMetaView(url: url, alt: page.title + " — " + name)
        }
        guard config.socialCards, page == nil || page?.kind == .project else { return nil }
        return ImageMetaView(
            url: absoluteURL(SiteOutput.socialCardPath(of: page?.urlPath ?? "")), width: 1200, height: 630,
            type: "image/png", alt: (page?.title ?? config.author.headline ?? config.title) + " — " + name)
    }

    /// The home page's card: the trainer's name and headline, and the site's highlights (the best
    /// improvement of any project, how many projects and hours), as the home page shows them.
    package func homeSocialCardSVG(colours: ThemeColours) -> String {
        templates.render("social-card.svg", .object(homeSocialCardView(colours: colours)))
    }

    /// What the home card's template is given (see `homeSocialCardSVG`).
    func homeSocialCardView(colours: ThemeColours) -> SocialCardView {
        let listed = site.listedProjects
        let headline = config.author.headline ?? config.title
        guard !listed.isEmpty else {
            return socialCard(kicker: "Portfolio", title: headline, figure: nil, card: CardParts(), colours: colours)
        }
        var highlights = homeHighlights(of: listed)
        var figureText = "\(listed.count) project\(listed.count == 1 ? "" : "s")"
        if let hours = highlights.totalHours { figureText += " · \(hours) hours" }
        guard let best = highlights.best else {
            let figure = CardFigureView(change: figureText, name: "", colour: colours.accent, ink: colours.accent)
            return socialCard(kicker: "Portfolio", title: headline, figure: figure, card: CardParts(), colours: colours)
        }
        let colour = best.gain.improved ? colours.good : colours.muted
        let line = "Best gain: " + best.project
        highlights.line = CardText.lines(MarkupText.droppingForbiddenXMLCharacters(line), maxWidth: CardLayout.titleWidth / 28, maxLines: 1).first
        highlights.summary = figureText
        return socialCard(
            kicker: "Portfolio", title: headline, figure: CardFigureView(change: best.gain.change, name: best.gain.metric, colour: colour, ink: colour),
            card: CardParts(highlights: highlights), colours: colours)
    }

    /// The home page's highlights of `listed` projects: metric figures, the number of projects and hours.
    private func homeHighlights(of listed: ArraySlice<Page>) -> HighlightsView {
        HighlightsView(
            listed.map { ($0.title, $0.metricHighlight) }, projectCount: listed.count,
            hours: listed.compactMap(\.frontMatter.hours).reduce(0, +))
    }

    /// What a card may show besides its text: a sparkline, a background photo, the site's highlights.
    private struct CardParts {
        var chart: CardChartView?
        var background: CardBackground?
        var highlights: HighlightsView?
    }

    /// Where a card's parts go, in its 1200×630 pixels. The title (at most three lines) and the
    /// headline figure under it end above `figureBottom` whatever the title's length; the chart keeps
    /// below that, in the bottom right corner, and the author's name and headline stop left of it.
    package enum CardLayout {
        static let titleSize = 60.0, titleLeading = 72, titleWidth = 1040.0
        /// The lowest a figure's descenders reach: three title lines under a kicker, then the figure.
        static let figureBottom = 190 + 72 * 2 + 118 + 20
        /// The chart's plot box; its markers reach 8 px beyond it and its value labels 30 px below.
        static let chart = (x: 820, y: figureBottom + 16, width: 300, height: 78)
        static let authorRight = chart.x - 24

        static func chart(of sparkline: Sparkline, colour: String) -> CardChartView {
            func point(_ point: Sparkline.Point) -> CardPointView {
                CardPointView(x: Int(point.x.rounded()), y: Int(point.y.rounded()), value: point.value)
            }
            return CardChartView(
                x: chart.x, y: chart.y, width: chart.width, height: chart.height, line: sparkline.line, area: sparkline.area,
                colour: colour, first: point(sparkline.first), last: point(sparkline.last), targetY: sparkline.targetY.map { Int($0.rounded()) })
        }
    }

    private func socialCard(kicker: String?, title: String, figure: CardFigureView?, card: CardParts, colours: ThemeColours) -> SocialCardView {
        let size = CardLayout.titleSize
        let lines = CardText.lines(
            MarkupText.droppingForbiddenXMLCharacters(title), maxWidth: CardLayout.titleWidth / size, maxLines: card.highlights == nil ? 3 : 2)
        let top = kicker == nil ? 150 : 190
        var figure = figure
        figure?.y = top + CardLayout.titleLeading * (lines.count - 1) + 118
        if let change = figure?.change, let name = figure?.name {
            // The name, 40 px, follows the change, 76 px, on one line of 1040 px.
            let room = (CardLayout.titleWidth - 76 * CardText.width(of: change[...]) - 24) / 40
            figure?.name = CardText.lines(MarkupText.droppingForbiddenXMLCharacters(name), maxWidth: room, maxLines: 1).first ?? ""
        }
        var highlights = card.highlights
        highlights?.y = (figure?.y ?? top) + 56
        let authorWidth = Double(card.chart == nil ? 1120 - 172 : CardLayout.authorRight - 172)
        var author = siteValues.author
        author.name = author.name.flatMap { CardText.lines($0, maxWidth: authorWidth / 30, maxLines: 1).first }
        author.headline = author.headline.flatMap { CardText.lines($0, maxWidth: authorWidth / 24, maxLines: 1).first }
        // The home card's title is the headline already: the highlights' summary takes its place.
        if card.highlights?.summary != nil { author.headline = nil }
        return SocialCardView(
            colours: colours, palette: card.background?.colours ?? colours,
            title: CardTitleView(size: Int(size), lines: lines.enumerated().map { CardLineView(text: $1, y: top + CardLayout.titleLeading * $0) }),
            author: author, kicker: kicker.map { MarkupText.droppingForbiddenXMLCharacters($0).uppercased() }, metric: figure,
            chart: card.chart, highlights: highlights, background: card.background)
    }

    /// The page's hero as the image stage publishes it, when it is a local image the build read.
    func heroImage(of page: Page) -> ResponsiveImage? {
        guard let hero = page.heroImage, let facts = page.heroFacts else { return nil }
        return ResponsiveImage(url: imageURL(hero), facts: facts)
    }

    /// The hero's markup: responsive for a local image, a plain `<img>` for a remote one.
    func heroHTML(of page: Page, sizes: String, priority: ResponsiveImage.Priority, className: String?) -> String? {
        guard let hero = page.heroImage else { return nil }
        let alt = page.frontMatter.heroImageAlt ?? ""
        if let image = heroImage(of: page) { return image.html(alt: alt, sizes: sizes, priority: priority, className: className) }
        return ResponsiveImage.img(imageURL(hero), alt: alt, priority: priority, className: className)
    }

    // MARK: Structured data

    func personJSONLD() -> [String: Any] {
        var person: [String: Any] = ["@context": "https://schema.org", "@type": "Person", "url": absoluteURL("")]
        person["name"] = config.author.name ?? config.title
        person["jobTitle"] = config.author.headline
        person["description"] = config.author.bio
        person["email"] = config.author.email.map { "mailto:" + $0 }
        if !config.author.links.isEmpty { person["sameAs"] = config.author.links.map(\.url) }
        if let cv = site.cv { CVTemplateData.personFacts(cv, into: &person) }
        return person
    }
}
