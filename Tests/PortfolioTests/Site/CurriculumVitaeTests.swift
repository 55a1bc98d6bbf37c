import Foundation
@testable import PortfolioBuild
@testable import PortfolioContent
@testable import PortfolioRender
import PortfolioServer
@testable import PortfolioSite
@testable import PortfolioSupport
import Testing

private func config(_ yaml: String) -> SiteConfig {
    var diagnostics = Diagnostics()
    let config = SiteConfig.decode(yaml, file: "portfolio.yaml", diagnostics: &diagnostics)
    #expect(diagnostics.isEmpty, "\(diagnostics.sorted)")
    return config
}

private func resume(_ json: String) -> JSONResume? {
    var diagnostics = Diagnostics()
    return JSONResume.decode(json, file: "resume.json", diagnostics: &diagnostics)
}

private let today = SiteDate(year: 2026, month: 11, day: 27)

@Test func siteWithoutHireBlockOrResumeHasNoCV() {
    var diagnostics = Diagnostics()
    #expect(CurriculumVitae.make(config: config("author: { name: A }\n"), resume: nil, projects: [], today: today, diagnostics: &diagnostics) == nil)
}

@Test func siteValuesWinAndDisagreementsAreWarnedAtTheResumeValue() throws {
    let site = config("author:\n  name: Ada Okafor\n  email: ada@example.org\nhire:\n  languages:\n    - { name: English, level: native }\n")
    let given = resume("{\n  \"basics\": {\"name\": \"Ada O.\", \"email\": \"ADA@example.org\"},\n  \"languages\": [\n    {\"language\": \"english\", \"fluency\": \"C1\"},\n    {\"language\": \"French\", \"fluency\": \"B2\"}\n  ]\n}\n")
    var diagnostics = Diagnostics()
    let cv = try #require(CurriculumVitae.make(config: site, resume: given, projects: [], today: today, diagnostics: &diagnostics))
    #expect(cv.resume.basics[text: "name"] == "Ada Okafor")
    #expect(cv.resume.root[objects: "languages"].map { $0[text: "language"] } == ["English", "French"])
    #expect(cv.resume.root[objects: "languages"].first?[text: "fluency"] == "native")
    let warnings = diagnostics.sorted
    #expect(warnings.map(\.code) == ["cv.mismatch", "cv.mismatch"], "an e-mail differing only in case is no disagreement")
    #expect(warnings[0].file == "resume.json" && warnings[0].line == 2 && warnings[0].message.contains("Ada O."))
    #expect(warnings[1].line == 4 && warnings[1].message.contains("level of English"))
}

@Test func resumeEntriesTheSiteLacksAreKept() throws {
    let site = config("author:\n  links:\n    - { name: GitHub, url: 'https://github.com/a' }\nhire:\n  task_types: [ranking]\n")
    let given = resume("{\"basics\": {\"profiles\": [{\"network\": \"GitHub\", \"url\": \"https://github.com/a\"}, {\"network\": \"Mastodon\", \"url\": \"https://m.example/@a\"}]}, \"work\": [{\"name\": \"X\"}]}")
    var diagnostics = Diagnostics()
    let cv = try #require(CurriculumVitae.make(config: site, resume: given, projects: [], today: today, diagnostics: &diagnostics))
    #expect(cv.resume.basics[objects: "profiles"].map { $0[text: "network"] } == ["GitHub", "Mastodon"])
    #expect(cv.resume.root[objects: "work"].count == 1)
    #expect(cv.resume.root[objects: "skills"].first?[texts: "keywords"] == ["ranking"])
    #expect(diagnostics.isEmpty)
}

@Test func availabilityInThePastMeansAvailableNow() throws {
    var diagnostics = Diagnostics()
    let past = try #require(CurriculumVitae.make(config: config("hire:\n  available_from: 2026-01-05\n"), resume: nil, projects: [], today: today, diagnostics: &diagnostics))
    #expect(past.availableFrom == nil && CVTemplateData.availability(past.availableFrom) == "Available now")
    let future = try #require(CurriculumVitae.make(config: config("hire:\n  available_from: 2027-02-01\n"), resume: nil, projects: [], today: today, diagnostics: &diagnostics))
    #expect(CVTemplateData.availability(future.availableFrom) == "Available from 1 February 2027")
}

@Test func ratesUseTheCurrencySymbol() {
    #expect(CVTemplateData.rate(.init(amount: 55, currency: "USD", per: .hour)) == "$55/hour")
    #expect(CVTemplateData.rate(.init(amount: 400, currency: "EUR", per: .day)) == "€400/day")
    #expect(CVTemplateData.rate(.init(amount: 2500, currency: "GBP", per: .project)) == "£2,500/project")
    #expect(CVTemplateData.rate(.init(amount: 90, currency: "CHF", per: .hour)) == "CHF 90/hour")
    #expect(CVTemplateData.rate(.init(amount: 55.5, currency: "USD", per: .hour)) == "$55.50/hour")
    #expect(CVTemplateData.rate(.init(amount: 30000, currency: "NGN", per: .hour)) == "₦30,000/hour")
}

