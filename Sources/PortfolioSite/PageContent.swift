import PortfolioMarkdown
import PortfolioMetrics
import PortfolioSupport
import Synchronization

/// What a page's own files make that only the files showing the page itself need: the rendered body,
/// its headings and its metrics. Held once for every copy of the page. A page restored from the build
/// cache comes without it, and the write stage lets the bodies go once the files that show them are
/// written; either way the next read makes it again from the files, through `load`. A parsed page's
/// body can wait in a spill file instead, from the parse to the write: it is read from there.
public final class PageContent: Sendable {
    public struct Parts: Sendable {
        public var html: String
        public var headings: [Heading]
        public var metrics: MetricSet?

        public init(html: String, headings: [Heading], metrics: MetricSet?) {
            self.html = html
            self.headings = headings
            self.metrics = metrics
        }
    }

    private struct Held {
        var html: String?
        /// The body, when it waits in a spill file rather than in `html`.
        var spilled: SpillFile.Text?
        var rest: (headings: [Heading], metrics: MetricSet?)?
        /// Makes the parts again; nil when the files cannot be read any more (or there is no `load`),
        /// and the page then shows none.
        var load: (@Sendable () -> Parts?)?
    }

    private let held: Mutex<Held>

    init(_ parts: Parts?) {
        held = Mutex(Held(html: parts?.html, rest: parts.map { ($0.headings, $0.metrics) }))
    }

    var html: String {
        let (html, spilled) = held.withLock { ($0.html, $0.spilled) }
        if let html { return html }
        if let read = spilled?.read() { return read }
        return loaded().html
    }

    var headings: [Heading] {
        if let rest = held.withLock({ $0.rest }) { return rest.headings }
        return loaded().headings
    }

    var metrics: MetricSet? {
        if let rest = held.withLock({ $0.rest }) { return rest.metrics }
        return loaded().metrics
    }

    /// The parts as held, or made again for what is not. Parsing runs outside the lock; when two
    /// threads make them at once, the first to finish is kept.
    private func loaded() -> Parts {
        guard let made = held.withLock({ $0.load })?() else { return Parts(html: "", headings: [], metrics: nil) }
        return held.withLock { held in
            if held.html == nil { held.html = made.html }
            if held.rest == nil { held.rest = (made.headings, made.metrics) }
            return Parts(html: held.html!, headings: held.rest!.headings, metrics: held.rest!.metrics)
        }
    }

    /// From now on, the parts not held are made through `load`.
    func makeWith(_ load: @escaping @Sendable () -> Parts?) {
        held.withLock { $0.load = load }
    }

    /// Moves the body into `file` until it is read; it stays held if it cannot be written.
    func spillHTML(to file: SpillFile) {
        held.withLock { held in
            guard let html = held.html, let spilled = file.write(html) else { return }
            held.spilled = spilled
            held.html = nil
        }
    }

    /// Lets go of the body, the largest part, once nothing left to render is likely to show it.
    func releaseHTML() {
        held.withLock { held in if held.load != nil { held.html = nil } }
    }
}
