import CAtomicSwap
import Foundation
import PortfolioContent
import PortfolioSupport

/// A folder beside `output/` that a build writes into; only a build that finished without errors
/// swaps it in, in one step, so a failed or killed build leaves the previous site as it was.
///
/// With a cache folder, the output before last is kept as `.output.previous` after the swap and
/// becomes the next build's staging folder: the build then touches only the files whose inputs
/// changed, linking the rest from the published output, so an edit costs a few file operations
/// instead of rewriting the whole site, and unchanged files keep their bytes and times.
public struct Staging: Sendable {
    /// A failure of the machine (disk full, permissions), not of the user's site.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String

        package init(description: String) {
            self.description = description
        }
    }

    public let outputDirectory: String
    public let path: String
    /// Where the manifests of this output live; nil when nothing is reused or kept.
    let manifestPath: String?
    /// What the staging folder held when it was taken: the output before last, or nothing.
    let held: OutputManifest
    /// What the published output holds.
    let published: OutputManifest

    /// Takes the folder of the output before last as staging when its manifest vouches for it, and
    /// otherwise creates a fresh one, first removing folders left by builds that were killed.
    public static func create(for outputDirectory: String, cacheDirectory: String? = nil) throws(Failure) -> Staging {
        let (output, parentPath, name) = place(of: outputDirectory)
        try makeDirectories(parentPath)
        for leftover in ContentScanner.listDirectory(parentPath) ?? [] where leftover.hasPrefix(".\(name).staging-") {
            try? FileManager.default.removeItem(atPath: parentPath + "/" + leftover)
        }
        let path = parentPath + "/.\(name).previous"
        let manifestPath = cacheDirectory.map { manifestLocation(of: output, in: $0) }
        var published = OutputManifest()
        var held = OutputManifest()
        if let manifestPath {
            published = OutputManifest.load(manifestPath + ".bin", describing: output) ?? OutputManifest()
            held = OutputManifest.load(manifestPath + "-previous.bin", describing: path) ?? OutputManifest()
            // From here the folder no longer matches its manifest until the build publishes.
            unlink(manifestPath + "-previous.bin")
        }
        if held.files.isEmpty {
            try? FileManager.default.removeItem(atPath: path)
            guard mkdir(path, 0o755) == 0 else { throw Failure(description: "cannot create \(path): \(String(cString: strerror(errno)))") }
        }
        return Staging(outputDirectory: output, path: path, manifestPath: manifestPath, held: held, published: published)
    }

    /// Puts in place, without producing it again, a file that the staging folder or the published
    /// output already has from the same inputs; nil when the caller must produce it.
    public func reuse(_ relativePath: String, inputKey: UInt64) throws(Failure) -> OutputManifest.Entry? {
        if let entry = held.files[relativePath], entry.inputKey == inputKey { return entry }
        if let entry = published.files[relativePath], entry.inputKey == inputKey {
            if let failure = link(relativePath) { throw failure }
            return entry
        }
        return nil
    }

    /// Writes one file, unless the staging folder or the published output already holds these bytes.
    /// Returns the file's manifest entry.
    @discardableResult
    public func write(_ bytes: [UInt8], to relativePath: String, inputKey: UInt64 = 0) throws(Failure) -> OutputManifest.Entry {
        try bytes.withUnsafeBufferPointer { buffer in Result { () throws(Failure) in try write(buffer, to: relativePath, inputKey: inputKey) } }.get()
    }

    /// Writes the text's UTF-8 as it is stored, without a copy.
    @discardableResult
    public func write(_ text: String, to relativePath: String, inputKey: UInt64 = 0) throws(Failure) -> OutputManifest.Entry {
        var text = text
        return try text.withUTF8 { buffer in Result { () throws(Failure) in try write(buffer, to: relativePath, inputKey: inputKey) } }.get()
    }

    private func write(_ buffer: UnsafeBufferPointer<UInt8>, to relativePath: String, inputKey: UInt64) throws(Failure) -> OutputManifest.Entry {
        let entry = OutputManifest.Entry(inputKey: inputKey, contentHash: ContentHash.ofBytes(buffer))
        if let failure = place(buffer, at: relativePath, hash: entry.contentHash) { throw failure }
        return entry
    }

    private func place(_ buffer: UnsafeBufferPointer<UInt8>, at relativePath: String, hash: UInt64) -> Failure? {
        if let entry = held.files[relativePath], entry.contentHash == hash { return nil }
        if let entry = published.files[relativePath], entry.contentHash == hash { return link(relativePath) }
        let target = path + "/" + relativePath
        var descriptor: Int32 = -1
        if let failure = Staging.newName(target, { descriptor = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644); return descriptor >= 0 }) {
            return Failure(description: "cannot write \(target): \(failure)")
        }
        defer { close(descriptor) }
        return Staging.writeFully(descriptor, buffer) ? nil : Failure(description: "cannot write \(target): \(String(cString: strerror(errno)))")
    }

    /// Makes the staging file another name of the published one: same bytes, same time.
    private func link(_ relativePath: String) -> Failure? {
        let target = path + "/" + relativePath
        let source = outputDirectory + "/" + relativePath
        guard let failure = Staging.newName(target, { Foundation.link(source, target) == 0 }) else { return nil }
        return Failure(description: "cannot link \(source) to \(target): \(failure)")
    }

    /// Runs `make`, which creates the name `target` and fails if it exists, until it succeeds: after
    /// removing an existing file of that name (it may be a link to the published file, which must
    /// never be written through), or after making the missing folders. A fresh staging folder needs
    /// neither, so most names cost one call. The reason when it cannot be made.
    private static func newName(_ target: String, _ make: () -> Bool) -> String? {
        if make() { return nil }
        if errno == EEXIST {
            unlink(target)
            if make() { return nil }
        }
        if errno == ENOENT {
            if let failure = folders(for: target) { return failure.description }
            if make() { return nil }
        }
        return String(cString: strerror(errno))
    }

    private static func folders(for file: String) -> Failure? {
        do throws(Failure) {
            try makeDirectories((file as NSString).deletingLastPathComponent)
            return nil
        } catch {
            return error
        }
    }

    /// Removes what the staging folder held that this build does not publish, swaps the staging folder in
    /// as the output folder, and keeps the previous output as the next staging folder (or deletes it
    /// without a cache). `files` lists every file of the new output.
    public func publish(files: [String: OutputManifest.Entry] = [:]) throws(Failure) {
        removeFilesNotIn(files)
        let previousIsHere = try swapIntoPlace()
        if previousIsHere, let manifestPath, !published.files.isEmpty {
            // The published output's manifest names its folder by inode, which the exchange moved
            // to the staging folder's place: the file describes the output before last as it is.
            if rename(manifestPath + ".bin", manifestPath + "-previous.bin") != 0 { record(published, at: path, in: "-previous.bin") }
        }
        record(OutputManifest(files: files), at: outputDirectory, in: ".bin")
        if previousIsHere, manifestPath == nil || published.files.isEmpty { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Moves the staging folder to the output's place. True when the previous output now sits at the
    /// staging folder's place (an exchange); false when there was none or it was removed.
    private func swapIntoPlace() throws(Failure) -> Bool {
        var info = stat()
        if lstat(outputDirectory, &info) != 0 {
            guard rename(path, outputDirectory) == 0 else {
                throw Failure(description: "cannot move \(path) to \(outputDirectory): \(String(cString: strerror(errno)))")
            }
            return false
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw Failure(description: "\(outputDirectory) exists and is not a folder; remove it or choose another --output")
        }
        if portfolio_exchange_paths(path, outputDirectory) == 0 { return true }
        // Filesystems without an exchange operation: two renames, with the old output kept until the end.
        let previous = path + "-old"
        guard rename(outputDirectory, previous) == 0, rename(path, outputDirectory) == 0 else {
            throw Failure(description: "cannot replace \(outputDirectory): \(String(cString: strerror(errno)))")
        }
        try? FileManager.default.removeItem(atPath: previous)
        return false
    }

    /// Removes the staging folder of a build that will not publish.
    public func discard() {
        try? FileManager.default.removeItem(atPath: path)
    }

    private func record(_ manifest: OutputManifest, at directory: String, in suffix: String) {
        guard let manifestPath else { return }
        manifest.save(to: manifestPath + suffix, describing: directory)
    }

    /// Deletes held files the new output lacks, and the folders that leaves empty.
    private func removeFilesNotIn(_ files: [String: OutputManifest.Entry]) {
        var folders: Set<String> = []
        for relativePath in held.files.keys where files[relativePath] == nil {
            unlink(path + "/" + relativePath)
            var folder = relativePath
            while let slash = folder.lastIndex(of: "/") {
                folder = String(folder[..<slash])
                folders.insert(folder)
            }
        }
        for folder in folders.sorted(by: { $0.count > $1.count }) { rmdir(path + "/" + folder) }
    }

    /// Writes all of `buffer` with POSIX `write`, again after interruptions; false when the system
    /// refuses (disk full, ...), with `errno` saying why. Used by the cache files too.
    static func writeFully(_ descriptor: Int32, _ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        var offset = 0
        while offset < buffer.count {
            let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0, errno == EINTR { continue }
            if written <= 0 { return false }
            offset += written
        }
        return true
    }

    /// Where the cache keeps the manifests of `outputDirectory`, before their suffixes.
    static func manifestLocation(of outputDirectory: String, in cacheDirectory: String) -> String {
        cacheDirectory + "/output-" + ContentHash.short(Array(place(of: outputDirectory).output.utf8))
    }

    /// Removes the manifests of an output folder that is gone for good.
    package static func forgetManifests(of outputDirectory: String, in cacheDirectory: String) {
        let path = manifestLocation(of: outputDirectory, in: cacheDirectory)
        unlink(path + ".bin")
        unlink(path + "-previous.bin")
    }

    /// The output folder's path without a trailing slash, the folder that holds it (and the staging
    /// folder; `OutputLock` locks it) and its name.
    static func place(of outputDirectory: String) -> (output: String, parent: String, name: String) {
        let output = outputDirectory.hasSuffix("/") ? String(outputDirectory.dropLast()) : outputDirectory
        let parent = (output as NSString).deletingLastPathComponent
        return (output, parent.isEmpty ? "." : parent, (output as NSString).lastPathComponent)
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
