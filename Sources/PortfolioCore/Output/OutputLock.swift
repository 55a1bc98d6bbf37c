import Foundation

/// Makes builds into one output folder take turns. Two at once (from two terminals, or an editor
/// task and a script) would otherwise share the staging folder and publish a mix of both sites. An
/// exclusive `flock` on the folder that holds the output and its staging folder, so no lock file is
/// left behind; the system drops it if the process dies. Builds into sibling folders take turns too.
final class OutputLock: Sendable {
    private let descriptor: Int32

    /// Waits until no other build holds the lock of `outputDirectory`, then holds it until `release`.
    init(for outputDirectory: String) throws(Staging.Failure) {
        let folder = Staging.place(of: outputDirectory).parent
        try Staging.makeDirectories(folder)
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Staging.Failure(description: "cannot open \(folder): \(String(cString: strerror(errno)))") }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw Staging.Failure(description: "cannot lock \(folder): \(reason)")
            }
        }
        self.descriptor = descriptor
    }

    func release() {
        close(descriptor)
    }
}
