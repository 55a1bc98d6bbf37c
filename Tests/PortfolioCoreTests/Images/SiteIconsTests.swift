import Foundation
import PortfolioImages
import Testing
@testable import PortfolioCore

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
