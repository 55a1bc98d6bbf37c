import Foundation
@testable import PortfolioContent
@testable import PortfolioOutput
@testable import PortfolioSupport
import Testing

/// The walk of `content/` with the last walk's folder listings: a folder whose time has not moved is
/// taken from them, and anything that moves a folder's time is seen.
private func bundleSite() -> String {
    Fixtures.site([
        "portfolio.yaml": "title: Walk\n",
        "content/projects/a/index.md": "---\ntitle: A\n---\nText.\n",
        "content/projects/a/metrics.yaml": "metrics: []\n",
        "content/projects/b/index.md": "---\ntitle: B\n---\nText.\n",
    ])
}

private func walk(_ site: String, known: FolderListings = FolderListings()) -> (tree: ContentTree, listings: FolderListings, changed: Bool) {
    var diagnostics = Diagnostics()
    let walked = ContentScanner.scan(siteDirectory: site + "/", known: known, diagnostics: &diagnostics)
    #expect(diagnostics.all.isEmpty)
    return walked
}

private func paths(_ tree: ContentTree) -> [String] {
    (tree.markdown + tree.files).map(\.sitePath).sorted()
}

@Test func foldersChangedMomentsAgoAreNotKeptForTheNextWalk() {
    let site = bundleSite()
    defer { Fixtures.remove(site) }
    #expect(walk(site).listings.byFolder.isEmpty)
}

@Test func aFolderWhoseTimeHasNotMovedIsTakenFromTheLastWalk() throws {
    let site = bundleSite()
    defer { Fixtures.remove(site) }
    try Fixtures.backdateFolders(of: site)
    let first = walk(site)
    #expect(first.listings.byFolder.keys.sorted() == ["content", "content/projects", "content/projects/a", "content/projects/b"])
    #expect(first.changed)
    let second = walk(site, known: first.listings)
    #expect(second.listings == first.listings && !second.changed)
    #expect(paths(walk(site, known: first.listings).tree) == paths(first.tree))
    // Proof that the listing is trusted: a file it leaves out is not looked for.
    var doctored = first.listings
    doctored.byFolder["content/projects/a"]?.files.removeAll { $0 == "metrics.yaml" }
    #expect(!paths(walk(site, known: doctored).tree).contains("content/projects/a/metrics.yaml"))
}

@Test func editsToFilesOfAKeptFolderAreSeen() throws {
    let site = bundleSite()
    defer { Fixtures.remove(site) }
    try Fixtures.backdateFolders(of: site)
    let first = walk(site)
    try "---\ntitle: A, longer\n---\nMore text.\n".write(toFile: site + "/content/projects/a/index.md", atomically: false, encoding: .utf8)
    let again = walk(site, known: first.listings)
    let before = try #require(first.tree.markdown.first { $0.sitePath == "content/projects/a/index.md" })
    let after = try #require(again.tree.markdown.first { $0.sitePath == "content/projects/a/index.md" })
    #expect(after.size != before.size)
}

@Test func filesAddedRemovedOrRenamedInAKeptFolderAreSeen() throws {
    let site = bundleSite()
    defer { Fixtures.remove(site) }
    try Fixtures.backdateFolders(of: site)
    var known = walk(site).listings
    let projects = site + "/content/projects/"
    try "figure".write(toFile: projects + "a/figure.svg", atomically: false, encoding: .utf8)
    try FileManager.default.removeItem(atPath: projects + "a/metrics.yaml")
    try FileManager.default.moveItem(atPath: projects + "b", toPath: projects + "c")
    let again = walk(site, known: known)
    #expect(again.changed)
    #expect(paths(again.tree) == [
        "content/projects/a/figure.svg", "content/projects/a/index.md", "content/projects/c/index.md",
    ])
    known = again.listings
    #expect(known.byFolder["content/projects/a"] == nil, "changed moments ago")
}

@Test func aListedFileThatIsGoneWhileTheFolderTimeStandsSendsTheFolderToAFullListing() throws {
    let site = bundleSite()
    defer { Fixtures.remove(site) }
    try Fixtures.backdateFolders(of: site)
    let known = walk(site).listings
    try FileManager.default.removeItem(atPath: site + "/content/projects/a/metrics.yaml")
    try Fixtures.backdateFolders(of: site)
    #expect(!paths(walk(site, known: known).tree).contains("content/projects/a/metrics.yaml"))
}

@Test func foldersWithSymbolicLinksAreListedEveryTime() throws {
    let site = bundleSite()
    defer { Fixtures.remove(site) }
    try FileManager.default.createSymbolicLink(atPath: site + "/content/projects/a/copy.md", withDestinationPath: "index.md")
    try Fixtures.backdateFolders(of: site)
    let listings = walk(site).listings
    #expect(listings.byFolder["content/projects/a"] == nil)
    #expect(listings.byFolder["content/projects/b"] != nil)
}

@Test func folderListingsSurviveTheCacheFile() throws {
    let site = bundleSite()
    defer { Fixtures.remove(site) }
    try Fixtures.backdateFolders(of: site)
    let listings = walk(site).listings
    listings.save(siteDirectory: site + "/")
    #expect(FolderListings.load(siteDirectory: site + "/") == listings)
    try "folders-1 but not really".write(toFile: FolderListings.path(siteDirectory: site + "/"), atomically: false, encoding: .utf8)
    #expect(FolderListings.load(siteDirectory: site + "/") == FolderListings())
}

@Test func manyBundlesSideBySideAreTakenFromTheLastWalkAndChangesAreSeen() throws {
    var files = ["portfolio.yaml": "title: Walk\n"]
    for number in 0..<12 { files["content/projects/p\(number)/index.md"] = "---\ntitle: P\(number)\n---\nText.\n" }
    let site = Fixtures.site(files)
    defer { Fixtures.remove(site) }
    try Fixtures.backdateFolders(of: site)
    let first = walk(site)
    #expect(first.listings.byFolder.count == 14)
    #expect(paths(walk(site, known: first.listings).tree) == paths(first.tree))
    var doctored = first.listings
    doctored.byFolder["content/projects/p2"]?.files = []
    #expect(!paths(walk(site, known: doctored).tree).contains("content/projects/p2/index.md"), "taken from the listing")
    try "more".write(toFile: site + "/content/projects/p3/notes.txt", atomically: false, encoding: .utf8)
    try FileManager.default.removeItem(atPath: site + "/content/projects/p7/index.md")
    try "---\ntitle: P5, longer\n---\nMore text.\n".write(toFile: site + "/content/projects/p5/index.md", atomically: false, encoding: .utf8)
    let again = walk(site, known: first.listings)
    #expect(paths(again.tree).contains("content/projects/p3/notes.txt"))
    #expect(!paths(again.tree).contains("content/projects/p7/index.md"))
    let edited = try #require(again.tree.markdown.first { $0.sitePath == "content/projects/p5/index.md" })
    #expect(edited.size == "---\ntitle: P5, longer\n---\nMore text.\n".utf8.count)
}
