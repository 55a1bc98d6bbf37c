@testable import PortfolioMarkdown
@testable import PortfolioSupport
import Testing

@Suite struct MarkdownRendererTests {
    // MARK: Safety

    @Test func safeModeReplacesRawHTMLWithAComment() {
        let result = MarkdownRenderer.render("<script>alert(1)</script>\n\nText with <b>bold</b> tag.")
        #expect(!result.html.contains("<script>"))
        #expect(!result.html.contains("<b>"))
        #expect(result.html.contains("<!-- raw HTML omitted -->"))
    }

    @Test func safeModeDropsDangerousLinkSchemes() {
        let markdown = """
            [a](javascript:alert(1)) [b](vbscript:msgbox) [c](file:///etc/passwd) [d](data:text/html,x)
            """
        let result = MarkdownRenderer.render(markdown)
        #expect(!result.html.contains("javascript:"))
        #expect(!result.html.contains("vbscript:"))
        #expect(!result.html.contains("file:"))
        #expect(!result.html.contains("data:"))
        #expect(result.html.contains(#"<a href="">a</a>"#))
    }

    @Test func safeModeKeepsDangerousSchemeDroppedEvenAfterRewriting() {
        let result = MarkdownRenderer.render("[x](relative)") { _, _ in "javascript:alert(1)" }
        #expect(!result.html.contains("javascript:"))
    }

    @Test func safeModeKeepsDataImages() {
        let result = MarkdownRenderer.render("![dot](data:image/png;base64,iVBORw0KGgo=)")
        #expect(result.html.contains(#"src="data:image/png;base64,iVBORw0KGgo=""#))
    }

    @Test func unsafeModeKeepsRawHTML() {
        let options = MarkdownOptions(allowUnsafeHTML: true)
        let result = MarkdownRenderer.render("<div class=\"note\">Hi</div>\n\nA <b>bold</b> word.", options: options)
        #expect(result.html.contains(#"<div class="note">Hi</div>"#))
        #expect(result.html.contains("<b>bold</b>"))
        #expect(!result.html.contains("raw HTML omitted"))
    }

    // MARK: Typography

    @Test func smartPunctuationMakesCurlyQuotesAndDashes() {
        let result = MarkdownRenderer.render(#"She said "it's fine" -- really --- truly..."#)
        #expect(result.html == "<p>She said \u{201C}it\u{2019}s fine\u{201D} \u{2013} really \u{2014} truly\u{2026}</p>\n")
    }

    @Test func smartPunctuationCanBeTurnedOff() {
        let result = MarkdownRenderer.render(#"A "quote" -- dash"#, options: MarkdownOptions(smartPunctuation: false))
        #expect(result.html == "<p>A &quot;quote&quot; -- dash</p>\n")
    }

    // MARK: Headings

    @Test func headingCarriesItsIDOnTheElement() {
        let result = MarkdownRenderer.render("## Hello *world*")
        #expect(result.html == #"<h2 id="hello-world">Hello <em>world</em></h2>"# + "\n")
    }

    @Test func headingIDsWorkInSafeModeNextToOtherBlocks() {
        let result = MarkdownRenderer.render("Intro text.\n\n# Title\n\nMore text.\n\n### Deep `code`\n")
        #expect(
            result.html == """
                <p>Intro text.</p>
                <h1 id="title">Title</h1>
                <p>More text.</p>
                <h3 id="deep-code">Deep <code>code</code></h3>

                """)
    }

    @Test func repeatedHeadingsGetNumberedIDs() {
        let result = MarkdownRenderer.render("# Intro\n\n## Intro\n\n### Intro\n\n## Intro 1\n")
        #expect(result.headings.map(\.id) == ["intro", "intro-1", "intro-2", "intro-1-1"])
        #expect(result.html.contains(#"<h3 id="intro-2">Intro</h3>"#))
    }

    @Test func headingIDsAreAlsoWrittenInUnsafeMode() {
        let result = MarkdownRenderer.render("# Raw <span>HTML</span>", options: MarkdownOptions(allowUnsafeHTML: true))
        #expect(result.html == #"<h1 id="raw-html">Raw <span>HTML</span></h1>"# + "\n")
    }

    @Test func markupEscapingCoversAttributesAndText() {
        #expect(MarkupText.escape(#"a"b<c>&'d"#) == "a&quot;b&lt;c&gt;&amp;&#39;d")
        #expect(MarkupText.escape("plain-id é") == "plain-id é")
        #expect(MarkupText.droppingForbiddenXMLCharacters("a\u{1}b\tc\u{FFFF}") == "ab\tc")
    }

    @Test func nonLatinHeadingKeepsItsLettersInTheID() {
        let result = MarkdownRenderer.render("## Обучение с подкреплением\n\n## 結果\n")
        #expect(result.headings.map(\.id) == ["обучение-с-подкреплением", "結果"])
    }

    @Test func headingWithoutSluggableTextGetsSectionID() {
        let result = MarkdownRenderer.render("# !!!\n\n# ???\n")
        #expect(result.headings.map(\.id) == ["section", "section-1"])
    }

    @Test func headingsListEveryHeadingInOrderWithLevels() {
        let markdown = """
            # Project

            ## Setup

            Setext heading
            --------------

            #### Results & *metrics*

            > ## Quoted
            """
        let result = MarkdownRenderer.render(markdown)
        #expect(
            result.headings == [
                Heading(level: 1, text: "Project", id: "project"),
                Heading(level: 2, text: "Setup", id: "setup"),
                Heading(level: 2, text: "Setext heading", id: "setext-heading"),
                Heading(level: 4, text: "Results & metrics", id: "results-metrics"),
                Heading(level: 2, text: "Quoted", id: "quoted"),
            ])
        #expect(result.html.contains(#"<h4 id="results-metrics">Results &amp; <em>metrics</em></h4>"#))
    }

