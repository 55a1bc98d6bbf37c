@testable import PortfolioContent
@testable import PortfolioSupport
import Testing

private func split(_ text: String) -> (SplitDocument, Diagnostics) {
    var diagnostics = Diagnostics()
    let document = FrontMatterSplitter.split(FrontMatterSplitter.normalizedSource(text), file: "x.md", diagnostics: &diagnostics)
    return (document, diagnostics)
}

@Test func frontMatterAndBodyAreSeparatedWithLineNumbers() {
    let (document, diagnostics) = split("---\ntitle: A\ntags: [x]\n---\n\n# Body\n")
    #expect(diagnostics.isEmpty)
    #expect(document.frontMatter == "title: A\ntags: [x]\n")
    #expect(document.frontMatterFirstLine == 2)
    #expect(document.body == "\n# Body\n")
    #expect(document.bodyFirstLine == 5)
}

@Test func byteOrderMarkAndWindowsLineEndingsAreHandled() {
    let (document, diagnostics) = split("\u{FEFF}---\r\ntitle: A\r\n---\r\nBody\r\n")
    #expect(diagnostics.isEmpty)
    #expect(document.frontMatter == "title: A\n")
    #expect(document.body == "Body\n")
}

@Test func emptyFrontMatterIsAccepted() {
    let (document, diagnostics) = split("---\n---\nBody")
    #expect(diagnostics.isEmpty)
    #expect(document.frontMatter == "")
    #expect(document.body == "Body")
}

@Test func dashesLaterInTheBodyStayInTheBody() {
    let (document, _) = split("---\ntitle: A\n---\nIntro\n\n---\n\nMore\n")
    #expect(document.body == "Intro\n\n---\n\nMore\n")
}

@Test func fileWithoutFrontMatterIsAllBody() {
    let (document, diagnostics) = split("# Title\n\n---\n")
    #expect(diagnostics.isEmpty)
    #expect(document.frontMatter == nil)
    #expect(document.body == "# Title\n\n---\n")
}

@Test func unterminatedFrontMatterIsAnError() {
    let (_, diagnostics) = split("---\ntitle: A\nno end\n")
    #expect(diagnostics.first("front-matter.unterminated")?.line == 1)
}

@Test func tomlFrontMatterIsReportedNotMisread() {
    let (_, diagnostics) = split("+++\ntitle = 'A'\n+++\n")
    #expect(diagnostics.codes == ["front-matter.toml"])
}
