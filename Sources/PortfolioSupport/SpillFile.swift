#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// An unnamed temporary file that holds text made early in a build and read late, so that the text
/// waits on disk (or in the kernel's page cache) instead of in the process: the rendered bodies of
/// thousands of pages, between the parse and the write of each page. The file loses its name as soon as it
/// is made, so nothing is left behind however the process ends.
public final class SpillFile: Sendable {
    private let descriptor: Int32
    /// Where the next text goes.
    private let end = Mutex(0)

    /// A file in `directory`; nil when none can be made there, and the caller keeps its text in memory.
    public init?(directory: String) {
        var template = Array((SitePaths.folder(directory) + "portfolio-spill-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { return nil }
        _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        self.descriptor = descriptor
    }

    /// The system's folder for temporary files: `TMPDIR`, else `/tmp`.
    public static var temporaryDirectory: String {
        getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    }

    deinit { close(descriptor) }

    /// Where one text is in the file.
    public struct Text: Sendable {
        let file: SpillFile
        let offset: Int
        let count: Int

        /// The text as written; nil if the file cannot be read.
        public func read() -> String? { file.read(self) }
    }

    /// Writes `text` at the end of the file; nil if it could not be written whole (the disk is full).
    public func write(_ text: String) -> Text? {
        var text = text
        return text.withUTF8 { utf8 -> Text? in
            guard !utf8.isEmpty else { return Text(file: self, offset: 0, count: 0) }
            let offset = end.withLock { end in
                defer { end += utf8.count }
                return end
            }
            var written = 0
            while written < utf8.count {
                let count = pwrite(descriptor, utf8.baseAddress! + written, utf8.count - written, off_t(offset + written))
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return nil }
                written += count
            }
            return Text(file: self, offset: offset, count: utf8.count)
        }
    }

    private func read(_ text: Text) -> String? {
        var complete = true
        let read = String(unsafeUninitializedCapacity: text.count) { storage in
            var filled = 0
            while filled < text.count {
                let count = pread(descriptor, storage.baseAddress! + filled, text.count - filled, off_t(text.offset + filled))
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                filled += count
            }
            complete = filled == text.count
            return filled
        }
        return complete ? read : nil
    }
}
