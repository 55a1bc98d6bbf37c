import PortfolioContent
import PortfolioMetrics
import PortfolioSite

/// The CV and the home page's hire block as templates see them: every figure already a display string
/// (`$55/hour`, `Available from 1 February 2027`, `4.8 / 5`), so a theme shows them as they are.
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

    /// The hire block: the facts a client compares, in the order they look for them; nil without `hire:`.
    static func hire(_ cv: CurriculumVitae) -> [String: Any]? {
        guard let hire = cv.hire else { return nil }
        var context: [String: Any] = ["availability": availability(cv.availableFrom)]
        context["rate"] = hire.rate.map(rate)
        context["hours_per_week"] = hire.hoursPerWeek.map { number($0) + " hours a week" }
        context["timezone"] = hire.timezone
        context["platforms"] = list(hire.platforms)
        context["task_types"] = list(hire.taskTypes)
        context["domains"] = list(hire.domains)
        context["languages"] = languages(cv)
        return flagged(context)
    }

    /// Every language of the CV (`hire:` and `resume.json`) with its level; nil for none.
    private static func languages(_ cv: CurriculumVitae) -> [[String: Any]]? {
        nonEmpty(cv.resume.root[objects: "languages"].compactMap { language -> [String: Any]? in
            guard let name = language[text: "language"] else { return nil }
            var entry: [String: Any] = ["name": name]
            entry["level"] = level(language[text: "fluency"])
            return entry
        })
    }

    /// `has_<key>` for each non-empty list, so a template can put a heading around `{{#key}}...{{/key}}`.
    private static func flagged(_ context: [String: Any]) -> [String: Any] {
        var flagged = context
        for (key, value) in context {
            if let list = value as? [Any], !list.isEmpty { flagged["has_" + key] = true }
        }
        return flagged
    }

    /// Nil for an empty list, so `{{#platforms}}` leaves out its heading too.
    private static func list(_ items: [String]) -> [String]? {
        items.isEmpty ? nil : items
    }

    /// Everything `/cv/` shows but the site's header and footer.
    static func cv(_ cv: CurriculumVitae, author: SiteConfig.Author) -> [String: Any] {
        let resume = cv.resume.root
        let basics = cv.resume.basics
        var context: [String: Any] = [:]
        context["hire"] = hire(cv)
        context["languages"] = languages(cv)
        // Not `name`, `url` or `summary`: entries without one of those would show the person's instead.
        context["person_name"] = basics[text: "name"]
        context["headline"] = basics[text: "label"]
        context["bio"] = basics[text: "summary"]
        context["email"] = basics[text: "email"]
        context["phone"] = basics[text: "phone"]
        context["website"] = basics[text: "url"]
        context["location"] = author.location ?? basics[object: "location"].map { location in
            ["city", "region", "countryCode"].compactMap { location[text: $0] }.joined(separator: ", ")
        }
        context["profiles"] = basics[objects: "profiles"].compactMap { profile -> [String: Any]? in
            guard let url = profile[text: "url"] else { return nil }
            return ["name": profile[text: "network"] ?? profile[text: "username"] ?? url, "url": url]
        }
        context["certificates"] = entries(resume[objects: "certificates"]) { item in
            ["name": item[text: "name"], "issuer": item[text: "issuer"], "date": item[date: "date"]?.display, "url": item[text: "url"]]
        }
        context["quality"] = nonEmpty((cv.hire?.quality ?? []).map { score -> [String: Any] in
            var entry: [String: Any] = ["name": score.name, "value": quality(score)]
            entry["source"] = score.source
            entry["as_of"] = score.asOf?.display
            return entry
        })
        context["testimonials"] = nonEmpty((cv.hire?.testimonials ?? []).map { testimonial -> [String: Any] in
            var entry: [String: Any] = ["quote": testimonial.quote]
            entry["by"] = testimonial.by
            entry["role"] = testimonial.role
            return entry
        })
        context["work"] = entries(resume[objects: "work"]) { item in
            [
                "position": item[text: "position"], "name": item[text: "name"], "url": item[text: "url"],
                "dates": dates(item[date: "startDate"], item[date: "endDate"]), "summary": item[text: "summary"],
                "highlights": nonEmpty(item[texts: "highlights"]),
            ]
        }
        context["education"] = entries(resume[objects: "education"]) { item in
            [
                "institution": item[text: "institution"], "area": item[text: "area"], "study_type": item[text: "studyType"],
                "dates": dates(item[date: "startDate"], item[date: "endDate"]), "score": item[text: "score"],
            ]
        }
        context["skills"] = entries(resume[objects: "skills"]) { item in
            ["name": item[text: "name"], "level": item[text: "level"], "keywords": nonEmpty(item[texts: "keywords"])]
        }
        context["awards"] = entries(resume[objects: "awards"]) { item in
            ["title": item[text: "title"], "awarder": item[text: "awarder"], "date": item[date: "date"]?.display, "summary": item[text: "summary"]]
        }
        context["projects"] = entries(resume[objects: "projects"]) { item in
            [
                "name": item[text: "name"], "url": item[text: "url"], "roles": nonEmpty(item[texts: "roles"]).map { $0.joined(separator: ", ") },
                "entity": item[text: "entity"], "dates": dates(item[date: "startDate"], item[date: "endDate"]),
                "highlight": item[texts: "highlights"].first, "description": item[text: "description"],
            ]
        }
        return flagged(context)
    }

    /// Each object's fields for the template, nil values left out; nil for no objects.
    private static func entries(_ objects: [JSONResume.Object], _ fields: (JSONResume.Object) -> [String: Any?]) -> [[String: Any]]? {
        nonEmpty(objects.map { flagged(fields($0).compactMapValues { $0 }) })
    }

    private static func nonEmpty<Item>(_ items: [Item]) -> [Item]? {
        items.isEmpty ? nil : items
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
