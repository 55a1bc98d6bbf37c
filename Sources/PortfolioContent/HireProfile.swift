import Foundation
import PortfolioSupport

/// The `hire:` block of `portfolio.yaml`: the facts a client who hires AI trainers compares between
/// profiles (rate, availability, platforms, languages, quality scores), typed so the home page, the
/// CV and the structured data all show the same values.
public struct HireProfile: Sendable, Hashable {
    /// What the rate is charged per.
    public enum RateUnit: String, Sendable, Hashable, CaseIterable {
        case hour, day, project
    }

    public struct Rate: Sendable, Hashable {
        public var amount: Double
        /// An ISO 4217 code, upper case.
        public var currency: String
        public var per: RateUnit
    }

    /// A language and how well the trainer works in it: a word of `levelWords` or a CEFR level.
    public struct Language: Sendable, Hashable {
        public var name: String
        public var level: String?
    }

    public struct Certification: Sendable, Hashable {
        public var name: String
        public var issuer: String?
        public var date: PartialDate?
        public var url: String?
    }

    /// A quality figure with where it comes from, as clients ask for it ("4.8 of 5 on Outlier, Sept 2026").
    public struct QualityScore: Sendable, Hashable {
        public var name: String
        public var value: Double
        public var scale: Double?
        public var unit: String?
        public var source: String?
        public var asOf: PartialDate?
        /// Where `as_of` is written, for the warning about stale scores.
        public var asOfLocation: SourceLocation?
    }

    public struct Testimonial: Sendable, Hashable {
        public var quote: String
        public var by: String?
        public var role: String?
    }

    public var rate: Rate?
    public var availableFrom: PartialDate?
    public var hoursPerWeek: Double?
    /// An IANA time zone name (`Africa/Lagos`).
    public var timezone: String?
    public var platforms: [String] = []
    public var taskTypes: [String] = []
    public var domains: [String] = []
    public var languages: [Language] = []
    public var certifications: [Certification] = []
    public var quality: [QualityScore] = []
    public var testimonials: [Testimonial] = []

    public init() {}

    /// Language levels in words, weakest last; CEFR levels (`A1`...`C2`) are accepted too.
    public static let levelWords = ["native", "fluent", "professional", "conversational", "basic"]
    static let cefrLevels = ["A1", "A2", "B1", "B2", "C1", "C2"]

    /// Scores older than this many months before the build date get a warning.
    public static let staleAfterMonths = 12

    /// The level as the CV writes it: a word in lower case, a CEFR level in upper case; nil if neither.
    public static func normalizedLevel(_ text: String) -> String? {
        if levelWords.contains(text.lowercased()) { return text.lowercased() }
        if cefrLevels.contains(text.uppercased()) { return text.uppercased() }
        return nil
    }

    static let keys = [
        "rate", "available_from", "hours_per_week", "timezone", "platforms", "task_types", "domains",
        "languages", "certifications", "quality", "testimonials",
    ]

