import Foundation
@testable import PortfolioContent
@testable import PortfolioMetrics
@testable import PortfolioSupport
import Testing

/// A metric file is read straight from libyaml's events; reading it as a tree first must give the same
/// metrics and the same diagnostics, for good files, broken ones and everything in between.
@Suite struct CanonicalStreamTests {
    static let file = "content/projects/a/metrics.yaml"

    /// The metrics and diagnostics one way of reading gives.
    static func reading(_ text: String, throughTree: Bool) -> (MetricSet?, [Diagnostic]) {
        var diagnostics = Diagnostics()
        let imported = throughTree
            ? CanonicalImporter().readThroughTree(text, file: file, diagnostics: &diagnostics)
            : CanonicalImporter().read(text, file: file, diagnostics: &diagnostics)
        guard case .series(let set) = imported else { return (nil, diagnostics.all) }
        return (set, diagnostics.all)
    }

    static func expectSameReading(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let streamed = reading(text, throughTree: false)
        let tree = reading(text, throughTree: true)
        #expect(streamed.0 == tree.0, "metrics differ for:\n\(text)", sourceLocation: sourceLocation)
        #expect(streamed.1 == tree.1, "diagnostics differ for:\n\(text)", sourceLocation: sourceLocation)
    }

    /// Every metric file among the fixtures, the benchmark's included.
    static let fixtureTexts: [String] = {
        let root = MetricFixtures.folder.deletingLastPathComponent()
        let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        return files.filter { path in
            (path.hasSuffix(".yaml") || path.hasSuffix(".json")) && path.contains("metric") && !path.hasSuffix("expected.json")
        }.sorted().compactMap { try? String(contentsOf: root.appendingPathComponent($0), encoding: .utf8) }
    }()

    static let edgeCases: [String] = [
        "", "# only a comment\n", "---", "---\n---\n", "metrics: []\n--- \nmetrics: []\n",
        "metrics:\n  - name: a\n    name: b\n    points: [1, 2]\n",
        "metrics:\n  - { name: a, points: [{ step: 0, value: 1, value: 2 }] }\n",
        "{ a: 1, b: 2, a: 3, b: 4, c: 5, d: 6, e: 7, f: 8, g: 9, h: 10, i: 11, j: 12, k: 13, c: 0 }\n",
        "{ a: { a: 1, b: { a: 1, b: 2 } }, b: { a: 1, a: 2 }, c: 3, a: 4 }\n",
        "metrics:\n  - &s { name: a, points: [1, 2] }\n  - *s\n",
        "metrics:\n  - { name: a, points: *missing }\n",
        "? [a, b]\n: 1\nmetrics: []\n",
        "metrics:\n  - name: a\n    points: [{ step: 0, value: 1 }, { step: [1, 2], value: 2 }]\n    extra: { deep: [1, { x: 2 }] }\n",
        "metrics:\n  - name: [not, text]\n    unit: { a: 1 }\n    target: [1]\n    better: [higher]\n    points: { step: 0 }\n",
        "metrics: { name: a }\n", "- 1\n- 2\n", "plain text\n", "model: ~\nbaseline: null\nmetrics:\n  - name: a\n    points: [~, 1, '2']\n",
        "metrics:\n  - name: a\n    points:\n      - { step: 0, value: 1 }\n      - { step: 1, value: 2\n",
        "metrics:\n  - name: a\n    points: [1, 2]\n  - name: b\n    points: [1, 2]\n\tbad: tab\n",
        "~: 1\n'': 2\nmetrics: []\n", "!!str metrics: []\n", "\"metrics\": [] \n",
        "{\"model\": \"m\", \"metrics\": [{\"name\": \"acc\", \"points\": [{\"step\": 0, \"value\": 0.5}, {\"step\": 1, \"value\": 0.6}]}]}",
    ]

    @Test func fixtureFilesReadTheSameEitherWay() {
        #expect(Self.fixtureTexts.count >= 10)
        for text in Self.fixtureTexts { Self.expectSameReading(text) }
    }

    @Test func edgeCasesReadTheSameEitherWay() {
        for text in Self.edgeCases { Self.expectSameReading(text) }
    }

    /// Each fixture cut short, and with each line left out or written twice: unclosed collections,
    /// duplicate keys and misplaced values at every depth.
    @Test func damagedFixturesReadTheSameEitherWay() {
        for text in Self.fixtureTexts + Self.edgeCases {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            for index in lines.indices.prefix(60) {
                Self.expectSameReading(lines[..<index].joined(separator: "\n"))
                var without = lines
                without.remove(at: index)
                Self.expectSameReading(without.joined(separator: "\n"))
                var twice = lines
                twice.insert(lines[index], at: index)
                Self.expectSameReading(twice.joined(separator: "\n"))
            }
        }
    }

    /// Each mapping's keys are its own: a key of a nested mapping is no duplicate of its parent's
    /// or a sibling's, and the first mapping to repeat one is the one reported.
    @Test func aDuplicateKeyIsReportedInTheMappingThatRepeatsIt() {
        let yaml = "{ a: { a: 1, b: { a: 1, b: 2 } }, b: { a: 1, c: 2 }, c: 3, d: { c: 1, c: 2 } }\n"
        let found = Self.reading(yaml, throughTree: false).1
        #expect(found.map(\.message) == ["The metric file is not valid YAML or JSON: duplicate key c."], "\(found)")
        #expect(found.first.map { [$0.line, $0.column] } == [1, 65], "\(found)")
    }

    @Test func aliasBombIsStoppedTheSameWayEitherWay() {
        let points = "[" + Array(repeating: "*p", count: 500).joined(separator: ", ") + "]"
        let yaml = "metrics:\n  - { name: a, points: [&p { step: 0, value: 1 }] }\n  - { name: b, points: &l \(points) }\n"
            + Array(repeating: "  - { name: c, points: *l }\n", count: 300).joined()
        Self.expectSameReading(yaml)
        #expect(Self.reading(yaml, throughTree: false).1.contains { $0.code == "metrics.too-large" })
    }

    /// The point of reading events: a file without anchors builds no tree.
    @Test func aFileWithoutAnchorsIsReadWithoutATree() {
        for text in Self.fixtureTexts where !text.contains("&") && !text.contains("*") {
            do throws(YAMLStreamEvents.Failure) {
                _ = try YAMLStreamEvents.reading(text) { events throws(YAMLStreamEvents.Failure) in
                    var reader = CanonicalReader(events, file: Self.file, lineOffset: 0)
                    return try reader.document()
                }
            } catch {
                if case .needsTree = error { Issue.record("read as a tree:\n\(text)") }
            }
        }
    }

    @Test func anAnchorSendsTheFileToTheTree() {
        #expect(throws: YAMLStreamEvents.Failure.self) {
            try YAMLStreamEvents.reading("metrics: &m []\n") { events throws(YAMLStreamEvents.Failure) in
                var reader = CanonicalReader(events, file: Self.file, lineOffset: 0)
                return try reader.document()
            }
        }
    }
}
