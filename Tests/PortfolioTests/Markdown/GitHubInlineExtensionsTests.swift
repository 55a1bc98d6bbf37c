@testable import PortfolioMarkdown
import Testing

@Suite struct GitHubInlineExtensionsTests {
    // MARK: Strikethrough (GFM spec and cmark-gfm extensions.txt)

    @Test func specDoubleTildeStrikesThrough() {
        #expect(gfm("~~Hi~~ Hello, world!") == "<p><del>Hi</del> Hello, world!</p>\n")
    }

    @Test func specNewParagraphEndsStrikethrough() {
        #expect(gfm("This ~~has a\n\nnew paragraph~~.") == "<p>This ~~has a</p>\n<p>new paragraph~~.</p>\n")
    }

    @Test func singleTildeStrikesThroughToo() {
        #expect(gfm("A proper ~strikethrough~.") == "<p>A proper <del>strikethrough</del>.</p>\n")
    }

    @Test func strikethroughEdgeCasesFromExtensionsTests() {
        #expect(
            gfm("""
                These are ~not strikethroughs.

                No, they are not~

                This ~is ~ legit~ isn't ~ legit.

                This is not ~~~~~one~~~~~ huge strikethrough.

                ~one~ ~~two~~ ~~~three~~~

                No ~mismatch~~
                """) == """
                <p>These are ~not strikethroughs.</p>
                <p>No, they are not~</p>
                <p>This <del>is ~ legit</del> isn't ~ legit.</p>
                <p>This is not ~~~~~one~~~~~ huge strikethrough.</p>
                <p><del>one</del> <del>two</del> ~~~three~~~</p>
                <p>No ~mismatch~~</p>

                """)
    }

    @Test func strikethroughWrapsOtherInlinesAndWorksInsideThem() {
        #expect(gfm("~~*old* `v1`~~ and *~~x~~*") == "<p><del><em>old</em> <code>v1</code></del> and <em><del>x</del></em></p>\n")
    }

    @Test func escapedTildeIsText() {
        #expect(gfm("\\~~not struck~~") == "<p>~~not struck~~</p>\n")
    }

    @Test func tildesInCodeAreLeftAlone() {
        #expect(gfm("`~~x~~` and\n\n    ~~y~~") == "<p><code>~~x~~</code> and</p>\n<pre><code>~~y~~\n</code></pre>\n")
    }

    // MARK: Extended autolinks (GFM spec "Autolinks (extension)")

    @Test func specWwwAutolinkGetsHttp() {
        #expect(gfm("www.commonmark.org") == "<p><a href=\"http://www.commonmark.org\">www.commonmark.org</a></p>\n")
        #expect(
            gfm("Visit www.commonmark.org/help for more information.")
                == "<p>Visit <a href=\"http://www.commonmark.org/help\">www.commonmark.org/help</a> for more information.</p>\n")
    }

    @Test func specTrailingPunctuationIsNotPartOfTheLink() {
        #expect(
            gfm("Visit www.commonmark.org.\n\nVisit www.commonmark.org/a.b.\n\nVisit www.commonmark.org/~jm/foo/bar.pdf.") == """
                <p>Visit <a href="http://www.commonmark.org">www.commonmark.org</a>.</p>
                <p>Visit <a href="http://www.commonmark.org/a.b">www.commonmark.org/a.b</a>.</p>
                <p>Visit <a href="http://www.commonmark.org/~jm/foo/bar.pdf">www.commonmark.org/~jm/foo/bar.pdf</a>.</p>

                """)
    }

    @Test func specParenthesesAreBalanced() {
        #expect(
            gfm("www.google.com/search?q=Markup+(business)\n\n(www.google.com/search?q=Markup+(business))\n\nwww.google.com/search?q=(business))+ok") == """
                <p><a href="http://www.google.com/search?q=Markup+(business)">www.google.com/search?q=Markup+(business)</a></p>
                <p>(<a href="http://www.google.com/search?q=Markup+(business)">www.google.com/search?q=Markup+(business)</a>)</p>
                <p><a href="http://www.google.com/search?q=(business))+ok">www.google.com/search?q=(business))+ok</a></p>

                """)
    }

    @Test func specEntityLikeEndingIsExcluded() {
        #expect(
            gfm("www.google.com/search?q=commonmark&hl=en\n\nwww.google.com/search?q=commonmark&hl;") == """
                <p><a href="http://www.google.com/search?q=commonmark&amp;hl=en">www.google.com/search?q=commonmark&amp;hl=en</a></p>
                <p><a href="http://www.google.com/search?q=commonmark">www.google.com/search?q=commonmark</a>&amp;hl;</p>

                """)
    }

    @Test func specLessThanEndsTheLink() {
        #expect(gfm("www.commonmark.org/he<lp") == "<p><a href=\"http://www.commonmark.org/he\">www.commonmark.org/he</a>&lt;lp</p>\n")
    }

    @Test func specURLAutolinks() {
        #expect(
            gfm("http://commonmark.org\n\n(Visit https://encrypted.google.com/search?q=Markup+(business))\n\nAnonymous FTP is available at ftp://foo.bar.baz.") == """
                <p><a href="http://commonmark.org">http://commonmark.org</a></p>
                <p>(Visit <a href="https://encrypted.google.com/search?q=Markup+(business)">https://encrypted.google.com/search?q=Markup+(business)</a>)</p>
                <p>Anonymous FTP is available at <a href="ftp://foo.bar.baz">ftp://foo.bar.baz</a>.</p>

                """)
    }

    @Test func specEmailAutolinks() {
        #expect(gfm("foo@bar.baz") == "<p><a href=\"mailto:foo@bar.baz\">foo@bar.baz</a></p>\n")
        #expect(
            gfm("hello@mail+xyz.example isn't valid, but hello+xyz@mail.example is.")
                == "<p>hello@mail+xyz.example isn't valid, but <a href=\"mailto:hello+xyz@mail.example\">hello+xyz@mail.example</a> is.</p>\n")
        #expect(
            gfm("a.b-c_d@a.b\n\na.b-c_d@a.b.\n\na.b-c_d@a.b-\n\na.b-c_d@a.b_") == """
                <p><a href="mailto:a.b-c_d@a.b">a.b-c_d@a.b</a></p>
                <p><a href="mailto:a.b-c_d@a.b">a.b-c_d@a.b</a>.</p>
                <p>a.b-c_d@a.b-</p>
                <p>a.b-c_d@a.b_</p>

                """)
        #expect(gfm("These should not link:\n\n* @a.b.c@. x\n* n@.  b").contains("<li>@a.b.c@. x</li>\n<li>n@.  b</li>"))
    }

    @Test func specRegularLinksAreNotTouched() {
        #expect(gfm("[a link](http://www.google.com/)stuff?") == "<p><a href=\"http://www.google.com/\">a link</a>stuff?</p>\n")
    }

    @Test func noAutolinksInCodeLinksOrRawHTML() {
        #expect(gfm("`www.example.com` [www.example.com](/x) ![http://x.y/z](i.png)").contains("<code>www.example.com</code> <a href=\"/x\">www.example.com</a> <img"))
        let unsafe = MarkdownRenderer.render("<a href=\"/y\">www.example.com</a> and www.example.org", options: MarkdownOptions(allowUnsafeHTML: true))
        #expect(unsafe.html == "<p><a href=\"/y\">www.example.com</a> and <a href=\"http://www.example.org\">www.example.org</a></p>\n")
    }

    @Test func autolinkAndStrikethroughTogether() {
        #expect(
            gfm("~~www.google.com~~\n\n~~http://google.com~~")
                == "<p><del><a href=\"http://www.google.com\">www.google.com</a></del></p>\n<p><del><a href=\"http://google.com\">http://google.com</a></del></p>\n")
    }

    @Test func autolinksInTableCells() {
        let html = gfm("| a | b |\n| --- | --- |\n| https://github.com www.github.com | http://pokemon.com |")
        #expect(html.contains("<td><a href=\"https://github.com\">https://github.com</a> <a href=\"http://www.github.com\">www.github.com</a></td>"))
    }

    @Test func autolinksAreRewrittenAndReported() {
        let result = MarkdownRenderer.render("See https://arxiv.org/abs/2203.02155 -- or write to me@lab.org.") { url, _ in url + "#x" }
        #expect(result.html.contains(#"<a href="https://arxiv.org/abs/2203.02155#x">https://arxiv.org/abs/2203.02155</a> \#u{2013}"#))
        #expect(result.references.map(\.url) == ["https://arxiv.org/abs/2203.02155", "mailto:me@lab.org"])
        #expect(result.references.map(\.column) == [5, 53])
        #expect(result.references.map(\.text) == ["https://arxiv.org/abs/2203.02155", "me@lab.org"])
    }

    @Test func smartPunctuationDoesNotBreakAutolinkedURLs() {
        let html = MarkdownRenderer.render("Code at https://example.com/a--b/it's here.").html
        #expect(html.contains(#"<a href="https://example.com/a--b/it&#x27;s">https://example.com/a--b/it's</a>"#))
    }

    // MARK: Task lists (GFM spec "Task list items")

    @Test func specTaskListItemsBecomeLabelledDisabledCheckboxes() {
        #expect(
            gfm("- [ ] foo\n- [x] bar") == """
                <ul>
                <li><label class="task-item"><input type="checkbox" disabled="" /> foo</label></li>
                <li><label class="task-item"><input type="checkbox" checked="" disabled="" /> bar</label></li>
                </ul>

                """)
    }

    @Test func specTaskListsNest() {
        #expect(
            gfm("- [x] foo\n  - [ ] bar\n  - [X] baz\n- [ ] bim") == """
                <ul>
                <li><label class="task-item"><input type="checkbox" checked="" disabled="" /> foo</label>
                <ul>
                <li><label class="task-item"><input type="checkbox" disabled="" /> bar</label></li>
                <li><label class="task-item"><input type="checkbox" checked="" disabled="" /> baz</label></li>
                </ul>
                </li>
                <li><label class="task-item"><input type="checkbox" disabled="" /> bim</label></li>
                </ul>

                """)
    }

    @Test func otherBracketsAndEscapedMarkersAreNotTasks() {
        #expect(gfm("- [@] foo\n- \\[ ] bar\n- [x]baz") == "<ul>\n<li>[@] foo</li>\n<li>[ ] bar</li>\n<li>[x]baz</li>\n</ul>\n")
        #expect(gfm("[ ] not in a list") == "<p>[ ] not in a list</p>\n")
    }

    @Test func looseTaskItemKeepsItsParagraph() {
        #expect(gfm("1. [x] done\n\n2. [ ] next").contains("<li>\n<p><label class=\"task-item\"><input type=\"checkbox\" checked=\"\" disabled=\"\" /> done</label></p>\n</li>"))
    }

    // MARK: Footnotes (cmark-gfm extensions.txt "Footnotes", with GitHub's fn-/fnref- ids)

    @Test func footnotesAreNumberedByFirstReferenceAndCollectedAtTheEnd() {
        let html = gfm("""
            This is some text![^1]. Other text.[^footnote].

            Here's a thing[^other-note].

            And another thing[^codeblock-note].

            This doesn't have a referent[^nope].


            [^other-note]:       no code block here (spaces are stripped away)

            [^codeblock-note]:
                    this is now a code block (8 spaces indentation)

            [^1]: Some *bolded* footnote definition.

            Hi!

            [^footnote]:
                > Blockquotes can be in a footnote.

                    as well as code blocks

                or, naturally, simple paragraphs.

            [^unused]: This is unused.
            """)
        #expect(
            html == """
                <p>This is some text!<sup class="footnote-ref"><a href="#fn-1" id="fnref-1" aria-describedby="footnote-label">1</a></sup>. Other text.<sup class="footnote-ref"><a href="#fn-footnote" id="fnref-footnote" aria-describedby="footnote-label">2</a></sup>.</p>
                <p>Here's a thing<sup class="footnote-ref"><a href="#fn-other-note" id="fnref-other-note" aria-describedby="footnote-label">3</a></sup>.</p>
                <p>And another thing<sup class="footnote-ref"><a href="#fn-codeblock-note" id="fnref-codeblock-note" aria-describedby="footnote-label">4</a></sup>.</p>
                <p>This doesn't have a referent[^nope].</p>
                <p>Hi!</p>
                <section class="footnotes" aria-labelledby="footnote-label">
                <h2 id="footnote-label" class="visually-hidden">Footnotes</h2>
                <ol>
                <li id="fn-1">
                <p>Some <em>bolded</em> footnote definition. <a href="#fnref-1" class="footnote-backref" aria-label="Back to reference 1">↩</a></p>
                </li>
                <li id="fn-footnote">
                <blockquote>
                <p>Blockquotes can be in a footnote.</p>
                </blockquote>
                <pre><code>as well as code blocks
                </code></pre>
                <p>or, naturally, simple paragraphs. <a href="#fnref-footnote" class="footnote-backref" aria-label="Back to reference 2">↩</a></p>
                </li>
                <li id="fn-other-note">
                <p>no code block here (spaces are stripped away) <a href="#fnref-other-note" class="footnote-backref" aria-label="Back to reference 3">↩</a></p>
                </li>
                <li id="fn-codeblock-note">
                <pre><code>this is now a code block (8 spaces indentation)
                </code></pre>
                <a href="#fnref-codeblock-note" class="footnote-backref" aria-label="Back to reference 4">↩</a>
                </li>
                </ol>
                </section>

                """)
    }

    @Test func repeatedReferencesGetTheirOwnBackLinks() {
        let html = gfm("""
            It has a footnote[^a-footnote].

            Referenced[^a-footnote] again[^A-Footnote]

            [^a-footnote]: Three backrefs.
            """)
        #expect(html.contains(#"id="fnref-a-footnote" aria-describedby="footnote-label">1</a>"#))
        #expect(html.contains(#"id="fnref-a-footnote-2" aria-describedby="footnote-label">1</a>"#))
        #expect(html.contains(#"id="fnref-a-footnote-3" aria-describedby="footnote-label">1</a>"#))
        #expect(html.contains(##"<a href="#fnref-a-footnote-3" class="footnote-backref" aria-label="Back to reference 1-3">↩<sup>3</sup></a></p>"##))
    }

    @Test func footnoteIDsNeverCollideWithHeadingIDs() {
        let result = MarkdownRenderer.render("# Fn 1\n\n## Footnote label\n\nText[^1].\n\n[^1]: Note.")
        #expect(result.headings.map(\.id) == ["fn-1-1", "footnote-label-1"])
        #expect(result.html.contains(#"<li id="fn-1">"#))
    }

    @Test func footnoteDefinitionInsideCodeIsCode() {
        let html = gfm("```\n[^1]: not a footnote\n```\n\nText[^1].")
        #expect(html == "<pre><code>[^1]: not a footnote\n</code></pre>\n<p>Text[^1].</p>\n")
    }

    /// Found by the fuzzer: cmark ends a one-line HTML comment block on the line before it.
    @Test func footnoteAfterAOneLineHTMLCommentIsAFootnote() {
        let html = gfm("<!-- a -->\n[^1]: Note.\n\nText[^1].")
        #expect(html.contains(#"<li id="fn-1">"#))
    }

    @Test func linksInFootnotesAreReferencesAtTheirLines() {
        let markdown = "Claim.[^src]\n\n[^src]: See [the paper](https://arxiv.org/abs/1706.03762)\n    and [code](../code/).\n"
        let result = MarkdownRenderer.render(markdown)
        #expect(result.references.map(\.url) == ["https://arxiv.org/abs/1706.03762", "../code/"])
        #expect(result.references.map(\.line) == [3, 4])
        #expect(result.references.map(\.column) == [13, 9])
    }

    @Test func footnotesAndStrikethroughWorkInTableCells() {
        let html = gfm("| Metric[^m] | ~~old~~ new |\n|---|---|\n\n[^m]: Mean of three seeds.")
        #expect(html.contains(##"<th>Metric<sup class="footnote-ref"><a href="#fn-m" id="fnref-m" aria-describedby="footnote-label">1</a></sup></th>"##))
        #expect(html.contains("<th><del>old</del> new</th>"))
        #expect(html.contains("<li id=\"fn-m\">"))
    }

    @Test func footnoteCanHoldATableAndLazyLines() {
        let html = gfm("x[^t]\n\n[^t]: Scores\nper round.\n\n    | r | s |\n    |---|--:|\n    | 1 | 9 |\n")
        #expect(html.contains("<li id=\"fn-t\">\n<p>Scores\nper round.</p>\n<table>"))
        #expect(html.contains("<td style=\"text-align: right\">9</td>"))
    }
}

@Test func textIsLookedAtForALinkOnlyWhereAnAtSignASchemeOrWwwCouldStartOne() {
    func may(_ text: String) -> Bool { Array(text.utf8).withUnsafeBufferPointer(Autolink.mayContainLink) }
    #expect(may("abc@") && may("@abc") && may("x://") && may("go to www.example.org") && may("a:b:c://d"))
    #expect(!may("a@b") && !may("plain words") && !may("ww.x and w.w.w.") && !may("http:/x") && !may("wwwx www"))
}
