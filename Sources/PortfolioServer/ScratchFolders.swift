import Foundation
import PortfolioSupport

/// `serve`'s private build folders in the temporary folder. Each is named for the process that made
/// it, so the next `serve` can remove the ones a killed `serve` left behind: a SIGKILL gives it no
/// chance to clean up, and a big site's preview holds hundreds of megabytes.
enum ScratchFolders {
    static let prefix = "portfolio-serve-"

    /// `portfolio-serve-<process id>-<UUID>`.
    static func name(processID: Int32, id: UUID = UUID()) -> String {
        prefix + "\(processID)-" + id.uuidString
    }

    /// Where a preview is built inside its folder.
    static func output(of folder: String) -> String {
        folder + "/site"
    }

    /// The folders in `temporary` whose process is no longer running, by full path. Folders named
    /// another way (an older `serve` named them by UUID alone) are left alone: nothing tells whether
    /// their process still runs.
    static func abandoned(in temporary: String, isRunning: (Int32) -> Bool = isRunning) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? []
        return names.filter { name in
            guard let processID = processID(in: name) else { return false }
            return !isRunning(processID)
        }.sorted().map { SitePaths.folder(temporary) + $0 }
    }

    /// The process id of a name made by `name(processID:id:)`, nil for any other name.
    static func processID(in name: String) -> Int32? {
        guard name.hasPrefix(prefix) else { return nil }
        let rest = name.dropFirst(prefix.count)
        guard let dash = rest.firstIndex(of: "-"), let processID = Int32(rest[..<dash]), processID > 0,
              UUID(uuidString: String(rest[rest.index(after: dash)...])) != nil
        else { return nil }
        return processID
    }

    /// Whether a process with this id exists (`kill` with signal 0 only checks; EPERM means it
    /// exists but belongs to someone else) and is not a zombie.
    static func isRunning(_ processID: Int32) -> Bool {
        guard kill(processID, 0) == 0 || errno == EPERM else { return false }
        return !isZombie(processID)
    }

    /// A killed process keeps its id as a zombie until its parent collects it, which can take a
    /// while under a parent that is not a shell. Linux shows the state in `/proc/<id>/stat`, after
    /// the command name in parentheses; elsewhere the answer is false.
    static func isZombie(_ processID: Int32) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(processID)/stat", encoding: .utf8),
              let nameEnd = status.lastIndex(of: ")")
        else { return false }
        return status[nameEnd...].dropFirst(2).first == "Z"
    }
}
