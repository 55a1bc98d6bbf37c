import Foundation
@testable import PortfolioSupport
import Testing

/// One broken fixture site: `Tests/Fixtures/broken/<name>/` with the diagnostics `check` must report.
struct BrokenSiteExpectation: Decodable {
    struct Expected: Decodable, CustomStringConvertible {
        var file: String
        var line: Int
        var code: String
        var column: Int?
        var severity: String?
        var message_contains: String?

        var description: String { "\(file):\(line):\(column.map(String.init) ?? "*"): [\(code)]" }

        func matches(_ diagnostic: Diagnostic) -> Bool {
            diagnostic.file == file && diagnostic.line == line && diagnostic.code == code
                && (column == nil || diagnostic.column == column)
                && (severity == nil || diagnostic.severity.rawValue == severity)
                && (message_contains.map { diagnostic.message.contains($0) } ?? true)
        }
    }

    var diagnostics: [Expected]
    /// Symbolic links made in a copy of the site before the run (path in the site -> target), so the
    /// repository holds no link that points out of it.
    var symlinks: [String: String]?

    static let root = Fixtures.path("broken")

    static var caseNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: root + "/" + $0 + "/expected.json") }.sorted()
    }
}

/// Every broken site yields exactly the diagnostics its `expected.json` lists, at those places.
@Test(arguments: BrokenSiteExpectation.caseNames)
func brokenSiteReportsItsDiagnostics(_ name: String) throws {
    let folder = BrokenSiteExpectation.root + "/" + name
    let expectation = try JSONDecoder().decode(
        BrokenSiteExpectation.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/expected.json")))
    let site = try Fixtures.copy(ofSite: folder)
    defer { Fixtures.remove(site) }
    try FileManager.default.removeItem(atPath: site + "/expected.json")
    for (path, target) in expectation.symlinks ?? [:] {
        try FileManager.default.createSymbolicLink(atPath: site + "/" + path, withDestinationPath: target)
    }

    let actual = Fixtures.build(site: site, output: nil).diagnostics.sorted
    let described = actual.map { "\($0.file):\($0.line):\($0.column): \($0.severity.rawValue): \($0.message) [\($0.code)]" }
    var unmatched = actual
    for expected in expectation.diagnostics {
        if let index = unmatched.firstIndex(where: expected.matches) {
            unmatched.remove(at: index)
        } else {
            Issue.record("\(name): expected \(expected) but got:\n\(described.joined(separator: "\n"))")
        }
    }
    for extra in unmatched {
        Issue.record("\(name): unexpected \(extra.file):\(extra.line):\(extra.column): \(extra.message) [\(extra.code)]")
    }
    #expect(BrokenSiteExpectation.caseNames.count >= 40)
}

/// A broken case that expects an error must also fail `build`, leaving no output folder behind.
@Test(.tags(.slow), .skippedInFastRun) func brokenSitesWithErrorsDoNotPublish() throws {
    for name in BrokenSiteExpectation.caseNames where !name.hasPrefix("symlink") {
        let folder = BrokenSiteExpectation.root + "/" + name
        let expectation = try JSONDecoder().decode(
            BrokenSiteExpectation.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/expected.json")))
        let expectsError = expectation.diagnostics.contains { $0.severity != "warning" }
        let site = try Fixtures.copy(ofSite: folder)
        defer { Fixtures.remove(site) }
        let output = site + "/output"
        let result = Fixtures.build(site: site, output: output)
        #expect(result.published == !expectsError, "\(name)")
        if expectsError { #expect(!FileManager.default.fileExists(atPath: output), "\(name) left an output folder") }
    }
}
