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
        for problem in problems {
            diagnostics.error(
                problem.code, at: SourceLocation(file: files[problem.template] ?? problem.template, line: problem.line, column: problem.column),
                problem.message, hint: problem.hint)
        }
        for name in requiredTemplates where !library.contains(name) {
            diagnostics.error(
                "template.missing", at: SourceLocation(file: "templates/\(name).mustache"),
                "no theme provides the template '\(name)', which the site needs",
                hint: "restore templates/\(name).mustache or remove the override that hides it")
        }
        let layouts = sources.filter { !$0.path.hasPrefix("partials/") && !$0.name.contains(".") }.map(\.name)
            .filter { !siteDataTemplates.contains($0) }.sorted()
        return TemplateSet(library: library, layouts: layouts, workTimes: workTimes)
    }

    public func render(_ name: String, _ context: [String: Any]) -> String {
        workTimes.measure("render template " + name) { library.render(name, TemplateContext.value(of: context)) }
    }
}

/// The context builders make dictionaries; the engine reads `TemplateValue`s. One walk per page turns
/// the one into the other, so the casts happen here once instead of at every tag.
enum TemplateContext {
    static func value(of value: Any) -> TemplateValue {
        switch value {
        case let text as String: .string(text)
        case let flag as Bool: .bool(flag)
        case let number as Int: .int(number)
        case let number as Double: .double(number)
        case let object as [String: Any]: .map(object.mapValues(Self.value(of:)))
        case let list as [Any]: .list(list.map(Self.value(of:)))
        case let object as any TemplateObject: .object(object)
        default: .string(String(describing: value))
        }
    }
}
