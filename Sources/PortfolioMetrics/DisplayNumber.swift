import Foundation

/// Number-to-text for pages and charts, by integer arithmetic: `String(format:)` and `formatted()` cost
/// about 15x more here, and both can print `-0`.
public enum DisplayNumber {
    /// 10^0 through 10^15, the most decimals written; exact as `Double` too (below 2^53).
    private static let powersOfTen: [UInt64] = (0...15).map { exponent in
        (0..<exponent).reduce(1) { power, _ in power * 10 }
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
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        appendFixed(value, decimals: decimals, signed: signed, trimZeros: trimZeros, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `fixed` written straight into a byte buffer, for the many coordinates of a chart.
    package static func appendFixed(_ value: Double, decimals: Int, signed: Bool = false, trimZeros: Bool = true, to out: inout [UInt8]) {
        guard value.isFinite else { return out.append(UInt8(ascii: "0")) }
        let places = Swift.min(Swift.max(decimals, 0), 15)
        let scaled = (abs(value) * Double(powersOfTen[places])).rounded()
        guard scaled < 9.0e15 else {
            // Int64 traps from 9.2e18 on; such numbers are shown in exponent form.
            let whole = abs(value).rounded()
            let text = (value < 0 ? "-" : (signed ? "+" : "")) + (whole < 9.0e18 ? String(Int64(whole)) : "\(whole)")
            return out.append(contentsOf: text.utf8)
        }
        let units = UInt64(scaled)
        guard units != 0 else { return out.append(UInt8(ascii: "0")) }
        if value < 0 { out.append(UInt8(ascii: "-")) } else if signed { out.append(UInt8(ascii: "+")) }
        appendDigits(units / powersOfTen[places], count: 1, to: &out)
        var fraction = units % powersOfTen[places]
        var fractionPlaces = places
        if trimZeros {
            guard fraction != 0 else { return }
            while fraction % 10 == 0 {
                fraction /= 10
                fractionPlaces -= 1
            }
        }
        guard fractionPlaces > 0 else { return }
        out.append(UInt8(ascii: "."))
        appendDigits(fraction, count: fractionPlaces, to: &out)
    }

    /// The decimal digits of `number`, padded with leading zeros to at least `count` digits.
    /// Written from the last digit back into a buffer on the stack, then appended at once.
    private static func appendDigits(_ number: UInt64, count: Int, to out: inout [UInt8]) {
        // A UInt64 has at most 20 digits; `count` is at most 15 (`appendFixed`'s places).
        let capacity = 20
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { digits in
            var start = capacity
            var rest = number
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0 || capacity - start < count
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
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

    package static func valueSuffix(_ unit: MetricUnit) -> String {
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
    package var log10Floor: Double {
        var exponent = (Foundation.log10(self)).rounded(.down)
        if exponent >= -300, exponent <= 300 {
            if Foundation.pow(10, exponent) > self { exponent -= 1 } else if Foundation.pow(10, exponent + 1) <= self { exponent += 1 }
        }
        return exponent
    }
}
