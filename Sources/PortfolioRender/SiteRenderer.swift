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

/// A project's card as list templates see it: the rendered HTML, kept for the whole build, and the
/// rest of the card's context made again for the rare theme whose list markup reads it. Keeping
/// every card's whole context (charts, metric figures) held more memory than all the pages' text.
final class CardValues: TemplateObject {
    let html: String
    /// A fingerprint of the whole card context, HTML included: a theme's list markup may show card
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

    func member(_ name: String) -> TemplateValue? {
        name == "html" ? .string(html) : renderer.renderer.cardContext(index)[name].map(TemplateContext.value(of:))
    }
}

/// A renderer behind a reference, for the many cards that need one.
final class SharedRenderer: Sendable {
    let renderer: SiteRenderer

    init(_ renderer: SiteRenderer) {
        self.renderer = renderer
    }
}

/// Builds the template contexts of every page and renders them.
public struct SiteRenderer: Sendable {
    public let site: Site
    public let templates: TemplateSet
    /// Published paths of theme assets by their source name (`assets/style.css` -> `assets/style.3f9a1c0d.css`).
    public let assetPaths: [String: String]
    /// Each project's card, rendered once and reused by every list it appears in; nil for a project
    /// restored from the build cache, whose lists need no rendering unless it is parsed again.
    let cards: [CardValues?]
    /// False for the renderer of the files that show one page each (projects, pages): it renders no
    /// cards, so the write stage can let go of the pages' bodies before the cards take memory.
    let rendersCards: Bool

    public init(site: Site, templates: TemplateSet, assetPaths: [String: String]) {
        self.init(site: site, templates: templates, assetPaths: assetPaths, cards: [], rendersCards: true)
        self = completing(site)
    }

    /// A renderer for `.project` and `.page` tasks only: lists and the home page need cards.
    package static func withoutCards(site: Site, templates: TemplateSet, assetPaths: [String: String]) -> SiteRenderer {
        SiteRenderer(site: site, templates: templates, assetPaths: assetPaths, cards: [], rendersCards: false)
    }

    private init(site: Site, templates: TemplateSet, assetPaths: [String: String], cards: [CardValues?], rendersCards: Bool) {
        self.site = site
        urls = SiteURLs(config: site.config)
        siteValues = SiteRenderer.siteValues(
            config: site.config, urls: urls, assetPaths: assetPaths, icons: SiteIcons.links(publishedFiles: site.rootFiles))
        self.templates = templates
        self.assetPaths = assetPaths
        self.cards = cards
        self.rendersCards = rendersCards
    }

    /// The renderer for `site`, the same site with some restored pages parsed again: cards already
    /// rendered are kept, the others are rendered for every project that is no longer restored.
    public func completing(_ site: Site) -> SiteRenderer {
        guard rendersCards else { return .withoutCards(site: site, templates: templates, assetPaths: assetPaths) }
        let cardless = SharedRenderer(.withoutCards(site: site, templates: templates, assetPaths: assetPaths))
        let previous = cards
        let cards = parallelMap(Array(site.projects.indices)) { index -> CardValues? in
            if index < previous.count, let card = previous[index] { return card }
            guard !site.projects[index].isRestored else { return nil }
            var context = cardless.renderer.cardContext(index)
            let html = templates.render("project-card", context)
            context["html"] = html
            return CardValues(html: html, hash: ContextFingerprint.of(context), index: index, renderer: cardless)
        }
        return SiteRenderer(site: site, templates: templates, assetPaths: assetPaths, cards: cards, rendersCards: true)
    }

    /// A fingerprint of the project's card, nil for a restored project.
    public func cardHash(_ index: Int) -> UInt64? {
        cards[index]?.hash
    }

    var config: SiteConfig { site.config }

    /// Cards on the home page; the rest are a click away on `/projects/`.
    public static let homeProjectLimit = 12

    /// The pages of `SiteOutput.list(of:)`.
    public var tasks: [RenderTask] { SiteOutput.pageTasks(of: site) }

    /// The site-relative folder a task's page lives in (`projects/page/2/`).
    public func urlPath(of task: RenderTask) -> String { SiteOutput.urlPath(of: task, in: site) }

