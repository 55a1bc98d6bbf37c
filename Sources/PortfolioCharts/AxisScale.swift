import PortfolioMetrics

/// A linear axis with "nice" ticks (1, 2 or 5 times a power of ten) that cover the data, so gridlines
/// land on round numbers a reader can quote.
struct AxisScale: Equatable {
    /// Tick step as `mantissa × 10^exponent`, kept exact so tick labels need no floating-point printing.
    let mantissa: Int
    let exponent: Int
    let firstTick: Int
    let lastTick: Int

    var step: Double { Double(mantissa) * power(exponent) }
    var lower: Double { Double(firstTick) * step }
    var upper: Double { Double(lastTick) * step }

    /// Covers `low...high` with about `count` intervals.
    init(covering low: Double, _ high: Double, count: Int = 5) {
        var (low, high) = (Swift.min(low, high), Swift.max(low, high))
        if high - low < 1e-12 * Swift.max(1, abs(high)) {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            (low, high) = (low - pad, high + pad)
        }
        let rough = (high - low) / Double(Swift.max(1, count))
        var exponent = Int(rough.log10Floor)
        let fraction = rough / power(exponent)
        let mantissa: Int
        switch fraction {
        case ..<1.5: mantissa = 1
        case ..<3: mantissa = 2
        case ..<7: mantissa = 5
        default:
            mantissa = 1
            exponent += 1
        }
        let step = Double(mantissa) * power(exponent)
        self.mantissa = mantissa
        self.exponent = exponent
        firstTick = Int((low / step).rounded(.down))
        lastTick = Swift.max(Int((high / step).rounded(.up)), firstTick + 1)
    }

    /// The label of tick `index` (between `firstTick` and `lastTick`), e.g. `0.25` or `40`.
    func label(ofTick index: Int) -> String {
        let units = index * mantissa
        if exponent >= 0 { return DisplayNumber.fixed(Double(units) * power(exponent), decimals: 0) }
        return DisplayNumber.fixed(Double(units) / power(-exponent), decimals: -exponent, trimZeros: false)
    }

    /// Maps a value to `from...to` (which may run backwards, as a y axis does).
    func position(of value: Double, from start: Double, to end: Double) -> Double {
        start + (value - lower) / (upper - lower) * (end - start)
    }
}

private func power(_ exponent: Int) -> Double {
    var result = 1.0
    for _ in 0..<abs(exponent) { result *= 10 }
    return exponent < 0 ? 1 / result : result
}
