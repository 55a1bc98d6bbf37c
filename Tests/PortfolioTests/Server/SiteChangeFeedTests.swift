import Foundation
@testable import PortfolioServer
import Synchronization
import Testing

/// `serve` rebuilds when the confidential term list changes, as it does for `portfolio.yaml`.
@Test func watcherSeesConfidentialTxtAppear() throws {
    let site = Fixtures.site(["portfolio.yaml": "title: W\n", "content/about.md": "About.\n"])
    defer { Fixtures.remove(site) }
    let watcher = SiteWatcher(siteDirectory: site)
    let before = watcher.snapshot()
    try "Acme\n".write(toFile: site + "/confidential.txt", atomically: false, encoding: .utf8)
    #expect(watcher.snapshot() != before)
}

#if os(Linux)
/// Counts what a watcher reports, from a task of its own, so a test can wait for a count.
private final class ChangeCount: Sendable {
    private final class Count: Sendable { let value = Mutex(0) }
    private let count = Count()
    private let reader: Task<Void, Never>

    init(_ feed: SiteChangeFeed) {
        let count = count
        reader = Task { for await _ in feed.changes { count.value.withLock { $0 += 1 } } }
    }

    var value: Int { count.value.withLock { $0 } }

    /// Returns once the watcher's `changes` have ended.
    func ended() async { await reader.value }

    /// True once `value` reaches `expected`. The limit is a generous bound for a loaded machine, not
    /// a timing: on a quiet one a change arrives in about the debounce time.
    func reaches(_ expected: Int, within limit: Duration = .seconds(10)) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while value < expected, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        return value >= expected
    }
}

/// A watcher on a fresh site with `content/about.md`, for one test; stopped at the end.
private func withWatcher(debounce: Duration = SiteChangeFeed.defaultDebounce,
                         _ body: (SiteChangeFeed, ChangeCount, String) async throws -> Void) async throws {
    let site = Fixtures.site(["portfolio.yaml": "title: W\n", "content/about.md": "About.\n", "templates/.keep": ""])
    defer { Fixtures.remove(site) }
    let watcher = SiteChangeFeed(siteDirectory: site, debounce: debounce)
    defer { watcher.stop() }
    guard case .fileEvents = watcher.method else {
        Issue.record("on Linux the watcher uses inotify, not polling")
        return
    }
    try await body(watcher, ChangeCount(watcher), site)
}

private func write(_ text: String, to path: String) throws {
    try text.write(toFile: path, atomically: false, encoding: .utf8)
}

/// The time an unchanged site is watched to show that nothing is reported: several debounce times.
private let quietTime: Duration = .milliseconds(300)

@Test func watcherReportsAFileWrittenInPlace() async throws {
    try await withWatcher { _, changes, site in
        try write("About, edited.\n", to: site + "/content/about.md")
        #expect(try await changes.reaches(1))
    }
}

@Test func watcherWaitsForAFileBeingWrittenToBeClosed() async throws {
    try await withWatcher { _, changes, site in
        let file = try #require(FileHandle(forWritingAtPath: site + "/content/about.md"))
        try file.write(contentsOf: Data("About, half".utf8))
        // Longer than the debounce, shorter than `InotifyWatch.openWriteGrace`.
        try await Task.sleep(for: .milliseconds(100))
        #expect(changes.value == 0)
        try file.write(contentsOf: Data(" written.\n".utf8))
        try file.close()
        #expect(try await changes.reaches(1))
        try await Task.sleep(for: quietTime)
        #expect(changes.value == 1)
    }
}

@Test func watcherReportsAFileRenamedIntoPlace() async throws {
    try await withWatcher { _, changes, site in
        // Written beside the site's files under a name the build does not read: not a change yet.
        try write("title: Renamed\n", to: site + "/portfolio.yaml.tmp")
        try await Task.sleep(for: quietTime)
        #expect(changes.value == 0)
        #expect(rename(site + "/portfolio.yaml.tmp", site + "/portfolio.yaml") == 0)
        #expect(try await changes.reaches(1))
    }
}

@Test func watcherReportsFilesInAFolderCreatedAfterItStarted() async throws {
    try await withWatcher { _, changes, site in
        try FileManager.default.createDirectory(atPath: site + "/content/projects/new", withIntermediateDirectories: true)
        try write("First.\n", to: site + "/content/projects/new/index.md")
        #expect(try await changes.reaches(1))
        // Once settled, an edit inside the new folder is seen too: the folder got a watch of its own.
        try await Task.sleep(for: quietTime)
        let settled = changes.value
        try write("Second.\n", to: site + "/content/projects/new/index.md")
        #expect(try await changes.reaches(settled + 1))
    }
}

@Test func watcherReportsADeletedFile() async throws {
    try await withWatcher { _, changes, site in
        try FileManager.default.removeItem(atPath: site + "/content/about.md")
        #expect(try await changes.reaches(1))
    }
}

@Test func watcherReportsNothingWhenNothingTheBuildReadsChanges() async throws {
    try await withWatcher { _, changes, site in
        // The build's own cache and a stray output folder live in the site folder but are not its input.
        try FileManager.default.createDirectory(atPath: site + "/.portfolio-cache", withIntermediateDirectories: true)
        try write("cache", to: site + "/.portfolio-cache/pages.bin")
        try FileManager.default.createDirectory(atPath: site + "/output", withIntermediateDirectories: true)
        try write("<p>", to: site + "/output/index.html")
        try await Task.sleep(for: quietTime)
        #expect(changes.value == 0)
    }
}

@Test func watcherMergesABurstOfWritesIntoOneChange() async throws {
    // A long quiet time, so a busy machine pausing between two writes cannot split the burst.
    try await withWatcher(debounce: .milliseconds(200)) { _, changes, site in
        for step in 1...5 { try write("Step \(step).\n", to: site + "/content/about.md") }
        #expect(try await changes.reaches(1))
        try await Task.sleep(for: .milliseconds(600))
        #expect(changes.value == 1)
    }
}

@Test(.timeLimit(.minutes(1)))
func stoppingTheWatcherClosesItsDescriptorAndEndsItsChanges() async throws {
    try await withWatcher { watcher, changes, _ in
        guard case .fileEvents(let watch) = watcher.method else { return }
        // The kernel's record of the descriptor lists its watches; another test's watcher reusing the
        // number after `stop()` would list other folders.
        let fdinfo = "/proc/self/fdinfo/\(watch.descriptor)"
        let open = try String(contentsOfFile: fdinfo, encoding: .utf8)
        #expect(open.contains("inotify wd:"))
        watcher.stop()
        #expect((try? String(contentsOfFile: fdinfo, encoding: .utf8)) != open)
        await changes.ended()
    }
}
#endif
