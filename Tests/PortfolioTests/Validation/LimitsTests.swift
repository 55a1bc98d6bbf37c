import Foundation
@testable import PortfolioBuild
@testable import PortfolioContent
@testable import PortfolioMetrics
@testable import PortfolioSupport
import Testing

/// Inputs at the edges: very large and very deep files, empty files, files that go away or cannot be
/// read, and symbolic links that loop. Each gets a diagnostic or is handled, in bounded time.
private let config = "title: Limits\nbase_url: https://example.com/\n"

private func seconds(_ work: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    work()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

@Test(.tags(.slow), .skippedInFastRun) func fiftyMegabyteMarkdownFileIsReadInBoundedTime() throws {
    let site = Fixtures.site(["portfolio.yaml": config])
    defer { Fixtures.remove(site) }
    let paragraph = String(repeating: "Preference data for the reward model, reviewed twice. ", count: 18) + "\n\n"
    var text = "---\ntitle: Huge\n---\n"
    let target = 50 * 1024 * 1024
    text.reserveCapacity(target + paragraph.utf8.count)
    while text.utf8.count < target { text += paragraph }
    try FileManager.default.createDirectory(atPath: site + "/content/projects", withIntermediateDirectories: true)
    try text.write(toFile: site + "/content/projects/huge.md", atomically: false, encoding: .utf8)
    var result: BuildResult?
    let elapsed = seconds { result = Fixtures.build(site: site, output: nil) }
    #expect(result?.diagnostics.hasErrors == false, "\(result?.diagnostics.sorted ?? [])")
    #expect(elapsed < 120, "a 50 MB page took \(elapsed) s")
}

@Test func fileOverTheSizeCapIsReportedNotRead() throws {
    let site = Fixtures.site(["portfolio.yaml": config, "content/projects/ok.md": "---\ntitle: Ok\n---\nText.\n"])
    defer { Fixtures.remove(site) }
    let path = site + "/content/projects/giant.md"
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    // A sparse file: 65 MB on paper, nothing on disk.
    #expect(truncate(path, off_t(FileReader.maximumSize + 1024 * 1024)) == 0)
    let result = Fixtures.build(site: site, output: nil)
    let diagnostic = try #require(result.diagnostics.first("content.unreadable"))
    #expect(diagnostic.file == "content/projects/giant.md")
    #expect(diagnostic.message.contains("64 MB"))
}

@Test(arguments: [
    ("quotes", String(repeating: "> ", count: 10_000) + "deep"),
    ("lists", String(repeating: "- ", count: 10_000) + "deep"),
    ("indented lists", (0..<2_000).map { String(repeating: "  ", count: $0) + "- item" }.joined(separator: "\n")),
    ("emphasis", String(repeating: "*", count: 10_000) + "x" + String(repeating: "*", count: 10_000)),
    ("links", String(repeating: "[", count: 10_000) + "x" + String(repeating: "](/)", count: 10_000)),
])
func tenThousandDeepNestingIsHandled(kind: String, body: String) {
    let site = Fixtures.site(["portfolio.yaml": config, "content/projects/deep.md": "---\ntitle: Deep \(kind)\n---\n" + body + "\n"])
    defer { Fixtures.remove(site) }
    var result: BuildResult?
    let elapsed = seconds { result = Fixtures.build(site: site, output: site + "/output") }
    #expect(result?.published == true, "\(kind): \(result?.diagnostics.sorted ?? [])")
    #expect(elapsed < 60, "\(kind) took \(elapsed) s")
}

@Test(arguments: [
    ("flow sequence", "deep: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)),
    ("flow mapping", "deep: " + String(repeating: "{a: ", count: 10_000) + "1" + String(repeating: "}", count: 10_000)),
])
func tenThousandDeepYAMLIsHandled(kind: String, yaml: String) {
    let site = Fixtures.site(["portfolio.yaml": config, "content/projects/deep.md": "---\ntitle: Deep\n\(yaml)\n---\nText.\n"])
    defer { Fixtures.remove(site) }
    let result = Fixtures.build(site: site, output: nil)
    // Either parsed (and kept under params) or reported; never a crash.
    for diagnostic in result.diagnostics.all { #expect(diagnostic.file == "content/projects/deep.md", "\(kind): \(diagnostic)") }
}

@Test func hugeNumbersAreReportedOrShown() {
    let site = Fixtures.site([
        "portfolio.yaml": config,
        "content/projects/p/index.md": "---\ntitle: Big\nweight: 99999999999999999999\nhours: 1e400\n---\nText about it.\n",
        "content/projects/p/metrics.yaml": """
            metrics:
              - name: accuracy
                better: higher
                points:
                  - { step: 0, value: -1.7976931348623157e308 }
                  - { step: 100000000000000000000000, value: 1.7976931348623157e308, stderr: 1e308 }
            """,
    ])
    defer { Fixtures.remove(site) }
    let result = Fixtures.build(site: site, output: site + "/output")
    #expect(result.diagnostics.first("front-matter.type")?.line == 3)
    #expect(result.diagnostics.sorted.filter { $0.code == "front-matter.type" }.map(\.line) == [3, 4])
}

@Test func emptyFilesAreHandled() {
    let site = Fixtures.site([
        "portfolio.yaml": "",
        "content/index.md": "",
        "content/projects/empty.md": "",
        "content/projects/p/index.md": "---\n---\n",
        "content/projects/p/metrics.yaml": "",
        "content/projects/q/index.md": "---\ntitle: Q\n---\nText.\n",
        "content/projects/q/metrics.csv": "",
        "templates/partials/footer.mustache": "",
    ])
    defer { Fixtures.remove(site) }
    let result = Fixtures.build(site: site, output: nil)
    let codes = result.diagnostics.codes
    #expect(codes.contains("metrics.empty"))
    #expect(result.diagnostics.sorted.contains { $0.code == "metrics.empty" && $0.file == "content/projects/q/metrics.csv" })
    #expect(result.diagnostics.sorted.contains { $0.code == "content.empty" && $0.file == "content/projects/empty.md" })
}

/// A file found by the scan and gone (or turned into a dangling link) before it is read.
@Test func fileThatVanishesBetweenScanAndReadIsReported() throws {
    let site = Fixtures.site([
        "portfolio.yaml": config,
        "content/projects/gone.md": "---\ntitle: Gone\n---\nText.\n",
        "content/projects/dangling.md": "---\ntitle: Dangling\n---\nText.\n",
    ])
    defer { Fixtures.remove(site) }
    var diagnostics = Diagnostics()
    let tree = ContentScanner.scan(siteDirectory: site, diagnostics: &diagnostics)
    #expect(tree.markdown.count == 2)
    try FileManager.default.removeItem(atPath: site + "/content/projects/gone.md")
    try FileManager.default.removeItem(atPath: site + "/content/projects/dangling.md")
    try FileManager.default.createSymbolicLink(atPath: site + "/content/projects/dangling.md", withDestinationPath: "nowhere.md")
    for file in tree.markdown {
        var fileDiagnostics = Diagnostics()
        let parser = PageParser(siteDirectory: site + "/", config: SiteConfig(), content: ContentIndex(files: []))
        #expect(parser.page(file, diagnostics: &fileDiagnostics) == nil)
        #expect(fileDiagnostics.first("content.unreadable")?.file == file.sitePath)
    }
}

@Test(.enabled(if: getuid() != 0, "root reads files whatever their permissions"))
func unreadableFileIsReported() throws {
    let site = Fixtures.site(["portfolio.yaml": config, "content/projects/secret.md": "---\ntitle: S\n---\nText.\n"])
    defer { Fixtures.remove(site) }
    chmod(site + "/content/projects/secret.md", 0)
    let result = Fixtures.build(site: site, output: nil)
    #expect(result.diagnostics.first("content.unreadable")?.file == "content/projects/secret.md")
}

@Test func symlinkLoopsEndInBoundedTime() throws {
    let site = Fixtures.site(["portfolio.yaml": config, "content/projects/p.md": "---\ntitle: P\n---\nText.\n"])
    defer { Fixtures.remove(site) }
    let projects = site + "/content/projects"
    try FileManager.default.createSymbolicLink(atPath: projects + "/a", withDestinationPath: "b")
    try FileManager.default.createSymbolicLink(atPath: projects + "/b", withDestinationPath: "a")
    try FileManager.default.createSymbolicLink(atPath: projects + "/up", withDestinationPath: "..")
    try FileManager.default.createSymbolicLink(atPath: projects + "/here", withDestinationPath: ".")
    var result: BuildResult?
    let elapsed = seconds { result = Fixtures.build(site: site, output: nil) }
    #expect(elapsed < 60, "a symlink loop must not hang the scan")
    let broken = result?.diagnostics.sorted.filter { $0.code == "content.broken-link" }.map(\.file) ?? []
    #expect(broken == ["content/projects/a", "content/projects/b"])
}
