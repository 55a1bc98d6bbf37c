import Foundation
@testable import PortfolioServer
@testable import PortfolioSupport
import Testing

private let siteFiles = [
    "portfolio.yaml": "title: Preview test\nbase_url: https://example.com/\nauthor:\n  name: Sam\n",
    "content/about.md": "---\ntitle: About\n---\nFirst version of the about page.\n",
    "content/projects/p/index.md": "---\ntitle: Project P\npublish_date: 2025-01-02\n---\nSome text about P.\n",
]

/// Starts a preview on a free loopback port for a fresh fixture site, and always stops it.
private func withPreview(_ body: (PreviewServer, UInt16, String) async throws -> Void) async throws {
    let site = Fixtures.site(siteFiles)
    defer { Fixtures.remove(site) }
    let server = PreviewServer(options: .init(siteDirectory: site, host: "127.0.0.1", port: 0))
    let url = try await server.start()
    let port = try #require(url.split(separator: ":").last.flatMap { UInt16($0.trimmingCharacters(in: CharacterSet(charactersIn: "/"))) })
    do {
        try await body(server, port, site)
    } catch {
        await server.stop()
        throw error
    }
    await server.stop()
    #expect(!FileManager.default.fileExists(atPath: server.outputDirectory))
    // The parsed pages, folder listings and processed images stay for the next build; the records of the private
    // output folder go with it.
    let cacheFiles = (try? FileManager.default.contentsOfDirectory(atPath: site + "/.portfolio-cache")) ?? []
    #expect(cacheFiles.allSatisfy { $0.hasPrefix("pages") || $0 == "folders.bin" || $0 == "images" }, "\(cacheFiles)")
}

/// Waits on the event stream for a `reload` event newer than the ones already seen.
// Waits are generous upper bounds, not timings: when slow synchronous tests (the kill test, the
// mutation suite) hold the few cooperative threads, the server answers late but answers.
private func waitForReload(on events: LoopbackConnection, count: Int) async throws -> Bool {
    try await offThePool {
        events.read(until: Date().addingTimeInterval(60)) { bytes in
            String(decoding: bytes, as: UTF8.self).components(separatedBy: "event: reload").count - 1 >= count
        }
    }
}

@Test(.timeLimit(.minutes(5)), .tags(.slow), .skippedInFastRun)
func previewServesPagesWithTheReloadScriptAndNeverWritesItToOutput() async throws {
    try await withPreview { server, port, site in
        let home = try await LoopbackHTTP.get("/", port: port)
        #expect(home.status == 200)
        #expect(home.headers["content-type"] == "text/html; charset=utf-8")
        #expect(home.body.contains("<script src=\"/__portfolio/live.js\" defer></script></body>"))
        #expect(home.body.contains("Project P"))
        let onDisk = try String(contentsOfFile: server.outputDirectory + "/index.html", encoding: .utf8)
        #expect(!onDisk.contains("__portfolio"))
        #expect(!FileManager.default.fileExists(atPath: site + "/output"))

        let redirect = try await LoopbackHTTP.get("/about", port: port)
        #expect(redirect.status == 302)
        #expect(redirect.headers["location"] == "/about/")
        let about = try await LoopbackHTTP.get("/about/", port: port)
        #expect(about.body.contains("First version"))
        let missing = try await LoopbackHTTP.get("/no/such/page/", port: port)
        #expect(missing.status == 404)
        #expect(missing.body.contains("live.js"))
        let sitemap = try await LoopbackHTTP.get("/sitemap.xml", port: port)
        #expect(sitemap.headers["content-type"] == "application/xml; charset=utf-8")
        #expect(sitemap.body.contains("http://127.0.0.1:\(port)/about/"))
        let script = try await LoopbackHTTP.get("/__portfolio/live.js", port: port)
        #expect(script.body.contains("EventSource"))
        let head = try await LoopbackHTTP.get("/", port: port, method: "HEAD")
        #expect(head.status == 200 && head.body.isEmpty)
        let post = try await LoopbackHTTP.get("/", port: port, method: "POST")
        #expect(post.status == 405)
    }
}

