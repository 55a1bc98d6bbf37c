import Foundation
@testable import PortfolioBuild
@testable import PortfolioContent
@testable import PortfolioSite
@testable import PortfolioSupport
import Testing

/// `file:line:column code` of each diagnostic with `code`.
private func located(_ result: BuildResult, _ code: String) -> [String] {
    result.diagnostics.sorted.filter { $0.code == code }.map { "\($0.file):\($0.line):\($0.column)" }
}

@Suite struct ConfidentialBuildTests {
    static let terms = "# clients and codenames, never published\nHeron Labs\nfalcon\n"

    @Test func addingATermToConfidentialTxtFailsTheNextBuildAtEveryPlaceAndLeavesOutputAsItWas() throws {
        let site = try Fixtures.copy(ofSite: Fixtures.path("sites/confidential"))
        defer { Fixtures.remove(site) }
        let output = site + "/output"
        let first = Fixtures.build(site: site, output: output)
        #expect(first.published)
        #expect(!first.diagnostics.hasErrors)
        let before = Fixtures.tree(output)
        #expect(!before.isEmpty)

        // Nothing but the list changes: the cached pages must not hide the terms.
        try Self.terms.write(toFile: site + "/confidential.txt", atomically: false, encoding: .utf8)
        let second = Fixtures.build(site: site, output: output)
        #expect(!second.published)
        let page = "content/projects/falcon-eval/index.md"
        #expect(located(second, "confidential.term") == [
            "content/projects/falcon-eval/dashboard.svg:0:0",
            page + ":0:0",
            page + ":2:32",
            page + ":6:36",
            page + ":8:3",
            "content/projects/falcon-eval/metrics.yaml:2:5",
            "portfolio.yaml:2:35",
        ])
        #expect(second.diagnostics.sorted.first { $0.file == "portfolio.yaml" }?.message
            == "'Heron Labs' matches the confidential term 'Heron Labs' from confidential.txt")
        #expect(Fixtures.tree(output) == before)

        // Taking the term out again builds as before.
        try "Heron Labs\n".write(toFile: site + "/confidential.txt", atomically: false, encoding: .utf8)
        #expect(located(Fixtures.build(site: site, output: nil), "confidential.term").count == 2)
        try FileManager.default.removeItem(atPath: site + "/confidential.txt")
        #expect(Fixtures.build(site: site, output: output).published)
    }

    @Test func secretInAPageFailsTheBuildAndKeepsThePreviousOutput() throws {
        let site = Fixtures.site([
            "portfolio.yaml": "title: S\nbase_url: https://example.com/\n",
            "content/projects/p.md": "---\ntitle: P\n---\nThe notebook read the key from the environment.\n",
        ])
        defer { Fixtures.remove(site) }
        let output = site + "/output"
        #expect(Fixtures.build(site: site, output: output).published)
        let before = Fixtures.tree(output)
        try "---\ntitle: P\n---\nThe notebook set OPENAI_API_KEY=sk-proj-Ab3dEf9hIjKlMn0pQrStUvWx first.\n"
            .write(toFile: site + "/content/projects/p.md", atomically: false, encoding: .utf8)
        let result = Fixtures.build(site: site, output: output)
        #expect(!result.published)
        #expect(located(result, "confidential.secret") == ["content/projects/p.md:4:33"])
        #expect(Fixtures.tree(output) == before)
    }

    @Test func theSitesOwnEmailIsNotReported() {
        let site = Fixtures.site([
            "portfolio.yaml": "title: S\nbase_url: https://example.com/\nauthor:\n  name: Sam\n  email: sam@samrivera.dev\n",
            "content/about.md": "---\ntitle: About\n---\nWrite to sam@samrivera.dev, not to ops@bigclient.com.\n",
        ])
        defer { Fixtures.remove(site) }
        #expect(located(Fixtures.build(site: site, output: nil), "confidential.email") == ["content/about.md:4:36"])
    }
}

