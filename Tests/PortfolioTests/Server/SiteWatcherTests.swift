import Foundation
@testable import PortfolioServer
import Testing

/// `serve` rebuilds when the confidential term list changes, as it does for `portfolio.yaml`.
@Test func watcherSeesConfidentialTxtAppear() throws {
    let site = Fixtures.site(["portfolio.yaml": "title: W\n", "content/about.md": "About.\n"])
    defer { Fixtures.remove(site) }
    let watcher = SiteWatcher(siteDirectory: site)
    let before = watcher.snapshot()
    try "Acme\n".write(toFile: site + "/confidential.txt", atomically: false, encoding: .utf8)
    #expect(watcher.snapshot() != before)
}
