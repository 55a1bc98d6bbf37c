/// Path arithmetic on site-relative URL paths (`projects/x/`) and folder paths, never touching the disk.
public enum SitePaths {
    /// `path` ending in one `/`, ready to have a name appended: `site` and `site/` give `site/`.
    public static func folder(_ path: String) -> String {
        path.hasSuffix("/") ? path : path + "/"
    }

    /// Resolves `relative` against the folder `base`, folding `.` and `..`; returns a path from the
    /// site root without a leading `/`, or nil-equivalent `..`-prefixed text when it climbs above the root.
    public static func resolve(_ relative: String, against base: String) -> String {
        var parts = base.split(separator: "/").map(String.init)
        let pathEnd = relative.firstIndex(where: { $0 == "?" || $0 == "#" }) ?? relative.endIndex
        let path = relative[..<pathEnd]
        let pieces = path.split(separator: "/", omittingEmptySubsequences: false)
        for piece in pieces {
            switch piece {
            case ".", "": continue
            case "..": if parts.isEmpty || parts.last == ".." { parts.append("..") } else { parts.removeLast() }
            default: parts.append(String(piece))
            }
        }
        let joined = parts.joined(separator: "/")
        return path.hasSuffix("/") && !joined.isEmpty ? joined + "/" : joined
    }
}
