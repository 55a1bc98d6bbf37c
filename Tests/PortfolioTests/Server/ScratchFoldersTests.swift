import Foundation
@testable import PortfolioServer
import Testing

@Test func scratchFolderNamesCarryTheProcessThatMadeThem() {
    let name = ScratchFolders.name(processID: 4242)
    #expect(name.hasPrefix("portfolio-serve-4242-"))
    #expect(ScratchFolders.processID(in: name) == 4242)
    // Names made by an older serve (a UUID alone) or by anything else name no process.
    #expect(ScratchFolders.processID(in: "portfolio-serve-" + UUID().uuidString) == nil)
    #expect(ScratchFolders.processID(in: "portfolio-serve-12-notauuid") == nil)
    #expect(ScratchFolders.processID(in: "portfolio-serve--1-" + UUID().uuidString) == nil)
    #expect(ScratchFolders.processID(in: "other-12-" + UUID().uuidString) == nil)
}

@Test func onlyFoldersOfProcessesThatAreGoneAreAbandoned() throws {
    let temporary = Fixtures.scratchDirectory()
    defer { Fixtures.remove(temporary) }
    let gone = ScratchFolders.name(processID: 101)
    let running = ScratchFolders.name(processID: 202)
    let older = "portfolio-serve-" + UUID().uuidString
    for name in [gone, running, older, "unrelated"] {
        try FileManager.default.createDirectory(atPath: temporary + "/" + name, withIntermediateDirectories: true)
    }
    let abandoned = ScratchFolders.abandoned(in: temporary) { $0 == 202 }
    #expect(abandoned == [temporary + "/" + gone])
}

@Test(.timeLimit(.minutes(5)))
func previewRemovesTheFolderAKilledPreviewLeftAndItsRecordsInTheCache() async throws {
    let site = Fixtures.site(["portfolio.yaml": "title: T\nbase_url: https://example.com/\n", "content/about.md": "---\ntitle: About\n---\nText.\n"])
    defer { Fixtures.remove(site) }
    let abandoned = NSTemporaryDirectory() + ScratchFolders.name(processID: try finishedProcessID())
    defer { Fixtures.remove(abandoned) }
    #expect(Fixtures.build(site: site, output: ScratchFolders.output(of: abandoned)).published)

    let server = PreviewServer(options: .init(siteDirectory: site, host: "127.0.0.1", port: 0))
    _ = try await server.start()
    let abandonedIsGone = !FileManager.default.fileExists(atPath: abandoned)
    await server.stop()
    #expect(abandonedIsGone)
    let cacheFiles = try FileManager.default.contentsOfDirectory(atPath: site + "/.portfolio-cache")
    #expect(cacheFiles.allSatisfy { $0.hasPrefix("pages") || $0 == "folders.bin" || $0 == "images" }, "\(cacheFiles)")
}

@Test func theRunningProcessIsRunningAndAFinishedOneIsNot() throws {
    #expect(ScratchFolders.isRunning(getpid()))
    #expect(ScratchFolders.isRunning(try finishedProcessID()) == false)
}

@Test func aKilledProcessNotYetCollectedIsNotRunning() throws {
    var processID: pid_t = 0
    let arguments: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sleep"), strdup("60"), nil]
    defer { arguments.forEach { free($0) } }
    #expect(posix_spawn(&processID, "/bin/sleep", nil, nil, arguments, environ) == 0)
    #expect(ScratchFolders.isRunning(processID))
    kill(processID, SIGKILL)
    // Until it is collected the process is a zombie: `kill(id, 0)` still finds it.
    let deadline = Date().addingTimeInterval(30)
    while !ScratchFolders.isZombie(processID), Date() < deadline { usleep(10_000) }
    #expect(kill(processID, 0) == 0)
    #expect(ScratchFolders.isRunning(processID) == false)
    var status: Int32 = 0
    waitpid(processID, &status, 0)
}

/// The id of a child process that has exited and been waited for.
func finishedProcessID() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
}