@Test func qualityScoresReadWithTheirScale() {
    var score = HireProfile.QualityScore(name: "Rating", value: 4.8, scale: 5)
    #expect(CVTemplateData.quality(score) == "4.8 / 5")
    score = HireProfile.QualityScore(name: "Agreement", value: 94, unit: "percent")
    #expect(CVTemplateData.quality(score) == "94%")
}

/// The trainer fixture, built once into a scratch folder.
private func builtTrainerSite() throws -> (site: String, result: BuildResult) {
    let site = try Fixtures.copy(ofSite: Fixtures.path("sites/trainer"))
    return (site, Fixtures.build(site: site, output: site + "/output"))
}

@Test func cvPageShowsTheHireFactsAndEveryProjectWithTheCardsFigure() throws {
    let (site, result) = try builtTrainerSite()
    defer { Fixtures.remove(site) }
    #expect(result.published && result.diagnostics.isEmpty, "\(result.diagnostics.sorted)")
    let cv = try String(contentsOfFile: site + "/output/cv/index.html", encoding: .utf8)
    let home = try String(contentsOfFile: site + "/output/index.html", encoding: .utf8)
    for text in ["$55/hour", "Available from 1 February 2027", "20 hours a week", "Africa/Lagos", "Igbo", "(C1)", "French",
                 "Responsible AI Foundations", "4.8 / 5", "94%", "as of September 2026", "Careful &lt;and&gt; fast.",
                 "Ranked 20,000 pairs", "University of Nigeria", "Top reviewer", "Lead annotator", "10 February 2026 – 2 May 2026"] {
        #expect(cv.contains(text), "the CV shows \(text)")
    }
    let cardFigure = try #require(home.firstMatch(of: /card-metric-change">([^<]+)</)?.1)
    #expect(cv.contains("<strong>\(cardFigure) pairwise accuracy</strong>"), "the card's \(cardFigure)")
    for text in ["$55/hour", "Available from 1 February 2027", "DataAnnotation", "RLHF preference ranking", "English <span class=\"hire-level\">(Native)</span>", "href=\"/cv/\""] {
        #expect(home.contains(text), "the home page shows \(text)")
    }
    #expect(home.contains("Open to long contracts"), "the free-text availability still shows")
    #expect(home.contains("<a href=\"/cv/\">CV</a>"), "the header links the CV")
    let sitemap = try String(contentsOfFile: site + "/output/sitemap.xml", encoding: .utf8)
    #expect(sitemap.contains("<loc>https://ada.example.org/cv/</loc>"))
}

@Test func homePagePersonJSONLDHasLanguagesCredentialsAndOffer() throws {
    let (site, _) = try builtTrainerSite()
    defer { Fixtures.remove(site) }
    let home = try String(contentsOfFile: site + "/output/index.html", encoding: .utf8)
    let json = try #require(home.firstMatch(of: /<script type="application\/ld\+json">([^<]*)<\/script>/)?.1)
    let person = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(person["@type"] as? String == "Person")
    #expect(person["sameAs"] as? [String] == ["https://github.com/ada-example"])
    let languages = try #require(person["knowsLanguage"] as? [[String: Any]])
    #expect(languages.compactMap { $0["name"] as? String } == ["English", "Igbo", "French"])
    let credential = try #require((person["hasCredential"] as? [[String: Any]])?.first)
    #expect(credential["@type"] as? String == "EducationalOccupationalCredential")
    #expect((credential["recognizedBy"] as? [String: Any])?["name"] as? String == "Example Institute")
    let offer = try #require(person["makesOffer"] as? [String: Any])
    #expect((offer["itemOffered"] as? [String: Any])?["@type"] as? String == "Service")
    let price = try #require(offer["priceSpecification"] as? [String: Any])
    #expect(price["@type"] as? String == "UnitPriceSpecification")
    #expect(price["price"] as? Double == 55 && price["priceCurrency"] as? String == "USD" && price["unitText"] as? String == "hour")
}

