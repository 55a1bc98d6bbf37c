import ArgumentParser
import Foundation
import PortfolioBuild
import PortfolioContent
import PortfolioSupport

/// The `portfolio` command line: parses arguments and hands the work to PortfolioBuild.
struct Portfolio: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Builds a static portfolio site from Markdown write-ups and model-improvement metrics.",
        subcommands: [Build.self, Check.self, Serve.self, Init.self, New.self, Export.self])
}

/// Options shared by the commands that read a site.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The site folder, holding portfolio.yaml and content/.")
    var site: String = "."

    @Flag(name: .long, help: "Include drafts and future-dated pages.")
    var drafts = false

    @Option(name: .customLong("base-url"), help: "Override base_url from portfolio.yaml.")
    var baseURL: String?

    var siteDirectory: String {
        site.hasPrefix("/") ? site : FileManager.default.currentDirectoryPath + "/" + site
    }

    func request(output: String?) -> BuildRequest {
        BuildRequest(
            siteDirectory: siteDirectory, outputDirectory: output, includeDrafts: drafts,
            baseURLOverride: baseURL, now: SiteDate(secondsSince1970: Int(Date().timeIntervalSince1970)))
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site into the output folder.")

    @OptionGroup var options: SiteOptions

    @Option(name: .long, help: "The output folder (default: output/ in the site folder).")
    var output: String?

    @Flag(name: .long, help: "Print the time each stage took and the memory held after it, then the time of each template and of parsing.")
    var timings = false

    @Flag(name: .customLong("no-cache"), help: "Build from scratch, without reading or keeping .portfolio-cache/.")
    var noCache = false

    func run() throws {
        let started = Date()
        let outputDirectory = output.map { $0.hasPrefix("/") ? $0 : FileManager.default.currentDirectoryPath + "/" + $0 }
            ?? options.siteDirectory + "/output"
        var request = options.request(output: outputDirectory)
        request.useCache = !noCache
        if timings { request.workTimes = WorkTimes() }
        let result = SiteBuild.run(request)
        DiagnosticPrinter(siteDirectory: options.siteDirectory).print(result.diagnostics.sorted)
        if timings {
            for lap in result.timings {
                printError("  \(lap.stage): \(milliseconds(lap.seconds)) ms (memory \(lap.residentBytes / 1_048_576) MiB)")
            }
            let work = request.workTimes?.totalsByCost ?? []
            if !work.isEmpty { printError("  time summed over all threads, by work:") }
            for total in work {
                let each = Int((total.seconds * 1e6 / Double(total.count)).rounded())
                printError("    \(total.name): \(milliseconds(total.seconds)) ms, \(total.count) time\(total.count == 1 ? "" : "s"), \(each) µs each")
            }
        }
        guard result.published else {
            printError("build failed: \(result.diagnostics.errorCount) error(s); output left unchanged")
            throw ExitCode(1)
        }
        let warnings = result.diagnostics.warningCount
        if result.upToDate {
            print("up to date: \(result.pagesWritten) pages unchanged in \(milliseconds(Date().timeIntervalSince(started))) ms"
                + (warnings > 0 ? ", \(warnings) warning(s)" : ""))
            return
        }
        print("built \(result.pagesWritten) pages (\(result.filesWritten) files, \(result.filesParsed) Markdown file\(result.filesParsed == 1 ? "" : "s") parsed) in \(milliseconds(Date().timeIntervalSince(started))) ms"
            + (warnings > 0 ? ", \(warnings) warning(s)" : ""))
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Report every problem in the site without writing anything.")

    enum Format: String, ExpressibleByArgument { case text, json }

    @OptionGroup var options: SiteOptions

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    @Option(name: .long, help: "text or json.")
    var format: Format = .text

    func run() throws {
        let result = SiteBuild.run(options.request(output: nil))
        let diagnostics = result.diagnostics.sorted
        switch format {
        case .json: print(DiagnosticPrinter.json(diagnostics))
        case .text:
            DiagnosticPrinter(siteDirectory: options.siteDirectory).print(diagnostics)
            printError("\(result.diagnostics.errorCount) error(s), \(result.diagnostics.warningCount) warning(s)")
        }
        if result.diagnostics.hasErrors || (strict && !diagnostics.isEmpty) { throw ExitCode(1) }
    }
}

func milliseconds(_ seconds: Double) -> Int { Int((seconds * 1000).rounded()) }

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

// Bad usage exits with 2 (as the README documents), not ArgumentParser's 64.
do {
    var command = try Portfolio.parseAsRoot()
    try command.run()
} catch {
    let code = Portfolio.exitCode(for: error)
    if code == .validationFailure {
        printError(Portfolio.fullMessage(for: error))
        exit(2)
    }
    Portfolio.exit(withError: error)
}
