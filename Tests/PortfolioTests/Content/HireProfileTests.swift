@testable import PortfolioContent
@testable import PortfolioSupport
import Testing

/// Decodes `hire:` from a whole `portfolio.yaml` whose first line is `hire:`.
private func hire(_ body: String) -> (HireProfile?, Diagnostics) {
    var diagnostics = Diagnostics()
    let config = SiteConfig.decode("hire:\n" + body, file: "portfolio.yaml", diagnostics: &diagnostics)
    return (config.hire, diagnostics)
}

private func only(_ diagnostics: Diagnostics, _ code: String) -> Diagnostic? {
    #expect(diagnostics.all.count == 1, "\(diagnostics.sorted)")
    return diagnostics.first(code)
}

@Test func fullHireBlockIsUnderstood() throws {
    let text = try Fixtures.text("sites/trainer/portfolio.yaml")
    var diagnostics = Diagnostics()
    let config = SiteConfig.decode(text, file: "portfolio.yaml", diagnostics: &diagnostics)
    #expect(diagnostics.isEmpty, "\(diagnostics.sorted)")
    let hire = try #require(config.hire)
    #expect(hire.rate == HireProfile.Rate(amount: 55, currency: "USD", per: .hour))
    #expect(hire.availableFrom == PartialDate(year: 2027, month: 2, day: 1))
    #expect(hire.hoursPerWeek == 20)
    #expect(hire.timezone == "Africa/Lagos")
    #expect(hire.platforms == ["Outlier", "DataAnnotation", "Surge"])
    #expect(hire.taskTypes.count == 3 && hire.domains == ["code", "multilingual QA"])
    #expect(hire.languages == [.init(name: "English", level: "native"), .init(name: "Igbo", level: "C1")])
    #expect(hire.certifications.first?.date == PartialDate(year: 2025, month: 6))
    #expect(hire.quality.map(\.value) == [4.8, 94])
    #expect(hire.testimonials.first?.by == "A. Reviewer")
    #expect(config.author.availability == "Open to long contracts")
}

@Test func unknownCurrencyIsAnErrorAtTheValue() {
    let (profile, diagnostics) = hire("  rate: { amount: 55, currency: USX, per: hour }\n")
    let found = only(diagnostics, "hire.currency")
    #expect(found?.severity == .error && found?.line == 2 && found?.column == 33)
    #expect(profile?.rate == nil)
}

@Test func everyActiveCurrencyCodeIsAccepted() {
    for code in ["USD", "EUR", "NGN", "JPY", "CHF", "XCG", "eur"] {
        let (profile, diagnostics) = hire("  rate: { amount: 5, currency: \(code), per: day }\n")
        #expect(diagnostics.isEmpty && profile?.rate?.currency == code.uppercased(), "\(code)")
    }
    #expect(Currency.activeCodes.count > 175)
}

@Test func rateMustBeAPositiveNumber() {
    for amount in ["0", "-5", "lots"] {
        let (_, diagnostics) = hire("  rate: { amount: \(amount), currency: USD, per: hour }\n")
        #expect(only(diagnostics, "hire.rate")?.column == 19, "\(amount)")
    }
}

@Test func rateIsPerHourDayOrProject() {
    let (_, diagnostics) = hire("  rate: { amount: 55, currency: USD, per: week }\n")
    #expect(only(diagnostics, "hire.per")?.column == 43)
}

@Test func badDatesAreErrorsAndPartialDatesAreAccepted() {
    let (_, bad) = hire("  available_from: 2027-02-30\n")
    #expect(only(bad, "hire.date")?.line == 2)
    let (profile, good) = hire("  certifications:\n    - { name: X, date: 2025-06 }\n    - { name: Y, date: 2024 }\n")
    #expect(good.isEmpty)
    #expect(profile?.certifications.map(\.date) == [PartialDate(year: 2025, month: 6), PartialDate(year: 2024)])
    let (_, month) = hire("  certifications:\n    - { name: X, date: 2025-13 }\n")
    #expect(only(month, "hire.date")?.line == 3)
}