    /// Reads the `hire:` node; every key is optional, and a wrong value is reported where it is written.
    static func decode(_ node: YAMLNode, reader: YAMLReader, diagnostics: inout Diagnostics) -> HireProfile {
        let yaml = TypedMapping(reader: reader, codePrefix: "hire", quotedText: false)
        var hire = HireProfile()
        guard let fields = yaml.fields(node, known: keys, what: "hire", diagnostics: &diagnostics) else { return hire }
        if let rate = fields["rate"] { hire.rate = decodeRate(rate, yaml, &diagnostics) }
        hire.availableFrom = yaml.date(fields["available_from"], "available_from", diagnostics: &diagnostics)
        if let hours = fields["hours_per_week"], let value = yaml.number(hours, "hours_per_week", diagnostics: &diagnostics) {
            if value > 0, value <= 168 {
                hire.hoursPerWeek = value
            } else {
                diagnostics.error("hire.hours", at: yaml.location(of: hours), "'hours_per_week' must be between 0 and 168, not \(hours.text ?? "")")
            }
        }
        if let zone = fields["timezone"], let name = yaml.text(zone, "timezone", diagnostics: &diagnostics) {
            if TimeZone(identifier: name) != nil, name.contains("/") || name == "UTC" {
                hire.timezone = name
            } else {
                diagnostics.error(
                    "hire.timezone", at: yaml.location(of: zone), "'\(name)' is not an IANA time zone name",
                    hint: "write a name such as Africa/Lagos, Europe/Lisbon or America/New_York")
            }
        }
        hire.platforms = yaml.texts(fields["platforms"], "platforms", diagnostics: &diagnostics)
        hire.taskTypes = yaml.texts(fields["task_types"], "task_types", diagnostics: &diagnostics)
        hire.domains = yaml.texts(fields["domains"], "domains", diagnostics: &diagnostics)
        for item in yaml.items(fields["languages"], "languages", diagnostics: &diagnostics) {
            if let language = decodeLanguage(item, yaml, &diagnostics) { hire.languages.append(language) }
        }
        for item in yaml.items(fields["certifications"], "certifications", diagnostics: &diagnostics) {
            guard let entry = yaml.fields(item, known: ["name", "issuer", "date", "url"], what: "a certification", diagnostics: &diagnostics)
            else { continue }
            guard let name = yaml.text(entry["name"], "name", diagnostics: &diagnostics) else {
                diagnostics.error("hire.missing", at: yaml.location(of: item), "a certification needs a 'name'")
                continue
            }
            hire.certifications.append(Certification(
                name: name, issuer: yaml.text(entry["issuer"], "issuer", diagnostics: &diagnostics),
                date: yaml.date(entry["date"], "date", diagnostics: &diagnostics), url: yaml.text(entry["url"], "url", diagnostics: &diagnostics)))
        }
        for item in yaml.items(fields["quality"], "quality", diagnostics: &diagnostics) {
            if let score = decodeQuality(item, yaml, &diagnostics) { hire.quality.append(score) }
        }
        for item in yaml.items(fields["testimonials"], "testimonials", diagnostics: &diagnostics) {
            guard let entry = yaml.fields(item, known: ["quote", "by", "role"], what: "a testimonial", diagnostics: &diagnostics) else { continue }
            guard let quote = yaml.text(entry["quote"], "quote", diagnostics: &diagnostics) else {
                diagnostics.error("hire.missing", at: yaml.location(of: item), "a testimonial needs a 'quote'")
                continue
            }
            hire.testimonials.append(Testimonial(
                quote: quote, by: yaml.text(entry["by"], "by", diagnostics: &diagnostics), role: yaml.text(entry["role"], "role", diagnostics: &diagnostics)))
        }
        return hire
    }

    private static func decodeRate(_ node: YAMLNode, _ yaml: TypedMapping, _ diagnostics: inout Diagnostics) -> Rate? {
        guard let fields = yaml.fields(node, known: ["amount", "currency", "per"], what: "rate", diagnostics: &diagnostics) else { return nil }
        var valid = true
        var amount = 0.0
        if let node = fields["amount"] {
            if case .scalar(let scalar) = node.content, scalar.isPlain, let value = Double(scalar.text), value.isFinite, value > 0 {
                amount = value
            } else {
                diagnostics.error("hire.rate", at: yaml.location(of: node), "the rate must be a positive number, not '\(node.text ?? "a list")'")
                valid = false
            }
        } else {
            diagnostics.error("hire.rate", at: yaml.location(of: node), "the rate needs an 'amount'", hint: "rate: { amount: 55, currency: USD, per: hour }")
            valid = false
        }
        var currency = "USD"
        if let node = fields["currency"], let code = yaml.text(node, "currency", diagnostics: &diagnostics) {
            if Currency.activeCodes.contains(code.uppercased()) {
                currency = code.uppercased()
            } else {
                diagnostics.error(
                    "hire.currency", at: yaml.location(of: node), "'\(code)' is not an ISO 4217 currency code",
                    hint: "write a three-letter code such as USD, EUR, GBP or NGN")
                valid = false
            }
        } else {
            diagnostics.error("hire.currency", at: yaml.location(of: node), "the rate needs a 'currency'", hint: "write a three-letter code such as USD")
            valid = false
        }
        var per = RateUnit.hour
        if let node = fields["per"], let text = yaml.text(node, "per", diagnostics: &diagnostics) {
            if let unit = RateUnit(rawValue: text.lowercased()) {
                per = unit
            } else {
                diagnostics.error(
                    "hire.per", at: yaml.location(of: node), "a rate is per hour, day or project, not '\(text)'",
                    hint: "per: " + RateUnit.allCases.map(\.rawValue).joined(separator: " | "))
                valid = false
            }
        }
        return valid ? Rate(amount: amount, currency: currency, per: per) : nil
    }

