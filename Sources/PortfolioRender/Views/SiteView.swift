import PortfolioContent
import PortfolioImages
import PortfolioSite
import PortfolioTemplates

/// What every page shows of the site (`site.*`): the values the same on every page, made once per
/// renderer, and the navigation marked for the page being rendered.
struct SiteView: TemplateView {
    let shared: SharedSiteValues
    /// The fingerprint of `shared`, taken once per renderer: it stands for the shared fields in keys.
    let sharedKey: UInt64
    let nav: [NavigationItem]

    static let fields = TemplateFields<SiteView>(
        "site", SharedSiteValues.fields.reached(through: { $0.shared }).map { $0.keyed { $0.sharedKey } } + [.list("nav") { $0.nav }])
}

/// The site's values that do not depend on the page, behind one reference shared by every page's view.
final class SharedSiteValues: TemplateView {
    static let fields = TemplateFields<SharedSiteValues>("site", [
        .text("title") { $0.config.title },
        .text("language") { $0.config.language },
        .text("base_url") { $0.config.baseURL },
        .text("description") { $0.config.description },
        .text("home_url") { $0.homeURL },
        .text("feed_url") { $0.feedURL },
        .view("author") { $0.author },
        .list("icons") { $0.icons },
        .open("params") { $0.params },
        .open("assets") { $0.assets },
        .view("cta") { $0.cta },
    ])

    let config: SiteConfig
    let urls: SiteURLs
    let homeURL: String
    let feedURL: String
    let author: AuthorView
    let icons: [IconView]
    let params: TemplateValue
    /// Theme assets by their name with dots as underscores (`style_css`), at their published address.
    let assets: TemplateValue
    /// Only when the site has a call to action's text.
    let cta: CallToActionView?

    init(config: SiteConfig, urls: SiteURLs, assetPaths: [String: String], icons: [SiteIcons.Link]) {
        self.config = config
        self.urls = urls
        homeURL = urls.url("")
        feedURL = urls.url(Feeds.feedPath)
        author = AuthorView(config.author)
        self.icons = icons.map { IconView(link: $0, href: urls.url($0.path)) }
        params = YAMLValue.map(config.params).templateValue
        assets = .map(Dictionary(uniqueKeysWithValues: assetPaths.map { key, value in
            (key.dropFirst("assets/".count).replacingOccurrences(of: ".", with: "_"), TemplateValue.string(urls.url(value)))
        }))
        cta = config.cta.text == nil ? nil : CallToActionView(
            text: config.cta.text, button: config.cta.button ?? "Get in touch",
            url: config.cta.url ?? config.author.email.map { "mailto:" + $0 })
    }
}

/// The site's author (`site.author.*`); a social card shows the name and headline cut to fit.
struct AuthorView: TemplateView {
    let author: SiteConfig.Author
    var name: String?
    var headline: String?

    init(_ author: SiteConfig.Author) {
        self.author = author
        name = author.name
        headline = author.headline
    }

    static let fields = TemplateFields<AuthorView>("author", [
        .text("name") { $0.name },
        .text("headline") { $0.headline },
        .text("bio") { $0.author.bio },
        .text("email") { $0.author.email },
        .text("location") { $0.author.location },
        .text("availability") { $0.author.availability },
        .text("initials") { $0.author.name.map(SiteIcons.initials) },
        .list("links") { $0.author.links.map { LinkView(name: $0.name, url: $0.url) } },
    ])
}

/// A named link: the author's profiles.
struct LinkView: TemplateView {
    let name: String
    let url: String

    static let fields = TemplateFields<LinkView>("link", [
        .text("name") { $0.name },
        .text("url") { $0.url },
    ])
}

/// A favicon's `<link>`.
struct IconView: TemplateView {
    let link: SiteIcons.Link
    let href: String

    static let fields = TemplateFields<IconView>("icon", [
        .text("rel") { $0.link.rel },
        .text("href") { $0.href },
        .text("type") { $0.link.type },
        .text("sizes") { $0.link.sizes },
    ])
}

/// The site's call to action.
struct CallToActionView: TemplateView {
    let text: String?
    let button: String
    let url: String?

    static let fields = TemplateFields<CallToActionView>("cta", [
        .text("text") { $0.text },
        .text("button") { $0.button },
        .text("url") { $0.url },
    ])
}

/// One link of the header's navigation.
struct NavigationItem: TemplateView {
    let title: String
    let url: String
    let current: Bool

    static let fields = TemplateFields<NavigationItem>("navigation item", [
        .text("title") { $0.title },
        .text("url") { $0.url },
        .flag("current") { $0.current },
    ])
}

/// `params` as templates see them: the site's own YAML, whose names are its own (an open shape).
extension YAMLValue {
    var templateValue: TemplateValue {
        switch self {
        case .string(let text): .string(text)
        case .bool(let flag): .bool(flag)
        case .number(let number): .double(number)
        case .list(let items): .list(items.map(\.templateValue))
        case .map(let entries): .map(Dictionary(entries.map { ($0.key, $0.value.templateValue) }, uniquingKeysWith: { $1 }))
        case .null: .string("")
        }
    }
}