@Test func exportedResumeReadsBackAsTheSameCV() throws {
    let (site, result) = try builtTrainerSite()
    defer { Fixtures.remove(site) }
    let cv = try #require(result.curriculumVitae)
    let exported = ResumeExport.json(cv)
    #expect((try? JSONSerialization.jsonObject(with: Data(exported.utf8))) != nil, "valid JSON")
    var diagnostics = Diagnostics()
    let readBack = try #require(JSONResume.decode(exported, file: "resume.json", diagnostics: &diagnostics))
    #expect(diagnostics.isEmpty, "\(diagnostics.sorted)")
    var expected = cv.resume
    expected.root[text: "$schema"] = ResumeExport.schemaURL
    #expect(readBack == expected)
    // Put back as the site's resume.json, the export is the same document again.
    try exported.write(toFile: site + "/resume.json", atomically: true, encoding: .utf8)
    let again = Fixtures.build(site: site, output: nil)
    #expect(again.diagnostics.isEmpty, "\(again.diagnostics.sorted)")
    #expect(again.curriculumVitae.map(ResumeExport.json) == exported)
}

@Test func brokenResumeFailsTheBuildAtTheJSONPosition() throws {
    let site = try Fixtures.copy(ofSite: Fixtures.path("sites/trainer"))
    defer { Fixtures.remove(site) }
    try "{\n  \"work\": [{\"startDate\": 2023}]\n}\n".write(toFile: site + "/resume.json", atomically: true, encoding: .utf8)
    let result = Fixtures.build(site: site, output: site + "/output")
    #expect(!result.published)
    let found = try #require(result.diagnostics.first("resume.type"))
    #expect(found.file == "resume.json" && found.line == 2 && found.column == 26)
}

@Test func cvIsRenderedAgainOnlyWhenWhatItShowsChanges() throws {
    let (site, _) = try builtTrainerSite()
    defer { Fixtures.remove(site) }
    func cvInode() throws -> Int { (try FileManager.default.attributesOfItem(atPath: site + "/output/cv/index.html")[.systemFileNumber] as? Int) ?? 0 }
    let first = try cvInode()
    let page = site + "/content/projects/reward-model/index.md"
    try (try String(contentsOfFile: page, encoding: .utf8) + "\nMore words later on.\n").write(toFile: page, atomically: false, encoding: .utf8)
    #expect(Fixtures.build(site: site, output: site + "/output").filesParsed == 1)
    #expect(try cvInode() == first, "a text edit leaves the CV as it was")
    try "metrics:\n  - name: pairwise accuracy\n    unit: percent\n    points: [{step: 0, value: 61}, {step: 1, value: 75}]\n"
        .write(toFile: site + "/content/projects/reward-model/metrics.yaml", atomically: false, encoding: .utf8)
    #expect(Fixtures.build(site: site, output: site + "/output").published)
    let cv = try String(contentsOfFile: site + "/output/cv/index.html", encoding: .utf8)
    #expect(cv.contains("+14 pts pairwise accuracy"), "the new headline figure")
}

@Test func previewNoticesAnEditedResume() throws {
    let site = Fixtures.site(["portfolio.yaml": "title: T\n", "content/index.md": "Hi.\n"])
    defer { Fixtures.remove(site) }
    let watcher = SiteWatcher(siteDirectory: site)
    let before = watcher.snapshot()
    try "{}".write(toFile: site + "/resume.json", atomically: false, encoding: .utf8)
    #expect(watcher.snapshot() != before)
}

@Test func siteWithOnlyAResumeGetsACVButClaimsNoAvailability() throws {
    let site = Fixtures.site([
        "portfolio.yaml": "title: T\nauthor:\n  name: Ada\n",
        "content/index.md": "Hi.\n",
        "resume.json": "{\"languages\": [{\"language\": \"Igbo\", \"fluency\": \"Native\"}], \"work\": [{\"name\": \"Freelance\", \"position\": \"Trainer\"}]}\n",
    ])
    defer { Fixtures.remove(site) }
    #expect(Fixtures.build(site: site, output: site + "/output").published)
    let cv = try String(contentsOfFile: site + "/output/cv/index.html", encoding: .utf8)
    let home = try String(contentsOfFile: site + "/output/index.html", encoding: .utf8)
    #expect(cv.contains("Igbo") && cv.contains("Trainer, Freelance"))
    #expect(!cv.contains("Available now") && !home.contains("class=\"hire\""))
    #expect(home.contains("<a href=\"/cv/\">CV</a>"))
}

@Test func editingResumeJSONRebuildsTheCV() throws {
    let (site, _) = try builtTrainerSite()
    defer { Fixtures.remove(site) }
    try "{\"work\": [{\"name\": \"A new client of mine\", \"position\": \"Reviewer\"}]}\n".write(toFile: site + "/resume.json", atomically: false, encoding: .utf8)
    let rebuilt = Fixtures.build(site: site, output: site + "/output")
    #expect(rebuilt.published && !rebuilt.upToDate)
    let cv = try String(contentsOfFile: site + "/output/cv/index.html", encoding: .utf8)
    #expect(cv.contains("Reviewer, A new client of mine") && !cv.contains("Ranked 20,000 pairs"))
}
