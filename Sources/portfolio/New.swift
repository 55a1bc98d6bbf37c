import ArgumentParser
import Foundation
import PortfolioContent
import PortfolioMarkdown
import PortfolioScaffold
import PortfolioSupport

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a project write-up with complete front matter and a metrics file.")

    @Argument(help: "The project's title; its slug names the folder.")
    var title: String

    @Flag(name: .customLong("single-file"), help: "Write content/projects/<slug>.md, without a metrics file.")
    var singleFile = false

    @Option(name: .long, help: "The site folder, holding portfolio.yaml and content/.")
    var site: String = "."

    func run() throws {
        let slug = Slug.make(title)
        guard !slug.isEmpty else {
            printError("error: the title '\(title)' gives an empty slug; use letters or digits")
            throw ExitCode(2)
        }
        let siteDirectory = absolutePath(site)
        let files = SiteScaffold.projectFiles(
            title: title, slug: slug, author: authorName(in: siteDirectory),
            today: SiteDate(secondsSince1970: Int(Date().timeIntervalSince1970)), singleFile: singleFile)
        // A bundle and a single file of the same slug would publish at one URL.
        let other = singleFile ? "content/projects/\(slug)/index.md" : "content/projects/\(slug).md"
        if FileManager.default.fileExists(atPath: siteDirectory + "/" + other) {
            printError("error: \(other) already exists with this slug")
            throw ExitCode(1)
        }
        do {
            try SiteScaffold.write(files, to: siteDirectory)
        } catch {
            printError("error: \(error.description)")
            throw ExitCode(1)
        }
        let page = files.keys.first { $0.hasSuffix(".md") }!
        print(site == "." ? page : SitePaths.folder(site) + page)
    }

    /// `author.name` from portfolio.yaml, if the site has one; problems in the file are for `check` to report.
    private func authorName(in siteDirectory: String) -> String? {
        guard let text = try? String(contentsOfFile: siteDirectory + "/portfolio.yaml", encoding: .utf8) else { return nil }
        var ignored = Diagnostics()
        return SiteConfig.decode(text, file: "portfolio.yaml", diagnostics: &ignored).author.name
    }
}
