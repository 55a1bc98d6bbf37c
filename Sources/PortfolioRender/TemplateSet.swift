import PortfolioSupport
import PortfolioTemplates

/// The theme's templates compiled once per build and shared by every page render.
public struct TemplateSet: Sendable {
    let library: TemplateLibrary
    /// The templates a page's `layout:` may name: those at the top of the theme, sorted (not partials,
    /// not `social-card.svg`, not `siteDataTemplates`).
    let layouts: [String]
    /// Where each render's time goes, by template; nil measures nothing.
    let workTimes: WorkTimes?

    /// The templates a site needs, one per kind of page.
    public static let requiredTemplates = ["home", "project", "page", "list", "tags", "tag", "404", "project-card", "social-card.svg"]
        + BuiltInPage.all.map(\.layout)

    /// Templates drawn from the site's data rather than from one page (lists, tags, the 404 page, the
    /// built-in pages) and the parent the others fill in: a page laid out with one would show nothing of itself.
    static let siteDataTemplates = Set(["base", "list", "tags", "tag", "404"] + BuiltInPage.all.map(\.layout))

    public static func compile(_ theme: Theme, measuringIn workTimes: WorkTimes? = nil, diagnostics: inout Diagnostics) -> TemplateSet {
        let sources = theme.templateSources()
        var problems: [TemplateProblem] = []
        let library = TemplateLibrary(sources.map { ($0.name, $0.text) }, problems: &problems)
        var files: [String: String] = [:]
        for source in sources { files[source.name] = theme.origins[source.path] ?? source.path }
        let layouts = sources.filter { !$0.path.hasPrefix("partials/") && !$0.name.contains(".") }.map(\.name)
            .filter { !siteDataTemplates.contains($0) }.sorted()
        problems += library.unknownNames(rendering: viewShapes(layouts: layouts))
        for problem in problems {
            let location = SourceLocation(file: files[problem.template] ?? problem.template, line: problem.line, column: problem.column)
            if problem.isWarning {
                diagnostics.warning(problem.code, at: location, problem.message, hint: problem.hint)
            } else {
                diagnostics.error(problem.code, at: location, problem.message, hint: problem.hint)
            }
        }
        for name in requiredTemplates where !library.contains(name) {
            diagnostics.error(
                "template.missing", at: SourceLocation(file: "templates/\(name).mustache"),
                "no theme provides the template '\(name)', which the site needs",
                hint: "restore templates/\(name).mustache or remove the override that hides it")
        }
        return TemplateSet(library: library, layouts: layouts, workTimes: workTimes)
    }

    /// The view each template is drawn with, for checking the names it uses: the site's own layouts
    /// are drawn with a page's.
    static func viewShapes(layouts: [String]) -> [(template: String, shape: TemplateShape)] {
        var shapes: [(template: String, shape: TemplateShape)] = [
            ("home", HomeView.shape), ("list", ListingView.shape), ("tag", ListingView.shape), ("tags", TagIndexView.shape),
            ("404", PageFrame.shape), ("project-card", CardView.shape), ("social-card.svg", SocialCardView.shape),
        ]
        shapes += BuiltInPage.all.map { ($0.layout, $0.shape()) }
        shapes += layouts.filter { $0 != "home" }.map { ($0, PageRootView.shape) }
        return shapes
    }

    public func render(_ name: String, _ context: TemplateValue) -> String {
        String(decoding: renderBytes(name, context), as: UTF8.self)
    }

    public func renderBytes(_ name: String, _ context: TemplateValue) -> [UInt8] {
        workTimes.measure("render template " + name) { library.renderBytes(name, context) }
    }
}
