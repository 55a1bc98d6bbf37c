import Foundation
import Testing

/// The `portfolio` binary built beside the tests, or nil when `swift build` has not made it.
private let portfolioBinary: String? = {
    let candidates = [
        Fixtures.repositoryRoot + "/.build/debug/portfolio",
        Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("portfolio").path,
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
}()

/// A site of `count` small projects; `version` changes every page so old and new output differ everywhere.
private func generatedSite(at directory: String, pages count: Int, version: Int) {
    // No social cards: two thousand PNGs would make each build minutes long without changing what is tested.
    var files = ["portfolio.yaml": "title: Kill test v\(version)\nbase_url: https://example.com/\nsocial_cards: false\n"]
    for index in 0..<count {
        files["content/projects/p\(index).md"] = """
            ---
            title: Project \(index) version \(version)
            publish_date: 2024-01-\(String(format: "%02d", index % 28 + 1))
            tags: [t\(index % 17), v\(version)]
            ---
            Write-up \(index), revision \(version): preference data, rubrics and evaluation notes.

            """
    }
    try? FileManager.default.removeItem(atPath: directory + "/content")
    for (relative, text) in files {
        let path = directory + "/" + relative
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! text.write(toFile: path, atomically: false, encoding: .utf8)
    }
}

/// Starts `portfolio build` and returns the running process.
private func startBuild(_ binary: String, site: String, output: String) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = ["build", "--site", site, "--output", output]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
}

/// A build killed at any moment leaves output/ as the complete old site or the complete new one.
@Test(.timeLimit(.minutes(5)), .tags(.slow), .skippedInFastRun)
func killedBuildLeavesOldOrNewSiteNeverAMix() throws {
    guard let binary = portfolioBinary else {
        Issue.record("skipped: no portfolio binary at .build/debug/portfolio; run `swift build` first")
        return
    }
    let scratch = Fixtures.scratchDirectory()
    defer { Fixtures.remove(scratch) }
    let site = scratch + "/site"
    let pages = 2_000

    generatedSite(at: site, pages: pages, version: 1)
    var process = try startBuild(binary, site: site, output: scratch + "/old")
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "the old site must build")
    let oldTree = Fixtures.tree(scratch + "/old")

    generatedSite(at: site, pages: pages, version: 2)
    let started = Date()
    process = try startBuild(binary, site: site, output: scratch + "/new")
    process.waitUntilExit()
    let buildTime = Date().timeIntervalSince(started)
    try #require(process.terminationStatus == 0, "the new site must build")
    let newTree = Fixtures.tree(scratch + "/new")
    try #require(oldTree.count > pages && newTree.count == oldTree.count && oldTree != newTree)

    var random = SeededGenerator(seed: 20_261_127)
    var outcomes: [String] = []
    for fraction in [0.05, 0.2, 0.4, 0.6, 0.8, 0.95, 1.1] {
        let output = scratch + "/output"
        try? FileManager.default.removeItem(atPath: output)
        try FileManager.default.copyItem(atPath: scratch + "/old", toPath: output)
        let delay = buildTime * fraction * Double.random(in: 0.9...1.1, using: &random)
        process = try startBuild(binary, site: site, output: output)
        Thread.sleep(forTimeInterval: delay)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let tree = Fixtures.tree(output)
        let outcome = tree == oldTree ? "old" : tree == newTree ? "new" : "MIXED"
        outcomes.append("\(Int(delay * 1000)) ms: \(outcome)")
        #expect(outcome != "MIXED", "killed after \(delay) s: output/ holds \(tree.count) files, neither the old nor the new site")
    }
    print("kill test (build takes \(Int(buildTime * 1000)) ms): \(outcomes.joined(separator: ", "))")
}
