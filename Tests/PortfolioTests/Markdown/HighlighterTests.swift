@testable import PortfolioMarkdown
import Testing

/// The highlighted pieces of `code`: every token but plain text, as `kind:text` (neighbours of one
/// kind are one token: `+=`, `()`).
private func marked(_ code: String, _ language: String) -> [String] {
    var code = code
    let language = Highlighter.language(named: language)!
    return code.withUTF8 { bytes in
        Highlighter.tokens(bytes, language: language).filter { $0.kind != .plain }.map {
            "\($0.kind.name):" + String(decoding: UnsafeBufferPointer(rebasing: bytes[$0.range]), as: UTF8.self)
        }
    }
}

private func concatenatedTokens(_ bytes: [UInt8], _ language: CodeLanguage) -> (tokens: [Token], text: [UInt8]) {
    bytes.withUnsafeBufferPointer { buffer in
        let tokens = Highlighter.tokens(buffer, language: language)
        return (tokens, tokens.flatMap { Array(buffer[$0.range]) })
    }
}

@Suite struct HighlighterTests {
    // MARK: HTML

    @Test func pythonBlockBecomesSpansInsideALanguageClass() {
        let html = FencedBlocks.html(info: "python", code: "x = 1 # <b>\n")
        #expect(html == #"<pre><code class="language-python">x <span class="tok-operator">=</span> <span class="tok-number">1</span> <span class="tok-comment"># &lt;b&gt;</span>"# + "\n</code></pre>\n")
    }

    @Test func aliasesWriteTheLanguagesOwnName() {
        #expect(FencedBlocks.html(info: "py", code: "pass\n")?.hasPrefix(#"<pre><code class="language-python">"#) == true)
        #expect(FencedBlocks.html(info: "YML title=x", code: "a: 1\n")?.hasPrefix(#"<pre><code class="language-yaml">"#) == true)
    }

    @Test func unknownLanguageIsLeftToCmark() {
        #expect(FencedBlocks.html(info: "brainfuck", code: "+++") == nil)
        #expect(FencedBlocks.html(info: "", code: "x") == nil)
    }

