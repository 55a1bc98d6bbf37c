/// A calendar date that may stop at the year or the month (`2023`, `2023-04`, `2023-04-12`): CVs,
/// JSON Resume and certificates give dates only as precisely as the trainer knows them.
public struct PartialDate: Sendable, Hashable, Comparable {
    public var year: Int
    public var month: Int?
    public var day: Int?

    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The forms accepted, for hints.
    public static let acceptedForms = "YYYY, YYYY-MM or YYYY-MM-DD"

    /// Full dates go through `SiteDate`'s parser (which also takes a time, ignored here); a year or a
    /// year and month are checked here.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        func number(_ part: Substring, digits: Int) -> Int? {
            part.utf8.count == digits && part.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } ? Int(part) : nil
        }
        switch parts.count {
        case 1:
            guard let year = number(parts[0], digits: 4) else { return nil }
            self.init(year: year)
        case 2:
            guard let year = number(parts[0], digits: 4), let month = number(parts[1], digits: 2), (1...12).contains(month)
            else { return nil }
            self.init(year: year, month: month)
        default:
            guard let date = SiteDate(parsing: text) else { return nil }
            self.init(year: date.year, month: date.month, day: date.day)
        }
    }

    /// The first day the date covers, for comparisons with the build date.
    public var firstDay: SiteDate { SiteDate(year: year, month: month ?? 1, day: day ?? 1) }

    /// As written in ISO 8601: `2023`, `2023-04`, `2023-04-12`.
    public var iso: String {
        guard let month else { return String(year) }
        let monthText = (month < 10 ? "0" : "") + String(month)
        guard let day else { return String(year) + "-" + monthText }
        return String(year) + "-" + monthText + "-" + (day < 10 ? "0" : "") + String(day)
    }

    /// `2023`, `April 2023`, `12 April 2023`: how the CV shows it.
    public var display: String {
        guard let month else { return String(year) }
        let name = SiteDate.monthNames[month - 1]
        guard let day else { return name + " " + String(year) }
        return String(day) + " " + name + " " + String(year)
    }

    public static func < (lhs: PartialDate, rhs: PartialDate) -> Bool {
        (lhs.year, lhs.month ?? 0, lhs.day ?? 0) < (rhs.year, rhs.month ?? 0, rhs.day ?? 0)
    }
}
