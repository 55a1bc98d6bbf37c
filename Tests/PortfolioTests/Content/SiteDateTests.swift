@testable import PortfolioContent
import Testing

@Test func plainDateParses() {
    let date = SiteDate(parsing: "2024-03-03")
    #expect(date == SiteDate(year: 2024, month: 3, day: 3))
    #expect(date?.rfc3339 == "2024-03-03T00:00:00Z")
    #expect(date?.longDisplay == "March 3, 2024")
}

@Test func timestampsWithZoneAndFractionParse() {
    #expect(SiteDate(parsing: "2025-06-14T09:30:00Z")?.rfc3339 == "2025-06-14T09:30:00Z")
    #expect(SiteDate(parsing: "2025-06-14T09:30:00.123+02:00")?.rfc3339 == "2025-06-14T09:30:00+02:00")
    #expect(SiteDate(parsing: "2025-06-14 09:30")?.secondOfDay == 9 * 3600 + 30 * 60)
}

@Test func impossibleDatesAreRejected() {
    for text in ["2024-13-03", "2023-02-29", "2024-04-31", "24-03-03", "2024-3-3", "yesterday", "2024-03-03T25:00", "2024-03-03x"] {
        #expect(SiteDate(parsing: text) == nil, "\(text) should not parse")
    }
    #expect(SiteDate(parsing: "2024-02-29") != nil)
}

@Test func offsetsCountWhenComparing() {
    let early = SiteDate(parsing: "2025-01-01T10:00:00+02:00")!
    let late = SiteDate(parsing: "2025-01-01T09:00:00Z")!
    #expect(early < late)
}

@Test func secondsRoundTripThroughCivilDate() {
    let date = SiteDate(secondsSince1970: 1_780_000_000)
    #expect(date.isoDate == "2026-05-28")
    #expect(SiteDate(year: 1970, month: 1, day: 1).secondsSince1970 == 0)
}
