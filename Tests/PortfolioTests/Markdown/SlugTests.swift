@testable import PortfolioMarkdown
import Testing

/// Named with the Markdown prefix so `swift test --filter Markdown` runs it with the renderer tests.
@Suite struct MarkdownSlugTests {
    @Test func spacesBecomeSingleHyphensAndCaseIsLowered() {
        #expect(Slug.make("RLHF for a Code   Assistant") == "rlhf-for-a-code-assistant")
    }

    @Test func punctuationRunsCollapseAndEndsAreTrimmed() {
        #expect(Slug.make("  --Hello, World!!  (v2.0) --") == "hello-world-v2-0")
        #expect(Slug.make("snake_case/and\\slashes") == "snake-case-and-slashes")
    }

    @Test func apostrophesAreDroppedNotSeparators() {
        #expect(Slug.make("Don't panic") == "dont-panic")
        #expect(Slug.make("It\u{2019}s fine") == "its-fine")
    }

    @Test func latinDiacriticsAreFolded() {
        #expect(Slug.make("Café Résumé naïve") == "cafe-resume-naive")
        #expect(Slug.make("Straße Ærø Łódź") == "strasse-aero-lodz")
        #expect(Slug.make("ÉCOLE") == "ecole")
    }

    @Test func decomposedInputFoldsLikeComposed() {
        #expect(Slug.make("Cafe\u{301}") == "cafe")
    }

    @Test func nonLatinLettersAreKeptLowercased() {
        #expect(Slug.make("Привет Мир") == "привет-мир")
        #expect(Slug.make("机器学习 入门") == "机器学习-入门")
        #expect(Slug.make("RLHF と 報酬モデル") == "rlhf-と-報酬モデル")
        #expect(Slug.make("हिन्दी पाठ") == "हिन्दी-पाठ")
    }

    @Test func nonLatinLettersWithMarksStayComposed() {
        #expect(Slug.make("Й") == "й")
        #expect(Slug.make("И\u{306}") == "й")
    }

    @Test func emojiAndSymbolsAreSeparators() {
        #expect(Slug.make("Launch 🚀 day ✨") == "launch-day")
    }

    @Test func nothingSluggableGivesEmptyString() {
        #expect(Slug.make("") == "")
        #expect(Slug.make("!!! --- ???") == "")
        #expect(Slug.make("🚀") == "")
    }

    @Test func digitsAreKept() {
        #expect(Slug.make("GPT-4 vs. 3.5") == "gpt-4-vs-3-5")
    }
}
