import Foundation
@testable import PortfolioServer
import Testing

private func servedFolder() throws -> (root: String, outside: String) {
    let base = Fixtures.scratchDirectory()
    let root = base + "/site"
    try FileManager.default.createDirectory(atPath: root + "/projects/x", withIntermediateDirectories: true)
    try "home".write(toFile: root + "/index.html", atomically: false, encoding: .utf8)
    try "x".write(toFile: root + "/projects/x/index.html", atomically: false, encoding: .utf8)
    try "a b".write(toFile: root + "/a b.txt", atomically: false, encoding: .utf8)
    try "secret".write(toFile: base + "/secret.txt", atomically: false, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: root + "/leak.txt", withDestinationPath: base + "/secret.txt")
    try FileManager.default.createSymbolicLink(atPath: root + "/up", withDestinationPath: base)
    try FileManager.default.createSymbolicLink(atPath: root + "/home.html", withDestinationPath: root + "/index.html")
    return (root, base)
}

@Test func resolverServesFilesAndFolderIndexes() throws {
    let (root, base) = try servedFolder()
    defer { Fixtures.remove(base) }
    let resolver = StaticFileResolver(root: root)
    let real = StaticFileResolver.realPath(root)!
    #expect(resolver.resolve(rawPath: "/") == .file(real + "/index.html"))
    #expect(resolver.resolve(rawPath: "/projects/x/") == .file(real + "/projects/x/index.html"))
    #expect(resolver.resolve(rawPath: "/projects/x") == .redirect("/projects/x/"))
    #expect(resolver.resolve(rawPath: "/a%20b.txt") == .file(real + "/a b.txt"))
    #expect(resolver.resolve(rawPath: "/home.html") == .file(real + "/index.html"))
    #expect(resolver.resolve(rawPath: "/missing/") == .notFound)
}

@Test(arguments: [
    "/../secret.txt", "/projects/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/.%2e/secret.txt",
    "/..%2fsecret.txt", "/projects%2f..%2f..%2fsecret.txt", "/..\\secret.txt", "/%5c..%5csecret.txt",
    "/index.html%00.txt", "/leak.txt", "/up/secret.txt", "relative",
])
func resolverRefusesPathsLeavingTheFolder(path: String) throws {
    let (root, base) = try servedFolder()
    defer { Fixtures.remove(base) }
    let resolution = StaticFileResolver(root: root).resolve(rawPath: path)
    #expect(resolution == .forbidden || resolution == .notFound, "\(path) -> \(resolution)")
    if case .file = resolution { Issue.record("\(path) was served") }
}

@Test func contentTypesCoverWhatSitesHold() {
    let expected = [
        "a.html": "text/html; charset=utf-8", "a.css": "text/css; charset=utf-8", "a.js": "text/javascript; charset=utf-8",
        "a.svg": "image/svg+xml", "a.PNG": "image/png", "a.jpg": "image/jpeg", "a.webp": "image/webp", "a.gif": "image/gif",
        "feed.xml": "application/xml; charset=utf-8", "m.json": "application/json; charset=utf-8",
        "robots.txt": "text/plain; charset=utf-8", "cv.pdf": "application/pdf", "m.csv": "text/csv; charset=utf-8",
        "f.woff2": "font/woff2", "noext": "application/octet-stream",
    ]
    for (name, type) in expected {
        #expect(StaticFileResolver.contentType(forPath: "/x/" + name) == type, "\(name)")
    }
}
