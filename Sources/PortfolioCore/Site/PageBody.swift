import Foundation

/// A page's rendered body, held once for every copy of the page. The write stage lets go of the bodies
/// once the files that show them are written, so a large site does not hold them all while it renders
/// its lists.
final class PageBody: @unchecked Sendable {
    private let lock = NSLock()
    private var html: String?

    init(_ html: String) {
        self.html = html
    }

    /// The HTML. Reading it after `release()` is a mistake of the write stage, not of the site.
    var text: String {
        lock.withLock {
            guard let html else { preconditionFailure("a page body was read after the write stage let it go") }
            return html
        }
    }

    func release() {
        lock.withLock { html = nil }
    }
}
