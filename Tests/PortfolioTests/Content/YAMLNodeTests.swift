@testable import PortfolioContent
@testable import PortfolioMetrics
@testable import PortfolioSupport
import Testing

@Suite struct YAMLNodeTests {
    private func parse(_ yaml: String) throws -> YAMLNode {
        try #require(try YAMLNode.parse(yaml))
    }

    private func error(_ yaml: String) -> YAMLError? {
        do {
            _ = try YAMLNode.parse(yaml)
            return nil
        } catch {
            return error
        }
    }

    @Test func everyNodeKnowsTheLineAndColumnItStartsAt() throws {
        let root = try parse("""
            model: M
            metrics:
              - name: "pass@1"
                points: [{ step: 0, value: 42.1 }]
            """)
        #expect(root.mark == YAMLMark(line: 1, column: 1))
        let series = try #require(root["metrics"])
        #expect(series.mark == YAMLMark(line: 3, column: 3))
        guard case .sequence(let list) = series.content, let first = list.first else {
            Issue.record("metrics is not a list")
            return
        }
        #expect(first.mark == YAMLMark(line: 3, column: 5))
        #expect(first["name"]?.mark == YAMLMark(line: 3, column: 11))
        #expect(first["points"]?.mark == YAMLMark(line: 4, column: 13))
        guard case .sequence(let points)? = first["points"]?.content else {
            Issue.record("points is not a list")
            return
        }
        #expect(points.first?["value"]?.mark == YAMLMark(line: 4, column: 32))
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let root = try parse("名前: é\nnext: 1\n")
        #expect(root["名前"]?.mark == YAMLMark(line: 1, column: 5))
        #expect(root["next"]?.mark == YAMLMark(line: 2, column: 7))
    }

    @Test func quotedAndBlockScalarsAreNotPlain() throws {
        let root = try parse("""
            plain: true
            single: 'true'
            double: "true"
            literal: |
              true
            after: 1
            """)
        func scalar(_ key: String) -> YAMLNode.Scalar? {
            if case .scalar(let scalar)? = root[key]?.content { return scalar }
            return nil
        }
        #expect(scalar("plain")?.isPlain == true)
        #expect(scalar("single")?.isPlain == false)
        #expect(scalar("double")?.isPlain == false)
        #expect(scalar("literal")?.isPlain == false)
        #expect(scalar("literal")?.text == "true\n")
        #expect(root["plain"]?.bool == true)
        #expect(root["double"]?.bool == nil)
    }

    @Test func keysKeepTheOrderWritten() throws {
        let root = try parse("b: 1\na: 2\nc: 3\n")
        guard case .mapping(let pairs) = root.content else {
            Issue.record("not a mapping")
            return
        }
        #expect(pairs.map { $0.key.text } == ["b", "a", "c"])
    }

    /// A node with an anchor starts at its `&`.
    @Test func anAliasIsTheNodeItsAnchorNamesWithThatNodesMark() throws {
        let root = try parse("""
            base: &point { step: 0, value: 1 }
            copy: *point
            """)
        let copy = try #require(root["copy"])
        #expect(copy["value"]?.text == "1")
        #expect(copy.mark == YAMLMark(line: 1, column: 7))
    }

    @Test func anAliasOfAnUndefinedAnchorIsASyntaxErrorAtTheAlias() {
        let found = error("a: 1\nb: *missing\n")
        #expect(found?.kind == .syntax)
        #expect(found?.problem == "found undefined alias")
        #expect(found?.mark == YAMLMark(line: 2, column: 4))
    }

    @Test func anAliasInsideTheNodeItNamesIsUndefined() {
        #expect(error("a: &loop [1, *loop]\n")?.problem == "found undefined alias")
    }

    @Test func anAliasBombParsesWithoutExpandingAndTheReadersBudgetStopsIt() throws {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for (name, previous) in zip("bcdefgh", "abcdefg") {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }
        let root = try parse(yaml)
        var diagnostics = Diagnostics()
        let reader = YAMLReader(file: "p.md", firstLine: 2)
        #expect(reader.value(of: try #require(root["h"]), diagnostics: &diagnostics) == nil)
        #expect(diagnostics.all.map(\.code) == ["yaml.too-large"])
        #expect(diagnostics.all.first?.line == 9)
    }

