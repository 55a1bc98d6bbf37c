import Foundation
@testable import PortfolioBuild
@testable import PortfolioContent
@testable import PortfolioMetrics
@testable import PortfolioRender
@testable import PortfolioSite
@testable import PortfolioSupport
import Testing

/// Locates fixtures under `Tests/Fixtures/` and makes scratch folders for tests that write.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath, isDirectory: false)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures", isDirectory: true).path

    static let repositoryRoot = URL(fileURLWithPath: root, isDirectory: true).deletingLastPathComponent().deletingLastPathComponent().path

    static func path(_ relative: String) -> String { root + "/" + relative }

    static func text(_ relative: String) throws -> String {
        try String(contentsOfFile: path(relative), encoding: .utf8)
    }

    /// The text of every file below `folder` of the repository (`templates`, `scaffold`) by relative
    /// path, for comparing a folder with its embedded copy; hidden files only when `hidden` is set.
    static func repositoryFolderText(_ folder: String, hidden: Bool = false) throws -> [String: String] {
        let folder = repositoryRoot + "/" + folder
        var onDisk: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let relative = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue,
               hidden || !(relative as NSString).lastPathComponent.hasPrefix(".") {
                onDisk[relative] = try String(contentsOfFile: folder + "/" + relative, encoding: .utf8)
            }
        }
        return onDisk
    }

    /// A fresh temporary folder, removed by the caller with `remove`.
    static func scratchDirectory() -> String {
        let path = NSTemporaryDirectory() + "portfolio-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes a small site from `files` (path relative to the site -> text) into a scratch folder.
    static func site(_ files: [String: String]) -> String {
        let directory = scratchDirectory()
        for (relative, text) in files {
            let path = directory + "/" + relative
            try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try! text.write(toFile: path, atomically: false, encoding: .utf8)
        }
        return directory
    }

    /// A scratch copy of the site in `folder`, removed by the caller with `remove`. A build writes
    /// `.portfolio-cache/` into its site, so tests build copies, never the fixtures themselves.
    static func copy(ofSite folder: String) throws -> String {
        let path = NSTemporaryDirectory() + "portfolio-test-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: folder, toPath: path)
        return path
    }

    /// Sets the time of every folder under the site's `content/` a year back, as if nothing had
    /// been added to them lately, so a build may keep their listings.
    static func backdateFolders(of site: String) throws {
        let content = site + "/content"
        let aYearAgo = Date(timeIntervalSinceNow: -365 * 24 * 3600)
        let folders = [""] + (FileManager.default.subpaths(atPath: content) ?? []).filter { relative in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: content + "/" + relative, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        for relative in folders {
            try FileManager.default.setAttributes([.modificationDate: aYearAgo], ofItemAtPath: content + "/" + relative)
        }
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Every file below `directory` by relative path, for comparing whole output folders.
    static func tree(_ directory: String) -> [String: Data] {
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return files }
        for case let relative as String in enumerator {
            var isDirectory: ObjCBool = false
            let path = directory + "/" + relative
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[relative] = FileManager.default.contents(atPath: path)
            }
        }
        return files
    }

    static let fixedNow = SiteDate(year: 2026, month: 11, day: 27)

    /// The site at `root` (ending in `/`) parsed and assembled as a build does, with its theme, ready to
    /// render without writing anything.
    static func renderer(ofSiteAt root: String) -> (renderer: SiteRenderer, theme: Theme, diagnostics: Diagnostics) {
        var diagnostics = Diagnostics()
        let (config, _) = SiteBuild.loadConfig(root: root, diagnostics: &diagnostics)
        let tree = ContentScanner.scan(siteDirectory: root, diagnostics: &diagnostics)
        let parser = PageParser(siteDirectory: root, config: config, content: ContentIndex(files: tree.files))
        let pages = tree.markdown.compactMap { parser.page($0, diagnostics: &diagnostics) }
        let site = SiteAssembler.assemble(
            pages: pages, files: tree.files, consumedFiles: Set(pages.flatMap(\.metricFiles)), config: config,
            options: BuildOptions(now: fixedNow), diagnostics: &diagnostics)
        let theme = Theme.forSite(at: root, diagnostics: &diagnostics)
        let renderer = SiteRenderer(site: site, templates: TemplateSet.compile(theme, diagnostics: &diagnostics), assetPaths: [:])
        return (renderer, theme, diagnostics)
    }

    static func build(
        site: String, output: String?, drafts: Bool = false, baseURL: String? = nil, useCache: Bool = true, workTimes: WorkTimes? = nil
    ) -> BuildResult {
        if site.hasPrefix(root) {
            Issue.record("\(site) is a fixture: build a copy (Fixtures.copy(ofSite:)), as tests running at the same time read it")
        }
        var request = BuildRequest(
            siteDirectory: site, outputDirectory: output, includeDrafts: drafts, baseURLOverride: baseURL, now: fixedNow, useCache: useCache)
        request.workTimes = workTimes
        return SiteBuild.run(request)
    }
}

extension Diagnostics {
    var codes: [String] { sorted.map(\.code) }

    func first(_ code: String) -> Diagnostic? { sorted.first { $0.code == code } }
}

/// The DESIGN.md example metric, shared by the chart and template-data tests.
enum SampleMetrics {
    static let passAt1 = MetricSeries(
        name: "pass@1 (HumanEval)", unit: .percent, better: .higher, target: 60,
        points: [
            MetricPoint(step: 0, label: "SFT", value: 42.1),
            MetricPoint(step: 1, label: "RLHF round 1", value: 48.7, stderr: 1.2),
            MetricPoint(step: 2, label: "RLHF round 2", value: 55.3),
        ])
}
