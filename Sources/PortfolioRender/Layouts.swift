import PortfolioContent
import PortfolioSite
import PortfolioSupport
import PortfolioTemplates

/// Which template draws a page: its `layout:` (Hugo and Jekyll's key), or the one of its kind. Every
/// top-level template of the theme is a layout, so a new kind of page is a new template.
extension TemplateSet {
    /// `layout:` values Jekyll sites write for the usual look; without such a template in the theme
    /// they keep the page's own layout, so an imported post builds as it is.
    static let jekyllDefaults: Set<String> = ["default", "post"]

    /// The template of `page`: `layout:` when the theme has it, else `project`, `page` or `home`.
    public func layout(of page: Page) -> String {
        guard let name = page.frontMatter.layout, layouts.contains(name) || !Self.jekyllDefaults.contains(name) else {
            return page.kind.rawValue
        }
        return name
    }

    /// An error at each `layout:` that names no template of the theme, with the layouts there are.
    public func checkLayouts(of site: Site, diagnostics: inout Diagnostics) {
        for page in site.allPages {
            guard let name = page.frontMatter.layout, !layouts.contains(name), !Self.jekyllDefaults.contains(name) else { continue }
            let nearest = layouts.sorted {
                (EditDistance.between(name, $0), $0) < (EditDistance.between(name, $1), $1)
            }
            let message = Self.siteDataTemplates.contains(name)
                ? "'\(name)' is drawn from the site's data, not from a page, so it is not a layout"
                : "no layout '\(name)' in the theme"
            diagnostics.error(
                "front-matter.layout",
                at: page.frontMatter.keyLocations["layout"] ?? SourceLocation(file: page.source.sitePath, line: 1, column: 1),
                message, hint: "use one of \(nearest.joined(separator: ", ")), or add templates/\(name).mustache")
        }
    }
}
