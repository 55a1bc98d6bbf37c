import ArgumentParser
import Foundation
import PortfolioBuild
import PortfolioSupport

/// `portfolio export resume`: the site's CV as a JSON Resume document, for job boards.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write what the site knows in another format.", subcommands: [Resume.self])

    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the site's CV (portfolio.yaml's author and hire:, resume.json, the projects) as JSON Resume.")

        @OptionGroup var options: SiteOptions

        @Option(name: .long, help: "The file to write (default: standard output).")
        var output: String?

        func run() throws {
            let result = SiteBuild.run(options.request(output: nil))
            DiagnosticPrinter(siteDirectory: options.siteDirectory).print(result.diagnostics.sorted)
            guard !result.diagnostics.hasErrors else {
                printError("export failed: \(result.diagnostics.errorCount) error(s)")
                throw ExitCode(1)
            }
            guard let cv = result.curriculumVitae else {
                printError("the site has no CV data: add a hire: block to portfolio.yaml or a resume.json beside it")
                throw ExitCode(1)
            }
            let json = ResumeExport.json(cv)
            guard let output else {
                print(json, terminator: "")
                return
            }
            do {
                try Data(json.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                printError("cannot write \(output): \(error.localizedDescription)")
                throw ExitCode(1)
            }
        }
    }
}