    public func outputPath(of task: RenderTask) -> String { SiteOutput.outputPath(of: task, in: site) }

    public func render(_ task: RenderTask) -> String {
        let view = view(of: task)
        return templates.render(view.template, view.context)
    }

    /// The template a task renders and its context.
    package func view(of task: RenderTask) -> (template: String, context: [String: Any]) {
        switch task {
        case .home: return (site.home.map(templates.layout(of:)) ?? "home", homeContext())
        case .project(let index): return (templates.layout(of: site.projects[index]), projectContext(index))
        case .page(let index):
            let page = site.pages[index]
            return (templates.layout(of: page), pageContext(page, title: page.title, description: page.summary))
        case .listing(let listing, let page):
            return (listing == .projects ? "list" : "tag", listingContext(listing, page: page))
        case .tagIndex: return ("tags", tagIndexContext())
        case .builtIn(let index): return (BuiltInPage.all[index].layout, BuiltInPage.all[index].context(self))
        case .notFound:
            var context = baseContext(title: "Page not found", description: "This page does not exist.", urlPath: "404.html", kind: "404")
            context["noindex"] = true
            return ("404", context)
        }
    }

    let urls: SiteURLs
    /// See `siteValues(config:urls:assetPaths:icons:)`. Only strings, booleans, arrays and dictionaries of
    /// them, never changed after `init`: safe to share between threads, though `Any` cannot say so.
    nonisolated(unsafe) private let siteValues: [String: Any]
    func url(_ sitePath: String) -> String { urls.url(sitePath) }
    func absoluteURL(_ sitePath: String) -> String { urls.absoluteURL(sitePath) }
    func imageURL(_ image: String) -> String { urls.imageURL(image) }

    // MARK: Contexts

    func baseContext(title: String, description: String?, urlPath: String, kind: String) -> [String: Any] {
        let documentTitle = urlPath.isEmpty ? config.title : title + " · " + config.title
        var meta: [String: Any] = [
            "title": documentTitle,
            "og_title": title,
            "description": description ?? config.description ?? "",
            "canonical": absoluteURL(urlPath),
            "og_type": kind == "project" ? "article" : "website",
            "twitter_card": "summary",
        ]
        if urlPath.isEmpty { meta["json_ld"] = JSONText.encode(personJSONLD()) }
        return [
            "site": siteContext(currentPath: urlPath),
            "meta": meta,
            "kind": kind,
            "is_\(kind)": true,
        ]
    }

    /// What every page shows of the site, with the navigation marked for the page at `currentPath`.
    func siteContext(currentPath: String) -> [String: Any] {
        var nav: [[String: Any]] = [["title": "Projects", "url": url("projects/"), "current": currentPath.hasPrefix("projects/")]]
        if !site.tags.isEmpty {
            nav.append(["title": "Tags", "url": url("tags/"), "current": currentPath.hasPrefix("tags/")])
        }
        for page in site.navigationPages {
            nav.append(["title": page.title, "url": url(page.urlPath), "current": currentPath == page.urlPath])
        }
        for index in BuiltInPage.published(in: site) {
            let page = BuiltInPage.all[index]
            guard let title = page.navigationTitle else { continue }
            nav.append(["title": title, "url": url(page.urlPath), "current": currentPath == page.urlPath])
        }
        var context = siteValues
        context["nav"] = nav
        return context
    }

