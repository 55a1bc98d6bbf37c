#if os(Linux)
import Dispatch
import Foundation
import Glibc
import PortfolioBuild
import Synchronization

/// The Linux half of `SiteChangeFeed`: the kernel reports each edit as it happens, so the preview
/// rebuilds a few milliseconds after a save instead of up to a polling interval later. One inotify
/// descriptor watches the site folder (for its own files) and every folder of `content/` and
/// `templates/`; a thread of its own blocks in `poll()` on it, so the server's executor never waits.
final class InotifyWatch: Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The inotify descriptor, open until `stop()`.
    let descriptor: Int32
    /// A pipe whose write end `stop()` writes to, to wake the thread at once.
    private let wakeup: (read: Int32, write: Int32)
    private let isStopped = Mutex(false)
    private let threadExited = DispatchSemaphore(value: 0)

    /// Watches `siteDirectory` and calls `onChange` on the watching thread once a burst of events has
    /// been quiet for `debounce`. Throws when the kernel refuses a descriptor or a watch (the limit of
    /// `fs.inotify.max_user_watches`), so the caller can poll instead.
    init(siteDirectory: String, debounce: Duration, onChange: @escaping @Sendable () -> Void) throws(Failure) {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { throw Failure(description: "inotify_init1: \(String(cString: strerror(errno)))") }
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            close(descriptor)
            throw Failure(description: "pipe: \(String(cString: strerror(errno)))")
        }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        wakeup = (ends[0], ends[1])
        var table = WatchTable(siteDirectory: siteDirectory, descriptor: descriptor)
        if let failure = table.watchEverything() {
            for end in [descriptor] + ends { close(end) }
            throw failure
        }
        let (watched, wakeup, exited) = (table, wakeup.read, threadExited)
        let thread = Thread {
            Self.run(table: watched, wakeup: wakeup, debounce: debounce, onChange: onChange)
            exited.signal()
        }
        thread.name = "portfolio site watcher"
        thread.start()
    }

    /// Ends the thread and closes the descriptors; later calls do nothing.
    func stop() {
        let first = isStopped.withLock { stopped in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        var byte: UInt8 = 1
        _ = write(wakeup.write, &byte, 1)
        threadExited.wait()
        for end in [descriptor, wakeup.read, wakeup.write] { close(end) }
    }

    deinit { stop() }

    /// The thread's loop: read events as they come, and report a change once they stop for `debounce`.
    private static func run(table: WatchTable, wakeup: Int32, debounce: Duration, onChange: @Sendable () -> Void) {
        var table = table
        var quietDeadline: ContinuousClock.Instant?
        while true {
            var fds = [pollfd(fd: table.descriptor, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeup, events: Int16(POLLIN), revents: 0)]
            let timeout = quietDeadline.map { Self.milliseconds(until: $0) } ?? -1
            let ready = poll(&fds, 2, timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if fds[1].revents != 0 { return }
            if fds[0].revents != 0, table.readEvents() {
                quietDeadline = .now + quietTime(after: table, debounce: debounce)
            } else if let deadline = quietDeadline, ContinuousClock.now >= deadline {
                quietDeadline = nil
                onChange()
            }
        }
    }

    /// How long to wait for more events after the last ones: a sixth of `debounce` once every file
    /// written has been closed (the editor is done; what else comes at once, a rename into place or
    /// another file of the same save, follows within microseconds), `debounce` after events that
    /// close nothing (a file deleted or renamed), and `openWriteGrace` while a file is still open.
    private static func quietTime(after table: WatchTable, debounce: Duration) -> Duration {
        guard table.filesBeingWritten.isEmpty else { return max(debounce, openWriteGrace) }
        return table.lastEventsClosedAWrite ? debounce / 6 : debounce
    }

    /// How long a file written but not yet closed may stay open before the site is rebuilt anyway.
    /// vim writes, then syncs to disk, then closes, longer apart when the disk is busy; a rebuild in
    /// that gap would be followed by a second one at the close (BENCHMARKS.md, "Preview reload").
    static let openWriteGrace: Duration = .milliseconds(500)

    /// Rounded up, so the thread never wakes just before the deadline and spins.
    private static func milliseconds(until deadline: ContinuousClock.Instant) -> Int32 {
        let left = ContinuousClock.now.duration(to: deadline)
        guard left > .zero else { return 0 }
        let (seconds, attoseconds) = left.components
        return Int32(seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
    }
}

/// Which folder each watch descriptor stands for, kept by the watching thread alone: a new
/// folder's path is its parent's path and the event's name, and only the site folder's own events
/// are filtered by name (`output/`, `.portfolio-cache/` and the like are not the site's input).
private struct WatchTable {
    let siteDirectory: String
    let descriptor: Int32
    private var folders: [Int32: String] = [:]
    private var siteWatch: Int32 = -1
    /// Files with a write since their last close: their writer is not done yet.
    private(set) var filesBeingWritten: Set<String> = []
    /// Whether the events last read closed a file written to.
    private(set) var lastEventsClosedAWrite = false

    static let treeFolders = ["content", "templates"]
    /// `IN_DONTFOLLOW`, which Glibc's module does not import.
    private static let dontFollow: UInt32 = 0x0200_0000
    private static let events = UInt32(IN_CLOSE_WRITE | IN_MODIFY | IN_ATTRIB | IN_CREATE | IN_DELETE
        | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF)

    init(siteDirectory: String, descriptor: Int32) {
        self.siteDirectory = siteDirectory.hasSuffix("/") ? String(siteDirectory.dropLast()) : siteDirectory
        self.descriptor = descriptor
    }

    /// Watches the site folder and both trees (again after a queue overflow: a folder already watched
    /// keeps its descriptor). Returns the first refusal other than a folder vanishing meanwhile.
    mutating func watchEverything() -> InotifyWatch.Failure? {
        let site = inotify_add_watch(descriptor, siteDirectory, Self.events | UInt32(IN_ONLYDIR))
        guard site >= 0 else { return Self.failure(siteDirectory) }
        siteWatch = site
        folders[site] = siteDirectory
        for name in Self.treeFolders {
            if let failure = watchTree(siteDirectory + "/" + name, depth: 0) { return failure }
        }
        return nil
    }

    /// Reads every queued event; true when one of them concerns a file the build reads.
    mutating func readEvents() -> Bool {
        var changed = false
        lastEventsClosedAWrite = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return changed }
            var offset = 0
            while offset + 16 <= count {
                let (watch, mask, nameLength, name) = buffer.withUnsafeBytes { bytes in
                    let nameLength = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    let nameBytes = bytes[(offset + 16)..<(offset + 16 + nameLength)].prefix { $0 != 0 }
                    return (bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                            bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                            nameLength, String(decoding: nameBytes, as: UTF8.self))
                }
                if handle(watch: watch, mask: mask, name: name) { changed = true }
                offset += 16 + nameLength
            }
        }
    }

    /// Keeps the watches in step with the folders, and tells whether the event matters to the build.
    private mutating func handle(watch: Int32, mask: UInt32, name: String) -> Bool {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            // Events were lost: watch whatever folders appeared meanwhile, and rebuild.
            _ = watchEverything()
            filesBeingWritten = []
            return true
        }
        if mask & UInt32(IN_IGNORED) != 0 {
            folders[watch] = nil
            return false
        }
        guard let folder = folders[watch] else { return false }
        if watch == siteWatch {
            guard name.isEmpty || SiteBuild.siteFiles.contains(name) || Self.treeFolders.contains(name) else { return false }
        }
        let path = folder + "/" + name
        if mask & UInt32(IN_MODIFY) != 0 {
            filesBeingWritten.insert(path)
        }
        if mask & UInt32(IN_CLOSE_WRITE | IN_DELETE | IN_MOVED_FROM) != 0 {
            filesBeingWritten.remove(path)
        }
        if mask & UInt32(IN_CLOSE_WRITE) != 0 { lastEventsClosedAWrite = true }
        guard !name.isEmpty, mask & UInt32(IN_ISDIR) != 0 else { return true }
        if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
            _ = watchTree(path, depth: watch == siteWatch ? 0 : depth(of: path))
        } else if mask & UInt32(IN_MOVED_FROM) != 0 {
            unwatchTree(path)
        }
        return true
    }

    /// Watches `folder` and every folder under it (not following links, as the build does not).
    private mutating func watchTree(_ folder: String, depth: Int) -> InotifyWatch.Failure? {
        guard depth < 32 else { return nil }
        let watch = inotify_add_watch(descriptor, folder, Self.events | UInt32(IN_ONLYDIR) | Self.dontFollow)
        guard watch >= 0 else {
            return errno == ENOENT || errno == ENOTDIR ? nil : Self.failure(folder)
        }
        folders[watch] = folder
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            let path = folder + "/" + entry
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { continue }
            if let failure = watchTree(path, depth: depth + 1) { return failure }
        }
        return nil
    }

    /// A folder moved away keeps its watches in the kernel; drop them, so a folder moved back in
    /// (or elsewhere in the tree) is watched under its new path.
    private mutating func unwatchTree(_ folder: String) {
        for (watch, path) in folders where path == folder || path.hasPrefix(folder + "/") {
            inotify_rm_watch(descriptor, watch)
            folders[watch] = nil
        }
    }

    private func depth(of path: String) -> Int {
        path.dropFirst(siteDirectory.count + 1).split(separator: "/").count - 1
    }

    private static func failure(_ folder: String) -> InotifyWatch.Failure {
        InotifyWatch.Failure(description: "inotify_add_watch \(folder): \(String(cString: strerror(errno)))")
    }
}
#endif