@Test func languageLevelIsAWordOrACEFRLevel() {
    let (profile, good) = hire("  languages:\n    - { name: French, level: c1 }\n    - { name: Igbo, level: Fluent }\n")
    #expect(good.isEmpty)
    #expect(profile?.languages.map(\.level) == ["C1", "fluent"])
    let (_, bad) = hire("  languages:\n    - { name: French, level: C3 }\n")
    let found = only(bad, "hire.level")
    #expect(found?.line == 3 && found?.column == 30)
}

@Test func qualityValueMustLieWithinItsScale() {
    let (_, over) = hire("  quality:\n    - { name: Rating, value: 5.2, scale: 5, source: S }\n")
    #expect(only(over, "hire.quality-range")?.column == 30)
    let (_, percent) = hire("  quality:\n    - { name: Agreement, value: 104, unit: percent, source: S }\n")
    #expect(only(percent, "hire.quality-range")?.line == 3)
    let (_, negative) = hire("  quality:\n    - { name: Agreement, value: -1, unit: percent, source: S }\n")
    #expect(only(negative, "hire.quality-range") != nil)
}

@Test func qualityScoreWithoutSourceIsAWarning() {
    let (profile, diagnostics) = hire("  quality:\n    - { name: Rating, value: 4.5, scale: 5 }\n")
    #expect(only(diagnostics, "hire.quality-source")?.severity == .warning)
    #expect(profile?.quality.count == 1)
}

@Test func qualityScoreOlderThanAYearIsAWarningAgainstTheBuildDate() throws {
    let (profile, diagnostics) = hire("  quality:\n    - { name: Rating, value: 4.5, scale: 5, source: S, as_of: 2025-10 }\n")
    #expect(diagnostics.isEmpty)
    let hire = try #require(profile)
    #expect(hire.staleScoreWarnings(today: SiteDate(year: 2026, month: 10, day: 1)).isEmpty)
    let stale = hire.staleScoreWarnings(today: SiteDate(year: 2026, month: 11, day: 27))
    #expect(stale.map(\.code) == ["hire.quality-stale"])
    #expect(stale.first?.severity == .warning && stale.first?.line == 3 && stale.first?.column == 63)
}

@Test func timezoneMustBeAnIANAName() {
    let (profile, good) = hire("  timezone: America/New_York\n")
    #expect(good.isEmpty && profile?.timezone == "America/New_York")
    for zone in ["Lagos", "Mars/Olympus", "GMT+1"] {
        let (_, bad) = hire("  timezone: \(zone)\n")
        #expect(only(bad, "hire.timezone")?.column == 13, "\(zone)")
    }
}

@Test func unknownKeyIsAWarningNamingTheNearestKey() {
    let (_, diagnostics) = hire("  hours_per_wek: 20\n  languages:\n    - { name: English, levl: native }\n")
    let warnings = diagnostics.sorted
    #expect(warnings.map(\.code) == ["hire.unknown-key", "hire.unknown-key"])
    #expect(warnings.allSatisfy { $0.severity == .warning })
    #expect(warnings[0].message.contains("did you mean 'hours_per_week'"))
    #expect(warnings[1].message.contains("did you mean 'level'") && warnings[1].line == 4)
}

@Test func everyHireKeyIsOptional() {
    let (profile, diagnostics) = hire("  platforms: Outlier\n")
    #expect(diagnostics.isEmpty)
    #expect(profile?.platforms == ["Outlier"] && profile?.rate == nil && profile?.languages.isEmpty == true)
}

@Test func partialDatesParseAndPrint() {
    #expect(PartialDate(parsing: "2023")?.iso == "2023")
    #expect(PartialDate(parsing: "2023-04")?.display == "April 2023")
    #expect(PartialDate(parsing: "2027-02-01")?.display == "1 February 2027")
    for bad in ["23", "2023-4", "2023-00", "2023-02-30", "2023-04-12-1", ""] { #expect(PartialDate(parsing: bad) == nil, "\(bad)") }
}
