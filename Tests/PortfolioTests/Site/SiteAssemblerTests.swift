@testable import PortfolioContent
@testable import PortfolioSite
@testable import PortfolioSupport
import Testing

private func pages(_ files: [(String, String)]) -> [Page] {
    files.compactMap { path, text in
        var diagnostics = Diagnostics()
        let file = SourceFile(contentPath: path, sitePath: "content/" + path, absolutePath: "/nowhere/" + path)
        return PageBuilder.page(from: file, text: text, config: SiteConfig(), diagnostics: &diagnostics)
    }
}

private func assemble(_ built: [Page], drafts: Bool = false) -> (Site, Diagnostics) {
    var diagnostics = Diagnostics()
    let site = SiteAssembler.assemble(
        pages: built, files: [], consumedFiles: [], config: SiteConfig(),
        options: BuildOptions(includeDrafts: drafts, now: SiteDate(year: 2026, month: 11, day: 27)), diagnostics: &diagnostics)
    return (site, diagnostics)
}

@Test func draftsAndFuturePagesAreLeftOutUnlessAsked() {
    let built = pages([
        ("projects/a.md", "---\ntitle: A\ndate: 2025-01-01\n---\n"),
        ("projects/b.md", "---\ntitle: B\ndraft: true\n---\n"),
        ("projects/c.md", "---\ntitle: C\ndate: 2027-01-01\n---\n"),
    ])
    #expect(assemble(built).0.projects.map(\.title) == ["A"])
    #expect(assemble(built, drafts: true).0.projects.count == 3)
}

@Test func projectsAreNewestFirstAndFeaturedLeadOnTheHomePage() {
    let built = pages([
        ("projects/old.md", "---\ntitle: Old\ndate: 2024-01-01\nfeatured: true\n---\n"),
        ("projects/new.md", "---\ntitle: New\ndate: 2025-06-01\n---\n"),
        ("projects/mid.md", "---\ntitle: Mid\ndate: 2025-01-01\n---\n"),
    ])
    let site = assemble(built).0
    #expect(site.projects.map(\.title) == ["New", "Mid", "Old"])
    #expect(site.homeOrder.map { site.projects[$0].title } == ["Old", "New", "Mid"])
}

@Test func listsPutWeightFirstThenNewestThenUndatedByTitle() {
    let built = pages([
        ("projects/b-undated.md", "---\ntitle: B undated\n---\n"),
        ("projects/a-undated.md", "---\ntitle: A undated\n---\n"),
        ("projects/old.md", "---\ntitle: Old\ndate: 2024-01-01\n---\n"),
        ("projects/heavy.md", "---\ntitle: Heavy\ndate: 2020-01-01\nweight: 2\n---\n"),
        ("projects/light.md", "---\ntitle: Light\nweight: 1\n---\n"),
        ("projects/new.md", "---\ntitle: New\ndate: 2025-06-01\n---\n"),
        ("projects/same-day-b.md", "---\ntitle: Same day\ndate: 2025-01-01\n---\n"),
    ])
    #expect(assemble(built).0.projects.map(\.urlPath) == [
        "projects/light/", "projects/heavy/", "projects/new/", "projects/same-day-b/", "projects/old/",
        "projects/a-undated/", "projects/b-undated/",
    ])
}

@Test func duplicateURLsNameBothFiles() {
    let built = pages([
        ("projects/a.md", "---\ntitle: A\nslug: same\n---\n"),
        ("projects/b.md", "---\ntitle: B\nslug: same\n---\n"),
    ])
    let (site, diagnostics) = assemble(built)
    #expect(site.projects.count == 1)
    let diagnostic = diagnostics.first("site.duplicate-url")
    #expect(diagnostic?.file == "content/projects/b.md")
    #expect(diagnostic?.message.contains("content/projects/a.md") == true)
}

@Test func tagsGroupBySlugWhateverTheSpellingAndScript() {
    let built = pages([
        ("projects/a.md", "---\ntitle: A\ntags: [Computer Vision, Évaluation, 日本語]\n---\n"),
        ("projects/b.md", "---\ntitle: B\ntags: [computer vision]\n---\n"),
    ])
    let tags = assemble(built).0.tags
    #expect(tags.first { $0.term.slug == "computer-vision" }?.projectIndices.count == 2)
    #expect(tags.contains { $0.term.slug == "evaluation" })
    #expect(tags.contains { $0.term.slug == "日本語" })
}

@Test func bundleFilesFollowTheirPage() {
    let built = pages([("projects/folder/index.md", "---\ntitle: A\nslug: renamed\n---\n")])
    var diagnostics = Diagnostics()
    let image = SourceFile(contentPath: "projects/folder/hero.png", sitePath: "content/projects/folder/hero.png", absolutePath: "/x")
    let other = SourceFile(contentPath: "files/cv.pdf", sitePath: "content/files/cv.pdf", absolutePath: "/y")
    let site = SiteAssembler.assemble(
        pages: built, files: [image, other], consumedFiles: [], config: SiteConfig(),
        options: BuildOptions(now: SiteDate(year: 2026, month: 1, day: 1)), diagnostics: &diagnostics)
    #expect(site.files.map(\.outputPath) == ["projects/renamed/hero.png", "files/cv.pdf"])
}
