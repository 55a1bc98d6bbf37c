@testable import PortfolioContent
@testable import PortfolioSite
@testable import PortfolioSupport
import Testing

private func page(_ contentPath: String, _ text: String, baseURL: String = "https://me.example/") -> (Page?, Diagnostics) {
    var config = SiteConfig()
    config.baseURL = baseURL
    var diagnostics = Diagnostics()
    let file = SourceFile(contentPath: contentPath, sitePath: "content/" + contentPath, absolutePath: "/nowhere/" + contentPath)
    let built = PageBuilder.page(from: file, text: text, config: config, diagnostics: &diagnostics)
    return (built, diagnostics)
}

@Test func bundleIsPublishedUnderItsFolderName() {
    let (built, _) = page("projects/rlhf-code/index.md", "---\ntitle: RLHF\n---\nText")
    #expect(built?.kind == .project)
    #expect(built?.urlPath == "projects/rlhf-code/")
    #expect(built?.bundleDirectory == "projects/rlhf-code")
}

@Test func singleFileProjectAndPlainPageGetPrettyURLs() {
    #expect(page("projects/speech.md", "# Speech").0?.urlPath == "projects/speech/")
    let about = page("about.md", "---\ntitle: About\n---\nHi").0
    #expect(about?.kind == .page)
    #expect(about?.urlPath == "about/")
    #expect(page("index.md", "Hello").0?.kind == .home)
}

@Test func jekyllFileNameGivesDateAndSlug() {
    let (built, _) = page("projects/2016-05-20-my-example-post.md", "---\nlayout: post\n---\nText")
    #expect(built?.slug == "my-example-post")
    #expect(built?.date == SiteDate(year: 2016, month: 5, day: 20))
    #expect(built?.title == "My Example Post")
}

@Test func frontMatterDateWinsOverFileNameDate() {
    let (built, _) = page("projects/2016-05-20-post.md", "---\ntitle: T\ndate: 2020-01-02\n---\n")
    #expect(built?.date == SiteDate(year: 2020, month: 1, day: 2))
}

@Test func titleComesFromFirstHeadingWithoutFrontMatter() {
    let (built, diagnostics) = page("projects/x.md", "Intro\n\n## The real title\n\nText")
    #expect(built?.title == "The real title")
    #expect(diagnostics.isEmpty)
}

@Test func pageWithoutTitleOrHeadingIsAnError() {
    let (_, diagnostics) = page("about.md", "---\nauthor: A\n---\nJust text.")
    #expect(diagnostics.codes == ["front-matter.title"])
}

@Test func readTimeIsComputedWhenAbsent() {
    let words = Array(repeating: "word", count: 450).joined(separator: " ")
    #expect(page("projects/x.md", "---\ntitle: T\n---\n" + words).0?.readTime == "3 min")
    #expect(page("projects/x.md", "---\ntitle: T\nread_time: '5 mins'\n---\n" + words).0?.readTime == "5 mins")
}

@Test func slugThatLeavesItsFolderIsAnError() {
    for slug in ["../../etc", "/abs", "a/b", ".."] {
        let (built, diagnostics) = page("projects/x.md", "---\ntitle: T\nslug: '\(slug)'\n---\n")
        #expect(built == nil)
        #expect(diagnostics.first("front-matter.slug")?.line == 3, "slug \(slug)")
    }
}

@Test func relativeURLsInSingleFilePagesClimbOutOfThePageFolder() {
    let (built, _) = page("projects/x.md", "---\ntitle: T\nheroImage: img/hero.png\n---\n![chart](img/chart.png) [root](/about/)", baseURL: "https://me.github.io/portfolio/")
    #expect(built?.html.contains("src=\"../img/chart.png\"") == true)
    #expect(built?.html.contains("href=\"/portfolio/about/\"") == true)
    #expect(built?.heroImage == "projects/img/hero.png")
}

@Test func bundleImagesStayBesideThePage() {
    let (built, _) = page("projects/x/index.md", "---\ntitle: T\nheroImage: hero.svg\n---\n![a](hero.svg)")
    #expect(built?.html.contains("src=\"hero.svg\"") == true)
    #expect(built?.heroImage == "projects/x/hero.svg")
}

@Test func referenceLinesAreCountedInTheWholeFile() {
    let (built, _) = page("projects/x.md", "---\ntitle: T\n---\n\n![](missing.png)\n")
    #expect(built?.references.first?.line == 5)
}

@Test func sitePathsResolveDotSegments() {
    #expect(SitePaths.resolve("../img.png", against: "projects/x/") == "projects/img.png")
    #expect(SitePaths.resolve("./a/b/", against: "") == "a/b/")
    #expect(SitePaths.resolve("hero.svg#x", against: "projects/x/") == "projects/x/hero.svg")
}

/// Two `..` above the root used to cancel each other, so `../../../x` from `projects/` came back inside the site.
@Test func sitePathsKeepEveryStepAboveTheRoot() {
    #expect(SitePaths.resolve("../../../secret.yaml", against: "projects/") == "../../secret.yaml")
    #expect(SitePaths.resolve("../../../../../x/", against: "projects/p/") == "../../../x/")
}

@Test func relativePageLinksInSingleFilePagesFollowTheAddress() {
    let (built, _) = page("about.md", "---\ntitle: About\n---\n[work](../projects/x/) [cv](files/cv.pdf)")
    #expect(built?.html.contains("href=\"../projects/x/\"") == true)
    #expect(built?.html.contains("href=\"../files/cv.pdf\"") == true)
}

@Test func markdownProblemsAreReportedAtTheirLineInTheFile() {
    let (_, diagnostics) = page("projects/p.md", "---\ntitle: T\n---\nIntro.\n\n| Round | pass@1 |\n| 1 | 48.7 |\n")
    let problem = diagnostics.all.first { $0.code == "markdown.table" }
    #expect(problem?.file == "content/projects/p.md")
    #expect(problem?.line == 7)
    #expect(problem?.column == 1)
    #expect(problem?.severity == .warning)
}
