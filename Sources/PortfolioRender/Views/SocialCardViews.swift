import PortfolioImages
import PortfolioTemplates

/// What `social-card.svg` is given: the card's text already cut to fit, its colours, and where each
/// part goes in the 1200×630 pixels (`SiteRenderer.CardLayout`).
struct SocialCardView: TemplateView {
    let colours: ThemeColours
    /// The colours the text is drawn in: the theme's, or dark ones over a photo.
    let palette: ThemeColours
    let title: CardTitleView
    let author: AuthorView
    let kicker: String?
    let metric: CardFigureView?
    let chart: CardChartView?
    let highlights: HighlightsView?
    let background: CardBackground?

    static let fields = TemplateFields<SocialCardView>("social card", [
        .text("font") { _ in "DejaVu Sans, Verdana, sans-serif" },
        .view("colours") { AccentView(colours: $0.colours) },
        .view("palette") { PaletteView(colours: $0.palette) },
        .view("title") { $0.title },
        .view("author") { $0.author },
        .text("kicker") { $0.kicker },
        .view("metric") { $0.metric },
        .view("chart") { $0.chart },
        .view("highlights") { $0.highlights },
        .view("background") { $0.background.map(CardPhotoView.init) },
    ])
}

/// The theme's accent colours (`colours.*`), the same over a photo.
struct AccentView: TemplateView {
    let colours: ThemeColours

    static let fields = TemplateFields<AccentView>("accent colours", [
        .text("accent") { $0.colours.accent },
        .text("accent_text") { $0.colours.accentText },
    ])
}

struct PaletteView: TemplateView {
    let colours: ThemeColours

    static let fields = TemplateFields<PaletteView>("palette", [
        .text("background") { $0.colours.background },
        .text("text") { $0.colours.text },
        .text("muted") { $0.colours.muted },
        .text("accent") { $0.colours.accent },
        .text("accent_text") { $0.colours.accentText },
    ])
}

/// The title's font size and its lines, each with its baseline.
struct CardTitleView: TemplateView {
    let size: Int
    let lines: [CardLineView]

    static let fields = TemplateFields<CardTitleView>("title", [
        .number("size") { $0.size },
        .list("lines") { $0.lines },
    ])
}

struct CardLineView: TemplateView {
    let text: String
    let y: Int

    static let fields = TemplateFields<CardLineView>("title line", [
        .text("text") { $0.text },
        .number("y") { $0.y },
    ])
}

/// The big figure under the title: the change and the metric's name, in the colour of its direction
/// (`colour` over the theme's background, `ink` over the card's).
struct CardFigureView: TemplateView {
    let change: String
    var name: String
    let colour: String
    let ink: String
    var y: Int?

    static let fields = TemplateFields<CardFigureView>("figure", [
        .text("change") { $0.change },
        .text("name") { $0.name },
        .text("colour") { $0.colour },
        .text("ink") { $0.ink },
        .number("y") { $0.y },
    ])
}

/// The sparkline's box, its paths, and its first and last points with their values.
struct CardChartView: TemplateView {
    let x: Int, y: Int, width: Int, height: Int
    let line: String
    let area: String
    let colour: String
    let first: CardPointView
    let last: CardPointView
    /// The target line's height in the box, when the metric has a target.
    let targetY: Int?

    var labelY: Int { height + 30 }

    static let fields = TemplateFields<CardChartView>("chart", [
        .number("x") { $0.x },
        .number("y") { $0.y },
        .number("width") { $0.width },
        .number("height") { $0.height },
        .number("label_y") { $0.labelY },
        .text("line") { $0.line },
        .text("area") { $0.area },
        .text("colour") { $0.colour },
        .view("first") { $0.first },
        .view("last") { $0.last },
        .view("target") { $0.targetY.map(CardTargetView.init) },
    ])
}

struct CardPointView: TemplateView {
    let x: Int
    let y: Int
    let value: String

    static let fields = TemplateFields<CardPointView>("chart point", [
        .number("x") { $0.x },
        .number("y") { $0.y },
        .text("value") { $0.value },
    ])
}

struct CardTargetView: TemplateView {
    let y: Int

    static let fields = TemplateFields<CardTargetView>("target", [.number("y") { $0.y }])
}

/// The hero photo behind the card and the overlay that keeps the text readable on it.
struct CardPhotoView: TemplateView {
    let background: CardBackground

    static let fields = TemplateFields<CardPhotoView>("background", [
        .text("href") { $0.background.dataURI },
        .text("overlay") { $0.background.overlay },
        .decimal("opacity") { _ in CardBackground.overlayOpacity },
    ])
}
