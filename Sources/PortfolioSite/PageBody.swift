import Synchronization

/// A page's rendered body, held once for every copy of the page. The write stage lets go of the bodies
/// once the files that show them are written, so a large site does not hold them all while it renders
/// its lists.
final class PageBody: Sendable {
    private let html: Mutex<String?>

    init(_ html: String) {
        self.html = Mutex(html)
    }

    /// The HTML. Reading it after `release()` is a mistake of the write stage, not of the site.
    var text: String {
        html.withLock { html in
            guard let html else { preconditionFailure("a page body was read after the write stage let it go") }
            return html
        }
    }

    func release() {
        html.withLock { $0 = nil }
    }
}
