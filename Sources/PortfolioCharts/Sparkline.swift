import PortfolioMetrics

/// A metric's course drawn small and without axes, for a social card, where the picture is a PNG with
/// no theme CSS: path data in a `width × height` box, placed and coloured by the card's template.
/// Points go where the project page's chart puts them (the same plot and scale), thinned the same way.
public struct Sparkline: Sendable, Hashable {
    /// A drawn point, in the box's coordinates, with its value as it reads.
    public struct Point: Sendable, Hashable {
        public var x: Double
        public var y: Double
        public var value: String
    }

    /// Path data of the line through the points.
    public var line: String
    /// Path data of the area between the line and the bottom of the box.
    public var area: String
    public var first: Point
    public var last: Point
    /// The height of the target line, when the metric has a target inside the box.
    public var targetY: Double?

    /// Points drawn at most: a card is seen small.
    static let drawnLimit = 48

    /// The sparkline of `series`, or nil when it has fewer than two points.
    public init?(_ series: MetricSeries, width: Double, height: Double) {
        guard series.points.count >= 2 else { return nil }
        let plot = LineChart.Plot(series)
        func x(_ value: Double) -> Double {
            plot.xHigh == plot.xLow ? width / 2 : (value - plot.xLow) / (plot.xHigh - plot.xLow) * width
        }
        func y(_ value: Double) -> Double { plot.scale.position(of: value, from: height, to: 0) }
        let drawn = Thinning.indices(x: plot.xs, y: plot.ys, limit: Sparkline.drawnLimit)
        var line = SVGWriter(capacity: 16 * drawn.count)
        for (order, index) in drawn.enumerated() {
            line.raw(order == 0 ? "M" : "L")
            line.coordinates(x(plot.xs[index]), y(plot.ys[index]))
        }
        var area = line
        area.raw("L")
        area.coordinates(x(plot.xs[drawn.last!]), height)
        area.raw("L")
        area.coordinates(x(plot.xs[drawn.first!]), height)
        area.raw("Z")
        self.line = line.text
        self.area = area.text
        let points = series.points
        func point(_ index: Int) -> Point {
            Point(x: x(plot.xs[index]), y: y(plot.ys[index]), value: DisplayNumber.value(points[index].value, unit: series.unit))
        }
        first = point(0)
        last = point(points.count - 1)
        targetY = series.target.map(y)
    }
}