@Test(.timeLimit(.minutes(5)), .tags(.slow), .skippedInFastRun)
func previewRefusesPathTraversalOnTheWire() async throws {
    try await withPreview { _, port, _ in
        for path in ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd",
                     "/..\\..\\etc\\passwd", "/about/%00", "/%2e%2e%5c%2e%2e%5cetc%5cpasswd"] {
            let response = try await LoopbackHTTP.get(path, port: port)
            #expect(response.status == 403 || response.status == 404, "\(path) -> \(response.status)")
            #expect(!response.body.contains("root:"), "\(path) leaked a file")
        }
    }
}

@Test(.timeLimit(.minutes(5)), .tags(.slow), .skippedInFastRun)
func editReloadsTheBrowserAndBrokenEditShowsOverlayOverTheLastGoodSite() async throws {
    try await withPreview { server, port, site in
        let events = try LoopbackConnection(port: port, timeoutSeconds: 1)
        events.send("GET /__portfolio/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        let connected = try await offThePool {
            events.read(until: Date().addingTimeInterval(60)) { String(decoding: $0, as: UTF8.self).contains("connected") }
        }
        #expect(connected)
        #expect(events.text.contains("text/event-stream"))

        // Modification times can be coarse; make sure the edit is seen as one.
        try await Task.sleep(for: .milliseconds(50))
        try "---\ntitle: About\n---\nSecond version, just saved.\n"
            .write(toFile: site + "/content/about.md", atomically: true, encoding: .utf8)
        #expect(try await waitForReload(on: events, count: 1))
        let edited = try await LoopbackHTTP.get("/about/", port: port)
        #expect(edited.body.contains("Second version, just saved."))
        #expect(!edited.body.contains("portfolio-build-errors"))

        try "---\ntitle: About\npublish_date: 2024-13-45\n---\nThird <version> & broken.\n"
            .write(toFile: site + "/content/about.md", atomically: true, encoding: .utf8)
        #expect(try await waitForReload(on: events, count: 2))
        let broken = try await LoopbackHTTP.get("/about/", port: port)
        #expect(broken.status == 200)
        #expect(broken.body.contains("Second version, just saved."), "the last good page stays served")
        #expect(broken.body.contains("id=\"portfolio-build-errors\""))
        #expect(broken.body.contains("<code>content/about.md:3:15</code>"))
        #expect(broken.body.contains("publish_date is not a date: &#39;2024-13-45&#39;"))
        let project = try await LoopbackHTTP.get("/projects/p/", port: port)
        #expect(project.body.contains("Some text about P.") && project.body.contains("portfolio-build-errors"))

        try "---\ntitle: About\n---\nFixed again.\n".write(toFile: site + "/content/about.md", atomically: true, encoding: .utf8)
        #expect(try await waitForReload(on: events, count: 3))
        let fixed = try await LoopbackHTTP.get("/about/", port: port)
        #expect(fixed.body.contains("Fixed again.") && !fixed.body.contains("portfolio-build-errors"))
        #expect(await server.broadcaster.clientCount == 1)
    }
}

@Test(.timeLimit(.minutes(5)), .tags(.slow), .skippedInFastRun)
func siteThatNeverBuiltShowsTheErrorsOnEveryPage() async throws {
    let site = Fixtures.site(["content/x.md": "---\ntitle: X\ndate: not-a-date\n---\n<b>Body</b>\n"])
    defer { Fixtures.remove(site) }
    let server = PreviewServer(options: .init(siteDirectory: site, port: 0))
    let url = try await server.start()
    let port = UInt16(url.split(separator: ":").last!.dropLast())!
    let page = try await LoopbackHTTP.get("/anything/", port: port)
    await server.stop()
    #expect(page.status == 500)
    #expect(page.body.contains("portfolio-build-errors") && page.body.contains("content/x.md:3:7"))
}

@Test func overlayEscapesEverythingFromTheSite() {
    let diagnostic = Diagnostic(.error, "front-matter.date", at: SourceLocation(file: "content/<x>.md", line: 2, column: 3),
        "date is not a date: '</div><script>alert(1)</script>'", hint: "use \"YYYY\" & co")
    let html = LivePage.overlay([diagnostic])
    #expect(!html.contains("<script>"))
    #expect(html.contains("content/&lt;x&gt;.md:2:3"))
    #expect(html.contains("&#39;&lt;/div&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#39;"))
    #expect(html.contains("use &quot;YYYY&quot; &amp; co"))
    #expect(LivePage.inject(into: "<p>no body tag</p>", diagnostics: []).hasSuffix("live.js\" defer></script>"))
}
