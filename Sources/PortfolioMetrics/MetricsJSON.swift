import PortfolioSupport

/// The machine-readable copy of a project's metrics (`metrics.json`): the normalized data and the computed
/// figures, each object's members in key order so the same input gives the same bytes.
public enum MetricsJSON {
    public static func encode(_ set: MetricSet, headlineName: String?) -> String {
        var writer = JSONWriter(capacity: 512 + 160 * set.series.reduce(0) { $0 + $1.points.count })
        writer.object { json in
            json.member("baseline", set.baseline)
            json.member("headline", set.headline(named: headlineName)?.name)
            json.member("metrics", array: set.series, series)
            json.member("model", set.model)
            if !set.params.isEmpty {
                json.member("params") { params in
                    for key in set.params.keys.sorted() { params.member(key, set.params[key]) }
                }
            }
            json.member("sources", array: set.sources) { $0.string($1) }
        }
        return writer.text + "\n"
    }

    private static func series(_ json: inout JSONWriter, _ series: MetricSeries) {
        json.object { json in
            json.member("better", series.effectiveBetter?.rawValue)
            json.member("better_inferred", series.effectiveBetter == nil ? nil : series.better == nil)
            if let change = improvement(of: series) {
                json.member("improvement") { json in
                    json.member("absolute", change.absolute)
                    json.member("best") { point(&$0, change.best) }
                    json.member("direction", change.direction.rawValue)
                    json.member("first") { point(&$0, change.first) }
                    json.member("last") { point(&$0, change.last) }
                    json.member("relative", change.relative)
                    json.member("target_met", change.targetMet)
                }
            }
            json.member("name", series.name)
            json.member("points", array: series.points) { json, point in json.object { Self.point(&$0, point) } }
            json.member("target", series.target)
            json.member("unit", series.unit.name)
        }
    }

    /// A point's members, into the object being written.
    private static func point(_ json: inout JSONWriter, _ point: MetricPoint) {
        json.member("label", point.label)
        json.member("max", point.max)
        json.member("min", point.min)
        json.member("stderr", point.stderr)
        json.member("step", point.step)
        json.member("value", point.value)
    }
}