    /// The site's values that are the same on every page, made once per renderer.
    static func siteValues(config: SiteConfig, urls: SiteURLs, assetPaths: [String: String], icons: [SiteIcons.Link]) -> [String: Any] {
        let author = config.author
        var authorContext: [String: Any] = ["links": author.links.map { ["name": $0.name, "url": $0.url] }]
        authorContext["name"] = author.name
        authorContext["headline"] = author.headline
        authorContext["bio"] = author.bio
        authorContext["email"] = author.email
        authorContext["location"] = author.location
        authorContext["availability"] = author.availability
        authorContext["initials"] = author.name.map(SiteIcons.initials)
        var cta: [String: Any] = [:]
        cta["text"] = config.cta.text
        cta["button"] = config.cta.button ?? "Get in touch"
        cta["url"] = config.cta.url ?? author.email.map { "mailto:" + $0 }
        var context: [String: Any] = [
            "title": config.title,
            "language": config.language,
            "base_url": config.baseURL,
            "home_url": urls.url(""),
            "feed_url": urls.url(Feeds.feedPath),
            "author": authorContext,
            "icons": icons.map { icon -> [String: Any] in
                var link: [String: Any] = ["rel": icon.rel, "href": urls.url(icon.path)]
                link["type"] = icon.type
                link["sizes"] = icon.sizes
                return link
            },
            "params": YAMLValue.map(config.params).templateValue,
            "assets": Dictionary(uniqueKeysWithValues: assetPaths.map { key, value in
                (key.dropFirst("assets/".count).replacingOccurrences(of: ".", with: "_"), urls.url(value))
            }),
        ]
        context["description"] = config.description
        if config.cta.text != nil { context["cta"] = cta }
        return context
    }

    func termLinks(_ terms: [Term], folder: String) -> [[String: Any]] {
        terms.map { ["name": $0.name, "slug": $0.slug, "url": url("\(folder)/\($0.slug)/")] }
    }

    func dateContext(_ date: SiteDate?) -> [String: Any]? {
        guard let date else { return nil }
        return ["iso": date.rfc3339, "date": date.isoDate, "display": date.longDisplay, "short": date.shortDisplay]
    }

    /// What lists show of a project: the card.
    func cardContext(_ index: Int) -> [String: Any] {
        let project = site.projects[index]
        let matter = project.frontMatter
        var card: [String: Any] = [
            "title": project.title,
            "url": url(project.urlPath),
            "summary": project.summary,
            "read_time": project.readTime,
            "tags": termLinks(project.tags, folder: "tags"),
            "has_tags": !project.tags.isEmpty,
            "featured": matter.featured,
        ]
        card["subtitle"] = matter.subtitle
        card["date"] = dateContext(project.date)
        card["hero_image"] = project.heroImage.map(imageURL)
        card["hero_image_alt"] = matter.heroImageAlt ?? ""
        card["hero_image_html"] = heroHTML(of: project, sizes: ImageSizes.card, priority: .lazy, className: "card-image")
        card["specialization"] = project.specialization?.name
        card["role"] = matter.role
        card["platform"] = matter.platform
        if let set = project.metrics, project.hasMetrics {
            // Ids from the address, not the list position, so a card reads the same in every build.
            let idPrefix = "card-" + project.urlPath.split(separator: "/").joined(separator: "-")
            var metrics: [String: Any] = ["summary_svg": SummaryChart.svg(for: set, idPrefix: idPrefix)]
            if let headline = set.headline(named: matter.headlineMetric) {
                metrics["headline"] = MetricTemplateData.metric(headline, idPrefix: idPrefix + "-headline", includeChart: false)
            }
            card["metrics"] = metrics
        }
        return card
    }

