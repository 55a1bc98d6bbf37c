import Foundation
import PortfolioSupport

/// What an output folder holds, file by file: what each file was made from and a fingerprint of its
/// bytes. Kept in the site's cache folder with the folder's inode, so a folder that was removed or
/// replaced since is not trusted.
public struct OutputManifest: Sendable {
    public struct Entry: Sendable, Hashable {
        /// Hash of everything the file's bytes depend on (see `RenderInputs.key(of:in:)`); 0 when unknown.
        public var inputKey: UInt64
        public var contentHash: UInt64
    }

    public var files: [String: Entry] = [:]

    static let formatVersion = "portfolio output manifest 1"

    /// The manifest at `path`, if it describes the folder now at `directory`.
    static func load(_ path: String, describing directory: String) -> OutputManifest? {
        guard let inode = inode(of: directory), let bytes = try? FileReader.bytes(atPath: path) else { return nil }
        var reader = CacheReader(bytes)
        do throws(CacheReader.Corrupt) {
            guard try reader.read(String.self) == formatVersion, try reader.read(UInt64.self) == inode else { return nil }
            var manifest = OutputManifest()
            let count = try reader.read(Int.self)
            manifest.files.reserveCapacity(max(0, count))
            for _ in 0..<max(0, count) {
                let path: String = try reader.read()
                manifest.files[path] = Entry(inputKey: try reader.read(), contentHash: try reader.read())
            }
            return reader.isAtEnd ? manifest : nil
        } catch {
            return nil
        }
    }

    func save(to path: String, describing directory: String) {
        guard let inode = OutputManifest.inode(of: directory) else { return }
        var writer = CacheWriter()
        writer.write(OutputManifest.formatVersion)
        writer.write(inode)
        writer.write(files.count)
        for (path, entry) in files {
            writer.write(path)
            writer.write(entry.inputKey)
            writer.write(entry.contentHash)
        }
        CacheFile.write(writer.bytes, to: path)
    }

    static func inode(of directory: String) -> UInt64? {
        var info = stat()
        guard lstat(directory, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
        return UInt64(info.st_ino)
    }
}

/// Where the cache folder is, and its files written whole or not at all (a temporary name, then a
/// rename), so a killed build never leaves half a cache file behind.
package enum CacheFile {
    /// The site's cache folder, `.portfolio-cache` in `siteDirectory` (a path ending in `/`).
    package static func folder(of siteDirectory: String) -> String {
        siteDirectory + ".portfolio-cache"
    }

    static func write(_ bytes: [UInt8], to path: String) {
        write(to: path) { part in _ = part(bytes) }
    }

    /// Writes each part `produce` hands over as soon as it is made, so that the parts need not all
    /// be in memory at once; `part` answers false once a write has failed (the file is then not kept).
    static func write(to path: String, _ produce: (_ part: ([UInt8]) -> Bool) -> Void) {
        try? Staging.makeDirectories((path as NSString).deletingLastPathComponent)
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        var complete = true
        produce { bytes in
            complete = complete && bytes.withUnsafeBufferPointer { Staging.writeFully(descriptor, $0) }
            return complete
        }
        close(descriptor)
        if complete { rename(temporary, path) } else { unlink(temporary) }
    }
}
