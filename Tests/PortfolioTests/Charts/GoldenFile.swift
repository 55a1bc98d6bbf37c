import Foundation
@testable import PortfolioSupport
import Testing

/// Compares generated text with a committed file under Tests/Fixtures/metrics/golden; `UPDATE_GOLDEN=1`
/// rewrites the file instead, for a deliberate change of output.
enum GoldenFile {
    static func check(_ actual: String, against name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let url = MetricFixtures.folder.appendingPathComponent("golden").appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("Missing golden file \(url.path); run with UPDATE_GOLDEN=1 to create it.", sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let (old, new) = (lines(expected), lines(actual))
        let index = zip(old, new).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(old.count, new.count)
        Issue.record(
            """
            \(name) differs from the golden file at element \(index + 1):
              expected: \(index < old.count ? old[index] : "<end>")
              actual:   \(index < new.count ? new[index] : "<end>")
            Run with UPDATE_GOLDEN=1 to accept the new output.
            """, sourceLocation: sourceLocation)
    }

    /// One SVG element per entry, so a difference is shown as the element that changed.
    private static func lines(_ text: String) -> [String] {
        text.replacingOccurrences(of: "><", with: ">\n<").split(separator: "\n").map(String.init)
    }
}