    @Test func duplicateKeysAreReportedSortedAtTheFirstPlaceTheSmallestWasWritten() {
        let found = error("""
            title: A
            tags: [x]
            title: B
            draft: true
            'tags': [y]
            """)
        #expect(found?.kind == .duplicateKeys(["tags", "title"]))
        #expect(found?.mark == YAMLMark(line: 2, column: 1))
    }

    @Test func keysWithTheSameTextButDifferentTagsAreDifferent() throws {
        let root = try parse("1: a\n!!int 1: b\n")
        #expect(root["1"]?.text == "a")
    }

    @Test func duplicateKeysInALargeMappingAreFoundAndSameTextWithAnotherTagIsNotOne() throws {
        let keys = (0..<40).map { "key\($0): \($0)\n" }.joined()
        let found = error(keys + "key7: again\n")
        #expect(found?.kind == .duplicateKeys(["key7"]))
        #expect(found?.mark == YAMLMark(line: 8, column: 1))
        #expect(try parse(keys + "!!int key7: tagged\n")["key7"]?.text == "7")
    }

    @Test func duplicateKeysInANestedMappingAreFound() {
        let found = error("author:\n  name: A\n  name: B\n")
        #expect(found?.kind == .duplicateKeys(["name"]))
        #expect(found?.mark == YAMLMark(line: 2, column: 3))
    }

    @Test func syntaxErrorsCarryLibyamlsProblemContextAndMark() {
        let found = error("points: [{ step: 0, value: 1 }\nnext: 2\n")
        #expect(found?.kind == .syntax)
        #expect(found?.problem == "did not find expected ',' or ']'")
        #expect(found?.context?.text == "while parsing a flow sequence")
        #expect(found?.context?.mark == YAMLMark(line: 1, column: 9))
        #expect(found?.mark == YAMLMark(line: 2, column: 1))
    }

    @Test func anErrorAtTheEndOfTextWithoutANewlineIsClampedToTheLastLine() {
        let yaml = "title: Ok\nbase_"
        let found = error(yaml)
        #expect(found?.mark == YAMLMark(line: 3, column: 1))
        var diagnostics = Diagnostics()
        #expect(YAMLReader(file: "p.md", firstLine: 2).parse(yaml, diagnostics: &diagnostics) == nil)
        #expect(diagnostics.all.map { "\($0.code)@\($0.line):\($0.column)" } == ["yaml.syntax@3:6"])
        #expect(MetricParser.syntaxDiagnostic(found!, text: yaml, file: "m.yaml").column == 6)
    }

    @Test func aControlCharacterIsAnErrorAtItsLineAndColumn() {
        var diagnostics = Diagnostics()
        #expect(YAMLReader(file: "p.md", firstLine: 2).parse("title: Ok\nsummary: a\u{7}b\n", diagnostics: &diagnostics) == nil)
        #expect(diagnostics.all.map { "\($0.code)@\($0.file):\($0.line):\($0.column)" } == ["yaml.encoding@p.md:3:11"])
    }

    @Test func aSecondDocumentIsAnErrorAtItsStart() {
        let found = error("a: 1\n---\nb: 2\n")
        #expect(found?.problem == "but found another document")
        #expect(found?.mark == YAMLMark(line: 2, column: 1))
    }

    @Test func aControlCharacterIsUnreadableAtItsPlace() {
        let found = error("a: 1\nbé: \u{7}\n")
        #expect(found?.kind == .unreadable)
        #expect(found?.mark == YAMLMark(line: 2, column: 5))
    }

    @Test func textWithNoDocumentHasNoRoot() throws {
        #expect(try YAMLNode.parse("") == nil)
        #expect(try YAMLNode.parse("# only a comment\n") == nil)
    }
}
