import Foundation
import Testing

/// Whole-site behaviour: the fixture site's full output equals the committed golden folder.
@Suite struct GoldenSite {
    @Test func basicSiteMatchesGoldenOutput() throws {
        let site = try Fixtures.copy(ofSite: Fixtures.path("sites/basic"))
        defer { Fixtures.remove(site) }
        let output = site + "/output"
        let result = Fixtures.build(site: site, output: output)
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.sorted)")
        let golden = Fixtures.path("golden/basic")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            Fixtures.remove(golden)
            try FileManager.default.copyItem(atPath: output, toPath: golden)
        }
        let built = Fixtures.tree(output)
        let expected = Fixtures.tree(golden)
        #expect(Set(built.keys) == Set(expected.keys), "files differ: run UPDATE_GOLDEN=1 swift test --filter GoldenSite and review")
        for (path, bytes) in built.sorted(by: { $0.key < $1.key }) where expected[path] != bytes {
            Issue.record("\(path) differs from Tests/Fixtures/golden/basic/\(path)")
        }
    }

    @Test func twoBuildsOfTheSameInputAreByteIdentical() throws {
        let scratch = try Fixtures.copy(ofSite: Fixtures.path("sites/basic"))
        defer { Fixtures.remove(scratch) }
        _ = Fixtures.build(site: scratch, output: scratch + "/a", useCache: false)
        _ = Fixtures.build(site: scratch, output: scratch + "/b", useCache: false)
        #expect(Fixtures.tree(scratch + "/a") == Fixtures.tree(scratch + "/b"))
    }

    @Test func draftsAreBuiltOnlyWhenAsked() throws {
        let scratch = try Fixtures.copy(ofSite: Fixtures.path("sites/basic"))
        defer { Fixtures.remove(scratch) }
        _ = Fixtures.build(site: scratch, output: scratch + "/plain")
        _ = Fixtures.build(site: scratch, output: scratch + "/drafts", drafts: true)
        #expect(!FileManager.default.fileExists(atPath: scratch + "/plain/projects/unfinished/index.html"))
        #expect(FileManager.default.fileExists(atPath: scratch + "/drafts/projects/unfinished/index.html"))
    }

    @Test func baseURLOverrideChangesEveryLink() throws {
        let scratch = try Fixtures.copy(ofSite: Fixtures.path("sites/basic"))
        defer { Fixtures.remove(scratch) }
        _ = Fixtures.build(site: scratch, output: scratch + "/out", baseURL: "http://127.0.0.1:8000/")
        let home = try String(contentsOfFile: scratch + "/out/index.html", encoding: .utf8)
        #expect(home.contains("<link rel=\"canonical\" href=\"http://127.0.0.1:8000/\">"))
        #expect(!home.contains("/portfolio/"))
    }
}

/// A model card kept beside a project as Markdown is read as metrics, not published as a page.
@Test func markdownReadAsMetricsIsNotAPage() throws {
    let card = try Fixtures.text("metrics/samples/hf-model-index/huggingface_hub_fixture_sample_simple_model_index.md")
    let site = Fixtures.site([
        "portfolio.yaml": "title: S\nbase_url: https://x.example/\n",
        "content/projects/ner/index.md": "---\ntitle: NER\nmetrics: model-card.md\n---\nText.\n",
        "content/projects/ner/model-card.md": card,
    ])
    defer { Fixtures.remove(site) }
    let result = Fixtures.build(site: site, output: site + "/output")
    #expect(result.published, "\(result.diagnostics.sorted)")
    #expect(!result.diagnostics.codes.contains("metrics.model-card-page"))
    #expect(!FileManager.default.fileExists(atPath: site + "/output/projects/ner/model-card/index.html"))
    #expect(FileManager.default.fileExists(atPath: site + "/output/projects/ner/metrics.json"))
}

@Test func longListsArePaginatedWithPreviousAndNextLinks() throws {
    var files = ["portfolio.yaml": "title: S\nbase_url: https://x.example/sub/\npaginate: 2\n"]
    for index in 1...5 {
        files["content/projects/p\(index).md"] = "---\ntitle: P\(index)\ndate: 2025-01-0\(index)\ntags: [nlp]\n---\nText.\n"
    }
    let site = Fixtures.site(files)
    defer { Fixtures.remove(site) }
    #expect(Fixtures.build(site: site, output: site + "/output").published)
    let tree = Fixtures.tree(site + "/output")
    #expect(tree["projects/page/3/index.html"] != nil)
    #expect(tree["projects/page/4/index.html"] == nil)
    #expect(tree["tags/nlp/page/2/index.html"] != nil)
    let middle = String(decoding: tree["projects/page/2/index.html"] ?? Data(), as: UTF8.self)
    #expect(middle.contains(#"<link rel="prev" href="/sub/projects/">"#))
    #expect(middle.contains(#"<link rel="next" href="/sub/projects/page/3/">"#))
    #expect(middle.contains("P3") && middle.contains("P2") && !middle.contains(">P5<"))
    let sitemap = String(decoding: tree["sitemap.xml"] ?? Data(), as: UTF8.self)
    #expect(sitemap.contains("<loc>https://x.example/sub/projects/page/2/</loc>"))
}

/// Every page the build generates is a valid link target, list pages after the first included.
@Test func linksToGeneratedListPagesAreNotBroken() {
    var files = ["portfolio.yaml": "title: S\npaginate: 1\n"]
    for index in 1...2 {
        files["content/projects/p\(index).md"] = "---\ntitle: P\(index)\ntags: [nlp]\nspecialization: NLP\n---\nText.\n"
    }
    files["content/about.md"] = "---\ntitle: About\n---\nSee [page two](/projects/page/2/), [more NLP](/tags/nlp/page/2/) and [the NLP list](/specializations/nlp/page/2/).\n"
    let site = Fixtures.site(files)
    defer { Fixtures.remove(site) }
    let result = Fixtures.build(site: site, output: nil)
    #expect(!result.diagnostics.codes.contains("content.broken-link"), "\(result.diagnostics.sorted)")
}
