import PortfolioSupport

/// The machine-readable copy of a project's metrics (`metrics.json`): the normalized data and the computed
/// figures, with sorted keys so the same input gives the same bytes.
public enum MetricsJSON {
    public static func encode(_ set: MetricSet, headlineName: String?) -> String {
        let root = JSONValue.object([
            ("baseline", set.baseline.map(JSONValue.string)),
            ("headline", set.headline(named: headlineName).map { .string($0.name) }),
            ("metrics", .array(set.series.map(series))),
            ("model", set.model.map(JSONValue.string)),
            ("params", set.params.isEmpty ? nil : .object(set.params.keys.sorted().map { ($0, .string(set.params[$0]!)) })),
            ("sources", .array(set.sources.map(JSONValue.string))),
        ])
        var text = ""
        text.reserveCapacity(512 + 160 * set.series.reduce(0) { $0 + $1.points.count })
        root.write(to: &text)
        return text + "\n"
    }

    private static func series(_ series: MetricSeries) -> JSONValue {
        let improvement = improvement(of: series).map { change in
            JSONValue.object([
                ("absolute", .number(change.absolute)),
                ("best", point(change.best)),
                ("direction", .string(change.direction.rawValue)),
                ("first", point(change.first)),
                ("last", point(change.last)),
                ("relative", change.relative.map(JSONValue.number)),
                ("target_met", change.targetMet.map(JSONValue.bool)),
            ])
        }
        return .object([
            ("better", series.effectiveBetter.map { .string($0.rawValue) }),
            ("better_inferred", series.effectiveBetter == nil ? nil : .bool(series.better == nil)),
            ("improvement", improvement),
            ("name", .string(series.name)),
            ("points", .array(series.points.map(point))),
            ("target", series.target.map(JSONValue.number)),
            ("unit", .string(series.unit.name)),
        ])
    }

    private static func point(_ point: MetricPoint) -> JSONValue {
        .object([
            ("label", point.label.map(JSONValue.string)),
            ("max", point.max.map(JSONValue.number)),
            ("min", point.min.map(JSONValue.number)),
            ("stderr", point.stderr.map(JSONValue.number)),
            ("step", point.step.map(JSONValue.number)),
            ("value", .number(point.value)),
        ])
    }
}

/// Just enough JSON to write `metrics.json` deterministically: an object's members are given in key
/// order (no dictionary and sort per object), absent ones are left out, and numbers keep full
/// precision.
enum JSONValue {
    case string(String), number(Double), bool(Bool)
    case array([JSONValue]), object([(key: String, value: JSONValue?)])

    func write(to text: inout String) {
        switch self {
        case .string(let string): JSONText.writeString(string, to: &text)
        case .number(let number): text += JSONValue.numberText(number)
        case .bool(let bool): text += bool ? "true" : "false"
        case .array(let values):
            text += "["
            for (index, value) in values.enumerated() {
                if index > 0 { text += "," }
                value.write(to: &text)
            }
            text += "]"
        case .object(let members):
            assert(zip(members, members.dropFirst()).allSatisfy { $0.key < $1.key }, "members out of key order")
            text += "{"
            var first = true
            for case (let key, let value?) in members {
                if !first { text += "," }
                first = false
                JSONText.writeString(key, to: &text)
                text += ":"
                value.write(to: &text)
            }
            text += "}"
        }
    }

    /// Integers without a fraction, others in Swift's shortest round-trip form; non-finite as null.
    static func numberText(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number == number.rounded(), abs(number) < 1e15 { return number == 0 ? "0" : String(Int64(number)) }
        return "\(number)"
    }
}
