import Foundation
import PortfolioContent
import PortfolioSupport

/// The theme's files by path relative to `templates/`: the built-in default, with a site's own
/// `templates/` laid over it file by file.
public struct Theme: Sendable {
    public var files: [String: [UInt8]]
    /// Where each file came from, for diagnostics (`templates/base.mustache` or `(default theme)/base.mustache`).
    public var origins: [String: String]

    public init(files: [String: [UInt8]], origins: [String: String]) {
        self.files = files
        self.origins = origins
    }

    /// The default theme compiled into the binary (generated from the repository's `templates/`).
    public static var builtIn: Theme {
        var files: [String: [UInt8]] = [:]
        var origins: [String: String] = [:]
        for (path, text) in DefaultTheme.files {
            files[path] = Array(text.utf8)
            origins[path] = "(default theme)/" + path
        }
        return Theme(files: files, origins: origins)
    }

    /// The built-in theme with the site's `templates/` folder laid over it.
    public static func forSite(at siteDirectory: String, diagnostics: inout Diagnostics) -> Theme {
        var theme = builtIn
        let root = SitePaths.folder(siteDirectory)
        var pending = [""]
        while let relative = pending.popLast() {
            guard let names = ContentScanner.listDirectory(root + "templates/" + relative) else { continue }
            for name in names.sorted() where !name.hasPrefix(".") {
                let path = relative + name
                let absolute = root + "templates/" + path
                var info = stat()
                if stat(absolute, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                    pending.append(path + "/")
                    continue
                }
                do {
                    theme.files[path] = try FileReader.bytes(atPath: absolute)
                    theme.origins[path] = "templates/" + path
                } catch {
                    diagnostics.error("template.unreadable", at: SourceLocation(file: "templates/" + path), "cannot read the template: \(error.message)")
                }
            }
        }
        return theme
    }

    /// Mustache templates by the name partials and parents use: `base`, `project`, `head` (for `partials/head`).
    public func templateSources() -> [(name: String, path: String, text: String)] {
        files.keys.sorted().compactMap { path in
            guard path.hasSuffix(".mustache"), let bytes = files[path] else { return nil }
            var name = String(path.dropLast(".mustache".count))
            if name.hasPrefix("partials/") { name.removeFirst("partials/".count) }
            return (name, path, String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Files under `assets/`, published as they are.
    public var assets: [(path: String, bytes: [UInt8])] {
        files.keys.sorted().filter { $0.hasPrefix("assets/") }.map { ($0, files[$0]!) }
    }
}
