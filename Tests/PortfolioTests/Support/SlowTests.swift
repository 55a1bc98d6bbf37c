import Foundation
import Testing

extension Tag {
    /// Whole-program tests that take seconds each: they kill builds, race them, build mutated sites,
    /// replay random edit sequences, read a 50 MB page, resize generated photos or run the preview server.
    @Tag static var slow: Self
}

extension Trait where Self == ConditionTrait {
    /// Leaves a slow test out of a run with `PORTFOLIO_FAST_TESTS` set, so the fast set runs alone in
    /// seconds; `swift test` without it (the README's command, and CI) runs everything.
    static var skippedInFastRun: Self {
        .disabled(if: ProcessInfo.processInfo.environment["PORTFOLIO_FAST_TESTS"] != nil, "a slow test; PORTFOLIO_FAST_TESTS is set")
    }
}
