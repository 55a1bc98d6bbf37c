import PortfolioContent
import PortfolioMetrics
import PortfolioSite

/// How the CV and the home page's hire block write their figures: every one a display string
/// (`$55/hour`, `Available from 1 February 2027`, `4.8 / 5`), so a theme shows them as they are; and
/// what they add to the home page's structured data.
enum CVTemplateData {
    /// `$55/hour`, `€400/day`, `CHF 90/hour`, `$2,000/project`.
    static func rate(_ rate: HireProfile.Rate) -> String {
        let amount = rate.amount == rate.amount.rounded()
            ? DisplayNumber.grouped(Int(rate.amount)) : DisplayNumber.fixed(rate.amount, decimals: 2, trimZeros: false)
        let price = Currency.symbols[rate.currency].map { $0 + amount } ?? rate.currency + " " + amount
        return price + "/" + rate.per.rawValue
    }

    static func availability(_ from: PartialDate?) -> String {
        from.map { "Available from " + $0.display } ?? "Available now"
    }

    /// `Native`, `C1`.
    static func level(_ level: String?) -> String? {
        guard let level, let first = level.first else { return nil }
        return first.uppercased() + level.dropFirst()
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : DisplayNumber.significant(value, digits: 6)
    }

    /// `4.8 / 5`, `94%`, `0.91`.
    static func quality(_ score: HireProfile.QualityScore) -> String {
        if score.unit?.lowercased() == "percent" || score.unit == "%" { return number(score.value) + "%" }
        if let scale = score.scale { return number(score.value) + " / " + number(scale) }
        return number(score.value) + (score.unit.map { " " + $0 } ?? "")
    }

    /// `March 2023 – June 2024`, `since March 2023`, `June 2024`.
    static func dates(_ start: PartialDate?, _ end: PartialDate?) -> String? {
        switch (start, end) {
        case let (start?, end?) where start == end: return end.display
        case let (start?, end?): return start.display + " – " + end.display
        case let (start?, nil): return "since " + start.display
        case let (nil, end?): return end.display
        case (nil, nil): return nil
        }
    }

    /// The home page's `Person`, with what the hire block and the CV add to it.
    static func personFacts(_ cv: CurriculumVitae, into person: inout [String: Any]) {
        let resume = cv.resume.root
        let languages = resume[objects: "languages"].compactMap { $0[text: "language"] }
        if !languages.isEmpty { person["knowsLanguage"] = languages.map { ["@type": "Language", "name": $0] } }
        let credentials = resume[objects: "certificates"].compactMap { certificate -> [String: Any]? in
            guard let name = certificate[text: "name"] else { return nil }
            var credential: [String: Any] = ["@type": "EducationalOccupationalCredential", "name": name]
            credential["recognizedBy"] = certificate[text: "issuer"].map { ["@type": "Organization", "name": $0] }
            credential["dateCreated"] = certificate[date: "date"]?.iso
            credential["url"] = certificate[text: "url"]
            return credential
        }
        if !credentials.isEmpty { person["hasCredential"] = credentials }
        guard let hire = cv.hire, let rate = hire.rate else { return }
        var service: [String: Any] = ["@type": "Service", "name": "AI model training"]
        if !hire.taskTypes.isEmpty { service["serviceType"] = hire.taskTypes }
        var offer: [String: Any] = [
            "@type": "Offer", "itemOffered": service,
            "priceSpecification": [
                "@type": "UnitPriceSpecification", "price": rate.amount, "priceCurrency": rate.currency,
                "unitText": rate.per.rawValue,
            ] as [String: Any],
        ]
        offer["availabilityStarts"] = cv.availableFrom?.iso
        person["makesOffer"] = offer
    }
}
