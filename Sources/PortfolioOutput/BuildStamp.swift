import Foundation
import PortfolioSupport

/// Remembers what the last successful build was made from, so a build with nothing changed
/// (same content files by size and time, same theme, config, options, program and day) can
/// stop at once, leaving `output/` and its files' times untouched.
public struct BuildStamp: Codable, Equatable, Sendable {
    /// Hash of every input's identity.
    public var inputs: UInt64
    /// The published output folder as it was left: its inode and change time, so a removed or
    /// replaced folder is noticed.
    public var outputInode: UInt64
    public var outputChanged: Int
    /// What the build reported, shown again when it is skipped.
    public var diagnostics: [Diagnostic]
    public var pagesWritten: Int

    /// Where stamps live: one per output folder, in the site's cache folder.
    public static func path(siteDirectory: String, outputDirectory: String) -> String {
        CacheFile.folder(of: siteDirectory) + "/stamp-" + ContentHash.short(Array(outputDirectory.utf8)) + ".json"
    }

    /// Hashes the identity of everything a build reads. `extra` carries the options and anything else
    /// that changes the output (config bytes, theme bytes, today's date).
    public static func inputsHash(files: [SourceFile], extra: [String]) -> UInt64 {
        var writer = CacheWriter()
        for file in files {
            writer.write(file.sitePath)
            writer.write(file.size)
            writer.write(file.modified)
        }
        for item in extra { writer.write(item) }
        return ContentHash.ofBytes(writer.bytes)
    }

    /// The identity of the program itself, so a new version of portfolio rebuilds everything.
    public static var programIdentity: String {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return CommandLine.arguments.first ?? "" }
        return "\(info.st_size):\(info.st_mtim.tv_sec):\(info.st_mtim.tv_nsec)"
    }

    static func outputIdentity(_ directory: String) -> (inode: UInt64, changed: Int)? {
        var info = stat()
        guard lstat(directory, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
        return (UInt64(info.st_ino), info.st_ctim.nanoseconds)
    }

    /// The stamp of the last build into `outputDirectory`, if it matches `inputs` and the output is as it was left.
    public static func current(inputs: UInt64, siteDirectory: String, outputDirectory: String) -> BuildStamp? {
        guard let data = FileManager.default.contents(atPath: path(siteDirectory: siteDirectory, outputDirectory: outputDirectory)),
              let stamp = try? JSONDecoder().decode(BuildStamp.self, from: data),
              stamp.inputs == inputs,
              let output = outputIdentity(outputDirectory),
              output.inode == stamp.outputInode, output.changed == stamp.outputChanged
        else { return nil }
        return stamp
    }

    /// Records a successful build; failing to write the cache only costs the next build its shortcut.
    public static func record(inputs: UInt64, diagnostics: [Diagnostic], pagesWritten: Int, siteDirectory: String, outputDirectory: String) {
        guard let output = outputIdentity(outputDirectory) else { return }
        let stamp = BuildStamp(inputs: inputs, outputInode: output.inode, outputChanged: output.changed, diagnostics: diagnostics, pagesWritten: pagesWritten)
        guard let data = try? JSONEncoder().encode(stamp) else { return }
        CacheFile.write([UInt8](data), to: path(siteDirectory: siteDirectory, outputDirectory: outputDirectory))
    }
}
