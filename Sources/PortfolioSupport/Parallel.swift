import Dispatch
import Foundation
import Synchronization

/// Runs `transform` over `items` on every core and returns the results in order. Each result slot
/// is written by exactly one iteration, so no lock is needed.
package func parallelMap<Item: Sendable, Result: Sendable>(_ items: [Item], _ transform: @Sendable (Item) -> Result) -> [Result] {
    guard items.count > 1 else { return items.map(transform) }
    let results = UnsafeMutableBufferPointer<Result?>.allocate(capacity: items.count)
    results.initialize(repeating: nil)
    defer { results.deallocate() }
    nonisolated(unsafe) let slots = results
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
        slots[index] = transform(items[index])
    }
    return results.map { $0! }
}

/// Lets go of a finished build's values on another thread. Freeing ten thousand parsed pages (the
/// pages themselves, the cache entries, the indexes) took about a tenth of a second after the
/// output was published; the command need not wait for it, and a process that exits first simply
/// hands the memory back whole.
package func releaseInBackground(_ values: [any Sendable]) {
    DispatchQueue.global(qos: .utility).async { withExtendedLifetime(values) {} }
}

/// A value worked out on a thread of its own while the caller goes on; `value` waits for it. Its own
/// thread, not a queue's: `parallelMap` wants every worker of the shared pool, and a long task holding
/// one of them would leave a stage running on one core.
package final class BackgroundValue<Value: Sendable>: Sendable {
    private let result = Mutex<Value?>(nil)
    private let finished = DispatchSemaphore(value: 0)

    package init(_ work: @escaping @Sendable () -> Value) {
        let thread = Thread { [self] in
            let value = work()
            result.withLock { $0 = value }
            finished.signal()
        }
        thread.start()
    }

    package var value: Value {
        finished.wait()
        finished.signal()
        return result.withLock { $0! }
    }
}
