import PortfolioTemplates
import Testing

private func compile(_ sources: [(String, String)]) -> (TemplateLibrary, [TemplateProblem]) {
    var problems: [TemplateProblem] = []
    let library = TemplateLibrary(sources.map { (name: $0.0, text: $0.1) }, problems: &problems)
    return (library, problems)
}

@Test func unclosedSectionIsReportedAtItsOpeningTag() {
    let (_, problems) = compile([("page", "<main>\n  <p>{{#items}}\n{{title}}\n</main>\n")])
    #expect(problems.count == 1)
    #expect(problems.first?.code == "template.syntax")
    #expect(problems.first?.line == 2)
    #expect(problems.first?.column == 6)
    #expect(problems.first?.message.contains("items") == true)
}

@Test func sectionClosedWithAnotherNameIsReportedAtTheInnermostOpenSection() {
    let (_, problems) = compile([("page", "{{#outer}}\n  {{#inner}}x\n{{/outer}}\n")])
    #expect(problems.first?.line == 2)
    #expect(problems.first?.column == 3)
    #expect(problems.first?.hint?.contains("line 3, column 1") == true)
}

@Test func closingTagWithNothingOpenIsReportedAtItself() {
    let (_, problems) = compile([("page", "a\nb {{/items}}")])
    #expect(problems.first?.line == 2)
    #expect(problems.first?.column == 3)
}

@Test func unclosedTagIsReportedWhereItStartsCountingCharactersNotBytes() {
    let (_, problems) = compile([("page", "<h1>é ü {{title</h1>\n")])
    #expect(problems.first?.line == 1)
    #expect(problems.first?.column == 9)
}

@Test func missingPartialAndParentAreReportedAtTheirTags() {
    let (library, problems) = compile([("page", "x\n  {{> sidebar}}\n{{<layout}}{{/layout}}")])
    #expect(problems.map(\.code) == ["template.missing-partial", "template.missing-partial"])
    #expect(problems.map(\.line) == [2, 3])
    #expect(problems.map(\.column) == [3, 1])
    #expect(library.render("page", .null) == "x\n")
}

@Test func partialThatIncludesItselfWhateverTheDataStopsInsteadOfCrashing() {
    let (library, problems) = compile([("loop", "a{{> loop}}")])
    #expect(problems.isEmpty)
    #expect(library.render("loop", .null) == String(repeating: "a", count: 65))
}

@Test func sectionsNestedThousandsDeepAreASyntaxErrorNotACrash() {
    let (library, problems) = compile([("deep", String(repeating: "{{#a}}", count: 5_000) + String(repeating: "{{/a}}", count: 5_000))])
    #expect(problems.map(\.code) == ["template.syntax"])
    #expect(problems.first?.column == 601)
    #expect(library.render("deep", .map(["a": .bool(true)])) == "")
}

@Test func variablesEscapeTheFiveMarkupCharactersAndTripleMustachesDoNot() {
    let (library, _) = compile([("page", "{{text}}|{{{text}}}|{{& text}}|{{n}}|{{x}}|{{yes}}")])
    let context = TemplateValue.map(["text": .string("<a href=\"x\">'&'</a>"), "n": .int(42), "x": .double(2.5), "yes": .bool(true)])
    #expect(library.render("page", context) == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;|<a href=\"x\">'&'</a>|<a href=\"x\">'&'</a>|42|2.5|true")
}

@Test func onlyMissingFalseAndEmptyListsAreFalsyInSections() {
    let (library, _) = compile([("page", "{{#s}}shown{{/s}}{{^s}}hidden{{/s}}")])
    #expect(library.render("page", .map(["s": .string("")])) == "shown")
    #expect(library.render("page", .map(["s": .int(0)])) == "shown")
    #expect(library.render("page", .map(["s": .list([])])) == "hidden")
    #expect(library.render("page", .map(["s": .bool(false)])) == "hidden")
    #expect(library.render("page", .map(["s": .null])) == "hidden")
    #expect(library.render("page", .map([:])) == "hidden")
}

/// A card that computes its fields when asked, counting how often.
private final class CountingObject: TemplateObject, @unchecked Sendable {
    var asked: [String] = []

    func member(_ name: TemplateSymbol) -> TemplateValue? {
        asked.append(name.text)
        return name.text == "title" ? .string("T") : nil
    }

    var members: [(name: String, value: TemplateValue)] { [("title", .string("T"))] }
}

@Test func lazyObjectsAreAskedOnlyForTheNamesATemplateUses() {
    let (library, _) = compile([("page", "{{#card}}{{title}}{{/card}}")])
    let card = CountingObject()
    #expect(library.render("page", .map(["card": .object(card)])) == "T")
    #expect(card.asked == ["title"])
}
