import Foundation
import CAtomicSwap

/// A folder beside `output/` that a build writes into; only a build that finished without errors
/// swaps it in, in one step, so a failed or killed build leaves the previous site as it was.
public struct Staging: Sendable {
    /// A failure of the machine (disk full, permissions), not of the user's site.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public let outputDirectory: String
    public let path: String

    /// Creates a fresh staging folder, first removing ones left by builds that were killed.
    public static func create(for outputDirectory: String) throws(Failure) -> Staging {
        let output = outputDirectory.hasSuffix("/") ? String(outputDirectory.dropLast()) : outputDirectory
        let parent = (output as NSString).deletingLastPathComponent
        let name = (output as NSString).lastPathComponent
        let parentPath = parent.isEmpty ? "." : parent
        try makeDirectories(parentPath)
        for leftover in ContentScanner.listDirectory(parentPath) ?? [] where leftover.hasPrefix(".\(name).staging-") {
            try? FileManager.default.removeItem(atPath: parentPath + "/" + leftover)
        }
        let path = parentPath + "/.\(name).staging-\(getpid())"
        guard mkdir(path, 0o755) == 0 else { throw Failure(description: "cannot create \(path): \(String(cString: strerror(errno)))") }
        return Staging(outputDirectory: output, path: path)
    }

    /// Writes one file, creating its folders as needed. Plain POSIX calls: Foundation's writers
    /// `fsync` every file, which makes a large site several times slower to write.
    public func write(_ bytes: some Collection<UInt8>, to relativePath: String) throws(Failure) {
        let target = path + "/" + relativePath
        var descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0, errno == ENOENT {
            try Staging.makeDirectories((target as NSString).deletingLastPathComponent)
            descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else { throw Failure(description: "cannot write \(target): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let failed: Bool = bytes.withContiguousStorageIfAvailable { buffer in
            Staging.writeAll(descriptor, buffer)
        } ?? Array(bytes).withUnsafeBufferPointer { Staging.writeAll(descriptor, $0) }
        if failed { throw Failure(description: "cannot write \(target): \(String(cString: strerror(errno)))") }
    }

    public func write(_ text: String, to relativePath: String) throws(Failure) {
        var text = text
        let failure = text.withUTF8 { buffer -> Failure? in
            do throws(Failure) {
                try write(buffer, to: relativePath)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    /// Swaps the staging folder in as the output folder and deletes the previous output.
    public func publish() throws(Failure) {
        var info = stat()
        if lstat(outputDirectory, &info) != 0 {
            guard rename(path, outputDirectory) == 0 else {
                throw Failure(description: "cannot move \(path) to \(outputDirectory): \(String(cString: strerror(errno)))")
            }
            return
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw Failure(description: "\(outputDirectory) exists and is not a folder; remove it or choose another --output")
        }
        if portfolio_exchange_paths(path, outputDirectory) != 0 {
            // Filesystems without an exchange operation: two renames, with the old output kept until the end.
            let previous = path + "-previous"
            guard rename(outputDirectory, previous) == 0, rename(path, outputDirectory) == 0 else {
                throw Failure(description: "cannot replace \(outputDirectory): \(String(cString: strerror(errno)))")
            }
            try? FileManager.default.removeItem(atPath: previous)
            return
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Removes the staging folder of a build that will not publish.
    public func discard() {
        try? FileManager.default.removeItem(atPath: path)
    }

    private static func writeAll(_ descriptor: Int32, _ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        var offset = 0
        while offset < buffer.count {
            let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0, errno == EINTR { continue }
            if written <= 0 { return true }
            offset += written
        }
        return false
    }

    static func makeDirectories(_ path: String) throws(Failure) {
        if path.isEmpty || mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        if errno == ENOENT {
            try makeDirectories((path as NSString).deletingLastPathComponent)
            if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        }
        throw Failure(description: "cannot create the folder \(path): \(String(cString: strerror(errno)))")
    }
}
