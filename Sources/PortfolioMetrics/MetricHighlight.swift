import PortfolioSupport

/// What the home page's highlights take from one project's metrics: small enough to keep in the build
/// cache, so a page restored from it need not read its metric files again.
public struct MetricHighlight: Sendable, Hashable {
    /// The largest relative gain of one metric, with its figures as they read.
    public struct Gain: Sendable, Hashable {
        public var gain: Double
        public var metric: String
        public var change: String
        public var changePercent: String
        public var improved: Bool

        package init(gain: Double, metric: String, change: String, changePercent: String, improved: Bool) {
            self.gain = gain
            self.metric = metric
            self.change = change
            self.changePercent = changePercent
            self.improved = improved
        }
    }

    /// The headline metric's change as the project card shows it (`+13.2 pts pass@1`), for the CV,
    /// which lists every project without reading its metric files again.
    public struct Headline: Sendable, Hashable {
        public var metric: String
        public var change: String
        public var improved: Bool
        public var regressed: Bool

        /// The card's figure: `MetricView` writes `change` from the same two calls.
        init?(_ series: MetricSeries) {
            guard let change = improvement(of: series) else { return nil }
            self.init(
                metric: series.name, change: DisplayNumber.change(change.absolute, unit: series.unit),
                improved: change.direction == .improved, regressed: change.direction == .regressed)
        }

        package init(metric: String, change: String, improved: Bool, regressed: Bool) {
            self.metric = metric
            self.change = change
            self.improved = improved
            self.regressed = regressed
        }
    }

    /// Whether any metric has points, which makes the project count as one with metrics.
    public var hasPoints = false
    public var headlineGain: Double?
    public var bestGain: Gain?
    public var headline: Headline?

    public init(_ set: MetricSet, headline: String?) {
        hasPoints = set.series.contains { !$0.points.isEmpty }
        guard hasPoints else { return }
        if let series = set.headline(named: headline) {
            headlineGain = improvement(of: series)?.relativeGain
            self.headline = Headline(series)
        }
        for series in set.series {
            guard let change = improvement(of: series), let gain = change.relativeGain else { continue }
            if bestGain == nil || gain > bestGain!.gain {
                bestGain = Gain(
                    gain: gain, metric: series.name, change: DisplayNumber.change(change.absolute, unit: series.unit),
                    changePercent: change.relative.map { DisplayNumber.percentChange($0) } ?? "",
                    improved: change.direction == .improved)
            }
        }
    }

    package init(hasPoints: Bool, headlineGain: Double?, bestGain: Gain?, headline: Headline? = nil) {
        self.hasPoints = hasPoints
        self.headlineGain = headlineGain
        self.bestGain = bestGain
        self.headline = headline
    }
}