@Suite struct UnlistedPageTests {
    static func site() -> String {
        Fixtures.site([
            "portfolio.yaml": "title: U\nbase_url: https://example.com/\n",
            "content/projects/a.md": "---\ntitle: Listed A\ndate: 2025-01-01\ntags: [rlhf]\nspecialization: Code\n---\nText.\n",
            "content/projects/b.md": "---\ntitle: Shared B\ndate: 2025-02-01\nunlisted: true\ntags: [rlhf, secretive]\nspecialization: Code\n---\nText.\n",
            "content/projects/c.md": "---\ntitle: Listed C\ndate: 2025-03-01\ntags: [rlhf]\n---\nText.\n",
            "content/offer.md": "---\ntitle: Private offer\nunlisted: true\n---\nRates for one client.\n",
            "content/about.md": "---\ntitle: About\n---\nAbout me.\n",
        ])
    }

    @Test func unlistedPagesAreBuiltWithNoindexButLeftOutOfEveryListFeedAndSitemap() throws {
        let site = Self.site()
        defer { Fixtures.remove(site) }
        let output = site + "/output"
        let result = Fixtures.build(site: site, output: output)
        #expect(result.published)
        func text(_ path: String) throws -> String { try String(contentsOfFile: output + "/" + path, encoding: .utf8) }

        for path in ["projects/b/index.html", "offer/index.html"] {
            #expect(try text(path).contains("<meta name=\"robots\" content=\"noindex\">"), "\(path)")
        }
        #expect(!(try text("projects/a/index.html")).contains("noindex"))
        for path in ["index.html", "projects/index.html", "tags/rlhf/index.html", "specializations/code/index.html", "feed.xml", "sitemap.xml",
                     "projects/a/index.html", "projects/c/index.html", "about/index.html"] {
            let page = try text(path)
            #expect(!page.contains("Shared B") && !page.contains("projects/b/"), "\(path) shows the unlisted project")
            #expect(!page.contains("Private offer") && !page.contains("offer/"), "\(path) shows the unlisted page")
        }
        #expect(!FileManager.default.fileExists(atPath: output + "/tags/secretive"))
        // The listed neighbours link to each other, past the unlisted project between them.
        #expect(try text("projects/c/index.html").contains("Listed A"))
        #expect(!(try text("projects/b/index.html")).contains("Listed A"))
    }

    @Test func siteKeepsUnlistedProjectsAfterTheListedOnes() {
        let site = Self.site()
        defer { Fixtures.remove(site) }
        var diagnostics = Diagnostics()
        let file = SourceFile(contentPath: "projects/x.md", sitePath: "content/projects/x.md", absolutePath: site + "/x.md")
        let pages = [("Old", "2024-01-01", false), ("Hidden", "2025-06-01", true), ("New", "2025-01-01", false)].compactMap { title, date, unlisted in
            var copy = file
            copy.contentPath = "projects/\(title).md"
            copy.sitePath = "content/projects/\(title).md"
            return PageBuilder.page(
                from: copy, text: "---\ntitle: \(title)\ndate: \(date)\nunlisted: \(unlisted)\nfeatured: \(unlisted)\n---\nText.\n",
                config: SiteConfig(), diagnostics: &diagnostics)
        }
        let assembled = SiteAssembler.assemble(
            pages: pages, files: [], consumedFiles: [], config: SiteConfig(), options: BuildOptions(now: Fixtures.fixedNow), diagnostics: &diagnostics)
        #expect(assembled.projects.map(\.title) == ["New", "Old", "Hidden"])
        #expect(assembled.listedProjects.map(\.title) == ["New", "Old"])
        #expect(assembled.homeOrder == [0, 1])
        #expect(assembled.memberCount(of: .projects) == 2)
        #expect(Feeds.entries(of: assembled) == [0, 1])
        #expect(assembled.neighbours(ofProject: 2).isEmpty)
        #expect(assembled.neighbours(ofProject: 1) == [0])
    }
}
