import Foundation
@testable import PortfolioCharts
@testable import PortfolioImages
@testable import PortfolioRender
import PortfolioTemplates
import Testing

/// What a social card shows: a sparkline of the headline metric, the hero behind the text when it is
/// a photo, the site's highlights on the home card, and a layout no title length can break.
@Suite struct SocialCardContent {
    static let metricProject = """
        ---
        title: RLHF for a code assistant
        metrics:
          - name: pass@1
            unit: percent
            target: 60
            points: [42.1, 48.7, 55.3, 61.9]
        ---
        Text.
        """

    /// A renderer over a site of `projects` (file name in `content/projects/` to its text).
    static func renderer(_ projects: [String: String]) -> (SiteRenderer, String) {
        var files = ["portfolio.yaml": "title: T\nauthor: { name: Ada Lovelace, headline: Evals & RLHF }\n"]
        for (name, text) in projects { files["content/projects/" + name] = text }
        let site = Fixtures.site(files)
        let (renderer, _, diagnostics) = Fixtures.renderer(ofSiteAt: site + "/")
        #expect(!diagnostics.hasErrors, "\(diagnostics.sorted)")
        return (renderer, site)
    }

    static func index(of slug: String, in renderer: SiteRenderer) throws -> Int {
        try #require(renderer.site.projects.firstIndex { $0.urlPath == "projects/\(slug)/" })
    }

    @Test func aProjectWithMetricsHasASparklineAndOneWithoutHasNone() throws {
        let (renderer, site) = SocialCardContent.renderer(["a.md": SocialCardContent.metricProject, "b.md": "---\ntitle: B\n---\nText.\n"])
        defer { Fixtures.remove(site) }
        let withMetrics = renderer.socialCardSVG(try SocialCardContent.index(of: "a", in: renderer), colours: ThemeColours())
        #expect(withMetrics.contains("+19.8 pts"))
        #expect(withMetrics.contains("stroke-linecap=\"round\""), "the sparkline's path")
        #expect(withMetrics.contains(">61.9%</text>") && withMetrics.contains(">42.1%</text>"))
        #expect(withMetrics.contains("stroke-dasharray"), "the target line")
        let without = renderer.socialCardSVG(try SocialCardContent.index(of: "b", in: renderer), colours: ThemeColours())
        #expect(!without.contains("<path"))
        #expect(!without.contains("translate("))
    }

    @Test func aTwoHundredCharacterTitleNeverReachesTheChart() throws {
        let title = String(repeating: "Wide Words Making Margins Move ", count: 7).prefix(200)
        let long = SocialCardContent.metricProject.replacingOccurrences(of: "RLHF for a code assistant", with: String(title))
        let (renderer, site) = SocialCardContent.renderer(["a.md": long])
        defer { Fixtures.remove(site) }
        let context = TemplateValue.object(renderer.socialCardView(0, colours: ThemeColours())).plain as! [String: Any]
        let lines = try #require((context["title"] as? [String: Any])?["lines"] as? [[String: Any]])
        #expect(lines.count == 3 && (lines.last?["text"] as? String)?.hasSuffix("…") == true)
        let lastLine = try #require(lines.last?["y"] as? Int)
        let figure = try #require((context["metric"] as? [String: Any])?["y"] as? Int)
        let chart = try #require(context["chart"] as? [String: Any])
        let chartTop = try #require(chart["y"] as? Int) - 8
        // Descenders reach a quarter of the font size below the baseline; capitals 0.73 above it.
        #expect(Double(lastLine) + 60 * 0.25 < Double(figure) - 76 * 0.73)
        #expect(Double(figure) + 76 * 0.25 < Double(chartTop))
        #expect(figure <= SiteRenderer.CardLayout.figureBottom - 20)
        // The author's lines stop left of the chart.
        #expect(try #require(chart["x"] as? Int) > 172 + 30 * Int(CardText.width(of: "Ada Lovelace")))
    }

