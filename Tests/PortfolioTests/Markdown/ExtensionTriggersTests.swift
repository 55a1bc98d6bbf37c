@testable import PortfolioMarkdown
import Testing

/// The scan that decides which GitHub passes run must see every syntax that can start one, wherever
/// it is in the page (first byte, last bytes, after many others), and nothing else.
@Suite struct ExtensionTriggersTests {
    private func triggers(_ text: String) -> GitHubExtensions.Triggers {
        var text = text
        return text.withUTF8 { GitHubExtensions.Triggers($0) }
    }

    private let filler = String(repeating: "plain words. ", count: 40)

    @Test func eachSyntaxTriggersItsPassAnywhereInThePage() {
        for (text, expected) in [("a | b", \GitHubExtensions.Triggers.pipe), ("~~x~~", \.tilde), ("me@example.com", \.autolink),
                                 ("see https://x.org", \.autolink), ("www.x.org", \.autolink), ("WwW.x.org", \.autolink),
                                 ("note[^1]", \.footnote), ("- [ ] todo", \.task), ("- [x] done", \.task), ("- [X] done", \.task),
                                 ("- [\t] tab", \.task)] {
            for placed in [text, filler + text, text + filler] {
                #expect(triggers(placed)[keyPath: expected], "\(text)")
            }
        }
    }

    @Test func lookalikesTriggerNothing() {
        for text in ["a: b", "a:/b", "ww.x", "w.x", "[ab]", "[a", "[^", "end [", "x [y]", filler, ""] {
            #expect(!triggers(text).any, "\(text)")
        }
    }

    @Test func aFootnoteAfterATaskIsStillSeen() {
        let found = triggers("- [ ] todo " + filler + " and a note[^n]")
        #expect(found.task && found.footnote)
    }
}

@Test func linesStartAfterEveryKindOfLineEndingWithOrWithoutACarriageReturnInTheText() {
    func starts(_ text: String) -> [Int] { SourceLines.lineStarts(of: Array(text.utf8)) }
    #expect(starts("") == [0])
    #expect(starts("one") == [0])
    #expect(starts("a\nbc\n\nd") == [0, 2, 5, 6])
    #expect(starts("x\n") == [0, 2])
    #expect(starts("a\r\nb\rc\n") == [0, 3, 5, 7])
    // A slice counts in its base's indices after the first line, as callers read it.
    let bytes = Array("skip\na\nb".utf8)
    #expect(SourceLines.lineStarts(of: bytes[5...]) == [0, 7])
}
