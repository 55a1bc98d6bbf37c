@testable import PortfolioContent
@testable import PortfolioSupport
import Testing

@Test func invalidUTF8IsReportedAtItsLine() {
    var diagnostics = Diagnostics()
    let bytes = Array("line one\nline two \u{e9}".utf8) + [0xFF, 0x41] + Array("\n".utf8)
    #expect(SourceText.decode(bytes, file: "x.md", diagnostics: &diagnostics) == nil)
    let diagnostic = diagnostics.first("text.invalid-utf8")
    #expect(diagnostic?.line == 2)
    #expect(diagnostic?.column == 11)
}

@Test func binaryFileIsReported() {
    var diagnostics = Diagnostics()
    #expect(SourceText.decode([0x89, 0x50, 0x4E, 0x47, 0, 0, 1], file: "x.md", diagnostics: &diagnostics) == nil)
    #expect(diagnostics.codes == ["text.binary"])
}

@Test func doubleEncodedTextIsAWarningWithTheIntendedCharacter() {
    var diagnostics = Diagnostics()
    let text = SourceText.decode(Array("Hello\nIt\u{E2}\u{20AC}\u{2122}s caf\u{C3}\u{A9}\n".utf8), file: "x.md", diagnostics: &diagnostics)
    #expect(text != nil)
    let warnings = diagnostics.sorted
    #expect(warnings.count == 2)
    #expect(warnings.first?.line == 2)
    #expect(warnings.first?.column == 3)
    #expect(warnings.first?.hint == "replace 'â€™' with '’'")
    #expect(warnings.last?.hint == "replace 'Ã©' with 'é'")
}

@Test func ordinaryAccentedTextIsNotFlagged() {
    var diagnostics = Diagnostics()
    _ = SourceText.decode(Array("Ça va, naïve café, Âge, â".utf8), file: "x.md", diagnostics: &diagnostics)
    #expect(diagnostics.isEmpty)
}