    private static func decodeLanguage(_ node: YAMLNode, _ yaml: TypedMapping, _ diagnostics: inout Diagnostics) -> Language? {
        if node.text != nil { return yaml.text(node, "languages", diagnostics: &diagnostics).map { Language(name: $0) } }
        guard let entry = yaml.fields(node, known: ["name", "level"], what: "a language", diagnostics: &diagnostics) else { return nil }
        guard let name = yaml.text(entry["name"], "name", diagnostics: &diagnostics) else {
            diagnostics.error("hire.missing", at: yaml.location(of: node), "a language needs a 'name'")
            return nil
        }
        var language = Language(name: name)
        if let levelNode = entry["level"], let level = yaml.text(levelNode, "level", diagnostics: &diagnostics) {
            if let normalized = normalizedLevel(level) {
                language.level = normalized
            } else {
                diagnostics.error(
                    "hire.level", at: yaml.location(of: levelNode), "'\(level)' is not a language level",
                    hint: "write one of " + levelWords.joined(separator: ", ") + ", or a CEFR level A1 to C2")
            }
        }
        return language
    }

    private static func decodeQuality(_ node: YAMLNode, _ yaml: TypedMapping, _ diagnostics: inout Diagnostics) -> QualityScore? {
        let known = ["name", "value", "scale", "unit", "source", "as_of"]
        guard let entry = yaml.fields(node, known: known, what: "a quality score", diagnostics: &diagnostics) else { return nil }
        guard let name = yaml.text(entry["name"], "name", diagnostics: &diagnostics),
              let valueNode = entry["value"], let value = yaml.number(valueNode, "value", diagnostics: &diagnostics)
        else {
            if entry["name"] == nil || entry["value"] == nil {
                diagnostics.error("hire.missing", at: yaml.location(of: node), "a quality score needs a 'name' and a 'value'")
            }
            return nil
        }
        var score = QualityScore(name: name, value: value)
        score.scale = yaml.number(entry["scale"], "scale", diagnostics: &diagnostics)
        score.unit = yaml.text(entry["unit"], "unit", diagnostics: &diagnostics)
        score.source = yaml.text(entry["source"], "source", diagnostics: &diagnostics)
        score.asOf = yaml.date(entry["as_of"], "as_of", diagnostics: &diagnostics)
        score.asOfLocation = entry["as_of"].map(yaml.location)
        if let scale = score.scale, scale <= 0 {
            diagnostics.error("hire.quality-range", at: yaml.location(of: entry["scale"]!), "'scale' must be a positive number")
            return nil
        }
        let isPercent = score.unit?.lowercased() == "percent" || score.unit == "%"
        if isPercent, !(0...100).contains(value) {
            diagnostics.error("hire.quality-range", at: yaml.location(of: valueNode), "\(name) is \(valueNode.text ?? ""), outside 0 to 100 percent")
            return nil
        }
        if let scale = score.scale, !(0...scale).contains(value) {
            diagnostics.error("hire.quality-range", at: yaml.location(of: valueNode), "\(name) is \(valueNode.text ?? ""), outside its scale of 0 to \(entry["scale"]?.text ?? "")")
            return nil
        }
        if score.source == nil {
            diagnostics.warning(
                "hire.quality-source", at: yaml.location(of: node), "the quality score '\(name)' says nothing of its source",
                hint: "add 'source:' (the platform or report it comes from); clients discount scores they cannot trace")
        }
        return score
    }

    /// Warnings for quality scores measured more than `staleAfterMonths` before `today`.
    public func staleScoreWarnings(today: SiteDate) -> [Diagnostic] {
        let months = today.year * 12 + today.month - 1 - HireProfile.staleAfterMonths
        let cutoff = PartialDate(year: months / 12, month: months % 12 + 1, day: today.day)
        return quality.compactMap { score in
            guard let asOf = score.asOf, let location = score.asOfLocation, asOf.firstDay < cutoff.firstDay else { return nil }
            return Diagnostic(
                .warning, "hire.quality-stale", at: location,
                "the quality score '\(score.name)' is from \(asOf.display), more than \(HireProfile.staleAfterMonths) months before \(today.isoDate)",
                hint: "clients distrust old scores: update it, or remove it")
        }
    }
}