    @Test func firstHeadingIsThePlainTextOfTheFirstHeading() {
        let result = MarkdownRenderer.render("Some text.\n\n## The *real* `title`\n\n# Later\n")
        #expect(result.firstHeading == "The real title")
    }

    @Test func documentWithoutHeadingsHasNoFirstHeading() {
        #expect(MarkdownRenderer.render("Just text.").firstHeading == nil)
    }

    // MARK: Words

    @Test func wordCountCoversTextInlineCodeAndCodeBlocks() {
        let markdown = """
            # Two words

            Three *more* words, and `inline code` here.

            ```
            let x = 1
            ```
            """
        // 2 + (Three more words, and inline code here. = 7) + (let x = 1 = 4)
        #expect(MarkdownRenderer.render(markdown).wordCount == 13)
    }

    /// Words of every length between runs of every kind of whitespace count one each.
    @Test func everyWordOfALongCodeBlockCountsOnceWhateverTheWhitespaceBetween() {
        var generator = SystemRandomNumberGenerator()
        for length in [1, 31, 32, 33, 63, 64, 65, 200] {
            let gaps = [" ", "  ", "\t", " \t ", "\u{0B}", "\u{0C}", "\n", "   \n  "]
            var words: [String] = []
            var text = ""
            while text.utf8.count < length * 8 {
                let word = String(repeating: "w", count: Int.random(in: 1...40, using: &generator))
                text += (text.isEmpty ? "" : gaps.randomElement(using: &generator)!) + word
                words.append(word)
            }
            #expect(MarkdownRenderer.render("```\n" + text + "\n```\n").wordCount == words.count, "\(text.debugDescription)")
        }
    }

    @Test func everyASCIIWhitespaceSeparatesWordsAndNothingElseDoes() {
        #expect(MarkdownRenderer.render("a\u{0B}b\u{0C}c d\te").wordCount == 5)
        // Bytes whose low six bits are a whitespace byte's: `I` to `M`, `` ` `` and the lead byte of `à`.
        #expect(MarkdownRenderer.render("IJKLM àà\n\n```\nx`y\n```").wordCount == 3)
    }

    @Test func wordSplitByEmphasisCountsOnce() {
        #expect(MarkdownRenderer.render("un*believ*able results").wordCount == 2)
    }

    @Test func wordCountIgnoresAltTextAndRawHTML() {
        #expect(MarkdownRenderer.render("![a long alt text](x.png) one <span>two</span>").wordCount == 2)
    }

    // MARK: References

