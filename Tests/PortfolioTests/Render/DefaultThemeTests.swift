import Foundation
@testable import PortfolioRender
@testable import PortfolioSupport
import Testing

/// The repository's `templates/` is the single source of truth; the compiled-in copy must match it.
@Test func embeddedThemeMatchesTheTemplatesFolder() throws {
    let onDisk = try Fixtures.repositoryFolderText("templates")
    #expect(!onDisk.isEmpty)
    #expect(Set(onDisk.keys) == Set(DefaultTheme.files.keys), "run scripts/embed-theme")
    for (path, text) in onDisk {
        #expect(DefaultTheme.files[path] == text, "templates/\(path) differs from the embedded copy: run scripts/embed-theme")
    }
}

@Test func defaultThemeCompilesWithoutDiagnostics() {
    var diagnostics = Diagnostics()
    _ = TemplateSet.compile(.builtIn, diagnostics: &diagnostics)
    #expect(diagnostics.isEmpty)
}

@Test func mismatchedSectionIsReportedAtItsOpeningTagWithTheClosingTagInTheHint() {
    var theme = Theme.builtIn
    theme.files["page.mustache"] = Array("line one\n{{#page}}\n{{/pages}}\n".utf8)
    theme.origins["page.mustache"] = "templates/page.mustache"
    var diagnostics = Diagnostics()
    _ = TemplateSet.compile(theme, diagnostics: &diagnostics)
    let diagnostic = diagnostics.first("template.syntax")
    #expect(diagnostic?.file == "templates/page.mustache")
    #expect(diagnostic?.line == 2)
    #expect(diagnostic?.column == 1)
    #expect(diagnostic?.hint?.contains("line 3") == true)
}

@Test func missingPartialAndMissingTemplateAreReported() {
    var theme = Theme.builtIn
    theme.files["page.mustache"] = Array("{{> sidebar}}\n".utf8)
    theme.files["tags.mustache"] = nil
    var diagnostics = Diagnostics()
    _ = TemplateSet.compile(theme, diagnostics: &diagnostics)
    #expect(diagnostics.codes.contains("template.missing-partial"))
    #expect(diagnostics.first("template.missing")?.file == "templates/tags.mustache")
}

@Test func namesInsideAStringsSectionAreFoundInTheContextsAround() {
    var theme = Theme.builtIn
    theme.files["probe.mustache"] = Array("{{#subtitle}}[{{.}}|{{title}}|{{missing}}|{{#site}}{{name}}{{/site}}]{{/subtitle}}".utf8)
    var diagnostics = Diagnostics()
    let rendered = TemplateSet.compile(theme, diagnostics: &diagnostics)
        .render("probe", TemplateContext.value(of: ["subtitle": "A <b>", "title": "T & U", "site": ["name": "S"]]))
    #expect(rendered == "[A &lt;b&gt;|T &amp; U||S]")
}
