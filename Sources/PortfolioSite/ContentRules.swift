import PortfolioSupport

/// Checks that need the whole site: links and images that point at nothing, missing alt text,
/// empty pages, and front matter values that contradict each other or the text.
public enum ContentRules {
    /// What the rules found in one page, against which published paths.
    public struct Findings: Sendable, Equatable {
        public var published: UInt64
        public var diagnostics: [Diagnostic]

        package init(published: UInt64, diagnostics: [Diagnostic]) {
            self.published = published
            self.diagnostics = diagnostics
        }
    }

    /// What each page's rules found, in `Site.allPages` order. `kept` gives the findings of the last
    /// build for a page that did not change, which stand while the published paths are the same.
    public static func check(
        _ site: Site, extraPaths: Set<String>, kept: @Sendable (Page, _ published: UInt64) -> [Diagnostic]? = { _, _ in nil }
    ) -> (published: UInt64, found: [[Diagnostic]]) {
        let published = extraPaths.union(site.allPages.map(\.urlPath)).union(site.files.map(\.outputPath))
        // A fingerprint of the set that does not depend on its order: the sum of the paths' hashes.
        let fingerprint = published.reduce(UInt64(0)) { $0 &+ ContentHash.ofString($1) }
        let found = parallelMap(site.allPages) { page in
            if let findings = kept(page, fingerprint) { return findings }
            var pageDiagnostics = Diagnostics()
            checkReferences(of: page, published: published, diagnostics: &pageDiagnostics)
            checkFrontMatter(of: page, published: published, diagnostics: &pageDiagnostics)
            return pageDiagnostics.all
        }
        return (fingerprint, found)
    }

    /// The site-relative path a URL written in `page` points to, or nil for external and in-page links.
    package static func target(of url: String, in page: Page) -> String? {
        let rewritten = URLRewriter(basePath: "/", isBundle: page.bundleDirectory != nil).rewrite(url)
        if rewritten.isEmpty || rewritten.hasPrefix("#") || rewritten.hasPrefix("?") || rewritten.hasPrefix("//") { return nil }
        if let colon = rewritten.firstIndex(of: ":"), !rewritten[..<colon].contains("/") { return nil }
        if rewritten.hasPrefix("/") { return SitePaths.resolve(String(rewritten.dropFirst()), against: "") }
        return SitePaths.resolve(rewritten, against: page.urlPath)
    }

    static func exists(_ path: String, in published: Set<String>) -> Bool {
        if path.isEmpty || published.contains(path) { return true }
        let folder = SitePaths.folder(path)
        if published.contains(folder) { return true }
        if path.hasSuffix("/index.html") { return published.contains(String(path.dropLast("index.html".count))) }
        return path == "index.html"
    }

    static func checkReferences(of page: Page, published: Set<String>, diagnostics: inout Diagnostics) {
        for reference in page.references {
            let location = SourceLocation(file: page.source.sitePath, line: reference.line, column: reference.column)
            if reference.isImage, reference.text.trimmingSpaces.isEmpty {
                diagnostics.warning(
                    "content.image-alt", at: location, "image '\(reference.url)' has no alt text",
                    hint: "describe the image for screen readers: ![what it shows](\(reference.url))")
            }
            guard let target = target(of: reference.url, in: page), !exists(target, in: published) else { continue }
            if target.hasPrefix("..") {
                diagnostics.error(
                    "content.link-outside-site", at: location,
                    "'\(reference.url)' points above the root of the site", hint: "link to a page inside the site")
            } else if reference.isImage {
                diagnostics.error(
                    "content.missing-image", at: location, "image '\(reference.url)' does not exist",
                    hint: "put the file at content/\(target) or fix the path")
            } else {
                let hint = target.hasSuffix(".md")
                    ? "link to the page's address (its folder, ending in /) rather than its .md file"
                    : "no page or file is published at /\(target)"
                diagnostics.error("content.broken-link", at: location, "link to '\(reference.url)' points to a page that does not exist", hint: hint)
            }
        }
    }

    static func checkFrontMatter(of page: Page, published: Set<String>, diagnostics: inout Diagnostics) {
        let matter = page.frontMatter
        let file = page.source.sitePath
        func location(_ key: String) -> SourceLocation {
            matter.keyLocations[key] ?? SourceLocation(file: file, line: 1, column: 1)
        }
        if let hero = page.heroImage, !hero.contains("://"), !hero.hasPrefix("//"), !exists(hero, in: published) {
            diagnostics.error(
                "content.missing-image", at: location("heroImage"),
                "heroImage '\(matter.heroImage ?? hero)' does not exist", hint: "put the file at content/\(hero) or use a full URL")
        }
        if let readTime = matter.readTime {
            if let minutes = minutes(in: readTime) {
                let computed = Page.minutesToRead(words: page.wordCount)
                if page.wordCount > 0, abs(minutes - computed) >= 3, minutes * 2 < computed || computed * 2 < minutes {
                    diagnostics.warning(
                        "front-matter.read-time-mismatch", at: location("read_time"),
                        "read_time says \(minutes) min but the text reads in about \(computed) min (\(page.wordCount) words)",
                        hint: "remove read_time to have it computed")
                }
            } else {
                diagnostics.error(
                    "front-matter.read-time", at: location("read_time"), "read_time is not a duration: '\(readTime)'",
                    hint: "write it as '5 mins', '5 min' or 5, or leave it out to have it computed")
            }
        }
        if let published = matter.publishDate, let created = matter.createdDate, published < created {
            diagnostics.warning(
                "front-matter.date-order", at: location("publish_date"),
                "publish_date \(published.isoDate) is before created_date \(created.isoDate)", hint: "swap the two dates if they were mixed up")
        }
        if page.kind != .home, page.wordCount == 0 {
            diagnostics.warning("content.empty", at: SourceLocation(file: file, line: 1, column: 1), "the page has no text", hint: "write the body below the front matter")
        }
    }

    /// Minutes in `5 mins`, `5 min`, `5 minutes`, `5m` or `5`.
    static func minutes(in text: String) -> Int? {
        let trimmed = text.lowercased().trimmingSpaces
        let digits = trimmed.prefix { $0.isNumber }
        guard let value = Int(digits), value > 0 else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingSpaces
        return ["", "m", "min", "mins", "minute", "minutes", "min read", "mins read", "minute read", "minutes read"].contains(unit) ? value : nil
    }
}
