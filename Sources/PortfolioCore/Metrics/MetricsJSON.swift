/// The machine-readable copy of a project's metrics (`metrics.json`): the normalized data and the computed
/// figures, with sorted keys so the same input gives the same bytes.
public enum MetricsJSON {
    public static func encode(_ set: MetricSet, headlineName: String?) -> String {
        var root: [String: JSONValue] = [
            "metrics": .array(set.series.map(series)),
            "sources": .array(set.sources.map(JSONValue.string)),
        ]
        root["model"] = set.model.map(JSONValue.string)
        root["baseline"] = set.baseline.map(JSONValue.string)
        if !set.params.isEmpty { root["params"] = .object(set.params.mapValues(JSONValue.string)) }
        root["headline"] = set.headline(named: headlineName).map { .string($0.name) }
        var text = ""
        text.reserveCapacity(512 + 160 * set.series.reduce(0) { $0 + $1.points.count })
        JSONValue.object(root).write(to: &text)
        return text + "\n"
    }

    private static func series(_ series: MetricSeries) -> JSONValue {
        var object: [String: JSONValue] = [
            "name": .string(series.name),
            "unit": .string(series.unit.name),
            "points": .array(series.points.map(point)),
        ]
        object["better"] = series.effectiveBetter.map { .string($0.rawValue) }
        object["better_inferred"] = series.effectiveBetter == nil ? nil : .bool(series.better == nil)
        object["target"] = series.target.map(JSONValue.number)
        if let change = improvement(of: series) {
            var figures: [String: JSONValue] = [
                "first": point(change.first), "last": point(change.last), "best": point(change.best),
                "absolute": .number(change.absolute), "direction": .string(change.direction.rawValue),
            ]
            figures["relative"] = change.relative.map(JSONValue.number)
            figures["target_met"] = change.targetMet.map(JSONValue.bool)
            object["improvement"] = .object(figures)
        }
        return .object(object)
    }

    private static func point(_ point: MetricPoint) -> JSONValue {
        var object: [String: JSONValue] = ["value": .number(point.value)]
        object["step"] = point.step.map(JSONValue.number)
        object["label"] = point.label.map(JSONValue.string)
        object["stderr"] = point.stderr.map(JSONValue.number)
        object["min"] = point.min.map(JSONValue.number)
        object["max"] = point.max.map(JSONValue.number)
        return .object(object)
    }
}

/// Just enough JSON to write `metrics.json` deterministically: objects are written with sorted keys and
/// numbers keep full precision.
enum JSONValue {
    case string(String), number(Double), bool(Bool)
    case array([JSONValue]), object([String: JSONValue])

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
        case .object(let object):
            text += "{"
            for (index, key) in object.keys.sorted().enumerated() {
                if index > 0 { text += "," }
                JSONText.writeString(key, to: &text)
                text += ":"
                object[key]!.write(to: &text)
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
