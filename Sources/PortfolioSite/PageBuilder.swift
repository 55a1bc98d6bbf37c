import PortfolioContent
import PortfolioImages
import PortfolioMarkdown
import PortfolioMetrics
import PortfolioSupport
import PortfolioValidation

/// Turns one Markdown source file into a `Page`: front matter, permalink, rendered body.
/// Pure apart from the diagnostics it collects, so pages can be built in parallel.
public enum PageBuilder {
    /// `confidential` scans the front matter and the body for what must not be published.
    public static func page(
        from file: SourceFile, text: String, config: SiteConfig, confidential: ConfidentialScanner = .secretsOnly,
        images: ImageLookup = .none, diagnostics: inout Diagnostics
    ) -> Page? {
        let split = FrontMatterSplitter.split(text, file: file.sitePath, diagnostics: &diagnostics)
        scan(split, of: file, with: confidential, diagnostics: &diagnostics)
        let (matter, inlineMetrics, frontMatterUnreadable) = readFrontMatter(of: split, file: file, diagnostics: &diagnostics)
        let placement = Placement(contentPath: file.contentPath)
        let fileDate = placement.jekyllDate
        guard let slug = slug(for: placement, matter: matter, file: file, diagnostics: &diagnostics) else { return nil }
        let urlPath = placement.kind == .home ? "" : (placement.parentURLPath + slug + "/")

        let rewrite = URLRewriter(basePath: config.basePath, isBundle: placement.isBundle)
        var shown = ShownImages(lookup: images, writtenIn: file.contentPath)
        let rendered = MarkdownRenderer.render(
            split.body, options: MarkdownOptions(allowUnsafeHTML: config.allowUnsafeHTML, math: matter.math != false),
            rewriteURL: { url, _ in rewrite.rewrite(url) },
            picture: { url, alt in
                shown.image(url, rewrittenAs: rewrite.rewrite(url))?.html(alt: alt, sizes: ImageSizes.body, priority: .lazy)
            })
        let references = rendered.references.map {
            var reference = $0
            reference.line += split.bodyFirstLine - 1
            return reference
        }
        for problem in rendered.problems {
            var located = problem
            located.file = file.sitePath
            located.line += split.bodyFirstLine - 1
            diagnostics.append(located)
        }
        let heroFacts = matter.heroImage.flatMap { shown.image($0, rewrittenAs: $0)?.variants.facts }
        reportImages(
            of: rendered, references: references, hero: matter, shown: shown, in: file, bodyFirstLine: split.bodyFirstLine,
            diagnostics: &diagnostics)

        // Like Jekyll, a file without front matter or with a dated name takes its title from the name;
        // otherwise a missing title is a mistake worth reporting.
        let title = matter.title ?? rendered.firstHeading ?? titleFromFileName(placement.slugSource)
        let nameGivesTitle = split.frontMatter == nil || fileDate != nil
        if matter.title == nil, rendered.firstHeading == nil, !nameGivesTitle, !frontMatterUnreadable, placement.kind != .home {
            diagnostics.error(
                "front-matter.title", at: SourceLocation(file: file.sitePath, line: 1, column: 1),
                "the page has no title and no heading to take one from",
                hint: "add 'title: ...' to the front matter or start the text with '# A heading'")
        }
        let minutes = Page.minutesToRead(words: rendered.wordCount)
        var tags: [Term] = []
        for name in matter.tags {
            let term = Term(name: name, slug: PageBuilder.slug(of: name, fallback: "tag"))
            if !tags.contains(where: { $0.slug == term.slug }) { tags.append(term) }
        }
        return Page(
            kind: placement.kind, source: file, urlPath: urlPath, slug: slug, frontMatter: matter,
            title: title, html: rendered.html, headings: rendered.headings, wordCount: rendered.wordCount,
            hasMath: rendered.hasMath, readTime: matter.readTime ?? "\(minutes) min",
            summary: matter.summary ?? matter.description ?? rendered.plainTextSummary,
            date: matter.publishDate ?? fileDate,
            tags: tags,
            specialization: matter.specialization.map { Term(name: $0, slug: PageBuilder.slug(of: $0, fallback: "specialization")) },
            heroImage: matter.heroImage.map { rewrite.rewrite($0) }.map { rewrite.siteRelative($0, pageURLPath: urlPath) },
            references: references,
            bundleDirectory: placement.isBundle ? placement.directory : nil,
            metrics: inlineMetrics,
            images: shown.found.sorted { $0.key < $1.key }.map { PageImage(contentPath: $0.key, facts: $0.value) },
            heroFacts: heroFacts)
    }

