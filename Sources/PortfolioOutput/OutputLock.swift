import Foundation

/// Makes builds into one output folder take turns. Two at once (from two terminals, or an editor
/// task and a script) would otherwise share the staging folder and publish a mix of both sites. An
/// exclusive `flock` on the folder that holds the output and its staging folder, so no lock file is
/// left behind; the system drops it if the process dies. Builds into sibling folders take turns too.
package final class OutputLock: Sendable {
    /// -1 when the folder could not be locked.
    private let descriptor: Int32

    /// Waits until no other build holds the lock of `outputDirectory`, then holds it until `release`.
    /// Where the folder cannot be opened or locked (no read permission, a network file system
    /// without `flock`), the build goes on without taking turns, as builds did before the lock.
    package init(for outputDirectory: String) throws(Staging.Failure) {
        let folder = Staging.place(of: outputDirectory).parent
        try Staging.makeDirectories(folder)
        var descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor >= 0 {
            var locked = flock(descriptor, LOCK_EX) == 0
            while !locked, errno == EINTR { locked = flock(descriptor, LOCK_EX) == 0 }
            if !locked {
                close(descriptor)
                descriptor = -1
            }
        }
        self.descriptor = descriptor
    }

    package func release() {
        if descriptor >= 0 { close(descriptor) }
    }
}
