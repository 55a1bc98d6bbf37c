import Foundation

/// Number-to-text for pages and charts, by integer arithmetic: `String(format:)` and `formatted()` cost
/// about 15x more here, and both can print `-0`.
public enum DisplayNumber {
    private static let powers: [Double] = (0...18).map { exponent in
        var power = 1.0
        for _ in 0..<exponent { power *= 10 }
        return power
    }

    /// `value` rounded to `digits` significant digits (whole numbers keep all their digits), without
    /// trailing zeros: 42.1, 0.082, 1235.
    public static func significant(_ value: Double, digits: Int = 3, signed: Bool = false) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-∞" : "∞") }
        let magnitude = abs(value)
        guard magnitude != 0 else { return "0" }
        let exponent = Int(magnitude.log10Floor)
        let decimals = Swift.max(0, digits - 1 - exponent)
        return fixed(value, decimals: decimals, signed: signed, trimZeros: true)
    }

    /// `value` with exactly `decimals` decimals (or fewer when `trimZeros`), e.g. chart coordinates.
    public static func fixed(_ value: Double, decimals: Int, signed: Bool = false, trimZeros: Bool = true) -> String {
        guard value.isFinite else { return "0" }
        let places = Swift.min(Swift.max(decimals, 0), 15)
        let scaled = (abs(value) * powers[places]).rounded()
        guard scaled < 9.0e15 else {
            // Int64 traps from 9.2e18 on; such numbers are shown in exponent form.
            let whole = abs(value).rounded()
            return (value < 0 ? "-" : (signed ? "+" : "")) + (whole < 9.0e18 ? String(Int64(whole)) : "\(whole)")
        }
        var units = UInt64(scaled)
        var text = ""
        if units == 0 { return "0" }
        if value < 0 { text = "-" } else if signed { text = "+" }
        var fraction = ""
        if places > 0 {
            var digits = [UInt8](repeating: 48, count: places)
            var remaining = units
            for index in stride(from: places - 1, through: 0, by: -1) {
                digits[index] = 48 + UInt8(remaining % 10)
                remaining /= 10
            }
            units = remaining
            if trimZeros {
                while let last = digits.last, last == 48 { digits.removeLast() }
            }
            if !digits.isEmpty { fraction = "." + String(decoding: digits, as: UTF8.self) }
        }
        return text + String(units) + fraction
    }

    /// A value in its unit, for reading: `42.1%`, `0.412`, `1.3 s`.
    public static func value(_ value: Double, unit: MetricUnit, digits: Int = 3) -> String {
        significant(value, digits: digits) + valueSuffix(unit)
    }

    /// A change in the metric's own unit, always signed: `+13.2 pts`, `-0.082`.
    public static func change(_ delta: Double, unit: MetricUnit, digits: Int = 3) -> String {
        let text = significant(delta, digits: digits, signed: true)
        switch unit {
        case .percent: return text + " pts"
        default: return text + valueSuffix(unit)
        }
    }

    /// A whole number with thousands separators: `12,480`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = value < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return out
    }

    /// A relative change as a signed percentage: `+31.4%`.
    public static func percentChange(_ ratio: Double, digits: Int = 3) -> String {
        significant(ratio * 100, digits: digits, signed: true) + "%"
    }

    static func valueSuffix(_ unit: MetricUnit) -> String {
        switch unit {
        case .percent: "%"
        case .fraction, .score, .count: ""
        case .seconds: " s"
        case .tokens: " tokens"
        case .other(let name): name.isEmpty ? "" : " " + name
        }
    }
}

extension Double {
    /// floor(log10(self)) for positive finite values, corrected for the inexactness of `log10` at powers of ten.
    var log10Floor: Double {
        var exponent = (Foundation.log10(self)).rounded(.down)
        if exponent >= -300, exponent <= 300 {
            if Foundation.pow(10, exponent) > self { exponent -= 1 } else if Foundation.pow(10, exponent + 1) <= self { exponent += 1 }
        }
        return exponent
    }
}