    /// The decoded front matter and its inline metrics; `unreadable` after a YAML error, when the title
    /// is unknown rather than missing, so "no title" would only add noise.
    static func readFrontMatter(
        of split: SplitDocument, file: SourceFile, diagnostics: inout Diagnostics
    ) -> (matter: FrontMatter, inlineMetrics: MetricSet?, unreadable: Bool) {
        guard let yaml = split.frontMatter else { return (FrontMatter(), nil, false) }
        let errorsBefore = diagnostics.errorCount
        let decoded = FrontMatterDecoder.decode(yaml, file: file.sitePath, firstLine: split.frontMatterFirstLine, diagnostics: &diagnostics)
        let unreadable = decoded.1 == nil && diagnostics.errorCount > errorsBefore
        guard let definitions = decoded.1?["metrics"].flatMap(inlineMetricDefinitions) else { return (decoded.0, nil, unreadable) }
        let inline = MetricParser.parseInline(
            definitions, file: file.sitePath, lineOffset: split.frontMatterFirstLine - 1, diagnostics: &diagnostics)
        return (decoded.0, inline, unreadable)
    }

    /// Images the page names that cannot be read, and large ones in raw HTML that are published as they are.
    static func reportImages(
        of rendered: RenderedMarkdown, references: [MarkdownReference], hero matter: FrontMatter, shown: ShownImages,
        in file: SourceFile, bodyFirstLine: Int, diagnostics: inout Diagnostics
    ) {
        func hint(for failure: ImageFailure) -> String {
            failure.libvipsIsMissing
                ? "install libvips (Debian and Ubuntu: apt-get install libvips-dev; macOS: brew install vips)"
                : "save it again as JPEG, PNG or WebP"
        }
        for reference in references where reference.isImage {
            guard let failure = shown.unreadable[reference.url] else { continue }
            diagnostics.error(
                "content.unreadable-image", at: SourceLocation(file: file.sitePath, line: reference.line, column: reference.column),
                "image '\(reference.url)' cannot be read: \(failure.message)", hint: hint(for: failure))
        }
        if let hero = matter.heroImage, let failure = shown.unreadable[hero] {
            diagnostics.error(
                "content.unreadable-image", at: matter.keyLocations["heroImage"] ?? SourceLocation(file: file.sitePath, line: 1, column: 1),
                "heroImage '\(hero)' cannot be read: \(failure.message)", hint: hint(for: failure))
        }
        for image in rendered.embeddedImages {
            let location = SourceLocation(file: file.sitePath, line: image.line + bodyFirstLine - 1, column: image.column)
            if let warning = EmbeddedImageRule.check(
                image.url, writtenIn: file.contentPath, at: location, lookup: shown.lookup, how: "is named in raw HTML")
            {
                diagnostics.append(warning)
            }
        }
    }

    /// The front matter as YAML and the body as Markdown source, so findings have their exact place.
    static func scan(_ split: SplitDocument, of file: SourceFile, with scanner: ConfidentialScanner, diagnostics: inout Diagnostics) {
        if let yaml = split.frontMatter {
            scanner.scan(yaml, origin: .init(file: file.sitePath, line: split.frontMatterFirstLine), syntax: .yaml, diagnostics: &diagnostics)
        }
        scanner.scan(split.body, origin: .init(file: file.sitePath, line: split.bodyFirstLine), syntax: .markdown, diagnostics: &diagnostics)
    }

