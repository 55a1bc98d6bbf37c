@testable import PortfolioContent
@testable import PortfolioMarkdown
@testable import PortfolioSite
@testable import PortfolioSupport
import Testing

/// `code line:column` of each problem of `markdown`, lines counted in the Markdown text.
private func problems(_ markdown: String) -> [String] {
    MarkdownRenderer.render(markdown).problems.map { "\($0.severity.rawValue) \($0.code) \($0.line):\($0.column)" }
}

private let preference = """
    Intro paragraph.

    ```preference
    title: Code review
    prompt: |
      Fix the **off-by-one** error in `range(1, n)`.
    responses:
      A: Use `range(0, n)`; the loop then covers every index.
      B: Add one to `n`. <script>alert(1)</script>
    chosen: A
    scale: 7
    scores:
      correctness: {A: 7, B: 2}
      clarity: {A: 6, B: 4}
    rationale: A fixes the bound *and* explains why.
    ```
    """

@Suite struct PreferenceSampleTests {
    @Test func rendersBothResponsesSideBySideWithTheChosenOneMarkedInText() {
        let html = MarkdownRenderer.render(preference).html
        #expect(html.contains("<div class=\"sample-task sample-preference\">"))
        #expect(html.contains("<figure class=\"sample-response sample-chosen\">\n<figcaption>Response A <strong class=\"sample-chosen-label\">Chosen</strong></figcaption>"))
        #expect(html.contains("<figure class=\"sample-response\">\n<figcaption>Response B</figcaption>"))
        #expect(html.contains("<p>Fix the <strong>off-by-one</strong> error in <code>range(1, n)</code>.</p>"))
        #expect(html.contains("<caption>Scores (scale 1–7)</caption>"))
        #expect(html.contains("<th scope=\"col\">A (chosen)</th>"))
        #expect(html.contains("<tr><th scope=\"row\">correctness</th><td>7</td><td>2</td></tr>"))
        #expect(html.contains("Why Response A was chosen"))
        #expect(!html.contains("<pre>"))
        #expect(MarkdownRenderer.render(preference).problems.isEmpty)
    }

    @Test func textsInsideTheBlockAreRenderedSafely() {
        let html = MarkdownRenderer.render(preference).html
        #expect(!html.contains("<script>"))
        #expect(html.contains("<!-- raw HTML omitted -->"))
    }

    @Test func textsInsideTheBlockStaySafeOnASiteThatAllowsRawHTML() {
        let html = MarkdownRenderer.render(preference, options: MarkdownOptions(allowUnsafeHTML: true)).html
        #expect(!html.contains("<script>"))
    }

    @Test func responsesGivenAsAListAreKeyedAByB() {
        let markdown = "```preference\nprompt: Say hi\nresponses:\n  - Hi!\n  - Hello there.\nchosen: B\n```\n"
        let html = MarkdownRenderer.render(markdown).html
        #expect(html.contains("<figure class=\"sample-response sample-chosen\">\n<figcaption>Response B"))
        #expect(problems(markdown).isEmpty)
    }

    @Test func chosenThatIsNotAResponseIsAnErrorAtItsValue() {
        let markdown = "Text.\n\n```preference\nprompt: Say hi\nresponses: {A: Hi, B: Hello}\nchosen: C\n```\n"
        #expect(problems(markdown) == ["error sample-task.chosen 6:9"])
        let html = MarkdownRenderer.render(markdown).html
        #expect(html.contains("<pre><code class=\"language-preference\">"))
    }

    @Test func scoreOutsideItsScaleIsAnErrorAtTheScore() {
        let markdown = "```preference\nprompt: P\nresponses: {A: a, B: b}\nchosen: A\nscale: 5\nscores:\n  helpfulness: {A: 6, B: 2}\n```\n"
        #expect(problems(markdown) == ["error sample-task.score 7:20"])
    }

    @Test func criterionScaleOverridesTheBlockScale() {
        let markdown = "```preference\nprompt: P\nresponses: {A: a, B: b}\nchosen: A\nscale: 5\nscores:\n  safety: {A: 0, B: 10, scale: [0, 10]}\n  tone: {A: 5, B: 1}\n```\n"
        #expect(problems(markdown).isEmpty)
        let html = MarkdownRenderer.render(markdown).html
        #expect(html.contains("<th scope=\"col\">Scale</th>"))
        #expect(html.contains("<td>0–10</td>"))
    }

    @Test func scoreForAResponseThatDoesNotExistIsAnError() {
        let markdown = "```preference\nprompt: P\nresponses: {A: a, B: b}\nchosen: A\nscores:\n  tone: {A: 1, C: 2}\n```\n"
        #expect(problems(markdown) == ["error sample-task.score 6:16"])
    }