    @Test func aRasterHeroIsEmbeddedAsADataURIUnderADarkOverlay() throws {
        let (renderer, site) = SocialCardContent.renderer(["a.md": SocialCardContent.metricProject])
        defer { Fixtures.remove(site) }
        let background = try CardBackground.make(heroBytes: TestPhotos.png(width: 1600, height: 900), colours: ThemeColours(darkSchemeOf: "")).get()
        #expect(background.dataURI.hasPrefix("data:image/jpeg;base64,"))
        let jpeg = try #require(Data(base64Encoded: String(background.dataURI.dropFirst("data:image/jpeg;base64,".count))))
        let copy = FileManager.default.temporaryDirectory.path + "/card-background-\(UUID().uuidString).jpg"
        try jpeg.write(to: URL(fileURLWithPath: copy))
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let facts = try ImageCodec.facts(atPath: copy).get()
        #expect((facts.format, facts.width) == (.jpeg, 1200))
        let svg = renderer.socialCardSVG(0, colours: ThemeColours(), background: background)
        #expect(svg.contains("<image href=\"data:image/jpeg;base64,"))
        #expect(svg.contains("fill=\"#e7eaee\""), "the text takes the dark scheme's colour")
        #expect(!renderer.socialCardSVG(0, colours: ThemeColours()).contains("<image"))
    }

    @Test func onlyStillRasterHeroesBecomeBackgrounds() {
        #expect(CardBackground.accepts(ImageFacts(width: 10, height: 10, format: .jpeg)))
        #expect(CardBackground.accepts(ImageFacts(width: 10, height: 10, format: .webp)))
        #expect(!CardBackground.accepts(ImageFacts(width: 10, height: 10, format: .svg)))
        #expect(!CardBackground.accepts(ImageFacts(width: 10, height: 10, format: .gif, frames: 3)))
    }

    @Test func textOverTheDarkenedPhotoKeepsWCAGContrastOverAWhitePhoto() {
        let colours = ThemeColours(darkSchemeOf: CodePalette.css)
        // The worst case: the overlay over pure white.
        let overlay = Int(colours.background.dropFirst(), radix: 16)!
        let backdrop = "#" + [overlay >> 16, overlay >> 8 & 0xFF, overlay & 0xFF].map { channel in
            let blended = Int((Double(channel) * CardBackground.overlayOpacity + 255 * (1 - CardBackground.overlayOpacity)).rounded())
            return String(blended, radix: 16).count == 1 ? "0" + String(blended, radix: 16) : String(blended, radix: 16)
        }.joined()
        for text in [colours.text, colours.muted, colours.good, colours.bad, colours.accent] {
            #expect(CodePalette.contrast(text, backdrop) >= 4.5, "\(text) on \(backdrop)")
        }
    }

    @Test func theHomeCardShowsTheTrainerAndTheBestImprovement() throws {
        let (renderer, site) = SocialCardContent.renderer(["a.md": SocialCardContent.metricProject, "b.md": "---\ntitle: B\n---\nText.\n"])
        defer { Fixtures.remove(site) }
        let svg = renderer.homeSocialCardSVG(colours: ThemeColours())
        #expect(svg.contains("Ada Lovelace"))
        #expect(svg.contains("Evals &amp; RLHF"))
        #expect(svg.contains("+19.8 pts"))
        #expect(svg.contains("Best gain: RLHF for a code assistant"))
        #expect(svg.contains(">2 projects</text>"))
    }

    @Test func aThemeCardTemplateWithTodaysNamesStillRenders() throws {
        let old = """
            <svg>{{#kicker}}<k>{{.}}</k>{{/kicker}}{{#title.lines}}<t y="{{y}}">{{text}}</t>{{/title.lines}}\
            {{#metric}}<m y="{{y}}" fill="{{colour}}">{{change}} {{name}}</m>{{/metric}}\
            <a fill="{{colours.accent}}" c="{{colours.accent_text}}" f="{{font}}">{{author.initials}} {{author.name}} {{author.headline}}</a></svg>
            """
        let (_, site) = SocialCardContent.renderer(["a.md": SocialCardContent.metricProject])
        defer { Fixtures.remove(site) }
        try FileManager.default.createDirectory(atPath: site + "/templates", withIntermediateDirectories: true)
        try old.write(toFile: site + "/templates/social-card.svg.mustache", atomically: true, encoding: .utf8)
        let (renderer, _, _) = Fixtures.renderer(ofSiteAt: site + "/")
        let svg = renderer.socialCardSVG(0, colours: ThemeColours())
        #expect(svg.contains("<t y=\"150\">RLHF for a code assistant</t>"))
        #expect(svg.contains("fill=\"#1b7a3d\">+19.8 pts pass@1</m>"))
        #expect(svg.contains("<a fill=\"#2456c9\" c=\"#ffffff\" f=\"DejaVu Sans, Verdana, sans-serif\">AL Ada Lovelace Evals &amp; RLHF</a>"))
    }
}