    @Test func referencesListLinksAndImagesWithLines() {
        let markdown = """
            Intro with [a *link*](https://example.com) here.

            ![Loss curve](loss.png "Loss")

            - item [nested](../other/)
            """
        let result = MarkdownRenderer.render(markdown)
        #expect(
            result.references == [
                MarkdownReference(url: "https://example.com", text: "a link", line: 1, column: 12, isImage: false),
                MarkdownReference(url: "loss.png", text: "Loss curve", line: 3, column: 1, isImage: true),
                MarkdownReference(url: "../other/", text: "nested", line: 5, column: 8, isImage: false),
            ])
    }

    @Test func referenceColumnsCountUnicodeScalarsNotBytes() {
        let result = MarkdownRenderer.render("Intro\r\nCafé ünïcode [a](x) and [b](y)\n\n日本 ![c](z)")
        #expect(result.references.map(\.line) == [2, 2, 4])
        #expect(result.references.map(\.column) == [14, 25, 4])
    }

    @Test func referenceDefinitionsResolveToTheirURL() {
        let result = MarkdownRenderer.render("See [the paper][p].\n\n[p]: https://arxiv.org/abs/1\n")
        #expect(result.references.map(\.url) == ["https://arxiv.org/abs/1"])
        #expect(result.references.first?.line == 1)
    }

    @Test func imageInsideLinkIsReportedWithItsAltText() {
        let result = MarkdownRenderer.render("[![Badge](badge.svg)](https://ci.example)")
        #expect(result.references.map(\.url) == ["https://ci.example", "badge.svg"])
        #expect(result.references.map(\.text) == ["Badge", "Badge"])
        #expect(result.references.map(\.isImage) == [false, true])
    }

    @Test func rewriteURLAppliesToLinksAndImagesButReferencesKeepTheOriginal() {
        let result = MarkdownRenderer.render("[doc](guide/) and ![chart](chart.png)") { url, isImage in
            (isImage ? "/img/" : "/base/") + url
        }
        #expect(result.html == #"<p><a href="/base/guide/">doc</a> and <img src="/img/chart.png" alt="chart" /></p>"# + "\n")
        #expect(result.references.map(\.url) == ["guide/", "chart.png"])
    }

    @Test func rewriteURLIsCalledOncePerLinkAndImage() {
        var seen: [String] = []
        _ = MarkdownRenderer.render("[a](1) ![b](2) [c](3)\n\n<https://auto.link>") { url, _ in
            seen.append(url)
            return url
        }
        #expect(seen == ["1", "2", "3", "https://auto.link"])
    }

    // MARK: Summary

    @Test func summaryIsTheFirstParagraphAsPlainText() {
        let markdown = """
            # Title

            ![hero](hero.png)

            We trained a *reward model* on `10k`
            preference pairs. See [the report](r.pdf).

            Second paragraph.
            """
        #expect(
            MarkdownRenderer.render(markdown).plainTextSummary
                == "We trained a reward model on 10k preference pairs. See the report.")
    }

    @Test func longSummaryIsCutAtAWordBoundary() {
        let paragraph = Array(repeating: "word", count: 200).joined(separator: " ")
        let summary = MarkdownRenderer.render(paragraph).plainTextSummary
        #expect(summary.count <= 301)
        #expect(summary.count > 250)
        #expect(summary.hasSuffix("word\u{2026}"))
    }

    @Test func summarySkipsParagraphsWithOnlyAnImage() {
        let result = MarkdownRenderer.render("![only an image](a.png)\n\n> Quoted *first* words.\n")
        #expect(result.plainTextSummary == "Quoted first words.")
    }

    @Test func emptyDocumentGivesEmptyResult() {
        let result = MarkdownRenderer.render("")
        #expect(result.html == "")
        #expect(result.headings.isEmpty)
        #expect(result.wordCount == 0)
        #expect(result.plainTextSummary == "")
    }

    // MARK: Hostile input

    @Test func deeplyNestedBlockquotesDoNotCrash() {
        let markdown = String(repeating: ">", count: 10_000) + " deep [link](x) # not heading"
        let result = MarkdownRenderer.render(markdown)
        #expect(result.html.contains("deep"))
        #expect(result.references.count == 1)
    }

    @Test func deeplyNestedListsDoNotCrash() {
        let markdown = String(repeating: "- ", count: 10_000) + "leaf"
        #expect(MarkdownRenderer.render(markdown).wordCount == 1)
    }

    @Test func deeplyNestedInlinesDoNotCrash() {
        let emphasis = String(repeating: "*", count: 20_000) + "x" + String(repeating: "*", count: 20_000)
        let images = String(repeating: "![a", count: 10_000) + String(repeating: "](u)", count: 10_000)
        let links = String(repeating: "[", count: 50_000) + "x" + String(repeating: "](y)", count: 50_000)
        for markdown in [emphasis, images, links] {
            #expect(!MarkdownRenderer.render(markdown).html.isEmpty)
        }
    }

    @Test func invalidUTF8AndNULBytesAreReplaced() {
        let bytes: [UInt8] = Array("# Ti".utf8) + [0xFF, 0xFE] + Array("tle\n\nA\u{0}B".utf8)
        let result = MarkdownRenderer.render(String(decoding: bytes, as: UTF8.self))
        #expect(result.html.contains("A\u{FFFD}B"))
        #expect(!result.html.contains("\u{0}"))
        #expect(result.headings.count == 1)
    }

    @Test func largeInputRendersCompletely() {
        let paragraph = "Some *words* and a [link](page.html) in a paragraph.\n\n"
        let markdown = String(repeating: paragraph, count: 2_000_000 / paragraph.utf8.count)
        let result = MarkdownRenderer.render(markdown)
        #expect(result.references.count == 2_000_000 / paragraph.utf8.count)
        #expect(result.wordCount == 8 * (2_000_000 / paragraph.utf8.count))
    }
}
