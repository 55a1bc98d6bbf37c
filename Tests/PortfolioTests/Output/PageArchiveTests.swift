import Foundation
import OrderedCollections
@testable import PortfolioContent
import PortfolioImages
@testable import PortfolioImages
@testable import PortfolioMarkdown
@testable import PortfolioMetrics
@testable import PortfolioOutput
@testable import PortfolioSite
@testable import PortfolioSupport
import Synchronization
import Testing

private func fullFrontMatter() -> FrontMatter {
    var matter = FrontMatter()
    (matter.title, matter.subtitle, matter.description, matter.summary, matter.author, matter.readTime) =
        ("T", "S", "D", "Su", "A", "5 mins")
    matter.publishDate = SiteDate(year: 2024, month: 3, day: 3, secondOfDay: 3600, utcOffsetSeconds: -18000)
    matter.createdDate = SiteDate(year: 2024, month: 3, day: 1)
    matter.updatedDate = SiteDate(year: 2024, month: 4, day: 1)
    (matter.heroImage, matter.heroImageAlt, matter.cta) = ("hero.png", "Alt", "Call me")
    matter.tags = ["RLHF", "Évaluation"]
    matter.categories = ["c"]
    matter.draft = true
    matter.unlisted = true
    matter.slug = "s"
    matter.weight = -3
    (matter.role, matter.platform, matter.model, matter.specialization) = ("R", "P", "M", "Code")
    matter.hours = 12.5
    matter.featured = true
    matter.headlineMetric = "pass@1"
    matter.math = true
    matter.layout = "note"
    matter.metricFiles = [MetricFileReference(path: "m.json", format: "lm-eval", select: ["a"], name: "n", location: SourceLocation(file: "f", line: 2, column: 3))]
    matter.params = ["nested": .map(["list": .list([.string("x"), .number(1.5), .bool(false), .null])])]
    matter.keyLocations = ["title": SourceLocation(file: "f", line: 2, column: 1), "slug": SourceLocation(file: "other.md", line: 9, column: 7)]
    return matter
}

@Test func archivedFrontMatterComesBackWithEveryField() throws {
    let matter = fullFrontMatter()
    // A field added to FrontMatter must be archived too: this count is the reminder.
    #expect(Mirror(reflecting: matter).children.count == 30)
    var writer = CacheWriter()
    writer.write(matter)
    var reader = CacheReader(writer.bytes)
    #expect(try reader.read(FrontMatter.self) == matter)
    #expect(reader.isAtEnd)
}

@Test func archivedPageComesBackWithoutBodyButWithItsMetricFacts() throws {
    let metrics = MetricSet(series: [MetricSeries(name: "accuracy", points: [50, 60])])
    let page = Page(
        kind: .project, source: SourceFile(contentPath: "projects/a.md", sitePath: "content/projects/a.md", absolutePath: "/s/content/projects/a.md", size: 10, modified: 20),
        urlPath: "projects/a/", slug: "a", frontMatter: fullFrontMatter(), title: "A", html: "<p>Body</p>",
        headings: [Heading(level: 2, text: "H", id: "h")], wordCount: 600, hasMath: true, readTime: "3 min", summary: "Sum",
        date: SiteDate(year: 2024, month: 3, day: 3), tags: [Term(name: "RLHF", slug: "rlhf")],
        specialization: Term(name: "Code", slug: "code"), heroImage: "projects/a/hero.png",
        references: [MarkdownReference(url: "x.png", text: "X", line: 4, column: 2, isImage: true)],
        bundleDirectory: "projects/a", metrics: metrics, metricFiles: ["content/projects/a/metrics.yaml"],
        images: [PageImage(contentPath: "projects/a/hero.png", facts: ImageFacts(width: 640, height: 480, format: .png))],
        heroFacts: ImageFacts(width: 640, height: 480, format: .png, frames: 2))
    #expect(Mirror(reflecting: page.fields).children.count == 22)
    var writer = CacheWriter()
    writer.write(page)
    var reader = CacheReader(writer.bytes)
    let restored = try reader.read(Page.self)
    #expect(reader.isAtEnd)
    #expect(restored.html.isEmpty && restored.metrics == nil && restored.hasMath)
    #expect(restored.hasMetrics && restored.metricHighlight == page.metricHighlight)
    #expect(restored.frontMatter == page.frontMatter && restored.source == page.source && restored.tags == page.tags)
    #expect(restored.headings.isEmpty && restored.references == page.references && restored.date == page.date)
    #expect(restored.images == page.images && restored.heroFacts == page.heroFacts)
    var again = CacheWriter()
    again.write(restored)
    #expect(again.bytes == writer.bytes)
    restored.makeContent { PageContent.Parts(html: page.html, headings: page.headings, metrics: page.metrics) }
    #expect(restored.html == page.html && restored.headings == page.headings && restored.metrics == page.metrics)
}

