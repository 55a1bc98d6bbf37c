import ArgumentParser
import Dispatch
import Foundation
import PortfolioServer
import PortfolioSupport
import Synchronization

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site locally; rebuild and reload the browser when a file changes.")

    @Option(name: .long, help: "The port to listen on (0 picks a free one).")
    var port: UInt16 = 8000

    @Option(name: .long, help: "The address to listen on; 0.0.0.0 makes the preview reachable from other machines.")
    var host: String = "127.0.0.1"

    @Flag(name: .long, help: "Include drafts and future-dated pages.")
    var drafts = false

    @Flag(name: .long, help: "Open the site in the default browser.")
    var open = false

    @Option(name: .long, help: "The site folder, holding portfolio.yaml and content/.")
    var site: String = "."

    func run() throws {
        let siteDirectory = absolutePath(site)
        let server = PreviewServer(
            options: .init(siteDirectory: siteDirectory, host: host, port: port, includeDrafts: drafts),
            onBuild: { report in Serve.log(report, printer: DiagnosticPrinter(siteDirectory: siteDirectory)) })
        let finished = DispatchSemaphore(value: 0)
        let failure = FailureBox()

        // Ctrl-C stops the server cleanly: event streams end, the socket closes, the temp folder goes.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let signals = [SIGINT, SIGTERM].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                printError("\nstopping")
                Task {
                    await server.stop()
                    finished.signal()
                }
            }
            source.resume()
            return source
        }
        Task {
            do {
                let url = try await server.start()
                print("serving \(siteDirectory) at \(url) (Ctrl-C to stop)")
                fflush(nil)
                if open { Serve.openBrowser(url) }
            } catch {
                failure.message = "\(error)"
                finished.signal()
            }
        }
        finished.wait()
        signals.forEach { $0.cancel() }
        if let message = failure.message {
            printError("error: \(message)")
            throw ExitCode(1)
        }
    }

    static func log(_ report: PreviewServer.BuildReport, printer: DiagnosticPrinter) {
        printer.print(report.result.diagnostics.sorted)
        let time = "\(milliseconds(report.seconds)) ms"
        if report.result.published {
            print("\(report.isFirst ? "built" : "rebuilt") \(report.result.pagesWritten) pages in \(time)")
        } else {
            printError("build failed: \(report.result.diagnostics.errorCount) error(s); still serving the last good build")
        }
        // Reports must reach a log file as they happen, not when the buffer fills.
        fflush(nil)
    }

    static func openBrowser(_ url: String) {
        let process = Process()
        #if os(macOS)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/open")
        #else
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open"]
        #endif
        process.arguments = (process.arguments ?? []) + [url]
        try? process.run()
    }
}

/// The error of the start-up task, read by the waiting thread after the semaphore.
private final class FailureBox: Sendable {
    private let value = Mutex<String?>(nil)
    var message: String? {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}
