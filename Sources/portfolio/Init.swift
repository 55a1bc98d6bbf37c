import ArgumentParser
import Foundation
import PortfolioContent
import PortfolioScaffold

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new site with one example project, using the built-in theme.")

    @Argument(help: "The folder to create the site in.")
    var directory: String

    @Flag(name: .long, help: "Write into a folder that is not empty, replacing files of the same name.")
    var force = false

    func run() throws {
        let path = absolutePath(directory)
        guard force || SiteScaffold.isEmptyOrMissing(path) else {
            printError("error: \(directory) is not empty; pass --force to write into it anyway")
            throw ExitCode(1)
        }
        let today = SiteDate(secondsSince1970: Int(Date().timeIntervalSince1970))
        do {
            try SiteScaffold.write(SiteScaffold.siteFiles(today: today), to: path, overwrite: force)
        } catch {
            printError("error: \(error.description)")
            throw ExitCode(1)
        }
        print("""
            Created a new site in \(directory).

            Next steps:
              cd \(directory)
              edit portfolio.yaml              your name, links and base_url
              portfolio new "Project title"    add a project write-up
              portfolio serve                  preview at http://127.0.0.1:8000/, reloading on save
              portfolio build                  write output/, ready to publish
            """)
    }
}

/// `path` made absolute against the current folder.
func absolutePath(_ path: String) -> String {
    URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
        .standardizedFileURL.path
}