    @Test func allTextIsEscapedInsideAndOutsideSpans() {
        let html = FencedBlocks.html(info: "js", code: #"a < b && s === "<script>'""#)!
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;"))
        #expect(html.contains(#"<span class="tok-string">&quot;&lt;script&gt;&#39;&quot;</span>"#))
    }

    /// Found by the fuzzer, whose check read the HTML by Character: a tag may end right before a
    /// combining mark, which then joined the `>` into one Character. The code itself is kept whole.
    @Test func combiningMarkAfterATokenKeepsTheCodeWhole() {
        let code = Array("\"name\": \"Lagos\", \u{0736}x\n".utf8)
        #expect(concatenatedTokens(code, Highlighter.language(named: "yaml")!).text == code)
        let html = FencedBlocks.html(info: "yaml", code: String(decoding: code, as: UTF8.self))!
        #expect(html.unicodeScalars.contains("\u{0736}"))
    }

    // MARK: Python

    @Test func pythonKeywordsFunctionsAndTypes() {
        #expect(marked("def loss(batch: Tensor) -> float:\n    return None", "python") == [
            "keyword:def", "function:loss", "punctuation:(", "operator::", "type:Tensor", "punctuation:)",
            "operator:->", "builtin:float", "operator::", "keyword:return", "constant:None",
        ])
    }

    @Test func pythonStringsKeepEscapesAndNestedQuotes() {
        #expect(marked(#"s = "say \"hi\" 'now'" + 'it\'s'"#, "python") == [
            "operator:=", #"string:"say \"hi\" 'now'""#, "operator:+", #"string:'it\'s'"#,
        ])
    }

    @Test func pythonCommentThatLooksLikeCodeStaysAComment() {
        #expect(marked(#"x = 1  # not code "x" = 2"#, "python") == [
            "operator:=", "number:1", #"comment:# not code "x" = 2"#,
        ])
    }

    @Test func pythonNumbers() {
        #expect(marked("lr = 1e-5; n = 0x1F + 1_000 + 3.14 + 2j", "python") == [
            "operator:=", "number:1e-5", "punctuation:;", "operator:=", "number:0x1F", "operator:+", "number:1_000",
            "operator:+", "number:3.14", "operator:+", "number:2j",
        ])
    }

    @Test func pythonFStringInterpolationIsCode() {
        #expect(marked(#"f"loss={loss:.3f} {{x}}""#, "python") == [
            #"string:f"loss="#, "punctuation:{", "operator::", "number:.3f", "punctuation:}",
            #"string: {{x}}""#,
        ])
    }

    @Test func pythonTripleQuotedStringSpansLines() {
        #expect(marked("doc = \"\"\"one\n\"two\"\n\"\"\"\nx", "python") == [
            "operator:=", "string:\"\"\"one\n\"two\"\n\"\"\"",
        ])
    }

    @Test func pythonDecoratorsAndSelf() {
        #expect(marked("@torch.no_grad()\ndef f(self): self.step += 1", "python") == [
            "function:@torch.no_grad", "punctuation:()", "keyword:def", "function:f", "punctuation:(",
            "variable:self", "punctuation:)", "operator::", "variable:self", "punctuation:.", "property:step",
            "operator:+=", "number:1",
        ])
    }

    // MARK: JSON

    @Test func jsonKeysAreNotValues() {
        #expect(marked(#"{"prompt": "a \"q\"", "score": -0.5, "ok": true, "x": null}"#, "json") == [
            "punctuation:{", #"property:"prompt""#, "punctuation::", #"string:"a \"q\"""#, "punctuation:,",
            #"property:"score""#, "punctuation::", "number:-0.5", "punctuation:,", #"property:"ok""#, "punctuation::",
            "constant:true", "punctuation:,", #"property:"x""#, "punctuation::", "constant:null", "punctuation:}",
        ])
    }

    @Test func jsonLinesAreJSONRecords() {
        #expect(marked("{\"a\": 1}\n{\"a\": 2e3}\n", "jsonl") == [
            "punctuation:{", #"property:"a""#, "punctuation::", "number:1", "punctuation:}",
            "punctuation:{", #"property:"a""#, "punctuation::", "number:2e3", "punctuation:}",
        ])
    }

    // MARK: YAML

    @Test func yamlKeysAnchorsCommentsAndScalars() {
        let yaml = "base: &defaults\n  lr: 1e-5 # comment\n  name: \"run: 1\"\n  on: true\nrun:\n  <<: *defaults\n  - item\n"
        #expect(marked(yaml, "yaml") == [
            "property:base", "punctuation::", "variable:&defaults",
            "property:lr", "punctuation::", "number:1e-5", "comment:# comment",
            "property:name", "punctuation::", #"string:"run: 1""#,
            "property:on", "punctuation::", "constant:true",
            "property:run", "punctuation::",
            "property:<<", "punctuation::", "variable:*defaults",
            "punctuation:-", "string:item",
        ])
    }

    @Test func yamlBlockScalarLinesAreText() {
        #expect(marked("run: |\n  pip install x: y\n  # not a comment\nnext: 1\n", "yaml") == [
            "property:run", "punctuation::", "operator:|", "string:  pip install x: y", "string:  # not a comment",
            "property:next", "punctuation::", "number:1",
        ].map { $0 })
    }

    // MARK: Shell

    @Test func bashVariablesInAndOutOfStrings() {
        #expect(marked(#"echo "$HOME/${DIR}" '$NOT' $1 # done"#, "bash") == [
            "builtin:echo", #"string:""#, "variable:$HOME", "string:/", "variable:${DIR}", #"string:""#,
            "string:'$NOT'", "variable:$1", "comment:# done",
        ])
    }

    @Test func bashHeredocBodyIsOneString() {
        #expect(marked("cat <<EOF > out.txt\nline $x\nEOF\nls", "bash") == [
            "function:cat", "operator:<<", "string:EOF", "operator:>", "string:line $x\nEOF", "function:ls",
        ])
    }

    @Test func bashHashInsideAWordIsNotAComment() {
        #expect(marked("git checkout a#b && x=1 make", "bash") == [
            "function:git", "operator:&&", "variable:x", "operator:=", "number:1",
        ])
    }

    @Test func consoleContinuationLineIsTheSameCommand() {
        #expect(marked("$ pip install \\\n  --upgrade x\nok\n", "console") == ["prompt:$ ", "function:pip", "output:ok"])
    }

    @Test func consolePromptsAreCommandsAndOtherLinesOutput() {
        #expect(marked("$ pip install torch\nSuccessfully installed\n# apt-get update\n", "console") == [
            "prompt:$ ", "function:pip", "output:Successfully installed", "prompt:# ", "function:apt-get",
        ])
    }

    // MARK: SQL, JavaScript, TypeScript

    @Test func sqlKeywordsAreCaseInsensitive() {
        #expect(marked("SELECT count(*) FROM runs where loss < 0.5 -- best\nAND name = 'it''s'", "sql") == [
            "keyword:SELECT", "builtin:count", "punctuation:(", "operator:*", "punctuation:)", "keyword:FROM",
            "keyword:where", "operator:<", "number:0.5", "comment:-- best", "keyword:AND", "operator:=", "string:'it''s'",
        ])
    }

    @Test func javaScriptTemplateLiteralInterpolatesCode() {
        #expect(marked("const s = `a ${f(1)} b`; // c", "js") == [
            "keyword:const", "operator:=", "string:`a ", "punctuation:${", "function:f", "punctuation:(", "number:1",
            "punctuation:)}", "string: b`", "punctuation:;", "comment:// c",
        ])
    }

    @Test func javaScriptDivisionIsAnOperatorNotARegex() {
        #expect(marked("x = a / b / 2 /* note */", "javascript") == [
            "operator:=", "operator:/", "operator:/", "number:2", "comment:/* note */",
        ])
    }

    @Test func typeScriptTypesAndInterfaces() {
        #expect(marked("interface Run { loss: number }", "ts") == [
            "keyword:interface", "type:Run", "punctuation:{", "operator::", "type:number", "punctuation:}",
        ])
    }

    // MARK: Diff, TOML, Markdown

    @Test func diffLines() {
        #expect(marked("--- a/x.py\n+++ b/x.py\n@@ -1 +1 @@\n-old\n+new\n same\n", "diff") == [
            "keyword:--- a/x.py", "keyword:+++ b/x.py", "hunk:@@ -1 +1 @@", "deleted:-old", "inserted:+new",
        ])
    }

    @Test func tomlSectionsKeysAndDates() {
        #expect(marked("[tool.train]\nlr = 3e-4 # x\nname = \"a\"\nwhen = 1979-05-27T07:32:00Z\n", "toml") == [
            "type:[tool.train]", "property:lr", "operator:=", "number:3e-4", "comment:# x", "property:name",
            "operator:=", #"string:"a""#, "property:when", "operator:=", "number:1979-05-27T07:32:00Z",
        ])
    }

    @Test func markdownHeadingsListsAndCode() {
        #expect(marked("# Title\n- item `code` [a](b)\n", "md") == [
            "keyword:# Title", "punctuation:-", "string:`code`", "punctuation:[", "punctuation:](", "string:b", "punctuation:)",
        ])
    }

    // MARK: Never crash, never loop, never drop text

    @Test func tokensGiveBackTheInputExactlyForEveryLanguage() {
        var generator = SeededGenerator(seed: 16)
        let alphabet = Array("\"'`$#{}()[]<>\\/*-+=:;,.@&|!?%^~_ \t\n\r0123456789eExXabcdefABCDEF é€😀".utf8)
        var inputs: [[UInt8]] = [
            Array("\"unterminated".utf8), Array("'''never closed".utf8), Array("f\"{".utf8), Array("`${".utf8),
            Array("<<EOF\nno end".utf8), Array("${".utf8), Array("/* open".utf8), Array("$".utf8), Array("\\".utf8),
            Array("0x".utf8), Array("1e".utf8), Array("a: |".utf8), Array("[".utf8), Array("```".utf8), [],
        ]
        for _ in 0..<400 {
            let count = Int(generator.next() % 60)
            inputs.append((0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            inputs.append((0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        }
        for language in Highlighter.languages {
            for input in inputs {
                let (tokens, text) = concatenatedTokens(input, language)
                #expect(text == input, "\(language.name) lost text of \(input)")
                var position = 0
                for token in tokens {
                    #expect(token.range.lowerBound == position && !token.range.isEmpty, "\(language.name): \(input)")
                    position = token.range.upperBound
                }
            }
        }
    }

    @Test func multiByteCharactersAreNeverSplitBetweenSpans() {
        let code = "é = \"ü\" # 😀\n$ echo €\n"
        for language in Highlighter.languages {
            let html = Highlighter.html(code, language: language)
            #expect(!html.contains("\u{FFFD}"), "\(language.name)")
        }
    }
}
