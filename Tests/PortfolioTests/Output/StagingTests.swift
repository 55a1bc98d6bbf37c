import Foundation
@testable import PortfolioOutput
import Testing

@Test func publishSwapsTheNewSiteInAndRemovesTheOld() throws {
    let scratch = Fixtures.scratchDirectory()
    defer { Fixtures.remove(scratch) }
    let output = scratch + "/output"
    try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
    try "old".write(toFile: output + "/stale.html", atomically: false, encoding: .utf8)
    let staging = try Staging.create(for: output)
    try staging.write("new", to: "deep/folder/index.html")
    try staging.publish()
    #expect(Fixtures.tree(output) == ["deep/folder/index.html": Data("new".utf8)])
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch) == ["output"])
}

@Test func failedBuildLeavesThePreviousOutputUntouched() throws {
    let site = Fixtures.site([
        "portfolio.yaml": "title: S\n",
        "content/projects/a.md": "---\ntitle: A\n---\nFine.\n",
    ])
    defer { Fixtures.remove(site) }
    #expect(Fixtures.build(site: site, output: site + "/output").published)
    let before = Fixtures.tree(site + "/output")
    try "---\ntitle: B\ndate: 2024-13-01\n---\n".write(toFile: site + "/content/projects/b.md", atomically: false, encoding: .utf8)
    let failed = Fixtures.build(site: site, output: site + "/output")
    #expect(!failed.published)
    #expect(failed.diagnostics.first("front-matter.date")?.file == "content/projects/b.md")
    #expect(Fixtures.tree(site + "/output") == before)
    #expect(try FileManager.default.contentsOfDirectory(atPath: site).sorted() == [".portfolio-cache", "content", "output", "portfolio.yaml"])
}

@Test func staleStagingFoldersOfKilledBuildsAreCleanedUp() throws {
    let scratch = Fixtures.scratchDirectory()
    defer { Fixtures.remove(scratch) }
    try FileManager.default.createDirectory(atPath: scratch + "/.output.staging-99999/x", withIntermediateDirectories: true)
    let staging = try Staging.create(for: scratch + "/output")
    staging.discard()
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty)
}

@Test func theOutputBeforeLastIsTheNextStagingFolderAndItsManifestDescribesIt() throws {
    let scratch = Fixtures.scratchDirectory()
    defer { Fixtures.remove(scratch) }
    let (output, cache) = (scratch + "/output", scratch + "/cache")
    var staging = try Staging.create(for: output, cacheDirectory: cache)
    let first = try staging.write("one", to: "a.txt")
    try staging.publish(files: ["a.txt": first])
    staging = try Staging.create(for: output, cacheDirectory: cache)
    let second = try staging.write("two", to: "a.txt", inputKey: 2)
    try staging.publish(files: ["a.txt": second])
    staging = try Staging.create(for: output, cacheDirectory: cache)
    #expect(staging.held.files == ["a.txt": first])
    #expect(staging.published.files == ["a.txt": second])
    #expect(try String(contentsOfFile: staging.path + "/a.txt", encoding: .utf8) == "one")
}
