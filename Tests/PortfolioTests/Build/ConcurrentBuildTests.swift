import Foundation
@testable import PortfolioBuild
@testable import PortfolioSite
import Synchronization
import Testing

/// A site of `count` projects whose every page names `label`, so two such sites differ in every file.
private func labelledSite(_ label: String, projects count: Int) -> String {
    var files = ["portfolio.yaml": "title: Site \(label)\nbase_url: https://example.com/\n"]
    for index in 0..<count {
        files["content/projects/p\(index).md"] = "---\ntitle: \(label) project \(index)\ntags: [t\(index % 7)]\n---\nWrite-up \(index) of site \(label).\n"
    }
    return Fixtures.site(files)
}

/// Two builds started at once into the same output folder (two terminals, an editor task and a script)
/// take turns: each publishes a whole site, and the folder ends as one of them, never a mix.
@Test(.tags(.slow), .skippedInFastRun) func buildsIntoTheSameOutputAtOnceTakeTurns() throws {
    let sites = [labelledSite("A", projects: 150), labelledSite("B", projects: 150)]
    let scratch = Fixtures.scratchDirectory()
    defer { for folder in sites + [scratch] { Fixtures.remove(folder) } }
    let alone = sites.indices.map { index in
        _ = Fixtures.build(site: sites[index], output: scratch + "/alone-\(index)", useCache: false)
        return Fixtures.tree(scratch + "/alone-\(index)")
    }
    let shared = scratch + "/shared"
    for round in 1...4 {
        let results = Mutex<[BuildResult]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let result = Fixtures.build(site: sites[index], output: shared)
            results.withLock { $0.append(result) }
        }
        for result in results.withLock({ $0 }) {
            #expect(result.published, "round \(round): \(result.diagnostics.sorted)")
        }
        let isOneWholeSite = alone.contains(Fixtures.tree(shared))
        #expect(isOneWholeSite, "round \(round): the output is a mix of both sites")
    }
}
