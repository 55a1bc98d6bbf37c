import Dispatch
import Synchronization

/// Time of the work a build does many times over, summed over the threads that did it: each
/// template's renders, the Markdown files, the metric files. `--timings` prints it under the stages,
/// so a theme author sees which template costs most, as Hugo's template metrics show. Only measured
/// when asked for. Each item is timed by the monotonic clock, which the C library reads without a
/// system call; reading the thread's CPU clock instead cost about 3% more CPU in a cold build.
public final class WorkTimes: Sendable {
    /// One kind of work: how many times it ran and the time it took in all.
    public struct Total: Sendable, Equatable {
        public var name: String
        public var count: Int
        public var seconds: Double
    }

    private let totals = Mutex<[String: (count: Int, nanoseconds: Int)]>([:])

    public init() {}

    /// Runs `work` and adds the time it took to `name`.
    func measure<Value>(_ name: String, _ work: () -> Value) -> Value {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = work()
        let elapsed = Int(DispatchTime.now().uptimeNanoseconds - start)
        totals.withLock { totals in
            let total = totals[name, default: (0, 0)]
            totals[name] = (total.count + 1, total.nanoseconds + elapsed)
        }
        return value
    }

    /// Every kind of work measured, the costliest first.
    public var totalsByCost: [Total] {
        totals.withLock { totals in
            totals.map { Total(name: $0.key, count: $0.value.count, seconds: Double($0.value.nanoseconds) / 1e9) }
        }.sorted { ($0.seconds, $1.name) > ($1.seconds, $0.name) }
    }
}

extension Optional where Wrapped == WorkTimes {
    /// `work`, measured when there is a `WorkTimes` to add it to (the name is made only then).
    package func measure<Value>(_ name: @autoclosure () -> String, _ work: () -> Value) -> Value {
        guard let times = self else { return work() }
        return times.measure(name(), work)
    }
}
