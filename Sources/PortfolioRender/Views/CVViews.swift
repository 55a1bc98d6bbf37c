import PortfolioContent
import PortfolioSite
import PortfolioTemplates

/// A list field and its `has_<name>` flag, so a theme can put a heading around `{{#name}}...{{/name}}`;
/// the list is left out when empty (`emptyList` keeps it, for a list some themes test with `{{^name}}`).
private func flagged<View, Item: TemplateView>(
    _ name: String, emptyList: Bool = false, _ items: @escaping @Sendable (View) -> [Item]
) -> [TemplateField<View>] {
    [
        .list(name) { view in
            let list = items(view)
            return list.isEmpty && !emptyList ? nil : list
        },
        .flag("has_" + name) { items($0).isEmpty ? nil : true },
    ]
}

private func flaggedTexts<View>(_ name: String, _ items: @escaping @Sendable (View) -> [String]) -> [TemplateField<View>] {
    [
        .texts(name) { view in
            let list = items(view)
            return list.isEmpty ? nil : list
        },
        .flag("has_" + name) { items($0).isEmpty ? nil : true },
    ]
}

/// The CV page's `cv.*`: everything `/cv/` shows but the site's header and footer. The person's own
/// fields are not `name`, `url` or `summary`: entries without one of those would show the person's.
struct CVView: TemplateView {
    let cv: CurriculumVitae
    let author: SiteConfig.Author

    var resume: JSONResume.Object { cv.resume.root }
    var basics: JSONResume.Object { cv.resume.basics }

    static let fields = TemplateFields<CVView>("cv", [
        .view("hire") { HireView($0.cv) },
        .text("person_name") { $0.basics[text: "name"] },
        .text("headline") { $0.basics[text: "label"] },
        .text("bio") { $0.basics[text: "summary"] },
        .text("email") { $0.basics[text: "email"] },
        .text("phone") { $0.basics[text: "phone"] },
        .text("website") { $0.basics[text: "url"] },
        .text("location") { view in
            view.author.location ?? view.basics[object: "location"].map { location in
                ["city", "region", "countryCode"].compactMap { location[text: $0] }.joined(separator: ", ")
            }
        },
    ]
        + flagged("languages") { LanguageView.all(in: $0.cv) }
        + flagged("profiles", emptyList: true) { view in
            view.basics[objects: "profiles"].compactMap { profile in
                profile[text: "url"].map { LinkView(name: profile[text: "network"] ?? profile[text: "username"] ?? $0, url: $0) }
            }
        }
        + flagged("certificates") { $0.resume[objects: "certificates"].map(CertificateEntry.init) }
        + flagged("quality") { ($0.cv.hire?.quality ?? []).map(QualityEntry.init) }
        + flagged("testimonials") { ($0.cv.hire?.testimonials ?? []).map(TestimonialEntry.init) }
        + flagged("work") { $0.resume[objects: "work"].map(WorkEntry.init) }
        + flagged("education") { $0.resume[objects: "education"].map(EducationEntry.init) }
        + flagged("skills") { $0.resume[objects: "skills"].map(SkillEntry.init) }
        + flagged("awards") { $0.resume[objects: "awards"].map(AwardEntry.init) }
        + flagged("projects") { $0.resume[objects: "projects"].map(ResumeProjectEntry.init) })
}

/// The hire block of the home page and the CV: the facts a client compares, in the order they look
/// for them, every figure a display string (`$55/hour`, `Available from 1 February 2027`).
struct HireView: TemplateView {
    let cv: CurriculumVitae
    let hire: HireProfile

    /// Nil without `hire:`.
    init?(_ cv: CurriculumVitae) {
        guard let hire = cv.hire else { return nil }
        self.cv = cv
        self.hire = hire
    }

    static let fields = TemplateFields<HireView>("hire", [
        .text("availability") { CVTemplateData.availability($0.cv.availableFrom) },
        .text("rate") { $0.hire.rate.map(CVTemplateData.rate) },
        .text("hours_per_week") { $0.hire.hoursPerWeek.map { CVTemplateData.number($0) + " hours a week" } },
        .text("timezone") { $0.hire.timezone },
    ]
        + flaggedTexts("platforms") { $0.hire.platforms }
        + flaggedTexts("task_types") { $0.hire.taskTypes }
        + flaggedTexts("domains") { $0.hire.domains }
        + flagged("languages") { LanguageView.all(in: $0.cv) })
}