    @Test func missingPromptIsAnErrorAtTheBlock() {
        let markdown = "# Title\n\n```preference\nresponses: {A: a, B: b}\nchosen: A\n```\n"
        #expect(problems(markdown) == ["error sample-task.missing 4:1"])
    }

    @Test func aControlCharacterInTheBlockIsAnErrorAtItsLineAndColumn() {
        let markdown = "Text.\n\n```preference\nprompt: P\nresponses: {A: a\u{7}, B: b}\nchosen: A\n```\n"
        #expect(problems(markdown) == ["error yaml.encoding 5:17"])
    }

    @Test func invalidYAMLIsAnErrorAtItsPlaceAndTheBlockStaysCode() {
        let markdown = "Text.\n\n```preference\nprompt: P\nresponses: [a, b\nchosen: A\n```\n"
        let found = MarkdownRenderer.render(markdown)
        #expect(found.problems.map(\.code) == ["yaml.syntax"])
        #expect(found.problems.first.map { $0.line >= 5 && $0.line <= 7 } == true)
        #expect(found.html.contains("<pre><code class=\"language-preference\">"))
    }

    @Test func blockIndentedInAListPointsAtItsColumns() {
        let markdown = "- Item:\n\n  ```preference\n  prompt: P\n  responses: {A: a, B: b}\n  chosen: Z\n  ```\n"
        #expect(problems(markdown) == ["error sample-task.chosen 6:11"])
    }

    @Test func unknownKeyIsAWarningAndTheBlockStillRenders() {
        let markdown = "```preference\nprompt: P\nresponses: {A: a, B: b}\nchosen: A\nrationle: typo\n```\n"
        #expect(problems(markdown) == ["warning sample-task.unknown-key 5:1"])
        #expect(MarkdownRenderer.render(markdown).html.contains("sample-preference"))
    }

    @Test func pageBuilderReportsProblemsAtTheirLineInTheFile() {
        var diagnostics = Diagnostics()
        let file = SourceFile(contentPath: "projects/p.md", sitePath: "content/projects/p.md", absolutePath: "/nowhere/p.md")
        let text = "---\ntitle: P\n---\nText.\n\n```preference\nprompt: P\nresponses: {A: a, B: b}\nchosen: C\n```\n"
        _ = PageBuilder.page(from: file, text: text, config: SiteConfig(), diagnostics: &diagnostics)
        #expect(diagnostics.sorted.map { "\($0.file):\($0.line):\($0.column) \($0.code)" } == ["content/projects/p.md:9:9 sample-task.chosen"])
    }

    @Test func otherFencedBlocksStayCode() {
        let html = MarkdownRenderer.render("```text\nprompt: x\n```\n").html
        #expect(html == "<pre><code class=\"language-text\">prompt: x\n</code></pre>\n")
    }
}

@Suite struct RubricSampleTests {
    @Test func rubricIsATableWithAColumnPerLevelAndTheWeights() {
        let markdown = """
            ```rubric
            title: Code review rubric
            criteria:
              - name: Correctness
                weight: 60
                description: Runs and handles the *edge* cases.
                levels: { 3: All tests pass, 2: One minor bug, 1: Wrong }
              - name: Style
                weight: 40
                levels: { 3: Idiomatic, 1: Hard to read }
            ```
            """
        let rendered = MarkdownRenderer.render(markdown)
        #expect(rendered.problems.isEmpty)
        #expect(rendered.html.contains("<caption>Code review rubric</caption>"))
        #expect(rendered.html.contains("<thead><tr><th scope=\"col\">Criterion</th><th scope=\"col\">Weight</th><th scope=\"col\">3</th><th scope=\"col\">2</th><th scope=\"col\">1</th></tr></thead>"))
        #expect(rendered.html.contains("<td data-label=\"Weight\">60%</td>"))
        #expect(rendered.html.contains("<em>edge</em>"))
        #expect(rendered.html.contains(
            "<tr><th scope=\"row\">Style</th><td data-label=\"Weight\">40%</td><td data-label=\"3\"><p>Idiomatic</p>\n</td><td data-label=\"2\">–</td>"))
    }

    @Test func rubricWithoutCriteriaOrWithABadWeightIsAnError() {
        #expect(problems("```rubric\ntitle: R\n```\n") == ["error sample-task.missing 2:1"])
        #expect(problems("```rubric\ncriteria:\n  - name: A\n    weight: lots\n```\n") == ["error sample-task.type 4:13"])
        #expect(problems("```rubric\ncriteria:\n  - weight: 3\n```\n") == ["error sample-task.missing 3:5"])
    }

    @Test func someWeightsButNotAllIsAWarning() {
        #expect(problems("```rubric\ncriteria:\n  - name: A\n    weight: 3\n  - name: B\n```\n") == ["warning sample-task.weight 3:3"])
    }
}
