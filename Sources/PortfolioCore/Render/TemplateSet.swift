import Mustache

/// The theme's templates compiled once per build and shared by every page render.
public struct TemplateSet: Sendable {
    let library: MustacheLibrary
    /// Where each render's time goes, by template; nil measures nothing.
    let workTimes: WorkTimes?

    /// The templates a site needs, one per kind of page.
    public static let requiredTemplates = ["home", "project", "page", "list", "tags", "tag", "404", "project-card", "cv", "social-card.svg"]

    /// Put in front of every template so it escapes with `FastHTMLContentType`; it renders nothing.
    static let escapingPragma = "{{% CONTENT_TYPE: \(FastHTMLContentType.name)}}"

    public static func compile(_ theme: Theme, measuringIn workTimes: WorkTimes? = nil, diagnostics: inout Diagnostics) -> TemplateSet {
        MustacheContentTypes.register(FastHTMLContentType(), named: FastHTMLContentType.name)
        var library = MustacheLibrary()
        let sources = theme.templateSources()
        let names = Set(sources.map(\.name))
        for source in sources {
            let file = theme.origins[source.path] ?? source.path
            do {
                library.register(try MustacheTemplate(string: escapingPragma + source.text), named: source.name)
            } catch let error as MustacheTemplate.ParserError {
                let line = error.context.lineNumber
                let column = line == 1 ? max(1, error.context.columnNumber - escapingPragma.count) : error.context.columnNumber
                diagnostics.error(
                    "template.syntax",
                    at: SourceLocation(file: file, line: line, column: column),
                    "Mustache syntax error: \(describe(error.error))",
                    hint: "every {{#section}} needs a matching {{/section}}, and tags close with }}")
            } catch {
                diagnostics.error("template.syntax", at: SourceLocation(file: file, line: 1, column: 1), "Mustache syntax error: \(error)")
            }
            for reference in referencedTemplates(in: source.text) where !names.contains(reference.name) {
                diagnostics.error(
                    "template.missing-partial",
                    at: SourceLocation(file: file, line: reference.line, column: reference.column),
                    "\(reference.isParent ? "parent" : "partial") template '\(reference.name)' does not exist",
                    hint: "create templates/\(reference.isParent ? "" : "partials/")\(reference.name).mustache or fix the name")
            }
        }
        for name in requiredTemplates where !names.contains(name) {
            diagnostics.error(
                "template.missing", at: SourceLocation(file: "templates/\(name).mustache"),
                "no theme provides the template '\(name)', which the site needs",
                hint: "restore templates/\(name).mustache or remove the override that hides it")
        }
        return TemplateSet(library: library, workTimes: workTimes)
    }

    public func render(_ name: String, _ context: [String: Any]) -> String {
        workTimes.measure("render template " + name) { library.render(context, withTemplate: name) ?? "" }
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened with"
        case MustacheTemplate.Error.unfinishedName: return "a tag is not closed with }}"
        case MustacheTemplate.Error.expectedSectionEnd: return "a section is never closed"
        case MustacheTemplate.Error.invalidSetDelimiter: return "invalid set-delimiter tag"
        case MustacheTemplate.Error.textInsideInheritSection, MustacheTemplate.Error.illegalTokenInsideInheritSection:
            return "only {{$block}} overrides may stand inside {{<parent}} ... {{/parent}}"
        default: return "\(error)"
        }
    }

    /// Partials (`{{> name}}`) and parents (`{{< name}}`) named in a template, with their positions.
    static func referencedTemplates(in text: String) -> [(name: String, isParent: Bool, line: Int, column: Int)] {
        var found: [(String, Bool, Int, Int)] = []
        var line = 1, column = 1
        var scalars = text.unicodeScalars[...]
        while let first = scalars.first {
            if first == "{", scalars.dropFirst().first == "{" {
                let afterBraces = scalars.dropFirst(2)
                if let marker = afterBraces.first, marker == ">" || marker == "<" {
                    let rest = afterBraces.dropFirst().drop { $0 == " " }
                    let name = String(String.UnicodeScalarView(rest.prefix { $0 != "}" && $0 != " " && $0 != "\n" }))
                    if !name.isEmpty, !name.hasPrefix("*") { found.append((name, marker == "<", line, column)) }
                }
            }
            if first == "\n" { line += 1; column = 1 } else { column += 1 }
            scalars = scalars.dropFirst()
        }
        return found
    }
}
