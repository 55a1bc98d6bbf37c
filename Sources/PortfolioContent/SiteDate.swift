/// A calendar date with an optional time, as users write it in front matter (`2024-03-03`,
/// `2025-06-14T09:30:00Z`). Parsed and formatted by hand: Foundation's date formatters cost
/// more per call than the rest of a page's dates together (BENCHMARKS.md, "Dates").
public struct SiteDate: Hashable, Sendable, Comparable, Codable {
    public var year: Int
    public var month: Int
    public var day: Int
    /// Seconds since midnight UTC, when the source gave a time.
    public var secondOfDay: Int?
    /// The offset from UTC in seconds that the source gave, kept so the date prints as written.
    public var utcOffsetSeconds: Int

    public init(year: Int, month: Int, day: Int, secondOfDay: Int? = nil, utcOffsetSeconds: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.secondOfDay = secondOfDay
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// The accepted forms, for hints in diagnostics.
    public static let acceptedForms = "YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DDTHH:MM:SS+01:00"

    /// Parses `YYYY-MM-DD` optionally followed by `T` or a space, `HH:MM[:SS[.fraction]]` and `Z` or `±HH:MM`.
    public init?(parsing text: String) {
        let bytes = Array(text.utf8)
        var reader = DigitReader(bytes: bytes)
        guard let year = reader.number(digits: 4), reader.skip("-"),
              let month = reader.number(digits: 2), reader.skip("-"),
              let day = reader.number(digits: 2),
              (1...12).contains(month), (1...SiteDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.init(year: year, month: month, day: day)
        if reader.atEnd { return }
        guard reader.skip("T") || reader.skip("t") || reader.skip(" "),
              let hour = reader.number(digits: 2), reader.skip(":"),
              let minute = reader.number(digits: 2), hour < 24, minute < 60
        else { return nil }
        var second = 0
        if reader.skip(":") {
            guard let value = reader.number(digits: 2), value < 61 else { return nil }
            second = min(value, 59)
            if reader.skip(".") || reader.skip(",") {
                guard reader.skipDigits() else { return nil }
            }
        }
        secondOfDay = hour * 3600 + minute * 60 + second
        _ = reader.skip(" ")
        if reader.atEnd || reader.skip("Z") || reader.skip("z") {
            guard reader.atEnd else { return nil }
            return
        }
        let sign: Int
        if reader.skip("+") { sign = 1 } else if reader.skip("-") { sign = -1 } else { return nil }
        guard let offsetHours = reader.number(digits: 2), offsetHours < 24 else { return nil }
        _ = reader.skip(":")
        let offsetMinutes = reader.number(digits: 2) ?? 0
        guard reader.atEnd, offsetMinutes < 60 else { return nil }
        utcOffsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
    }

    /// Seconds since 1970-01-01T00:00:00Z; a date without a time counts as midnight UTC.
    public var secondsSince1970: Int {
        SiteDate.daysSince1970(year: year, month: month, day: day) * 86_400 + (secondOfDay ?? 0) - utcOffsetSeconds
    }

    public static func < (lhs: SiteDate, rhs: SiteDate) -> Bool {
        lhs.secondsSince1970 < rhs.secondsSince1970
    }

    /// The UTC calendar date of a moment, e.g. for "today" when leaving out future-dated pages.
    public init(secondsSince1970 seconds: Int) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let (year, month, day) = SiteDate.civilDate(fromDaysSince1970: days)
        self.init(year: year, month: month, day: day, secondOfDay: seconds - days * 86_400)
    }

    /// `2024-03-03`.
    public var isoDate: String {
        pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    /// RFC 3339 with the offset as written (`2024-03-03T00:00:00Z`), for feeds, sitemaps and JSON-LD.
    public var rfc3339: String {
        let seconds = secondOfDay ?? 0
        let time = pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
        guard utcOffsetSeconds != 0 else { return isoDate + "T" + time + "Z" }
        let magnitude = abs(utcOffsetSeconds)
        let offset = (utcOffsetSeconds < 0 ? "-" : "+") + pad(magnitude / 3600, 2) + ":" + pad(magnitude / 60 % 60, 2)
        return isoDate + "T" + time + offset
    }

    /// `March 3, 2024`: the form the default theme shows to readers.
    public var longDisplay: String {
        SiteDate.monthNames[month - 1] + " " + String(day) + ", " + String(year)
    }

    /// `Mar 2024`.
    public var shortDisplay: String {
        String(SiteDate.monthNames[month - 1].prefix(3)) + " " + String(year)
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's days-from-civil algorithm.
    static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilDate(fromDaysSince1970 days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

private func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}

/// Reads fixed-width numbers and separators from ASCII bytes, for the date parser.
private struct DigitReader {
    let bytes: [UInt8]
    var index = 0

    var atEnd: Bool { index == bytes.count }

    mutating func number(digits: Int) -> Int? {
        guard index + digits <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<digits {
            let byte = bytes[index + offset]
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        index += digits
        return value
    }

    mutating func skip(_ character: Character) -> Bool {
        guard !atEnd, let ascii = character.asciiValue, bytes[index] == ascii else { return false }
        index += 1
        return true
    }

    mutating func skipDigits() -> Bool {
        let start = index
        while !atEnd, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
        return index > start
    }
}
