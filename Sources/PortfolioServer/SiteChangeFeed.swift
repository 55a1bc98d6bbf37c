import Foundation

/// Tells the preview when a file the build reads has changed (`portfolio.yaml`, `confidential.txt`,
/// `resume.json`, `content/`, `templates/`). On Linux the kernel's file events (inotify) report each
/// save at once and a short quiet time merges a burst; elsewhere, or when inotify refuses, the
/// watcher polls snapshots. What changed is not passed on: the incremental build finds it.
public final class SiteChangeFeed: Sendable {
    /// How the changes are noticed.
    enum Method: Sendable {
        #if os(Linux)
        case fileEvents(InotifyWatch)
        #endif
        case polling(Task<Void, Never>)
    }

    /// Editors write a file in several steps, far closer together than this (its sync before the close
    /// is covered by `InotifyWatch.openWriteGrace`); the quiet time merges such steps with a margin for a
    /// loaded machine and stays a small part of a rebuild (BENCHMARKS.md, "Preview reload"). Once every
    /// file written is closed, inotify waits a sixth of it (`InotifyWatch.quietTime`).
    public static let defaultDebounce: Duration = .milliseconds(30)

    /// One element per burst of edits; bursts that come while a rebuild runs wait as one. Ends
    /// after `stop()`.
    public let changes: AsyncStream<Void>
    let method: Method
    private let continuation: AsyncStream<Void>.Continuation

    public init(siteDirectory: String, debounce: Duration = SiteChangeFeed.defaultDebounce) {
        let (changes, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        self.changes = changes
        self.continuation = continuation
        #if os(Linux)
        if let watch = try? InotifyWatch(siteDirectory: siteDirectory, debounce: debounce, onChange: { continuation.yield() }) {
            method = .fileEvents(watch)
            return
        }
        #endif
        let polling = SiteWatcher(siteDirectory: siteDirectory)
        let initial = polling.snapshot()
        method = .polling(Task {
            var stamps = initial
            while let next = await polling.nextChange(after: stamps) {
                stamps = next
                continuation.yield()
            }
        })
    }

    /// Stops watching, releases the descriptor or the polling task, and ends `changes`.
    public func stop() {
        switch method {
        #if os(Linux)
        case .fileEvents(let watch): watch.stop()
        #endif
        case .polling(let task): task.cancel()
        }
        continuation.finish()
    }

    deinit { stop() }
}
