import Foundation
@testable import PortfolioBuild
@testable import PortfolioContent
@testable import PortfolioOutput
@testable import PortfolioRender
@testable import PortfolioSite
@testable import PortfolioSupport
import Testing

/// A site with a layout of its own, `templates/note.mustache`, beside the built-in theme's.
private func siteWithNoteLayout(about: String) -> String {
    Fixtures.site([
        "portfolio.yaml": "title: Layouts\nbase_url: https://example.com/\n",
        "templates/note.mustache": "{{<base}}{{$main}}<article class=\"note\">{{{page.content}}}</article>{{/main}}{{/base}}\n",
        "content/about.md": about,
        "content/projects/p.md": "---\ntitle: P\n---\nA project.\n",
    ])
}

@Test func layoutKeyPicksTheSitesOwnTemplate() throws {
    let site = siteWithNoteLayout(about: "---\ntitle: About\nlayout: note\n---\nAbout me.\n")
    defer { Fixtures.remove(site) }
    let result = Fixtures.build(site: site, output: site + "/output")
    #expect(result.diagnostics.sorted.filter { $0.severity == .error } == [])
    let about = try String(contentsOfFile: site + "/output/about/index.html", encoding: .utf8)
    #expect(about.contains("<article class=\"note\"><p>About me.</p>"))
    let project = try String(contentsOfFile: site + "/output/projects/p/index.html", encoding: .utf8)
    #expect(!project.contains("class=\"note\""))
}

@Test func missingLayoutIsAnErrorAtTheKeyWithTheNearestLayoutsFirst() throws {
    let site = siteWithNoteLayout(about: "---\ntitle: About\nlayout: nots\n---\nAbout me.\n")
    defer { Fixtures.remove(site) }
    let result = Fixtures.build(site: site, output: site + "/output")
    #expect(!result.published)
    let diagnostic = try #require(result.diagnostics.first("front-matter.layout"))
    #expect(diagnostic.severity == .error)
    #expect((diagnostic.file, diagnostic.line, diagnostic.column) == ("content/about.md", 3, 9))
    #expect(diagnostic.message == "no layout 'nots' in the theme")
    #expect(diagnostic.hint?.hasPrefix("use one of note, ") == true)
    #expect(diagnostic.hint?.contains("project") == true)
    #expect(diagnostic.hint?.contains("head") == false, "partials are not layouts")
}

@Test func templatesDrawnFromSiteDataAreNotLayouts() throws {
    let site = siteWithNoteLayout(about: "---\ntitle: About\nlayout: cv\n---\nAbout me.\n")
    defer { Fixtures.remove(site) }
    let result = Fixtures.build(site: site, output: site + "/output")
    #expect(!result.published)
    let diagnostic = try #require(result.diagnostics.first("front-matter.layout"))
    #expect(diagnostic.message == "'cv' is drawn from the site's data, not from a page, so it is not a layout")
    #expect(diagnostic.hint?.contains("list") == false)
}

@Test func jekyllsDefaultLayoutNamesKeepThePagesOwnLayout() throws {
    let site = siteWithNoteLayout(about: "---\ntitle: About\nlayout: post\n---\nAbout me.\n")
    defer { Fixtures.remove(site) }
    let result = Fixtures.build(site: site, output: site + "/output")
    #expect(result.published)
    #expect(result.diagnostics.first("front-matter.layout") == nil)
}

@Test func changingTheLayoutRebuildsThePageAsAColdBuildWould() throws {
    let site = siteWithNoteLayout(about: "---\ntitle: About\n---\nAbout me.\n")
    let cold = Fixtures.scratchDirectory()
    defer {
        Fixtures.remove(site)
        Fixtures.remove(cold)
    }
    #expect(Fixtures.build(site: site, output: site + "/output").published)
    try "---\ntitle: About\nlayout: note\n---\nAbout me.\n".write(toFile: site + "/content/about.md", atomically: false, encoding: .utf8)
    #expect(Fixtures.build(site: site, output: site + "/output").published)
    #expect(Fixtures.build(site: site, output: cold + "/output", useCache: false).published)
    #expect(Fixtures.tree(site + "/output") == Fixtures.tree(cold + "/output"))
    #expect(try String(contentsOfFile: site + "/output/about/index.html", encoding: .utf8).contains("class=\"note\""))
}

/// The key of a page's file must change with its layout even when nothing else of the page does.
@Test func renderKeyOfAPageCoversItsLayout() {
    var theme = Theme.builtIn
    theme.files["note.mustache"] = Array("{{page.title}}\n".utf8)
    var diagnostics = Diagnostics()
    let templates = TemplateSet.compile(theme, diagnostics: &diagnostics)
    func key(layout: String?) -> UInt64? {
        var matter = FrontMatter()
        matter.layout = layout
        let page = Page(
            kind: .page, source: SourceFile(contentPath: "about.md", sitePath: "content/about.md", absolutePath: "/site/content/about.md"), urlPath: "about/",
            slug: "about", frontMatter: matter, title: "About", html: "", headings: [], wordCount: 1, readTime: "1 min",
            summary: "", date: nil, tags: [], specialization: nil, heroImage: nil, references: [], bundleDirectory: nil, metrics: nil)
        let site = Site(
            config: SiteConfig(), home: nil, projects: [], listedProjectCount: 0, homeOrder: [], pages: [page], tags: [],
            specializations: [], files: [])
        let renderer = SiteRenderer(site: site, templates: templates, assetPaths: [:])
        return RenderInputs(environment: 1).key(of: .page(0), in: renderer)
    }
    #expect(key(layout: nil) == key(layout: "page"))
    #expect(key(layout: nil) != key(layout: "note"))
}
