import PortfolioMetrics

/// The chart on a project page: one metric across training, drawn as inline SVG so it needs no
/// JavaScript, follows the theme through CSS classes and scales to any width.
public enum LineChart {
    static let width = 640.0, height = 300.0
    static let left = 60.0, right = 624.0, top = 24.0, bottom = 244.0
    /// Points drawn at most; longer series are thinned.
    static let drawnLimit = 120
    /// Markers and error bars only when points are few enough to tell apart.
    static let markerLimit = 30

    /// `figures` are the points' (`PointFigures.of(series)`) when the caller has them; the chart
    /// otherwise makes those of the points it marks.
    public static func svg(for series: MetricSeries, idPrefix: String, figures: [PointFigures]? = nil) -> String {
        let id = SVGWriter.identifier(idPrefix)
        let points = series.points
        let figure = { (index: Int) in figures?[index] ?? PointFigures(points[index], unit: series.unit) }
        var svg = SVGWriter(capacity: 2_048 + 160 * Swift.min(points.count, drawnLimit))
        svg.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-line-chart\" viewBox=\"0 0 640 300\" role=\"img\" aria-labelledby=\"")
        svg.raw(id + "-title " + id + "-desc\"><title id=\"" + id + "-title\">")
        svg.escaped(series.name)
        svg.raw("</title><desc id=\"" + id + "-desc\">")
        svg.escaped(MetricSummary.sentence(for: series))
        svg.raw("</desc>")
        guard !points.isEmpty else {
            svg.raw("</svg>")
            return svg.text
        }
        let plot = Plot(series)
        yAxis(&svg, plot, suffix: DisplayNumber.valueSuffix(series.unit))
        xAxis(&svg, plot, series: series)
        if let target = series.target { targetLine(&svg, plot, target: target, unit: series.unit) }
        let drawn = Thinning.indices(x: plot.xs, y: plot.ys, limit: drawnLimit)
        line(&svg, plot, through: drawn)
        if drawn.count <= markerLimit {
            errorBars(&svg, plot, at: drawn, of: points)
            svg.raw("<g class=\"chart-points\">")
            for index in drawn {
                marker(&svg, plot, index, radius: 3.5, kind: "chart-point", figures: figure(index))
            }
            svg.raw("</g>")
        }
        highlights(&svg, plot, series: series, figure: figure)
        svg.raw("</svg>")
        return svg.text
    }

    /// Where the points go: x by step when the steps rise, else by position; y on a nice scale covering
    /// the values, their whiskers and the target.
    struct Plot {
        let byStep: Bool
        let xs: [Double]
        let ys: [Double]
        let xLow: Double, xHigh: Double
        let scale: AxisScale

        /// `series` has at least one point.
        init(_ series: MetricSeries) {
            let points = series.points
            let byStep = points.allSatisfy { $0.step != nil } && zip(points, points.dropFirst()).allSatisfy { $0.step! < $1.step! }
            let xs = points.indices.map { byStep ? points[$0].step! : Double($0) }
            let ys = points.map(\.value)
            (self.byStep, self.xs, self.ys) = (byStep, xs, ys)
            (xLow, xHigh) = (xs.first!, xs.last!)
            var low = ys.min()!, high = ys.max()!
            for point in points {
                if let whisker = LineChart.whisker(point) {
                    low = Swift.min(low, whisker.lowerBound)
                    high = Swift.max(high, whisker.upperBound)
                }
            }
            if let target = series.target {
                low = Swift.min(low, target)
                high = Swift.max(high, target)
            }
            scale = AxisScale(covering: low, high)
        }

        func x(_ value: Double) -> Double {
            xHigh == xLow ? (left + right) / 2 : left + (value - xLow) / (xHigh - xLow) * (right - left)
        }

        func y(_ value: Double) -> Double { scale.position(of: value, from: bottom, to: top) }
    }

    /// Gridlines at the scale's ticks, labelled with the unit.
    private static func yAxis(_ svg: inout SVGWriter, _ plot: Plot, suffix: String) {
        let scale = plot.scale
        svg.raw("<g class=\"chart-axis chart-axis-y\">")
        for tick in scale.firstTick...scale.lastTick {
            let tickY = plot.y(Double(tick) * scale.step)
            svg.raw("<line class=\"chart-grid\" x1=\"60\" x2=\"624\" y1=\"")
            svg.number(tickY)
            svg.raw("\" y2=\"")
            svg.number(tickY)
            svg.raw("\"/><text x=\"52\" y=\"")
            svg.number(tickY + 4)
            svg.raw("\" text-anchor=\"end\">")
            svg.escaped(scale.label(ofTick: tick) + suffix)
            svg.raw("</text>")
        }
        svg.raw("</g>")
    }

    /// Every point's name when few, else round steps; the axis title says which way is better.
    private static func xAxis(_ svg: inout SVGWriter, _ plot: Plot, series: MetricSeries) {
        let points = series.points
        svg.raw("<g class=\"chart-axis chart-axis-x\"><line class=\"chart-axis-line\" x1=\"60\" x2=\"624\" y1=\"244\" y2=\"244\"/>")
        if points.count <= 8 {
            let limit = Swift.max(6, 64 / points.count)
            for (index, point) in points.enumerated() {
                let anchor = points.count == 1 ? "middle" : index == 0 ? "start" : index == points.count - 1 ? "end" : "middle"
                xLabel(&svg, at: plot.x(plot.xs[index]), SVGWriter.truncated(MetricSummary.pointName(point), to: limit), anchor: anchor)
            }
        } else {
            let steps = AxisScale(covering: plot.xLow, plot.xHigh, count: 6)
            for tick in steps.firstTick...steps.lastTick
            where Double(tick) * steps.step >= plot.xLow && Double(tick) * steps.step <= plot.xHigh {
                xLabel(&svg, at: plot.x(Double(tick) * steps.step), steps.label(ofTick: tick), anchor: "middle")
            }
        }
        svg.raw("<text class=\"chart-axis-title\" x=\"342\" y=\"284\" text-anchor=\"middle\">")
        svg.raw(points.count > 8 && plot.byStep ? "step" : "checkpoint")
        if let better = series.effectiveBetter {
            svg.raw(better == .lower ? " · lower is better" : " · higher is better")
        }
        svg.raw("</text></g>")
    }

    private static func targetLine(_ svg: inout SVGWriter, _ plot: Plot, target: Double, unit: MetricUnit) {
        let targetY = plot.y(target)
        svg.raw("<g class=\"chart-target\"><line x1=\"60\" x2=\"624\" y1=\"")
        svg.number(targetY)
        svg.raw("\" y2=\"")
        svg.number(targetY)
        svg.raw("\" stroke-dasharray=\"6 4\"/><text x=\"620\" y=\"")
        svg.number(targetY - 5)
        svg.raw("\" text-anchor=\"end\">target ")
        svg.escaped(DisplayNumber.value(target, unit: unit))
        svg.raw("</text></g>")
    }

    /// The line through the drawn (possibly thinned) points.
    private static func line(_ svg: inout SVGWriter, _ plot: Plot, through drawn: [Int]) {
        svg.raw("<path class=\"chart-line\" fill=\"none\" d=\"")
        for (order, index) in drawn.enumerated() {
            svg.raw(order == 0 ? "M" : "L")
            svg.coordinates(plot.x(plot.xs[index]), plot.y(plot.ys[index]))
        }
        svg.raw("\"/>")
    }

    /// One path of whiskers with caps, for the drawn points that have an error or a range; none when none has.
    private static func errorBars(_ svg: inout SVGWriter, _ plot: Plot, at drawn: [Int], of points: [MetricPoint]) {
        var bars = SVGWriter(capacity: 64 * drawn.count)
        for index in drawn {
            guard let range = whisker(points[index]) else { continue }
            let (px, top, bottom) = (plot.x(plot.xs[index]), plot.y(range.upperBound), plot.y(range.lowerBound))
            bars.raw("M")
            bars.coordinates(px, top)
            bars.raw("V")
            bars.number(bottom)
            for end in [top, bottom] {
                bars.raw("M")
                bars.coordinates(px - 4, end)
                bars.raw("h8")
            }
        }
        guard !bars.isEmpty else { return }
        svg.raw("<path class=\"chart-errorbar\" fill=\"none\" d=\"")
        svg.append(bars)
        svg.raw("\"/>")
    }

    /// The baseline (first point) and, when the direction is known, the best point, drawn larger on top.
    private static func highlights(_ svg: inout SVGWriter, _ plot: Plot, series: MetricSeries, figure: (Int) -> PointFigures) {
        let points = series.points
        marker(&svg, plot, 0, radius: 5, kind: "chart-point chart-point-baseline", figures: figure(0), note: "baseline")
        if let change = improvement(of: series), change.better != nil, points.count > 1, let bestIndex = points.firstIndex(of: change.best) {
            marker(&svg, plot, bestIndex, radius: 6, kind: "chart-point chart-point-best", figures: figure(bestIndex), note: "best")
        }
    }

    /// The vertical extent drawn around a point: ± its standard error, else its min-max range.
    static func whisker(_ point: MetricPoint) -> ClosedRange<Double>? {
        if let stderr = point.stderr, stderr > 0 { return (point.value - stderr)...(point.value + stderr) }
        if let low = point.min, let high = point.max, low <= high { return low...high }
        return nil
    }

    private static func xLabel(_ svg: inout SVGWriter, at position: Double, _ label: String, anchor: String) {
        svg.raw("<text x=\"")
        svg.number(position)
        svg.raw("\" y=\"262\" text-anchor=\"" + anchor + "\">")
        svg.escaped(label)
        svg.raw("</text>")
    }

    /// A circle at point `index` of the plot, with a tooltip naming it and its value.
    private static func marker(
        _ svg: inout SVGWriter, _ plot: Plot, _ index: Int, radius: Double, kind: String, figures: PointFigures, note: String? = nil
    ) {
        svg.raw("<circle class=\"" + kind + "\" cx=\"")
        svg.number(plot.x(plot.xs[index]))
        svg.raw("\" cy=\"")
        svg.number(plot.y(plot.ys[index]))
        svg.raw("\" r=\"")
        svg.number(radius)
        svg.raw("\"><title>")
        svg.escaped(note.map { figures.tooltip + " (" + $0 + ")" } ?? figures.tooltip)
        svg.raw("</title></circle>")
    }
}