    func pageContext(_ page: Page, title: String, description: String) -> [String: Any] {
        var context = baseContext(title: title, description: description, urlPath: page.urlPath, kind: page.kind == .project ? "project" : "page")
        let matter = page.frontMatter
        var pageContext: [String: Any] = [
            "title": page.title,
            "url": url(page.urlPath),
            "absolute_url": absoluteURL(page.urlPath),
            "content": page.html,
            "summary": page.summary,
            "read_time": page.readTime,
            "word_count": page.wordCount,
            "tags": termLinks(page.tags, folder: "tags"),
            "has_tags": !page.tags.isEmpty,
            "params": YAMLValue.map(matter.params).templateValue,
            "toc": page.headings.filter { $0.level <= 3 }.map { ["text": $0.text, "id": $0.id, "level": $0.level, "is_sub": $0.level == 3] },
            "has_toc": page.headings.filter { $0.level <= 3 }.count >= 3,
        ]
        pageContext["subtitle"] = matter.subtitle
        if page.hasMath, matter.math ?? config.math.enabled {
            pageContext["math"] = ["katex_url": config.math.katexURL]
        }
        pageContext["description"] = matter.description
        pageContext["author"] = matter.author ?? config.author.name
        pageContext["publish_date"] = dateContext(page.date)
        pageContext["created_date"] = dateContext(matter.createdDate)
        pageContext["updated_date"] = dateContext(matter.updatedDate)
        pageContext["cta"] = matter.cta
        pageContext["role"] = matter.role
        pageContext["platform"] = matter.platform
        pageContext["model"] = matter.model
        pageContext["hours"] = matter.hours.map { $0 == $0.rounded() ? String(Int($0)) : String($0) }
        pageContext["specialization"] = page.specialization.map { ["name": $0.name, "url": url("specializations/\($0.slug)/")] }
        if let hero = page.heroImage {
            let alt = matter.heroImageAlt ?? ""
            var heroContext: [String: Any] = ["url": imageURL(hero), "alt": alt]
            heroContext["html"] = heroHTML(of: page, sizes: ImageSizes.hero, priority: .high, className: nil)
            if let image = heroImage(of: page) {
                (heroContext["width"], heroContext["height"]) = (image.variants.facts.width, image.variants.facts.height)
                if image.variants.facts.format != .svg {
                    var meta = context["meta"] as! [String: Any]
                    let shared = image.largestSize
                    meta["image"] = [
                        "url": absoluteURL(ResponsiveImage(url: hero, facts: image.variants.facts).largestURL),
                        "width": shared.width, "height": shared.height, "type": image.variants.fallback.mimeType, "alt": alt,
                    ] as [String: Any]
                    meta["twitter_card"] = "summary_large_image"
                    context["meta"] = meta
                }
            }
            pageContext["hero_image"] = heroContext
        }
        context["page"] = pageContext
        if !page.isListed { context["noindex"] = true }
        return context
    }

    func projectContext(_ index: Int) -> [String: Any] {
        let project = site.projects[index]
        var context = pageContext(project, title: project.title, description: project.summary)
        var meta = context["meta"] as! [String: Any]
        meta["json_ld"] = JSONText.encode(articleJSONLD(project))
        if let image = socialImage(of: project) {
            meta["image"] = image
            meta["twitter_card"] = "summary_large_image"
        }
        meta["published_time"] = project.date?.rfc3339
        meta["modified_time"] = project.frontMatter.updatedDate?.rfc3339
        context["meta"] = meta
        var page = context["page"] as! [String: Any]
        if let set = project.metrics, project.hasMetrics {
            page["metrics"] = MetricTemplateData.set(set, headlineName: project.frontMatter.headlineMetric, idPrefix: "metric")
            page["metrics_json_url"] = url(project.urlPath + "metrics.json")
        }
        for neighbour in site.neighbours(ofProject: index) {
            page[neighbour < index ? "previous" : "next"] = ["title": site.projects[neighbour].title, "url": url(site.projects[neighbour].urlPath)]
        }
        context["page"] = page
        return context
    }

    func homeContext() -> [String: Any] {
        var context = baseContext(title: config.title, description: config.description, urlPath: "", kind: "home")
        if let image = socialImage(of: nil) {
            var meta = context["meta"] as! [String: Any]
            meta["image"] = image
            meta["twitter_card"] = "summary_large_image"
            context["meta"] = meta
        }
        context["intro"] = site.home?.html
        context["projects"] = site.homeOrder.prefix(SiteRenderer.homeProjectLimit).map { cards[$0]! }
        let listed = site.listedProjects
        context["has_projects"] = !listed.isEmpty
        context["project_count"] = listed.count
        context["has_more_projects"] = listed.count > SiteRenderer.homeProjectLimit
        context["projects_url"] = url("projects/")
        if !listed.isEmpty { context["highlights"] = homeHighlights(of: listed) }
        if let cv = site.cv {
            context["hire"] = CVTemplateData.hire(cv)
            context["cv_url"] = url(BuiltInPage.cv.urlPath)
        }
        context["has_specializations"] = !site.specializations.isEmpty
        context["specializations"] = site.specializations.map { group in
            ["name": group.term.name, "url": url("specializations/\(group.term.slug)/"), "count": group.projectIndices.count]
        }
        return context
    }