    /// The metric definitions written inline under `metrics:`, leaving out entries that name files.
    static func inlineMetricDefinitions(_ node: YAMLNode) -> YAMLNode? {
        switch node.content {
        case .mapping where node["metrics"] != nil: return node
        case .sequence(let entries):
            let definitions = entries.filter { entry in
                guard case .mapping = entry.content else { return false }
                return entry["path"] == nil && entry["file"] == nil
            }
            return definitions.isEmpty ? nil : YAMLNode(content: .sequence(definitions), mark: node.mark)
        default: return nil
        }
    }

    /// The slug from front matter, checked so it cannot leave its folder, or else from the file name.
    static func slug(for placement: Placement, matter: FrontMatter, file: SourceFile, diagnostics: inout Diagnostics) -> String? {
        if let slug = matter.slug {
            let location = matter.keyLocations["slug"] ?? SourceLocation(file: file.sitePath, line: 1, column: 1)
            if slug.isEmpty || slug.contains("/") || slug.contains("\\") || slug.contains("\0") || slug == "." || slug == ".." || slug.hasPrefix("~") {
                diagnostics.error(
                    "front-matter.slug", at: location,
                    "slug '\(slug.replacingOccurrences(of: "\0", with: "\\0"))' would leave the page's folder",
                    hint: "use letters, digits and dashes only, e.g. 'slug: \(PageBuilder.slug(of: slug, fallback: "my-project"))'")
                return nil
            }
            return slug
        }
        return slug(of: placement.slugSource, fallback: "page")
    }

    /// `Slug.make(text)`, or `fallback` when the text has no letters or digits to make one from.
    static func slug(of text: String, fallback: String) -> String {
        let made = Slug.make(text)
        return made.isEmpty ? fallback : made
    }

    static func titleFromFileName(_ stem: String) -> String {
        let words = stem.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " })
        return words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }
}

/// The local images one page shows, as it finds them while its Markdown is rendered.
struct ShownImages {
    let lookup: ImageLookup
    let writtenIn: String
    /// Facts by path in `content/`.
    private(set) var found: [String: ImageFacts] = [:]
    /// Why libvips could not read an image, by the URL as written.
    private(set) var unreadable: [String: ImageFailure] = [:]

    init(lookup: ImageLookup, writtenIn: String) {
        self.lookup = lookup
        self.writtenIn = writtenIn
    }

    /// The image `url` names, to be linked as `rewritten`; nil when it is not a local image file.
    mutating func image(_ url: String, rewrittenAs rewritten: String) -> ResponsiveImage? {
        guard let contentPath = ImageLookup.contentPath(of: url, writtenIn: writtenIn) else { return nil }
        switch lookup.find(contentPath) {
        case .image(let facts)?:
            found[contentPath] = facts
            return ResponsiveImage(url: rewritten, facts: facts)
        case .unreadable(let failure)?:
            unreadable[url] = failure
            return nil
        case nil:
            return nil
        }
    }
}


/// Rewrites URLs written in content so they work where the page is published. Root-relative links
/// get the base path. In a single-file page (`projects/x.md`, published at `projects/x/`), a relative
/// path to a file (`img/chart.png`) means the file beside the Markdown, as an editor shows it, so it
/// climbs out of the page's folder; a relative link to a page (`../other/`, ending in `/`) is relative
/// to the page's address, as in Hugo, and stays as written.
struct URLRewriter {
    let basePath: String
    let isBundle: Bool

    func rewrite(_ url: String) -> String {
        if url.isEmpty || url.hasPrefix("#") || url.hasPrefix("//") || url.hasPrefix("?") || hasScheme(url) { return url }
        if url.hasPrefix("/") { return basePath + url.dropFirst() }
        let path = url.prefix { $0 != "?" && $0 != "#" }
        return isBundle || path.hasSuffix("/") || path.hasSuffix("..") || path == "." ? url : "../" + url
    }

    /// A page-relative URL as a path from the site root, for images used outside the page (cards, social tags).
    func siteRelative(_ url: String, pageURLPath: String) -> String {
        if hasScheme(url) || url.hasPrefix("//") { return url }
        if url.hasPrefix(basePath) { return String(url.dropFirst(basePath.count)) }
        return SitePaths.resolve(url, against: pageURLPath)
    }

    private func hasScheme(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":") else { return false }
        let scheme = url[..<colon]
        return !scheme.isEmpty && scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
    }
}
