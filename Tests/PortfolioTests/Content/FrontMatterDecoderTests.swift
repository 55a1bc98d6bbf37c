@testable import PortfolioContent
@testable import PortfolioSupport
import Testing

private func decode(_ yaml: String, firstLine: Int = 2) -> (FrontMatter, Diagnostics) {
    var diagnostics = Diagnostics()
    let matter = FrontMatterDecoder.decode(yaml, file: "content/x.md", firstLine: firstLine, diagnostics: &diagnostics).0
    return (matter, diagnostics)
}

@Test func referenceFrontMatterIsUnderstood() {
    let (matter, diagnostics) = decode("""
        title: 'Evaluating a reward model'
        subtitle: Claim-level checks
        description: A test set.
        author: 'Nora Adeyemi'
        read_time: '5 mins'
        publish_date: '2024-03-10'
        created_date: 2024-03-03
        heroImage: 'https://example.org/hero.jpg'
        cta: 'Get in touch.'
        tags: [rlhf, evaluation]
        """)
    #expect(diagnostics.isEmpty)
    #expect(matter.title == "Evaluating a reward model")
    #expect(matter.subtitle == "Claim-level checks")
    #expect(matter.author == "Nora Adeyemi")
    #expect(matter.readTime == "5 mins")
    #expect(matter.publishDate == SiteDate(year: 2024, month: 3, day: 10))
    #expect(matter.createdDate == SiteDate(year: 2024, month: 3, day: 3))
    #expect(matter.heroImage == "https://example.org/hero.jpg")
    #expect(matter.cta == "Get in touch.")
    #expect(matter.tags == ["rlhf", "evaluation"])
}

@Test func hugoAndJekyllAliasesMapToTheReferenceKeys() {
    let (matter, diagnostics) = decode("""
        title: A
        date: 2019-03-08
        lastmod: 2019-04-01T10:00:00Z
        image: cover.png
        draft: true
        slug: custom
        summary: Short.
        weight: 3
        client: Acme
        """)
    #expect(diagnostics.isEmpty)
    #expect(matter.publishDate == SiteDate(year: 2019, month: 3, day: 8))
    #expect(matter.updatedDate?.rfc3339 == "2019-04-01T10:00:00Z")
    #expect(matter.heroImage == "cover.png")
    #expect(matter.draft)
    #expect(matter.slug == "custom")
    #expect(matter.summary == "Short.")
    #expect(matter.weight == 3)
    #expect(matter.platform == "Acme")
}

@Test func unknownKeysReachParamsWithTheirTypes() {
    let (matter, _) = decode("title: A\ncomments: true\nbutton: 'Our Work'\nrating: 4.5\n")
    #expect(matter.params["comments"] == .bool(true))
    #expect(matter.params["button"] == .string("Our Work"))
    #expect(matter.params["rating"] == .number(4.5))
}

@Test func mathSwitchIsReadAndChecked() {
    #expect(decode("title: A\nmath: true\n").0.math == true)
    #expect(decode("title: A\nmath: false\n").0.math == false)
    #expect(decode("title: A\n").0.math == nil)
    #expect(decode("title: A\nmath: lots\n").1.codes.contains("front-matter.type"))
}

@Test func wrongTypeIsReportedAtTheValue() {
    let (_, diagnostics) = decode("title: A\ntags: 5\n")
    let diagnostic = diagnostics.first("front-matter.type")
    #expect(diagnostic?.line == 3)
    #expect(diagnostic?.column == 7)
    #expect(diagnostic?.message.contains("tags") == true)
}

@Test func badDateNamesTheValueAndTheAcceptedForms() {
    let (_, diagnostics) = decode("title: A\npublish_date: '2024-13-03'\n")
    let diagnostic = diagnostics.first("front-matter.date")
    #expect(diagnostic?.message == "publish_date is not a date: '2024-13-03'")
    #expect(diagnostic?.line == 3)
    #expect(diagnostic?.hint?.contains("YYYY-MM-DD") == true)
}

@Test func likelyTypoOfAKnownKeyIsAWarning() {
    let (matter, diagnostics) = decode("tittle: A\n")
    let diagnostic = diagnostics.first("front-matter.unknown-key")
    #expect(diagnostic?.severity == .warning)
    #expect(diagnostic?.message.contains("did you mean 'title'") == true)
    #expect(matter.params["tittle"] == .string("A"))
}

@Test func yamlSyntaxErrorIsReportedAtItsLineInTheMarkdownFile() {
    let (_, diagnostics) = decode("title: A\ntags: [a, b\nauthor: B\n", firstLine: 2)
    let diagnostic = diagnostics.first("yaml.syntax")
    #expect(diagnostic != nil)
    #expect((diagnostic?.line ?? 0) >= 3)
}

@Test func tabIndentationIsReported() {
    let (_, diagnostics) = decode("title: A\nauthor:\n\tname: B\n")
    #expect(diagnostics.first("front-matter.indentation")?.line == 4)
}

@Test func nonBreakingSpaceIndentationIsReportedAtItsColumn() {
    let (_, diagnostics) = decode("title: A\nauthor:\n  \u{00A0}name: B\n", firstLine: 2)
    let diagnostic = diagnostics.first("front-matter.indentation")
    #expect(diagnostic?.line == 4)
    #expect(diagnostic?.column == 3)
    #expect(diagnostic?.message.contains("a non-breaking space") == true)
}

@Test func indentationCheckLeavesOtherCharactersAndLaterSpacesAlone() {
    let (_, diagnostics) = decode("title: \"A\tB\"\nsubtitle: ©\u{00A0}x\ndescription: >\n  ©\u{00A0}text\n")
    #expect(diagnostics.first("front-matter.indentation") == nil)
}

@Test func aliasBombIsStoppedNotExpanded() {
    var yaml = "title: A\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for level in 1..<9 {
        let previous = "*a\(level - 1)"
        yaml += "a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
    }
    let (_, diagnostics) = decode(yaml)
    #expect(diagnostics.codes.contains("yaml.too-large"))
}

@Test func shortUnknownKeysAreNotMistakenForTypos() {
    #expect(FrontMatterDecoder.likelyTypo(of: "mood") == nil)
    #expect(FrontMatterDecoder.likelyTypo(of: "tagz") == "tags")
    #expect(FrontMatterDecoder.likelyTypo(of: "subtitel") == "subtitle")
}
