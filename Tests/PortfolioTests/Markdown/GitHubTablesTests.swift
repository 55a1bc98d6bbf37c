@testable import PortfolioMarkdown
import Testing

/// Renders as GitHub does (no smart punctuation) and takes off the scrolling wrapper around tables, so
/// the HTML can be compared with the GFM spec's examples.
func gfm(_ markdown: String, smart: Bool = false) -> String {
    var html = MarkdownRenderer.render(markdown, options: MarkdownOptions(smartPunctuation: smart)).html
    while let start = html.range(of: "<div class=\"table-wrap\""), let end = html[start.lowerBound...].range(of: ">\n") {
        html.removeSubrange(start.lowerBound..<end.upperBound)
    }
    return html.replacingOccurrences(of: "</table>\n</div>", with: "</table>")
}

@Suite struct GitHubTablesTests {
    // MARK: GFM spec, "Tables (extension)"

    @Test func specExample198BasicTable() {
        #expect(
            gfm("| foo | bar |\n| --- | --- |\n| baz | bim |") == """
                <table>
                <thead>
                <tr>
                <th>foo</th>
                <th>bar</th>
                </tr>
                </thead>
                <tbody>
                <tr>
                <td>baz</td>
                <td>bim</td>
                </tr>
                </tbody>
                </table>

                """)
    }

    @Test func specExample199AlignmentWithInconsistentPipes() {
        #expect(
            gfm("| abc | defghi |\n:-: | -----------:\nbar | baz") == """
                <table>
                <thead>
                <tr>
                <th style="text-align: center">abc</th>
                <th style="text-align: right">defghi</th>
                </tr>
                </thead>
                <tbody>
                <tr>
                <td style="text-align: center">bar</td>
                <td style="text-align: right">baz</td>
                </tr>
                </tbody>
                </table>

                """)
    }

    @Test func specExample200EscapedPipesInsideSpans() {
        let html = gfm("| f\\|oo  |\n| ------ |\n| b `\\|` az |\n| b **\\|** im |")
        #expect(html.contains("<th>f|oo</th>"))
        #expect(html.contains("<td>b <code>|</code> az</td>"))
        #expect(html.contains("<td>b <strong>|</strong> im</td>"))
    }

    @Test func specExample201BlockQuoteEndsTable() {
        let html = gfm("| abc | def |\n| --- | --- |\n| bar | baz |\n> bar")
        #expect(html.hasSuffix("</tbody>\n</table>\n<blockquote>\n<p>bar</p>\n</blockquote>\n"))
    }

    @Test func specExample202LineWithoutPipeIsARowAndBlankLineEndsTable() {
        let html = gfm("| abc | def |\n| --- | --- |\n| bar | baz |\nbar\n\nbar")
        #expect(html.contains("<tr>\n<td>bar</td>\n<td></td>\n</tr>\n</tbody>\n</table>\n<p>bar</p>\n"))
    }

    @Test func specExample203SetextUnderlineAfterRowsIsARow() {
        let html = gfm("| abc | def |\n| --- | --- |\n| bar | baz |\nbar\n===")
        #expect(!html.contains("<h1"))
        #expect(html.contains("<tr>\n<td>===</td>\n<td></td>\n</tr>\n</tbody>"))
    }

    @Test func specExample204HeaderAndDelimiterMustHaveAsManyCells() {
        #expect(gfm("| abc | def |\n| --- |\n| bar |") == "<p>| abc | def |\n| --- |\n| bar |</p>\n")
    }

    @Test func specExample205ShortRowsArePaddedAndLongRowsCut() {
        let html = gfm("| abc | def |\n| --- | --- |\n| bar |\n| bar | baz | boo |")
        #expect(html.contains("<tr>\n<td>bar</td>\n<td></td>\n</tr>\n<tr>\n<td>bar</td>\n<td>baz</td>\n</tr>\n</tbody>"))
        #expect(!html.contains("boo"))
    }

    @Test func specExample206TableWithoutBodyHasNoTbody() {
        #expect(gfm("| abc | def |\n| --- | --- |") == "<table>\n<thead>\n<tr>\n<th>abc</th>\n<th>def</th>\n</tr>\n</thead>\n</table>\n")
    }

    @Test func quotedTableNeedsItsMarkersOnTheDelimiterRow() {
        let html = gfm("> abc | def\n> ----|-----\n\n> abc | def\n----|-----")
        #expect(html.contains("<blockquote>\n<table>\n<thead>\n<tr>\n<th>abc</th>"))
        #expect(html.contains("<blockquote>\n<p>abc | def\n----|-----</p>\n</blockquote>"))
    }

    // MARK: cmark-gfm extensions.txt, "Tables"

    @Test func nonTablesStayParagraphs() {
        let html = gfm("""
            | Not enough table | to be considered table |

            | Not enough table | to be considered table |
            | Not enough table | to be considered table |

            | Just enough table | to be considered table |
            | ----------------- | ---------------------- |

            | ---- | --- |

            |x|
            |-|
            """)
        #expect(html.hasPrefix("<p>| Not enough table | to be considered table |</p>\n<p>| Not enough table"))
        #expect(html.contains("<th>Just enough table</th>"))
        #expect(html.contains("<p>| ---- | --- |</p>"))
        #expect(html.contains("<th>x</th>"))
    }

    @Test func paragraphLinesBeforeTheHeaderRowStayAParagraph() {
        let html = gfm("123\n456\n| a | b |\n| ---| --- |\nd | e")
        #expect(html.hasPrefix("<p>123\n456</p>\n<table>\n<thead>\n<tr>\n<th>a</th>"))
        #expect(html.contains("<td>d</td>\n<td>e</td>"))
    }

    @Test func blockSyntaxInsideCellsIsText() {
        let html = gfm("| _abc_ | セン |\n| ----- | ---- |\n| 1. Block elements inside cells don't work. | |\n| # not a heading | > nor a quote |")
        #expect(html.contains("<th><em>abc</em></th>\n<th>セン</th>"))
        #expect(html.contains("<td>1. Block elements inside cells don't work.</td>\n<td></td>"))
        #expect(html.contains("<td># not a heading</td>\n<td>&gt; nor a quote</td>"))
    }

    @Test func backslashBeforePipeEscapesItEvenInCodeSpans() {
        let html = gfm("""
            | Description | Test case |
            |-------------|-----------|
            | Single      | `\\`       |
            | Basic test  | `\\|`      |
            | Basic test 2| `\\|\\|\\`   |
            | Wait, what? | `\\\\|`     |
            | Wait, what? |          \\|
            | Wait, what? |         \\\\|
            | Wait, what? |        \\\\\\|
            """)
        #expect(html.contains("<td><code>\\</code></td>"))
        #expect(html.contains("<td><code>|</code></td>"))
        #expect(html.contains("<td><code>||\\</code></td>"))
        #expect(html.contains("<td><code>\\|</code></td>"))
        #expect(html.contains("<td>Wait, what?</td>\n<td>|</td>\n</tr>\n<tr>\n<td>Wait, what?</td>\n<td>|</td>"))
        #expect(html.contains("<td>\\|</td>"))
    }

    @Test func sequentialPipesMakeAnEmptyCell() {
        #expect(gfm("| a | b | c |\n| --- | --- | --- |\n| d || e |").contains("<td>d</td>\n<td></td>\n<td>e</td>"))
    }

    @Test func referenceLinksInCellsUseThePageDefinitions() {
        let html = gfm("""
            | Here's a link to [Freedom Planet 2][] in a table header. |
            | --- |
            | Here's a link to [Freedom Planet 2][] in a table row. |

            [Freedom Planet 2]: http://www.freedomplanet2.com/
            """)
        #expect(html.contains(#"<th>Here's a link to <a href="http://www.freedomplanet2.com/">Freedom Planet 2</a> in a table header.</th>"#))
        #expect(html.contains(#"<td>Here's a link to <a href="http://www.freedomplanet2.com/">Freedom Planet 2</a> in a table row.</td>"#))
    }

    @Test func tableIsWrappedInAFocusableScrollRegion() {
        let html = MarkdownRenderer.render("| a |\n| - |\n| 1 |\n\n| b |\n| - |").html
        #expect(html.hasPrefix("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table 1\">\n<table>"))
        #expect(html.contains("aria-label=\"Table 2\""))
        #expect(html.hasSuffix("</table>\n</div>\n"))
    }

    // MARK: Our pipeline

    @Test func smartPunctuationNeverTouchesTheDelimiterRow() {
        let html = MarkdownRenderer.render("| Round | pass@1 |\n|---|---:|\n| SFT -- base | \"42.1\" |").html
        #expect(html.contains("<th>Round</th>\n<th style=\"text-align: right\">pass@1</th>"))
        #expect(html.contains("<td>SFT \u{2013} base</td>"))
        #expect(html.contains("<td style=\"text-align: right\">\u{201C}42.1\u{201D}</td>"))
        #expect(!html.contains("\u{2014}"))
    }

    @Test func cellsKeepSafeModeAndLinkRewriting() {
        let result = MarkdownRenderer.render("| a | b |\n|---|---|\n| <b>x</b> | [doc](/doc/) [bad](javascript:alert(1)) |") { url, _ in
            url.hasPrefix("/") ? "/base" + url : url
        }
        #expect(!result.html.contains("<b>"))
        #expect(result.html.contains("<!-- raw HTML omitted -->"))
        #expect(result.html.contains(#"<a href="/base/doc/">doc</a>"#))
        #expect(!result.html.contains("javascript:"))
    }

    @Test func linksAndImagesInCellsAreReferencesAtTheirLineAndColumn() {
        let markdown = "Intro.\n\n| Model | Card |\n|---|---|\n| Ünïcode [card](cards/a.md) | ![curve](loss.png) |\n"
        let references = MarkdownRenderer.render(markdown).references
        #expect(references.map(\.url) == ["cards/a.md", "loss.png"])
        #expect(references.map(\.line) == [5, 5])
        #expect(references.map(\.column) == [11, 32])
        #expect(references.map(\.text) == ["card", "curve"])
        #expect(references.map(\.isImage) == [false, true])
    }

    @Test func referenceAfterAnEscapedPipeKeepsItsColumn() {
        let references = MarkdownRenderer.render("| a |\n|---|\n| x \\| y [l](u) |").references
        #expect(references.first?.column == 10)
    }

    @Test func tableInsideALooseListItem() {
        let html = gfm("- Results:\n\n  | step | loss |\n  |---:|---:|\n  | 1 | 0.41 |\n")
        #expect(html.contains("<li>\n<p>Results:</p>\n<table>"))
        #expect(html.contains("<td style=\"text-align: right\">0.41</td>"))
    }

    @Test func thematicBreakRightAfterATableIsNotAHeading() {
        let html = gfm("| a |\n|---|\n| b |\n---\n")
        #expect(!html.contains("<h2"))
        #expect(html.hasSuffix("</table>\n<hr />\n"))
    }

    @Test func cellTextCountsAsWordsButIsNotTheSummary() {
        let result = MarkdownRenderer.render("| alpha beta |\n|---|\n| gamma |\n\nThe summary.")
        #expect(result.wordCount == 5)
        #expect(result.plainTextSummary == "The summary.")
    }

    // MARK: Diagnostics

    @Test func tableWithoutDelimiterRowIsReported() {
        let result = MarkdownRenderer.render("Text.\n\n| Round | pass@1 |\n| 1 | 48.7 |\n| 2 | 55.3 |\n")
        #expect(result.html.contains("<p>| Round | pass@1 |"))
        #expect(result.problems.count == 1)
        let problem = result.problems.first
        #expect(problem?.code == "markdown.table")
        #expect(problem?.severity == .warning)
        #expect(problem?.line == 4)
        #expect(problem?.column == 1)
        #expect(problem?.hint?.contains("| --- | --- |") == true)
    }

    @Test func delimiterRowWithTheWrongNumberOfCellsIsReported() {
        let result = MarkdownRenderer.render("  é | b\n  |---|\n")
        #expect(result.problems.map(\.line) == [2])
        #expect(result.problems.first?.column == 3)
        #expect(result.problems.first?.message.contains("1 cell but the header row above it has 2") == true)
    }

    @Test func proseWithAPipeIsNotReported() {
        #expect(MarkdownRenderer.render("Use a | b for alternatives.\nAnd c | d too.").problems.isEmpty)
        #expect(MarkdownRenderer.render("| a single row |").problems.isEmpty)
    }

    // MARK: Line rules

    @Test func delimiterRowRules() {
        #expect(TableSyntax.delimiterRow("| :-- | :-: | --: | --- |"[...].utf8Slice) == [.left, .center, .right, .none])
        #expect(TableSyntax.delimiterRow("---|---"[...].utf8Slice) == [.none, .none])
        #expect(TableSyntax.delimiterRow("---"[...].utf8Slice) == nil)
        #expect(TableSyntax.delimiterRow("| -- | x |"[...].utf8Slice) == nil)
        #expect(TableSyntax.delimiterRow("| : |"[...].utf8Slice) == nil)
        #expect(TableSyntax.delimiterRow("||---|"[...].utf8Slice) == nil)
    }
}

extension Substring {
    var utf8Slice: ArraySlice<UInt8> { Array(utf8)[...] }
}
