import PortfolioSupport

/// Which way a metric should move for the model to count as better; drives every comparison.
public enum Better: String, Sendable, Codable, CaseIterable {
    case higher, lower
}

/// The unit a metric is measured in: decides how values and changes read (`42.1%`, `+13.2 pts`) and
/// which values are possible at all (a percent lies in 0-100).
public enum MetricUnit: Sendable, Hashable, Codable {
    case percent, fraction, score, count, seconds, tokens
    case other(String)

    /// Reads the unit as users write it; aliases such as `%` and `pct` mean percent.
    public init(_ text: String) {
        switch text.metricTrimmed().lowercased() {
        case "percent", "%", "pct", "percentage": self = .percent
        case "fraction", "ratio", "proportion": self = .fraction
        case "score", "", "number": self = .score
        case "count", "n": self = .count
        case "seconds", "second", "s", "sec", "secs": self = .seconds
        case "tokens", "token": self = .tokens
        default: self = .other(text.metricTrimmed())
        }
    }

    /// The canonical spelling, as written back into `metrics.json`.
    public var name: String {
        switch self {
        case .percent: "percent"
        case .fraction: "fraction"
        case .score: "score"
        case .count: "count"
        case .seconds: "seconds"
        case .tokens: "tokens"
        case .other(let text): text
        }
    }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}

/// One measurement of a metric at one point of training (a checkpoint, a round, a step).
public struct MetricPoint: Sendable, Hashable, Codable {
    /// Numeric position on the x axis; nil when the source named the point only by label.
    public var step: Double?
    public var label: String?
    public var value: Double
    public var stderr: Double?
    public var min: Double?
    public var max: Double?
    public var location: SourceLocation

    public init(
        step: Double? = nil, label: String? = nil, value: Double, stderr: Double? = nil,
        min: Double? = nil, max: Double? = nil, location: SourceLocation = SourceLocation(file: "")
    ) {
        self.step = step
        self.label = label
        self.value = value
        self.stderr = stderr
        self.min = min
        self.max = max
        self.location = location
    }
}

/// One named metric followed across training, in its unit and direction.
public struct MetricSeries: Sendable, Hashable, Codable {
    public var name: String
    public var unit: MetricUnit
    /// As written by the user; `effectiveBetter` adds what the name implies.
    public var better: Better?
    public var target: Double?
    public var points: [MetricPoint]
    public var location: SourceLocation

    public init(
        name: String, unit: MetricUnit = .score, better: Better? = nil, target: Double? = nil,
        points: [MetricPoint], location: SourceLocation = SourceLocation(file: "")
    ) {
        self.name = name
        self.unit = unit
        self.better = better
        self.target = target
        self.points = points
        self.location = location
    }

    /// Convenience for values given in order, steps 0, 1, 2...
    public init(name: String, unit: MetricUnit = .score, better: Better? = nil, target: Double? = nil, points values: [Double]) {
        self.init(
            name: name, unit: unit, better: better, target: target,
            points: values.enumerated().map { MetricPoint(step: Double($0.offset), value: $0.element) })
    }

    /// The direction written, else the one the metric's well-known name implies, else nil.
    public var effectiveBetter: Better? { better ?? Better.inferred(fromName: name) }
}

/// All the metrics of one project, from one or several files.
public struct MetricSet: Sendable, Hashable, Codable {
    public var model: String?
    public var baseline: String?
    public var series: [MetricSeries]
    /// Site-relative paths of the files the series came from.
    public var sources: [String]
    /// Settings of the run the metrics came from (MLflow params, W&B config), for templates.
    public var params: [String: String]

    public init(
        model: String? = nil, baseline: String? = nil, series: [MetricSeries] = [], sources: [String] = [],
        params: [String: String] = [:]
    ) {
        self.model = model
        self.baseline = baseline
        self.series = series
        self.sources = sources
        self.params = params
    }

    /// The metric a project leads with: the one named, else the first.
    public func headline(named name: String?) -> MetricSeries? {
        if let name, let match = series.first(where: { $0.name == name }) { return match }
        return series.first
    }

    /// Adds the series of another file of the same project, keeping the first model/baseline seen.
    public mutating func merge(_ other: MetricSet) {
        model = model ?? other.model
        baseline = baseline ?? other.baseline
        series += other.series
        sources += other.sources
        params.merge(other.params) { first, _ in first }
    }
}

extension Better {
    private static let lowerNames: [[String]] = [
        ["loss"], ["perplexity"], ["ppl"], ["wer"], ["cer"], ["word", "error", "rate"], ["character", "error", "rate"],
        ["error", "rate"], ["error"], ["latency"], ["hallucination"], ["hallucinations"], ["toxicity"], ["mse"],
        ["rmse"], ["mae"],
    ]
    private static let higherNames: [[String]] = [
        ["accuracy"], ["acc"], ["f1"], ["bleu"], ["rouge"], ["win", "rate"], ["winrate"], ["kappa"], ["reward"],
        ["precision"], ["recall"], ["exact", "match"], ["em"], ["chrf"], ["meteor"], ["auc"], ["ndcg"], ["mrr"],
    ]

    /// The direction a well-known metric name implies (`validation loss` -> lower, `pass@1` -> higher).
    public static func inferred(fromName name: String) -> Better? {
        let words = MetricNameWords(name)
        if lowerNames.contains(where: words.contains) { return .lower }
        if words.hasPassAtK || higherNames.contains(where: words.contains) { return .higher }
        return nil
    }
}

/// The words of a metric name, lower-cased (`val/Pass@1` -> `val`, `pass@1`), for recognising
/// well-known metrics whatever the punctuation around them.
struct MetricNameWords {
    let words: [String]
    /// The words without an `@k` cut-off (`recall@5` -> `recall`).
    private let stems: [String]

    init(_ name: String) {
        words = name.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "@") }.map(String.init)
        stems = words.map { word in word.firstIndex(of: "@").map { String(word[..<$0]) } ?? word }
    }

    /// Whether the words hold `phrase` as consecutive words.
    func contains(_ phrase: [String]) -> Bool {
        guard phrase.count <= stems.count else { return false }
        return (0...(stems.count - phrase.count)).contains { Array(stems[$0..<$0 + phrase.count]) == phrase }
    }

    /// `pass@1`, `pass@10`...
    var hasPassAtK: Bool { words.contains { $0.hasPrefix("pass@") } }
}

extension String {
    func metricTrimmed() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" || first == "\r" || first == "\n" {
            scalars = scalars.dropFirst()
        }
        while let last = scalars.last, last == " " || last == "\t" || last == "\r" || last == "\n" {
            scalars = scalars.dropLast()
        }
        return String(scalars)
    }
}
