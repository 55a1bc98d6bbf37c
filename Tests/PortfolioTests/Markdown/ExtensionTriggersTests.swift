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