/// A language of the CV (`hire:` and `resume.json`) with its level (`Native`, `C1`).
struct LanguageView: TemplateView {
    let name: String
    let level: String?

    static func all(in cv: CurriculumVitae) -> [LanguageView] {
        cv.resume.root[objects: "languages"].compactMap { language in
            language[text: "language"].map { LanguageView(name: $0, level: CVTemplateData.level(language[text: "fluency"])) }
        }
    }

    static let fields = TemplateFields<LanguageView>("language", [
        .text("name") { $0.name },
        .text("level") { $0.level },
    ])
}

/// A quality score (`4.8 / 5`, `94%`) and where it comes from.
struct QualityEntry: TemplateView {
    let score: HireProfile.QualityScore

    static let fields = TemplateFields<QualityEntry>("quality score", [
        .text("name") { $0.score.name },
        .text("value") { CVTemplateData.quality($0.score) },
        .text("source") { $0.score.source },
        .text("as_of") { $0.score.asOf?.display },
    ])
}

struct TestimonialEntry: TemplateView {
    let testimonial: HireProfile.Testimonial

    static let fields = TemplateFields<TestimonialEntry>("testimonial", [
        .text("quote") { $0.testimonial.quote },
        .text("by") { $0.testimonial.by },
        .text("role") { $0.testimonial.role },
    ])
}

struct CertificateEntry: TemplateView {
    let item: JSONResume.Object

    static let fields = TemplateFields<CertificateEntry>("certificate", [
        .text("name") { $0.item[text: "name"] },
        .text("issuer") { $0.item[text: "issuer"] },
        .text("date") { $0.item[date: "date"]?.display },
        .text("url") { $0.item[text: "url"] },
    ])
}

struct WorkEntry: TemplateView {
    let item: JSONResume.Object

    static let fields = TemplateFields<WorkEntry>("work entry", [
        .text("position") { $0.item[text: "position"] },
        .text("name") { $0.item[text: "name"] },
        .text("url") { $0.item[text: "url"] },
        .text("dates") { CVTemplateData.dates($0.item[date: "startDate"], $0.item[date: "endDate"]) },
        .text("summary") { $0.item[text: "summary"] },
    ] + flaggedTexts("highlights") { $0.item[texts: "highlights"] })
}

struct EducationEntry: TemplateView {
    let item: JSONResume.Object

    static let fields = TemplateFields<EducationEntry>("education entry", [
        .text("institution") { $0.item[text: "institution"] },
        .text("area") { $0.item[text: "area"] },
        .text("study_type") { $0.item[text: "studyType"] },
        .text("dates") { CVTemplateData.dates($0.item[date: "startDate"], $0.item[date: "endDate"]) },
        .text("score") { $0.item[text: "score"] },
    ])
}

struct SkillEntry: TemplateView {
    let item: JSONResume.Object

    static let fields = TemplateFields<SkillEntry>("skill", [
        .text("name") { $0.item[text: "name"] },
        .text("level") { $0.item[text: "level"] },
    ] + flaggedTexts("keywords") { $0.item[texts: "keywords"] })
}

struct AwardEntry: TemplateView {
    let item: JSONResume.Object

    static let fields = TemplateFields<AwardEntry>("award", [
        .text("title") { $0.item[text: "title"] },
        .text("awarder") { $0.item[text: "awarder"] },
        .text("date") { $0.item[date: "date"]?.display },
        .text("summary") { $0.item[text: "summary"] },
    ])
}

/// A project of `resume.json` (not one of the site's project pages).
struct ResumeProjectEntry: TemplateView {
    let item: JSONResume.Object

    static let fields = TemplateFields<ResumeProjectEntry>("CV project", [
        .text("name") { $0.item[text: "name"] },
        .text("url") { $0.item[text: "url"] },
        .text("roles") { view in
            let roles = view.item[texts: "roles"]
            return roles.isEmpty ? nil : roles.joined(separator: ", ")
        },
        .text("entity") { $0.item[text: "entity"] },
        .text("dates") { CVTemplateData.dates($0.item[date: "startDate"], $0.item[date: "endDate"]) },
        .text("highlight") { $0.item[texts: "highlights"].first },
        .text("description") { $0.item[text: "description"] },
    ])
}
