import PortfolioContent
import PortfolioSupport

/// The machine-read files of the site: the Atom feed, the sitemap and robots.txt. Written here
/// rather than by templates so every value is escaped for XML without relying on the theme.
public enum Feeds {
    /// Where the feed and the sitemap are published (see `SiteOutput.list(of:)`); the feed's self link
    /// and robots.txt name them.
    public static let feedPath = "feed.xml"
    public static let sitemapPath = "sitemap.xml"

    /// Entries in the feed: the newest projects.
    public static let feedLimit = 20

    /// The projects the feed shows in full, the newest first, by index in `site.projects`.
    public static func entries(of site: Site) -> [Int] {
        let epoch = SiteDate(year: 1970, month: 1, day: 1)
        return Array(site.listedProjects.indices.sorted { (site.projects[$0].date ?? epoch) > (site.projects[$1].date ?? epoch) }.prefix(feedLimit))
    }

    /// The feed of `entries` (see `entries(of:)`), which must have been parsed, not restored from the cache.
    public static func atom(for site: Site, entries: [Int]) -> String {
        let urls = SiteURLs(config: site.config)
        let projects = entries.map { site.projects[$0] }
        let updated = projects.compactMap { $0.frontMatter.updatedDate ?? $0.date }.max() ?? SiteDate(year: 1970, month: 1, day: 1)
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(escape(site.config.language))">
              <title>\(escape(site.config.title))</title>

            """
        if let description = site.config.description { xml += "  <subtitle>\(escape(description))</subtitle>\n" }
        xml += """
              <link rel="self" type="application/atom+xml" href="\(escape(urls.absoluteURL(feedPath)))"/>
              <link rel="alternate" type="text/html" href="\(escape(urls.absoluteURL("")))"/>
              <id>\(escape(urls.absoluteURL("")))</id>
              <updated>\(updated.rfc3339)</updated>
              <author><name>\(escape(site.config.author.name ?? site.config.title))</name></author>

            """
        for project in projects {
            let link = urls.absoluteURL(project.urlPath)
            let published = project.date ?? updated
            xml += """
                  <entry>
                    <title>\(escape(project.title))</title>
                    <link rel="alternate" type="text/html" href="\(escape(link))"/>
                    <id>\(escape(link))</id>
                    <published>\(published.rfc3339)</published>
                    <updated>\((project.frontMatter.updatedDate ?? published).rfc3339)</updated>
                    <author><name>\(escape(project.frontMatter.author ?? site.config.author.name ?? site.config.title))</name></author>

                """
            for tag in project.tags { xml += "    <category term=\"\(escape(tag.name))\"/>\n" }
            xml += "    <summary>\(escape(project.summary))</summary>\n"
            if site.config.feedFullContent {
                xml += "    <content type=\"html\" xml:base=\"\(escape(link))\">\(escape(project.html))</content>\n"
            }
            xml += "  </entry>\n"
        }
        xml += "</feed>\n"
        return xml
    }

    /// One `<url>` per public page: `pages` are site-relative folders with an optional last-modified date.
    public static func sitemap(for site: Site, pages: [(urlPath: String, lastModified: SiteDate?)]) -> String {
        let urls = SiteURLs(config: site.config)
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages {
            xml += "  <url><loc>\(escape(urls.absoluteURL(page.urlPath)))</loc>"
            if let date = page.lastModified { xml += "<lastmod>\(date.isoDate)</lastmod>" }
            xml += "</url>\n"
        }
        xml += "</urlset>\n"
        return xml
    }

    public static func robots(for site: Site) -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(SiteURLs(config: site.config).absoluteURL(sitemapPath))\n"
    }

    /// Escapes text for XML content and attribute values, dropping characters XML 1.0 forbids.
    public static func escape(_ text: String) -> String {
        MarkupText.escape(MarkupText.droppingForbiddenXMLCharacters(text))
    }
}
