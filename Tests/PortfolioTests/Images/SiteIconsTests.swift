import Foundation
import PortfolioImages
@testable import PortfolioImages
@testable import PortfolioRender
import Testing

/// Favicons: the trainer's initials by default, the site's own file when it brings one.
@Suite struct SiteIconsTests {
    @Test func theDefaultIconsAreTheInitialsAsSVGAnICOAndATouchIcon() throws {
        let site = Fixtures.site(["portfolio.yaml": "title: T\nauthor: { name: Nora Adeyemi }\n", "content/about.md": "# About\n\nText.\n"])
        defer { Fixtures.remove(site) }
        _ = Fixtures.build(site: site, output: site + "/output")
        let svg = try String(contentsOfFile: site + "/output/favicon.svg", encoding: .utf8)
        #expect(svg.contains(">NA</text>") && svg.contains("fill=\"#2456c9\""))
        let ico = try #require(FileManager.default.contents(atPath: site + "/output/favicon.ico")).map { $0 }
        // ICONDIR (reserved 0, type 1, one image), then a 32×32 entry whose payload is a PNG at offset 22.
        #expect(Array(ico[0..<6]) == [0, 0, 1, 0, 1, 0])
        #expect((ico[6], ico[7]) == (32, 32))
        #expect(Array(ico[22..<26]) == [0x89, 0x50, 0x4E, 0x47])
        let touch = try ImageCodec.facts(atPath: site + "/output/apple-touch-icon.png").get()
        #expect((touch.width, touch.height) == (180, 180))
        let html = try String(contentsOfFile: site + "/output/about/index.html", encoding: .utf8)
        #expect(html.contains(#"<link rel="icon" href="/favicon.ico" sizes="32x32">"#))
        #expect(html.contains(#"<link rel="apple-touch-icon" href="/apple-touch-icon.png">"#))
    }

    @Test func theSitesOwnFaviconReplacesTheDefaultOnesInAnIncrementalBuildToo() throws {
        let site = Fixtures.site(["portfolio.yaml": "title: T\nauthor: { name: Ada }\n", "content/about.md": "# About\n\nText.\n"])
        defer { Fixtures.remove(site) }
        _ = Fixtures.build(site: site, output: site + "/output")
        try "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"16\" height=\"16\"/>".write(toFile: site + "/content/favicon.svg", atomically: false, encoding: .utf8)
        _ = Fixtures.build(site: site, output: site + "/output")
        let html = try String(contentsOfFile: site + "/output/about/index.html", encoding: .utf8)
        #expect(html.contains(#"<link rel="icon" href="/favicon.svg" type="image/svg+xml">"#))
        #expect(!html.contains("favicon.ico") && !html.contains("apple-touch-icon"))
        #expect(!FileManager.default.fileExists(atPath: site + "/output/favicon.ico"))
        _ = Fixtures.build(site: site, output: site + "/cold", useCache: false)
        #expect(Fixtures.tree(site + "/output") == Fixtures.tree(site + "/cold"))
    }

    @Test func accentColoursComeFromTheThemesStylesheet() {
        let colours = ThemeColours(css: ":root { --accent: #aa3300; --accent-text: #fff; --accent-soft: #eee; }")
        #expect(colours.accent == "#aa3300" && colours.accentText == "#fff")
        #expect(ThemeColours(css: ":root { --accent: var(--brand); }").accent == "#2456c9")
    }
}

/// Social cards: one PNG per project and one for the home page, drawn from the theme's SVG template.
@Suite struct SocialCards {
    @Test func aLongTitleWrapsIntoThreeLinesAndEndsWithAnEllipsis() {
        let title = String(repeating: "Preference data for a multilingual code assistant ", count: 4).prefix(200)
        let lines = CardText.lines(String(title), maxWidth: 1040 / 60, maxLines: 3)
        #expect(lines.count == 3)
        #expect(lines.last?.hasSuffix("…") == true)
        for line in lines { #expect(CardText.width(of: line[...]) <= 1040 / 60) }
        let word = CardText.lines(String(repeating: "W", count: 80), maxWidth: 10, maxLines: 2)
        #expect(word.count == 2 && word.allSatisfy { CardText.width(of: $0[...]) <= 10 })
        #expect(CardText.lines("Short title", maxWidth: 17, maxLines: 3) == ["Short title"])
    }

    @Test func theCardsFontIsInstalled() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/fc-match")
        process.arguments = ["--format=%{family}", "DejaVu Sans:bold"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let family = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(family.hasPrefix("DejaVu Sans"), "fontconfig matched '\(family)': install fonts-dejavu-core")
        #expect(DefaultTheme.files["social-card.svg.mustache"]?.contains("{{font}}") == true)
    }

    @Test func projectsAndTheHomePageGetCardsThatOgImageNames() throws {
        let site = Fixtures.site([
            "portfolio.yaml": "title: T\nbase_url: https://example.org/\nauthor: { name: Ada <Lovelace>, headline: Evals & RLHF }\n",
            "content/projects/a.md": "---\ntitle: \"Tom & Jerry <script>\"\nmetrics:\n  - name: accuracy\n    points: [0.5, 0.7]\n---\nText.\n",
            "content/projects/b.md": "---\ntitle: B\nsocial_image: /shared/b.png\n---\nText.\n",
        ])
        defer { Fixtures.remove(site) }
        let result = Fixtures.build(site: site, output: site + "/output")
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.sorted)")
        for path in ["social-card.png", "projects/a/social-card.png"] {
            let facts = try ImageCodec.facts(atPath: site + "/output/" + path).get()
            #expect((facts.width, facts.height, facts.format) == (1200, 630, .png))
        }
        let a = try String(contentsOfFile: site + "/output/projects/a/index.html", encoding: .utf8)
        #expect(a.contains(#"<meta property="og:image" content="https://example.org/projects/a/social-card.png">"#))
        #expect(a.contains(#"<meta property="og:image:type" content="image/png">"#))
        #expect(a.contains(#"<meta name="twitter:card" content="summary_large_image">"#))
        let b = try String(contentsOfFile: site + "/output/projects/b/index.html", encoding: .utf8)
        #expect(b.contains(#"<meta property="og:image" content="https://example.org/shared/b.png">"#))
        let home = try String(contentsOfFile: site + "/output/index.html", encoding: .utf8)
        #expect(home.contains(#"<meta property="og:image" content="https://example.org/social-card.png">"#))
    }

    @Test func cardsCanBeTurnedOff() throws {
        let site = Fixtures.site(["portfolio.yaml": "title: T\nsocial_cards: false\n", "content/projects/a.md": "---\ntitle: A\n---\nText.\n"])
        defer { Fixtures.remove(site) }
        _ = Fixtures.build(site: site, output: site + "/output")
        #expect(!FileManager.default.fileExists(atPath: site + "/output/projects/a/social-card.png"))
        #expect(!FileManager.default.fileExists(atPath: site + "/output/social-card.png"))
        #expect(!(try String(contentsOfFile: site + "/output/index.html", encoding: .utf8)).contains("og:image"))
    }
}