    /// The CV reads only what pages restored from the build cache keep (the headline figure among it),
    /// so rendering it parses nothing again.
    func cvContext() -> [String: Any] {
        guard let cv = site.cv else { return [:] }
        let name = cv.resume.basics[text: "name"] ?? config.title
        var context = baseContext(title: "CV", description: "The CV of \(name).", urlPath: BuiltInPage.cv.urlPath, kind: "cv")
        context["cv"] = CVTemplateData.cv(cv, author: config.author)
        return context
    }

    func tagIndexContext() -> [String: Any] {
        var context = baseContext(title: "Tags", description: "Projects by tag.", urlPath: "tags/", kind: "tags")
        context["tags"] = site.tags.map { group in
            ["name": group.term.name, "url": url("tags/\(group.term.slug)/"), "count": group.projectIndices.count]
        }
        return context
    }

    func listingContext(_ listing: Listing, page number: Int) -> [String: Any] {
        let task = RenderTask.listing(listing, page: number)
        let count = site.memberCount(of: listing)
        let pages = site.pageCount(of: listing)
        let group: (term: Term, kind: String)? = switch listing {
        case .projects: nil
        case .tag(let index): (site.tags[index].term, "Tag")
        case .specialization(let index): (site.specializations[index].term, "Specialization")
        }
        let title = group.map { "\($0.kind): \($0.term.name)" } ?? "Projects"
        let countLabel = "\(count) project\(count == 1 ? "" : "s")"
        var context = baseContext(
            title: number == 1 ? title : "\(title), page \(number)",
            description: group.map { "\(countLabel) filed under \($0.term.name)." } ?? config.description,
            urlPath: urlPath(of: task), kind: group == nil ? "list" : "tag")
        context["title"] = title
        if let group {
            context["term"] = ["name": group.term.name, "kind": group.kind, "count": count, "count_label": countLabel]
        }
        context["projects"] = site.members(of: listing, page: number).map { cards[$0]! }
        if pages > 1 {
            var pagination: [String: Any] = ["current": number, "total": pages]
            if number > 1 { pagination["previous_url"] = url(urlPath(of: .listing(listing, page: number - 1))) }
            if number < pages { pagination["next_url"] = url(urlPath(of: .listing(listing, page: number + 1))) }
            context["pagination"] = pagination
        }
        return context
    }

    /// The pages whose text, metrics or card rendering `task` shows: restored ones must be parsed again first.
    public func pagesShown(by task: RenderTask) -> [Page] {
        switch task {
        case .home: return (site.home.map { [$0] } ?? []) + site.homeOrder.prefix(SiteRenderer.homeProjectLimit).map { site.projects[$0] }
        case .project(let index): return [site.projects[index]]
        case .page(let index): return [site.pages[index]]
        case .listing(let listing, let page): return site.members(of: listing, page: page).map { site.projects[$0] }
        case .tagIndex, .notFound, .builtIn: return []
        }
    }

    // MARK: Social cards

    /// The SVG of a project's card for link previews, from the theme's `social-card.svg` template: the
    /// headline metric's change and a sparkline of it when the project has metrics, drawn over the
    /// hero when `background` (made from a raster hero) is given.
    package func socialCardSVG(_ index: Int, colours: ThemeColours, background: CardBackground? = nil) -> String {
        templates.render("social-card.svg", socialCardContext(index, colours: colours, background: background))
    }

