import FlyingFox
import FlyingSocks
import Foundation
import PortfolioBuild
import PortfolioContent
import PortfolioSupport

/// The development server of `portfolio serve`: builds the site into a private folder, serves it, and
/// rebuilds and reloads open tabs when a watched file changes. Kept out of the build's targets so the
/// pipeline stays free of networking code.
public actor PreviewServer {
    public struct Options: Sendable {
        public var siteDirectory: String
        public var host: String
        /// 0 picks a free port; `url` tells which.
        public var port: UInt16
        public var includeDrafts: Bool

        public init(siteDirectory: String, host: String = "127.0.0.1", port: UInt16 = 8000, includeDrafts: Bool = false) {
            self.siteDirectory = siteDirectory
            self.host = host
            self.port = port
            self.includeDrafts = includeDrafts
        }
    }

    /// One finished build, for the terminal.
    public struct BuildReport: Sendable {
        public var result: BuildResult
        public var seconds: Double
        public var isFirst: Bool
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public let options: Options
    public let broadcaster = ReloadBroadcaster()
    /// Where the preview is built: a fresh temporary folder, never the site's `output/`.
    public nonisolated let outputDirectory: String
    private nonisolated let scratchDirectory: String
    private let onBuild: @Sendable (BuildReport) -> Void

    private var http: HTTPServer?
    private var serverTask: Task<Void, any Error>?
    private var watcher: SiteChangeFeed?
    private var watchTask: Task<Void, Never>?
    /// The diagnostics of the last build when it failed; empty after a good build.
    private(set) var failedDiagnostics: [Diagnostic] = []
    private(set) var hasGoodBuild = false
    public private(set) var url: String?

    public init(options: Options, onBuild: @escaping @Sendable (BuildReport) -> Void = { _ in }) {
        self.options = options
        self.onBuild = onBuild
        scratchDirectory = NSTemporaryDirectory() + ScratchFolders.name(processID: getpid())
        outputDirectory = ScratchFolders.output(of: scratchDirectory)
    }

    /// Listens, builds once, and starts watching. Returns the address to open.
    @discardableResult
    public func start() async throws -> String {
        for abandoned in ScratchFolders.abandoned(in: NSTemporaryDirectory()) {
            try? FileManager.default.removeItem(atPath: abandoned)
            SiteBuild.forgetOutput(ScratchFolders.output(of: abandoned), siteDirectory: options.siteDirectory)
        }
        try FileManager.default.createDirectory(atPath: scratchDirectory, withIntermediateDirectories: true)
        let http = HTTPServer(
            config: .init(address: try Self.address(host: options.host, port: options.port), logger: .disabled),
            handler: PreviewHandler(server: self, resolver: StaticFileResolver(root: outputDirectory)))
        self.http = http
        let exit = ServerExit()
        let serverTask = Task {
            do { try await http.run() } catch {
                await exit.record(error)
                throw error
            }
        }
        self.serverTask = serverTask
        // Polled rather than `waitUntilListening`, which would hide a failed bind behind a timeout.
        let deadline = ContinuousClock.now + .seconds(5)
        while await http.listeningAddress == nil {
            if let error = await exit.error {
                try? FileManager.default.removeItem(atPath: scratchDirectory)
                throw Failure(description: "cannot listen on \(options.host):\(options.port): \(error)")
            }
            guard ContinuousClock.now < deadline else {
                serverTask.cancel()
                try? FileManager.default.removeItem(atPath: scratchDirectory)
                throw Failure(description: "cannot listen on \(options.host):\(options.port): no answer within 5 seconds")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        guard let address = await http.listeningAddress else { throw Failure(description: "the server has no address") }
        let url = Self.url(for: address, host: options.host)
        self.url = url

        // Watching starts before the first build, so an edit saved while it runs causes a rebuild.
        let watcher = SiteChangeFeed(siteDirectory: options.siteDirectory)
        self.watcher = watcher
        await rebuild(isFirst: true)
        watchTask = Task { [weak self] in
            for await _ in watcher.changes {
                guard let self else { return }
                await self.rebuild(isFirst: false)
            }
        }
        return url
    }

    /// Stops watching, ends the event streams, closes the server and removes the private output folder
    /// with the cache's records of it.
    public func stop() async {
        watcher?.stop()
        watcher = nil
        watchTask?.cancel()
        watchTask = nil
        await broadcaster.finishAll()
        if let http { await http.stop(timeout: 0.3) }
        serverTask?.cancel()
        _ = try? await serverTask?.value
        http = nil
        serverTask = nil
        try? FileManager.default.removeItem(atPath: scratchDirectory)
        SiteBuild.forgetOutput(outputDirectory, siteDirectory: options.siteDirectory)
    }

    /// Builds into the private folder. A failed build leaves the last good site in place (the build
    /// publishes by atomic swap), and its errors go on every HTML page as an overlay.
    func rebuild(isFirst: Bool) async {
        let request = BuildRequest(
            siteDirectory: options.siteDirectory, outputDirectory: outputDirectory, includeDrafts: options.includeDrafts,
            baseURLOverride: url, now: SiteDate(secondsSince1970: Int(Date().timeIntervalSince1970)))
        let started = DispatchTime.now().uptimeNanoseconds
        // The build is synchronous and CPU-bound: keep it off the server's executor.
        let result = await Task.detached(priority: .userInitiated) { SiteBuild.run(request) }.value
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        if result.published {
            hasGoodBuild = true
            failedDiagnostics = []
        } else {
            failedDiagnostics = result.diagnostics.sorted
        }
        onBuild(BuildReport(result: result, seconds: seconds, isFirst: isFirst))
        await broadcaster.buildFinished()
    }

    var pageState: (hasGoodBuild: Bool, errors: [Diagnostic]) { (hasGoodBuild, failedDiagnostics) }

    static func address(host: String, port: UInt16) throws -> any SocketAddress {
        switch host {
        case "localhost": return try sockaddr_in.inet(ip4: "127.0.0.1", port: port)
        case let ip6 where ip6.contains(":"):
            return try sockaddr_in6.inet6(ip6: ip6.trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port: port)
        default:
            do { return try sockaddr_in.inet(ip4: host, port: port) } catch {
                throw Failure(description: "'\(host)' is not an IP address; use 127.0.0.1, 0.0.0.0 or an IPv6 address")
            }
        }
    }

    static func url(for address: Socket.Address, host: String) -> String {
        switch address {
        case .ip4(let ip, let port):
            return "http://\(ip == "0.0.0.0" ? "localhost" : ip):\(port)/"
        case .ip6(let ip, let port):
            return ip == "::" ? "http://localhost:\(port)/" : "http://[\(ip)]:\(port)/"
        case .unix(let path):
            return "http://\(host)/\(path)"
        }
    }
}

/// How the server task ended, when it ended early.
private actor ServerExit {
    private(set) var error: (any Error)?
    func record(_ error: any Error) { self.error = error }
}

/// Answers the browser: the reload events and script, then the built files.
struct PreviewHandler: HTTPHandler {
    let server: PreviewServer
    let resolver: StaticFileResolver

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let rawPath = request.target.path()
        guard request.method == .GET || request.method == .HEAD else {
            return plain(.methodNotAllowed, "method not allowed\n", headers: [HTTPHeader("Allow"): "GET, HEAD"])
        }
        switch rawPath {
        case LivePage.eventsPath:
            let stream = await server.broadcaster.subscribe()
            return HTTPResponse(
                statusCode: .ok,
                headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"],
                body: HTTPBodySequence(from: StreamedBytes(stream: stream)))
        case LivePage.scriptPath:
            return respond(request, .ok, Data(LivePage.script.utf8), type: "text/javascript; charset=utf-8")
        default:
            break
        }

        let state = await server.pageState
        guard state.hasGoodBuild else {
            let page = state.errors.isEmpty
                ? LivePage.inject(into: "<!doctype html><html><head><meta charset=\"utf-8\"><title>Building…</title></head><body><p>Building the site…</p></body></html>", diagnostics: [])
                : LivePage.errorPage(state.errors)
            return respond(request, state.errors.isEmpty ? .serviceUnavailable : .internalServerError,
                Data(page.utf8), type: "text/html; charset=utf-8")
        }
        switch resolver.resolve(rawPath: rawPath) {
        case .file(let path):
            return serve(request, .ok, path: path, errors: state.errors)
        case .redirect(let location):
            let query = request.target.query()
            let headers: HTTPHeaders = [.location: query.isEmpty ? location : location + "?" + query, .cacheControl: "no-store"]
            return HTTPResponse(statusCode: .found, headers: headers)
        case .forbidden:
            return plain(.forbidden, "forbidden\n")
        case .notFound:
            let notFoundPage = resolver.root + "/404.html"
            if StaticFileResolver.isRegularFile(notFoundPage) {
                return serve(request, .notFound, path: notFoundPage, errors: state.errors)
            }
            return plain(.notFound, "not found\n")
        }
    }

    private func serve(_ request: HTTPRequest, _ status: HTTPStatusCode, path: String, errors: [Diagnostic]) -> HTTPResponse {
        guard let data = FileManager.default.contents(atPath: path) else { return plain(.notFound, "not found\n") }
        let type = StaticFileResolver.contentType(forPath: path)
        guard type.hasPrefix("text/html") else { return respond(request, status, data, type: type) }
        let html = LivePage.inject(into: String(decoding: data, as: UTF8.self), diagnostics: errors)
        return respond(request, status, Data(html.utf8), type: type)
    }

    private func respond(_ request: HTTPRequest, _ status: HTTPStatusCode, _ body: Data, type: String) -> HTTPResponse {
        let headers: HTTPHeaders = [
            .contentType: type, .cacheControl: "no-store", .contentLength: String(body.count),
            HTTPHeader("X-Content-Type-Options"): "nosniff",
        ]
        return HTTPResponse(statusCode: status, headers: headers, body: request.method == .HEAD ? Data() : body)
    }

    private func plain(_ status: HTTPStatusCode, _ text: String, headers extra: HTTPHeaders = [:]) -> HTTPResponse {
        var headers: HTTPHeaders = [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"]
        for (key, value) in extra { headers[key] = value }
        return HTTPResponse(statusCode: status, headers: headers, body: Data(text.utf8))
    }
}
