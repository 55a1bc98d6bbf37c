import Foundation
import PortfolioBuild

/// Notices edits to a site by comparing snapshots of the files it reads: `portfolio.yaml`,
/// `confidential.txt`, `resume.json`, `content/` and `templates/`. The portable half of
/// `SiteChangeFeed`, for systems without inotify (macOS) and for a Linux machine out of inotify
/// watches: cheap at portfolio sizes (hundreds of files), but an edit waits up to a polling interval.
public struct SiteWatcher: Sendable {
    /// What identifies one version of a file.
    public struct Stamp: Hashable, Sendable {
        var modified: Int64
        var size: Int64
        var inode: UInt64
    }

    public let siteDirectory: String

    public init(siteDirectory: String) {
        self.siteDirectory = siteDirectory.hasSuffix("/") ? String(siteDirectory.dropLast()) : siteDirectory
    }

    /// Every watched file by path. Two equal snapshots mean nothing the build reads has changed.
    public func snapshot() -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        for name in SiteBuild.siteFiles {
            add(siteDirectory + "/" + name, to: &stamps)
        }
        for folder in ["content", "templates"] {
            walk(siteDirectory + "/" + folder, into: &stamps, depth: 0)
        }
        return stamps
    }

    private func walk(_ directory: String, into stamps: inout [String: Stamp], depth: Int) {
        guard depth < 32, let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        add(directory, to: &stamps)
        for entry in entries {
            let path = directory + "/" + entry
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                walk(path, into: &stamps, depth: depth + 1)
            } else {
                add(path, to: &stamps)
            }
        }
    }

    private func add(_ path: String, to stamps: inout [String: Stamp]) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        stamps[path] = Stamp(modified: Int64(info.modifiedNanoseconds), size: Int64(info.st_size), inode: UInt64(info.st_ino))
    }

    /// Waits until a snapshot differs from `previous` and then stays the same for `quiet`, so a save that
    /// writes several files causes one rebuild. Returns the settled snapshot, or nil when cancelled.
    public func nextChange(after previous: [String: Stamp], interval: Duration = .milliseconds(300), quiet: Duration = .milliseconds(150)) async -> [String: Stamp]? {
        var current = previous
        while current == previous {
            do { try await Task.sleep(for: interval) } catch { return nil }
            current = snapshot()
        }
        while true {
            do { try await Task.sleep(for: quiet) } catch { return nil }
            let settled = snapshot()
            if settled == current { return settled }
            current = settled
        }
    }
}