    /// What the project card's template is given (see `socialCardSVG`).
    package func socialCardContext(_ index: Int, colours: ThemeColours, background: CardBackground? = nil) -> [String: Any] {
        let project = site.projects[index]
        let palette = background?.colours ?? colours
        var metric: [String: Any]?
        var chart: [String: Any]?
        if let set = project.metrics, let headline = set.headline(named: project.frontMatter.headlineMetric) {
            let figures = MetricTemplateData.metric(headline, idPrefix: "social", includeChart: false)
            if let change = figures["change"] as? String {
                let improved = figures["improved"] as? Bool == true, regressed = figures["regressed"] as? Bool == true
                func direction(_ colours: ThemeColours) -> String { improved ? colours.good : regressed ? colours.bad : colours.muted }
                metric = ["change": change, "name": headline.name, "colour": direction(colours), "ink": direction(palette)]
                chart = Sparkline(headline, width: Double(CardLayout.chart.width), height: Double(CardLayout.chart.height))
                    .map { CardLayout.context(of: $0, colour: direction(palette)) }
            }
        }
        return socialContext(
            kicker: project.specialization?.name, title: project.title, metric: metric,
            card: CardParts(chart: chart, background: background), colours: colours)
    }

    /// What `og:image` shows of a page: its `social_image:`, else its social card (projects and the
    /// home page, unless `social_cards: false`), else nil.
    func socialImage(of page: Page?) -> [String: Any]? {
        let name = config.author.name ?? config.title
        if let page, case .string(let written)? = page.frontMatter.params["social_image"] {
            let url = SiteURLs.isRemote(written) ? written : ContentRules.target(of: written, in: page).map(absoluteURL) ?? written
            return ["url": url, "alt": page.title + " — " + name]
        }
        guard config.socialCards, page == nil || page?.kind == .project else { return nil }
        return [
            "url": absoluteURL(SiteOutput.socialCardPath(of: page?.urlPath ?? "")), "width": 1200, "height": 630,
            "type": "image/png", "alt": (page?.title ?? config.author.headline ?? config.title) + " — " + name,
        ]
    }

    /// The home page's card: the trainer's name and headline, and the site's highlights (the best
    /// improvement of any project, how many projects and hours), as the home page shows them.
    package func homeSocialCardSVG(colours: ThemeColours) -> String {
        templates.render("social-card.svg", homeSocialCardContext(colours: colours))
    }

    /// What the home card's template is given (see `homeSocialCardSVG`).
    package func homeSocialCardContext(colours: ThemeColours) -> [String: Any] {
        let listed = site.listedProjects
        guard !listed.isEmpty else {
            return socialContext(kicker: "Portfolio", title: config.author.headline ?? config.title, metric: nil, card: CardParts(), colours: colours)
        }
        let highlights = homeHighlights(of: listed)
        var figure = "\(listed.count) project\(listed.count == 1 ? "" : "s")"
        if let hours = highlights["total_hours"] as? String { figure += " · \(hours) hours" }
        var card = CardParts()
        let metric: [String: Any]
        if let best = highlights["best"] as? [String: Any], let change = best["change"] as? String, let name = best["metric"] as? String {
            let colour = best["improved"] as? Bool == true ? colours.good : colours.muted
            metric = ["change": change, "name": name, "colour": colour, "ink": colour]
            let line = "Best gain: " + (best["project"] as? String ?? "")
            var shown = highlights
            shown["line"] = CardText.lines(MarkupText.droppingForbiddenXMLCharacters(line), maxWidth: CardLayout.titleWidth / 28, maxLines: 1).first
            shown["summary"] = figure
            card.highlights = shown
        } else {
            metric = ["change": figure, "name": "", "colour": colours.accent, "ink": colours.accent]
        }
        return socialContext(kicker: "Portfolio", title: config.author.headline ?? config.title, metric: metric, card: card, colours: colours)
    }

    /// The home page's highlights of `listed` projects: metric figures, the number of projects and hours.
    private func homeHighlights(of listed: ArraySlice<Page>) -> [String: Any] {
        var highlights = MetricTemplateData.highlights(listed.map { ($0.title, $0.metricHighlight) })
        highlights["project_count"] = listed.count
        let hours = listed.compactMap(\.frontMatter.hours).reduce(0, +)
        if hours > 0 { highlights["total_hours"] = DisplayNumber.grouped(Int(hours.rounded())) }
        return highlights
    }

    /// What a card may show besides its text: a sparkline, a background photo, the site's highlights.
    private struct CardParts {
        var chart: [String: Any]?
        var background: CardBackground?
        var highlights: [String: Any]?
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

