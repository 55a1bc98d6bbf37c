/// What training did to one metric, judged in the metric's own direction: the figures a write-up quotes.
public struct Improvement: Sendable, Hashable {
    /// How the last value compares with the first, given which way is better.
    public enum Direction: String, Sendable, Hashable, Codable {
        case improved, regressed, unchanged, unknown
    }

    public var first: MetricPoint
    public var last: MetricPoint
    /// The best value in the metric's direction (the earliest on ties); the last point when the direction is unknown.
    public var best: MetricPoint
    /// `last - first`, in the metric's unit (percentage points for a percent).
    public var absolute: Double
    /// `absolute / |first|`; nil when the first value is 0.
    public var relative: Double?
    public var direction: Direction
    /// Whether the last value reaches the target; nil without a target or a known direction.
    public var targetMet: Bool?
    public var better: Better?

    /// The relative change counted positive when the metric got better, for comparing metrics of either direction.
    public var relativeGain: Double? {
        guard let relative, let better else { return nil }
        return better == .higher ? relative : -relative
    }
}

/// The improvement figures of a series; nil for a series without points (the validator reports those).
public func improvement(of series: MetricSeries) -> Improvement? {
    let points = series.points
    guard let first = points.first, let last = points.last else { return nil }
    let better = series.effectiveBetter
    // By index, so that no point is copied while the best is looked for.
    var bestIndex = points.count - 1
    if let better {
        bestIndex = 0
        for index in points.indices.dropFirst()
        where better == .higher ? points[index].value > points[bestIndex].value : points[index].value < points[bestIndex].value {
            bestIndex = index
        }
    }
    let best = points[bestIndex]
    let absolute = last.value - first.value
    let relative: Double? = first.value == 0 ? nil : absolute / abs(first.value)
    let direction: Improvement.Direction
    if absolute == 0 {
        direction = .unchanged
    } else if let better {
        direction = (absolute > 0) == (better == .higher) ? .improved : .regressed
    } else {
        direction = .unknown
    }
    var targetMet: Bool?
    if let target = series.target, let better {
        targetMet = better == .higher ? last.value >= target : last.value <= target
    }
    return Improvement(
        first: first, last: last, best: best, absolute: absolute, relative: relative,
        direction: direction, targetMet: targetMet, better: better)
}
