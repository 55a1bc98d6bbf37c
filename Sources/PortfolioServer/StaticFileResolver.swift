import Foundation

/// Maps a request path onto a file of the served folder, and refuses everything that could reach
/// outside it: `..` segments (also percent-encoded), encoded slashes, backslashes, NUL, and symlinks
/// whose target lies outside.
public struct StaticFileResolver: Sendable {
    public enum Resolution: Equatable, Sendable {
        /// The absolute path of a regular file inside the root.
        case file(String)
        /// The folder was asked for without its trailing slash; the location to send the browser to.
        case redirect(String)
        case notFound
        case forbidden
    }

    public let root: String

    public init(root: String) {
        self.root = root
    }

    /// `rawPath` is the path of the request target exactly as sent, still percent-encoded, without the query.
    public func resolve(rawPath: String) -> Resolution {
        guard rawPath.hasPrefix("/") else { return .forbidden }
        var segments: [String] = []
        for rawSegment in rawPath.split(separator: "/", omittingEmptySubsequences: true) {
            if rawSegment.contains("\\") { return .forbidden }
            guard let segment = String(rawSegment).removingPercentEncoding else { return .forbidden }
            if segment == ".." || segment.contains("/") || segment.contains("\\") || segment.contains("\0") {
                return .forbidden
            }
            if segment == "." { continue }
            segments.append(segment)
        }
        guard let realRoot = Self.realPath(root) else { return .notFound }
        var candidate = segments.isEmpty ? realRoot : realRoot + "/" + segments.joined(separator: "/")
        if Self.isDirectory(candidate) {
            guard rawPath.hasSuffix("/") else { return .redirect(rawPath + "/") }
            candidate += "/index.html"
        }
        guard let real = Self.realPath(candidate) else { return .notFound }
        guard real.hasPrefix(realRoot + "/") else { return .forbidden }
        return Self.isRegularFile(real) ? .file(real) : .notFound
    }

    /// The path with every symlink resolved, or nil when nothing is there.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// The Content-Type for a file name, by extension.
    public static func contentType(forPath path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
        return contentTypes[name[name.index(after: dot)...].lowercased()] ?? "application/octet-stream"
    }

    static let contentTypes: [String: String] = [
        "html": "text/html; charset=utf-8", "htm": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "mjs": "text/javascript; charset=utf-8",
        "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
        "webp": "image/webp", "gif": "image/gif", "avif": "image/avif", "ico": "image/x-icon",
        "xml": "application/xml; charset=utf-8", "json": "application/json; charset=utf-8",
        "txt": "text/plain; charset=utf-8", "md": "text/plain; charset=utf-8", "pdf": "application/pdf",
        "csv": "text/csv; charset=utf-8", "yaml": "text/plain; charset=utf-8", "yml": "text/plain; charset=utf-8",
        "woff2": "font/woff2", "woff": "font/woff", "ttf": "font/ttf", "otf": "font/otf",
        "mp4": "video/mp4", "webm": "video/webm", "mp3": "audio/mpeg", "wasm": "application/wasm",
    ]
}
