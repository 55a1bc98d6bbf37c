@testable import PortfolioMarkdown
import Testing

private func render(_ markdown: String) -> RenderedMarkdown {
    MarkdownRenderer.render(markdown, options: MarkdownOptions(math: true))
}

@Suite struct MathTests {
    @Test func inlineMathIsTakenOutBeforeEmphasisAndQuotes() {
        let html = render(#"Loss $p(y_w \succ y_l) = \sigma(r_w - r_l)$ and "quotes"."#).html
        #expect(html == #"<p>Loss <span class="math math-inline">\(p(y_w \succ y_l) = \sigma(r_w - r_l)\)</span> and “quotes”.</p>"# + "\n")
    }

    @Test func texIsEscapedAndKeepsItsStarsUnderscoresAndQuotes() {
        let html = render(#"$a*b*c_1_2 < "x" \& 'y'$"#).html
        #expect(html == #"<p><span class="math math-inline">\(a*b*c_1_2 &lt; &quot;x&quot; \&amp; &#39;y&#39;\)</span></p>"# + "\n")
    }

    @Test func displayMathParagraphBecomesADiv() {
        let html = render("Before.\n\n$$\n\\sum_i x_i^2\n$$\n\nAfter.").html
        #expect(html == "<p>Before.</p>\n<div class=\"math math-display\">\\[\\sum_i x_i^2\\]</div>\n<p>After.</p>\n")
    }

    @Test func displayMathInsideTextIsADisplaySpan() {
        let html = render("so $$x^2$$ holds").html
        #expect(html == #"<p>so <span class="math math-display">\[x^2\]</span> holds</p>"# + "\n")
    }

    @Test func mathFenceIsDisplayMath() {
        let result = render("```math\na < b\n```\n")
        #expect(result.html == "<div class=\"math math-display\">\\[a &lt; b\\]</div>\n")
        #expect(result.hasMath)
    }

    @Test func dollarAmountsStayText() {
        for text in ["It pays $55/hour.", "Between $20 and $40.", "It costs $5, $10 or $15.", "A $ sign and $ 5 $.", "From $5 to 10$3."] {
            let result = render(text)
            #expect(!result.html.contains("math"), "\(text)")
            #expect(!result.hasMath, "\(text)")
        }
    }

    @Test func escapedDollarIsALiteralDollar() {
        let html = render(#"Price \$x$ and \$5."#).html
        #expect(html == "<p>Price $x$ and $5.</p>\n")
    }

    @Test func codeKeepsItsDollars() {
        let html = render("`$x$` and\n\n```\n$y$\n```\n\n    $z$\n").html
        #expect(!html.contains("math"))
        #expect(html.contains("<code>$x$</code>"))
        #expect(html.contains("$y$\n</code>"))
        #expect(html.contains("$z$\n</code>"))
    }

    @Test func linkDestinationsKeepTheirDollars() {
        let html = render("[a](x.html#$b$) and <https://x.example/$c$>").html
        #expect(html == #"<p><a href="x.html#$b$">a</a> and <a href="https://x.example/$c$">https://x.example/$c$</a></p>"# + "\n")
    }

    @Test func mathIsOffUnlessAsked() {
        let result = MarkdownRenderer.render("$x$")
        #expect(result.html == "<p>$x$</p>\n")
        #expect(!result.hasMath)
    }

    @Test func linkAfterMathKeepsItsLineAndColumn() {
        let result = render("Intro\n$a_1$ then $$b$$ [link](x.html) ![i](y.png)\n$$\nc\n$$ [z](z.html)")
        #expect(result.references.map { [$0.line, $0.column] } == [[2, 18], [2, 33], [5, 4]])
    }

    @Test func mathCountsAsTextForHeadingsAndSummary() {
        let result = render("# Loss $L_2$\n\nWe minimise $x^2$ here.")
        #expect(result.headings.first?.text == "Loss L_2")
        #expect(result.html.hasPrefix(#"<h1 id="\#(result.headings.first?.id ?? "")">Loss <span class="math math-inline">"#))
        #expect(result.plainTextSummary == "We minimise x^2 here.")
    }

    @Test func placeholderLookalikesInTheTextAreLeftAlone() {
        let text = "\u{F8FF}\u{E000} $x$"
        let html = render(text).html
        #expect(html.hasPrefix("<p>\u{F8FF}\u{E000} ") || html.contains("math"))
        #expect(html.contains(#"\(x\)"#))
    }
}