@Test func spilledBodyIsReadFromTheSpillFileEvenOnceLetGo() throws {
    let page = Page(
        kind: .project, source: SourceFile(contentPath: "projects/a.md", sitePath: "content/projects/a.md", absolutePath: "/s/content/projects/a.md", size: 10, modified: 20),
        urlPath: "projects/a/", slug: "a", frontMatter: FrontMatter(), title: "A", html: "<p>Body ✓</p>", headings: [], wordCount: 2,
        hasMath: false, readTime: "1 min", summary: "Body", date: nil, tags: [], specialization: nil, heroImage: nil, references: [],
        bundleDirectory: nil, metrics: nil)
    let parses = Mutex(0)
    page.makeContent {
        parses.withLock { $0 += 1 }
        return PageContent.Parts(html: "<p>parsed again</p>", headings: [], metrics: nil)
    }
    page.spillBody(to: try #require(SpillFile(directory: SpillFile.temporaryDirectory)))
    page.releaseBody()
    #expect(page.html == "<p>Body ✓</p>" && page.html == "<p>Body ✓</p>")
    #expect(parses.withLock { $0 } == 0)
}

@Test func truncatedOrForeignCacheReadsAsCorrupt() throws {
    var writer = CacheWriter()
    writer.write("a string")
    writer.write(-42)
    for length in 0..<writer.bytes.count {
        var reader = CacheReader(Array(writer.bytes.prefix(length)))
        #expect(throws: CacheReader.Corrupt.self) {
            _ = try reader.read(String.self)
            _ = try reader.read(Int.self)
        }
    }
    var reader = CacheReader(writer.bytes)
    #expect(try reader.read(String.self) == "a string")
    #expect(try reader.read(Int.self) == -42)
}

@Test func pageCacheOfManyChunksLoadsBackAndATruncatedOneLoadsEmpty() throws {
    let site = Fixtures.scratchDirectory() + "/"
    defer { Fixtures.remove(site) }
    var cache = PageCache(environment: 7, contentSet: 9)
    for number in 0..<(PageCache.chunkSize * 2 + 100) {
        cache.entries["content/p\(number).md"] = PageCache.Entry(
            inputs: ["content/p\(number).md"], inputKey: UInt64(number), page: nil,
            diagnostics: [Diagnostic(.warning, "w", at: SourceLocation(file: "content/p\(number).md", line: 1, column: 2), "m")])
    }
    cache.save(siteDirectory: site)
    let loaded = PageCache.load(siteDirectory: site, environment: 7, contentSet: 9)
    #expect(loaded.entries.count == cache.entries.count)
    #expect(loaded.entries["content/p1041.md"]?.inputKey == 1041 && loaded.entries["content/p1040.md"]?.inputKey == 1040)
    #expect(loaded.entries["content/p3.md"]?.diagnostics == cache.entries["content/p3.md"]?.diagnostics)
    #expect(PageCache.load(siteDirectory: site, environment: 8, contentSet: 9).entries.isEmpty)
    let path = PageCache.path(siteDirectory: site)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    try bytes.prefix(bytes.count - 5).write(to: URL(fileURLWithPath: path))
    #expect(PageCache.load(siteDirectory: site, environment: 7, contentSet: 9).entries.isEmpty)
    // Cut where a chunk ends, the file still reads as a whole one would, but the header's count of
    // chunks tells it is not.
    var lastChunk = CacheWriter()
    for sitePath in cache.entries.keys.sorted().suffix(100) {
        lastChunk.write(sitePath)
        cache.entries[sitePath]!.archive(into: &lastChunk)
    }
    var length = CacheWriter()
    length.write(lastChunk.bytes.count)
    try bytes.prefix(bytes.count - lastChunk.bytes.count - length.bytes.count).write(to: URL(fileURLWithPath: path))
    #expect(PageCache.load(siteDirectory: site, environment: 7, contentSet: 9).entries.isEmpty)
}

@Test func smallChangesGoToTheChangesFileAndLoadOverTheBase() throws {
    let site = Fixtures.scratchDirectory() + "/"
    defer { Fixtures.remove(site) }
    var cache = PageCache(environment: 1, contentSet: 2)
    for number in 0..<300 {
        cache.entries["content/p\(number).md"] = PageCache.Entry(
            inputs: ["content/p\(number).md"], inputKey: UInt64(number), page: nil, diagnostics: [])
    }
    cache.save(siteDirectory: site)
    #expect(!FileManager.default.fileExists(atPath: PageCache.changesPath(siteDirectory: site)))
    var loaded = PageCache.load(siteDirectory: site, environment: 1, contentSet: 2)
    loaded.entries["content/p7.md"]?.rules = findings(77)
    loaded.save(siteDirectory: site)
    #expect(FileManager.default.fileExists(atPath: PageCache.changesPath(siteDirectory: site)))
    var again = PageCache.load(siteDirectory: site, environment: 1, contentSet: 2)
    #expect(again.entries.count == 300 && again.entries["content/p7.md"]?.rules == findings(77) && again.entries["content/p8.md"]?.rules == nil)
    // The changes file keeps every difference from the base, not only the last build's.
    again.entries["content/p9.md"]?.rules = findings(99)
    again.save(siteDirectory: site)
    let third = PageCache.load(siteDirectory: site, environment: 1, contentSet: 2)
    #expect(third.entries["content/p7.md"]?.rules == findings(77) && third.entries["content/p9.md"]?.rules == findings(99))
}

/// Link findings checked against the published paths of fingerprint `published`.
private func findings(_ published: UInt64) -> ContentRules.Findings {
    ContentRules.Findings(published: published, diagnostics: [])
}
