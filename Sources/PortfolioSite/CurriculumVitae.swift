import PortfolioContent
import PortfolioSupport

/// The trainer's CV: the facts of `portfolio.yaml` (`author:`, `hire:`) merged with `resume.json`,
/// and every listed project. One value behind `/cv/`, the home page's link to it and
/// `portfolio export resume`, so all three say the same. Where both files give a value the site's
/// wins, and a different value in `resume.json` gets a warning.
public struct CurriculumVitae: Sendable, Hashable {
    /// The `hire:` block; nil for a site with only `resume.json`, which says nothing of rate or availability.
    public var hire: HireProfile?
    /// The merged document, as `export` writes it and `/cv/` shows it.
    public var resume: JSONResume
    /// When the trainer can start; nil for "available now" (no date, or one not after the build date).
    public var availableFrom: PartialDate?

    /// The CV of a site that has CV data, a `hire:` block or a `resume.json`; nil for one with neither
    /// (the author's name alone makes a thin CV, and most blogs have one).
    public static func make(
        config: SiteConfig, resume file: JSONResume?, projects: [Page], today: SiteDate, diagnostics: inout Diagnostics
    ) -> CurriculumVitae? {
        guard config.hire != nil || file != nil else { return nil }
        let hire = config.hire ?? HireProfile()
        let given = file ?? JSONResume()
        var merged = given
        func mismatch(_ path: String, _ what: String, resume: String, site: String) {
            guard resume.lowercased() != site.lowercased() else { return }
            diagnostics.warning(
                "cv.mismatch", at: given.locations[path] ?? SourceLocation(file: "resume.json", line: 1, column: 1),
                "resume.json gives \(what) as '\(resume)' but portfolio.yaml as '\(site)'; the site's value is used",
                hint: "make the two agree, or remove the value from resume.json")
        }

        var basics = given.basics
        for (key, value, what) in [
            ("name", config.author.name, "the name"), ("label", config.author.headline, "the headline"),
            ("email", config.author.email, "the e-mail address"),
        ] {
            guard let value else { continue }
            if let theirs = basics[text: key] { mismatch("basics." + key, what, resume: theirs, site: value) }
            basics[text: key] = value
        }
        basics[text: "summary"] = config.author.bio ?? basics[text: "summary"]
        if config.hasAbsoluteBaseURL { basics[text: "url"] = config.baseURL }
        if basics[object: "location"] == nil, let location = config.author.location {
            basics[object: "location"] = JSONResume.Object(["city": .text(location)])
        }
        let links = config.author.links.map { JSONResume.Object(["network": .text($0.name), "url": .text($0.url)]) }
        basics[objects: "profiles"] = links + basics[objects: "profiles"].filter { profile in
            !config.author.links.contains { $0.url == profile[text: "url"] || $0.name.lowercased() == profile[text: "network"]?.lowercased() }
        }
        merged.basics = basics

        var languages: [JSONResume.Object] = []
        for language in hire.languages {
            var entry = JSONResume.Object(["language": .text(language.name)])
            entry[text: "fluency"] = language.level
            languages.append(entry)
        }
        merged.root[objects: "languages"] = siteFirst(languages, given: given, section: "languages", key: "language") { ours, theirs, path in
            if let level = ours[text: "fluency"], let other = theirs[text: "fluency"] {
                mismatch(path + ".fluency", "the level of \(ours[text: "language"] ?? "")", resume: other, site: level)
            }
        }

        let certificates = hire.certifications.map { certification in
            var entry = JSONResume.Object(["name": .text(certification.name)])
            entry[text: "issuer"] = certification.issuer
            entry[date: "date"] = certification.date
            entry[text: "url"] = certification.url
            return entry
        }
        merged.root[objects: "certificates"] = siteFirst(certificates, given: given, section: "certificates", key: "name") { ours, theirs, path in
            if let date = ours[date: "date"], let other = theirs[date: "date"] {
                mismatch(path + ".date", "the date of \(ours[text: "name"] ?? "")", resume: other.iso, site: date.iso)
            }
        }

        var skills: [JSONResume.Object] = []
        for (name, keywords) in [("Task types", hire.taskTypes), ("Domains", hire.domains), ("Platforms", hire.platforms)] where !keywords.isEmpty {
            skills.append(JSONResume.Object(["name": .text(name), "keywords": .texts(keywords)]))
        }
        merged.root[objects: "skills"] = siteFirst(skills, given: given, section: "skills", key: "name") { _, _, _ in }

        let urls = SiteURLs(config: config)
        merged.root[objects: "projects"] = siteFirst(
            projects.map { project(of: $0, urls: urls) }, given: given, section: "projects", key: "name") { _, _, _ in }
        let start = hire.availableFrom.flatMap { $0.firstDay > SiteDate(year: today.year, month: today.month, day: today.day) ? $0 : nil }
        return CurriculumVitae(hire: config.hire, resume: merged, availableFrom: start)
    }

    /// The site's entries, then those of `resume.json` that name something else; `compare` sees each
    /// pair both give, with the path of the resume's entry, to warn where they disagree.
    private static func siteFirst(
        _ ours: [JSONResume.Object], given: JSONResume, section: String, key: String,
        compare: (_ ours: JSONResume.Object, _ theirs: JSONResume.Object, _ path: String) -> Void
    ) -> [JSONResume.Object] {
        var result = ours
        for (index, theirs) in given.root[objects: section].enumerated() {
            let name = theirs[text: key]?.lowercased()
            if let match = ours.first(where: { $0[text: key]?.lowercased() == name && name != nil }) {
                compare(match, theirs, "\(section).\(index)")
            } else {
                result.append(theirs)
            }
        }
        return result
    }

    /// A project as JSON Resume writes one: its dates, role, platform and headline improvement.
    static func project(of page: Page, urls: SiteURLs) -> JSONResume.Object {
        var entry = JSONResume.Object(["name": .text(page.title), "url": .text(urls.absoluteURL(page.urlPath))])
        entry[text: "description"] = page.summary.isEmpty ? nil : page.summary
        entry[date: "startDate"] = page.frontMatter.createdDate.map(PartialDate.init(day:))
        entry[date: "endDate"] = page.date.map(PartialDate.init(day:))
        entry[texts: "roles"] = page.frontMatter.role.map { [$0] } ?? []
        entry[text: "entity"] = page.frontMatter.platform
        entry[texts: "keywords"] = page.tags.map(\.name)
        if let headline = page.metricHighlight.headline { entry[texts: "highlights"] = [headline.change + " " + headline.metric] }
        return entry
    }
}

extension PartialDate {
    /// The calendar day of a full date.
    init(day date: SiteDate) {
        self.init(year: date.year, month: date.month, day: date.day)
    }
}
