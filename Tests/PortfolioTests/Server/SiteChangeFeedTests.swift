import Foundation
@testable import PortfolioServer
import Synchronization
import Testing

#if os(Linux)
// These tests are synchronous and count on the watch's own thread: a swift test run's slow tests
// can hold every cooperative thread for many seconds, and a count kept by a task would wait for one.

/// Counts the changes a watch reports.
private final class ChangeCount: Sendable {
    private let count = Mutex(0)

    func add() { count.withLock { $0 += 1 } }

    var value: Int { count.withLock { $0 } }

    /// True once `value` reaches `expected`. The limit is a generous bound for a loaded machine, not
    /// a timing: on a quiet one a change arrives in about the debounce time.
    func reaches(_ expected: Int, within seconds: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while value < expected, Date() < deadline { usleep(2_000) }
        return value >= expected
    }
}

/// A watch on a fresh site with `content/about.md`, for one test; stopped at the end.
private func withWatch(debounce: Duration = SiteChangeFeed.defaultDebounce,
                       _ body: (InotifyWatch, ChangeCount, String) throws -> Void) throws {
    let site = Fixtures.site(["portfolio.yaml": "title: W\n", "content/about.md": "About.\n", "templates/.keep": ""])
    defer { Fixtures.remove(site) }
    let changes = ChangeCount()
    let watch = try InotifyWatch(siteDirectory: site, debounce: debounce, onChange: { changes.add() })
    defer { watch.stop() }
    try body(watch, changes, site)
}

private func write(_ text: String, to path: String) throws {
    try text.write(toFile: path, atomically: false, encoding: .utf8)
}

/// Seconds since `start`, to tell whether a busy machine stretched a test's own pauses.
private func seconds(since start: Date) -> Double { Date().timeIntervalSince(start) }

/// The time an unchanged site is watched to show that nothing is reported: several debounce times.
private let quietMicroseconds: UInt32 = 300_000

@Test func watchReportsAFileWrittenInPlace() throws {
    try withWatch { _, changes, site in
        try write("About, edited.\n", to: site + "/content/about.md")
        #expect(changes.reaches(1))
    }
}

@Test func watchWaitsForAFileBeingWrittenToBeClosed() throws {
    try withWatch { _, changes, site in
        let file = try #require(FileHandle(forWritingAtPath: site + "/content/about.md"))
        let written = Date()
        try file.write(contentsOf: Data("About, half".utf8))
        // Longer than the debounce, shorter than `InotifyWatch.openWriteGrace` (unless the machine
        // held this thread back for most of it).
        usleep(100_000)
        let stillOpen = changes.value
        let early = seconds(since: written) < 0.4
        try file.write(contentsOf: Data(" written.\n".utf8))
        try file.close()
        #expect(changes.reaches(1))
        usleep(quietMicroseconds)
        if early {
            #expect(stillOpen == 0)
            #expect(changes.value == 1)
        }
    }
}

/// Once every file written is closed the editor is done: the change comes after a sixth of the quiet
/// time (here half a second), not the whole of it (three seconds); the bound is far from either.
@Test func watchReportsAClosedFileWithoutWaitingOutTheQuietTime() throws {
    try withWatch(debounce: .seconds(3)) { _, changes, site in
        try write("About, edited.\n", to: site + "/content/about.md")
        #expect(changes.reaches(1, within: 2))
    }
}

@Test func watchReportsAFileRenamedIntoPlace() throws {
    try withWatch { _, changes, site in
        // Written beside the site's files under a name the build does not read: not a change yet.
        try write("title: Renamed\n", to: site + "/portfolio.yaml.tmp")
        usleep(quietMicroseconds)
        #expect(changes.value == 0)
        #expect(rename(site + "/portfolio.yaml.tmp", site + "/portfolio.yaml") == 0)
        #expect(changes.reaches(1))
    }
}

@Test func watchReportsFilesInAFolderCreatedAfterItStarted() throws {
    try withWatch { _, changes, site in
        try FileManager.default.createDirectory(atPath: site + "/content/projects/new", withIntermediateDirectories: true)
        try write("First.\n", to: site + "/content/projects/new/index.md")
        #expect(changes.reaches(1))
        // Once settled, an edit inside the new folder is seen too: the folder got a watch of its own.
        usleep(quietMicroseconds)
        let settled = changes.value
        try write("Second.\n", to: site + "/content/projects/new/index.md")
        #expect(changes.reaches(settled + 1))
    }
}

@Test func watchReportsADeletedFile() throws {
    try withWatch { _, changes, site in
        try FileManager.default.removeItem(atPath: site + "/content/about.md")
        #expect(changes.reaches(1))
    }
}

@Test func watchReportsNothingWhenNothingTheBuildReadsChanges() throws {
    try withWatch { _, changes, site in
        // The build's own cache and a stray output folder live in the site folder but are not its input.
        try FileManager.default.createDirectory(atPath: site + "/.portfolio-cache", withIntermediateDirectories: true)
        try write("cache", to: site + "/.portfolio-cache/pages.bin")
        try FileManager.default.createDirectory(atPath: site + "/output", withIntermediateDirectories: true)
        try write("<p>", to: site + "/output/index.html")
        usleep(quietMicroseconds)
        #expect(changes.value == 0)
    }
}

@Test func watchMergesABurstOfWritesIntoOneChange() throws {
    // A long quiet time, so a busy machine pausing between two writes is unlikely to split the burst.
    try withWatch(debounce: .milliseconds(200)) { _, changes, site in
        let started = Date()
        for step in 1...5 { try write("Step \(step).\n", to: site + "/content/about.md") }
        let burst = seconds(since: started)
        #expect(changes.reaches(1))
        usleep(600_000)
        if burst < 0.2 { #expect(changes.value == 1) }
    }
}

@Test func stoppingTheWatchClosesItsDescriptor() throws {
    try withWatch { watch, _, _ in
        // The kernel's record of the descriptor lists its watches; another test's watch reusing the
        // number after `stop()` would list other folders.
        let fdinfo = "/proc/self/fdinfo/\(watch.descriptor)"
        let open = try String(contentsOfFile: fdinfo, encoding: .utf8)
        #expect(open.contains("inotify wd:"))
        watch.stop()
        #expect((try? String(contentsOfFile: fdinfo, encoding: .utf8)) != open)
    }
}

@Test func siteChangeFeedUsesInotifyAndEndsItsChangesWhenStopped() async throws {
    let site = Fixtures.site(["portfolio.yaml": "title: W\n", "content/about.md": "About.\n"])
    defer { Fixtures.remove(site) }
    let feed = SiteChangeFeed(siteDirectory: site)
    guard case .fileEvents = feed.method else {
        Issue.record("on Linux the feed uses inotify, not polling")
        return
    }
    feed.stop()
    var changes = feed.changes.makeAsyncIterator()
    #expect(await changes.next() == nil)
}
#endif
