@testable import PortfolioBuild
@testable import PortfolioRender
@testable import PortfolioSupport
import PortfolioTemplates
import Testing

/// Small views for the checks below: a page with a title, an optional subtitle and tags.
private struct TagView: TemplateView {
    static let fields = TemplateFields<TagView>("tag", [.text("name") { _ in "rlhf" }, .text("url") { _ in "/tags/rlhf/" }])
}

private struct ArticleView: TemplateView {
    static let fields = TemplateFields<ArticleView>("page", [
        .text("title") { _ in "T" }, .text("subtitle") { _ in nil }, .list("tags") { _ in [TagView()] },
    ])
}

private struct RootView: TemplateView {
    static let fields = TemplateFields<RootView>("root", [
        .view("page") { _ in ArticleView() }, .open("params") { _ in .map([:]) }, .flag("is_project") { _ in true },
    ])
}

private struct OtherRootView: TemplateView {
    static let fields = TemplateFields<OtherRootView>("other", [.text("heading") { _ in "H" }])
}

private func unknownNames(_ sources: [(String, String)], roots: [(String, TemplateShape)]) -> [TemplateProblem] {
    var problems: [TemplateProblem] = []
    let library = TemplateLibrary(sources.map { (name: $0.0, text: $0.1) }, problems: &problems)
    #expect(problems == [])
    return library.unknownNames(rendering: roots.map { (template: $0.0, shape: $0.1) })
}

@Test func misspeltNameIsWarnedAtItsTagWithTheNearestName() throws {
    let problems = unknownNames([("project", "<h1>{{page.title}}</h1>\n<p>{{page.subtitel}}</p>\n")], roots: [("project", RootView.shape)])
    let problem = try #require(problems.first)
    #expect(problems.count == 1)
    #expect((problem.code, problem.isWarning, problem.line, problem.column) == ("template.unknown-name", true, 2, 4))
    #expect(problem.message.contains("'page.subtitel'"))
    #expect(problem.hint == "did you mean 'page.subtitle'?")
}

@Test func namesInsideSectionsResolveAgainstTheItemThenTheViewsAround() {
    let template = "{{#page.tags}}{{name}} {{url}} {{page.title}} {{is_project}} {{nmae}}{{/page.tags}}{{#page}}{{title}}{{/page}}"
    let problems = unknownNames([("project", template)], roots: [("project", RootView.shape)])
    #expect(problems.map(\.message) == ["no value this template is given is named 'nmae', so it renders as nothing"])
    #expect(problems.first?.hint == "did you mean 'name'?")
}

@Test func paramsAndNamesInsideThemAreNeverWarned() {
    let problems = unknownNames([("project", "{{params.anything}}{{#params.list}}{{whatever}}{{/params.list}}")], roots: [("project", RootView.shape)])
    #expect(problems == [])
}

@Test func nameFarFromEveryKnownNameGetsNoGuess() {
    let problems = unknownNames([("project", "{{page.xylophone}}")], roots: [("project", RootView.shape)])
    #expect(problems.first?.hint == "check the name against the README's list of template names")
}

@Test func partialSharedByTwoTemplatesIsWarnedOnlyWhereNeitherProvidesTheName() {
    let problems = unknownNames(
        [("project", "{{>header}}"), ("other", "{{>header}}"), ("header", "{{#page}}{{title}}{{/page}}{{heading}}{{footer}}")],
        roots: [("project", RootView.shape), ("other", OtherRootView.shape)])
    #expect(problems.map(\.message) == ["no value this template is given is named 'footer', so it renders as nothing"])
    #expect(problems.first?.template == "header")
}

@Test func blockContentIsCheckedWhereItsParentRendersIt() {
    let problems = unknownNames(
        [("base", "<main>{{$main}}{{/main}}</main>"), ("project", "{{<base}}{{$main}}{{page.title}}{{page.titel}}{{/main}}{{/base}}")],
        roots: [("project", RootView.shape)])
    #expect(problems.map(\.line) == [1])
    #expect(problems.first?.template == "project")
    #expect(problems.first?.hint == "did you mean 'page.title'?")
}

@Test func partialThatIncludesItselfIsCheckedOnce() {
    let problems = unknownNames([("project", "{{>loop}}"), ("loop", "{{#page.tags}}{{>loop}}{{nam}}{{/page.tags}}")], roots: [("project", RootView.shape)])
    #expect(problems.count == 1)
}

/// Found by the fuzzer: the check recursed until the stack overflowed.
@Test func blockWhoseOverrideIncludesItsParentAgainIsCheckedOnce() {
    let problems = unknownNames(
        [("base", "<{{$a}}a{{/a}}>"), ("project", "{{<base}}{{$a}}{{<base}}{{/base}}{{nam}}{{/a}}{{/base}}")],
        roots: [("project", RootView.shape)])
    #expect(problems.count == 1)
}

/// The default theme uses only names its views provide: `check --strict` passes on a site that
/// overrides nothing.
@Test func defaultThemeUsesOnlyNamesItsViewsProvide() {
    var diagnostics = Diagnostics()
    _ = TemplateSet.compile(.builtIn, diagnostics: &diagnostics)
    #expect(diagnostics.sorted.filter { $0.code == "template.unknown-name" } == [])
}

@Test func siteOverrideWithAMisspeltNameIsWarnedAtItsFileLineAndColumn() throws {
    let site = Fixtures.site([
        "portfolio.yaml": "title: Names\nbase_url: https://example.com/\n",
        "templates/partials/footer.mustache": "<footer>\n  {{site.author.nmae}} {{page.subtitel}}\n</footer>\n",
        "content/projects/p.md": "---\ntitle: P\n---\nA project.\n",
    ])
    defer { Fixtures.remove(site) }
    let result = Fixtures.build(site: site, output: site + "/output")
    let warnings = result.diagnostics.sorted.filter { $0.code == "template.unknown-name" }
    #expect(warnings.map { "\($0.file):\($0.line):\($0.column)" } == ["templates/partials/footer.mustache:2:3", "templates/partials/footer.mustache:2:24"])
    #expect(warnings.map(\.severity) == [.warning, .warning])
    #expect(warnings.map(\.hint) == ["did you mean 'site.author.name'?", "did you mean 'page.subtitle'?"])
    #expect(result.published, "an unknown name is a warning: the site still builds")
}

/// The CV's view is typed too: a misspelt `cv.*` name in an override is found, inside its lists as well.
@Test func misspeltCVNamesAreWarnedWithTheNearestName() {
    var theme = Theme.builtIn
    theme.files["cv.mustache"] = Array("{{cv.persn_name}}{{#cv.work}}{{positon}}{{#highlights}}{{.}}{{/highlights}}{{/cv.work}}".utf8)
    var diagnostics = Diagnostics()
    _ = TemplateSet.compile(theme, diagnostics: &diagnostics)
    let warnings = diagnostics.sorted.filter { $0.code == "template.unknown-name" }
    #expect(warnings.map(\.hint) == ["did you mean 'cv.person_name'?", "did you mean 'position'?"])
}