        static func context(of sparkline: Sparkline, colour: String) -> [String: Any] {
            func point(_ point: Sparkline.Point) -> [String: Any] {
                ["x": Int(point.x.rounded()), "y": Int(point.y.rounded()), "value": point.value]
            }
            var context: [String: Any] = [
                "x": chart.x, "y": chart.y, "width": chart.width, "height": chart.height, "label_y": chart.height + 30,
                "line": sparkline.line, "area": sparkline.area, "colour": colour,
                "first": point(sparkline.first), "last": point(sparkline.last),
            ]
            context["target"] = sparkline.targetY.map { ["y": Int($0.rounded())] }
            return context
        }
    }

    private func socialContext(kicker: String?, title: String, metric: [String: Any]?, card: CardParts, colours: ThemeColours) -> [String: Any] {
        let size = CardLayout.titleSize
        let lines = CardText.lines(
            MarkupText.droppingForbiddenXMLCharacters(title), maxWidth: CardLayout.titleWidth / size, maxLines: card.highlights == nil ? 3 : 2)
        let top = kicker == nil ? 150 : 190
        var metric = metric
        metric?["y"] = top + CardLayout.titleLeading * (lines.count - 1) + 118
        if let change = metric?["change"] as? String, let name = metric?["name"] as? String {
            // The name, 40 px, follows the change, 76 px, on one line of 1040 px.
            let room = (CardLayout.titleWidth - 76 * CardText.width(of: change[...]) - 24) / 40
            metric?["name"] = CardText.lines(MarkupText.droppingForbiddenXMLCharacters(name), maxWidth: room, maxLines: 1).first ?? ""
        }
        var highlights = card.highlights
        highlights?["y"] = (metric?["y"] as? Int ?? top) + 56
        let authorWidth = Double(card.chart == nil ? 1120 - 172 : CardLayout.authorRight - 172)
        var author = siteValues["author"] as? [String: Any] ?? [:]
        author["name"] = (author["name"] as? String).flatMap { CardText.lines($0, maxWidth: authorWidth / 30, maxLines: 1).first }
        author["headline"] = (author["headline"] as? String).flatMap { CardText.lines($0, maxWidth: authorWidth / 24, maxLines: 1).first }
        // The home card's title is the headline already: the highlights' summary takes its place.
        if card.highlights?["summary"] != nil { author["headline"] = nil }
        let palette = card.background?.colours ?? colours
        var context: [String: Any] = [
            "font": "DejaVu Sans, Verdana, sans-serif",
            "colours": ["accent": colours.accent, "accent_text": colours.accentText],
            "palette": [
                "background": palette.background, "text": palette.text, "muted": palette.muted,
                "accent": palette.accent, "accent_text": palette.accentText,
            ],
            "title": ["size": Int(size), "lines": lines.enumerated().map { ["text": $1, "y": top + CardLayout.titleLeading * $0] }],
            "author": author,
        ]
        context["kicker"] = kicker.map { MarkupText.droppingForbiddenXMLCharacters($0).uppercased() }
        context["metric"] = metric
        context["chart"] = card.chart
        context["highlights"] = highlights
        context["background"] = card.background.map {
            ["href": $0.dataURI, "overlay": $0.overlay, "opacity": CardBackground.overlayOpacity] as [String: Any]
        }
        return context
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

    func articleJSONLD(_ project: Page) -> [String: Any] {
        var article: [String: Any] = [
            "@context": "https://schema.org", "@type": "Article",
            "headline": project.title, "url": absoluteURL(project.urlPath),
            "mainEntityOfPage": absoluteURL(project.urlPath),
            "description": project.summary,
            "author": ["@type": "Person", "name": project.frontMatter.author ?? config.author.name ?? config.title],
        ]
        article["datePublished"] = project.date?.rfc3339
        article["dateCreated"] = project.frontMatter.createdDate?.rfc3339
        article["dateModified"] = (project.frontMatter.updatedDate ?? project.date)?.rfc3339
        article["image"] = project.heroImage.map(absoluteURL)
        if !project.tags.isEmpty { article["keywords"] = project.tags.map(\.name).joined(separator: ", ") }
        return article
    }
}
