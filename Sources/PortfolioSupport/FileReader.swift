#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole files with POSIX calls: Foundation's readers cost more per file and this runs once per input.
public enum FileReader {
    public struct Failure: Error, Sendable {
        public var message: String
    }

    /// The largest input file accepted; a bigger one is reported instead of read.
    public static let maximumSize = 64 * 1024 * 1024

    public static func bytes(atPath path: String) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(message: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Failure(message: String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw Failure(message: "not a regular file") }
        let size = Int(info.st_size)
        guard size <= maximumSize else { throw Failure(message: "the file is larger than \(maximumSize / 1024 / 1024) MB") }
        var failure: Failure?
        // Read into uninitialised storage: zero-filling first costs as much as the read.
        let buffer = [UInt8](unsafeUninitializedCapacity: size) { storage, initialized in
            var filled = 0
            while filled < size {
                let count = read(descriptor, storage.baseAddress! + filled, size - filled)
                if count < 0, errno == EINTR { continue }
                if count < 0 { failure = Failure(message: String(cString: strerror(errno))) }
                if count <= 0 { break }
                filled += count
            }
            initialized = filled
        }
        if let failure { throw failure }
        return buffer
    }
}
