import Foundation
@testable import PortfolioBuild
@testable import PortfolioContent
@testable import PortfolioMetrics
@testable import PortfolioRender
@testable import PortfolioSite
@testable import PortfolioSupport
import PortfolioTemplates
import Testing

/// The default theme over each fixture site renders byte for byte as swift-mustache renders it.
@Test(arguments: ["sites/basic", "sites/importers"])
func defaultThemeRendersFixtureSiteAsSwiftMustacheDoes(_ folder: String) throws {
    let root = Fixtures.path(folder) + "/"
    let (renderer, theme, diagnostics) = Fixtures.renderer(ofSiteAt: root)
    let site = renderer.site
    #expect(!diagnostics.hasErrors)
    let reference = try ReferenceMustache(theme.templateSources().map { ($0.name, $0.text) })
    let tasks = SiteOutput.pageTasks(of: site)
    #expect(tasks.count > 5)
    for task in tasks {
        let view = renderer.view(of: task)
        #expect(renderer.render(task) == reference.render(view.template, view.context.plain), "\(task)")
    }
    for index in site.projects.indices {
        let card = TemplateValue.object(renderer.cardView(index))
        #expect(renderer.templates.render("project-card", card) == reference.render("project-card", card.plain))
    }
}

/// Random templates (variables, sections, inverted sections, comments, partials, parents and blocks,
/// nested, on lines of their own or inline) and random data for them.
struct TemplateGenerator {
    /// Seeded, so every run generates the same templates.
    var random: SeededGenerator
    /// Inside block content no line starts with spaces: swift-mustache takes them off (the
    /// specification re-indents block content only under a standalone block tag).
    var inBlock = false
    static let keys = ["a", "b", "items", "flag", "name"]
    /// Keys that only ever hold strings, numbers or booleans: swift-mustache writes a list or a map
    /// interpolated in a variable tag as Swift describes it (in no stable order), the specification
    /// says nothing, and the project's engine writes nothing.
    static let scalarKeys = ["flag", "name"]

    mutating func pick<T>(_ choices: [T]) -> T {
        choices[Int.random(in: 0..<choices.count, using: &random)]
    }

    mutating func chance(_ percent: Int) -> Bool {
        Int.random(in: 0..<100, using: &random) < percent
    }

    /// No `.`: swift-mustache pushes the value of an inverted section, so `{{.}}` inside one is that
    /// (falsy) value; in the specification and the project's engine it is the value around the section.
    mutating func name() -> String {
        if chance(25) { return pick(Self.keys) + "." + pick(Self.keys) }
        return pick(Self.keys)
    }

    /// A name for a variable tag: one that holds no list or map.
    mutating func scalarName() -> String {
        chance(25) ? pick(Self.keys) + "." + pick(Self.scalarKeys) : pick(Self.scalarKeys)
    }

    mutating func data(depth: Int) -> [String: Any] {
        var object: [String: Any] = [:]
        for key in Self.keys where chance(70) {
            object[key] = Self.scalarKeys.contains(key) ? value(depth: 0) : value(depth: depth)
        }
        return object
    }

    mutating func value(depth: Int) -> Any {
        switch Int.random(in: 0..<(depth > 0 ? 8 : 5), using: &random) {
        // No line breaks in values: swift-mustache leaves the indentation out of the template lines
        // that follow a value with a line break in an indented partial; the specification does not.
        case 0: return pick(["x", "", "<b>&'\"", "  ", "é ü"])
        case 1: return chance(50)
        case 2: return Int.random(in: -3...300, using: &random)
        case 3: return pick([0.5, 2.25, -1.0])
        case 4: return pick(["text", "more text"])
        case 5: return data(depth: depth - 1)
        default: return (0..<Int.random(in: 0...3, using: &random)).map { _ in chance(80) ? data(depth: depth - 1) as Any : value(depth: 0) }
        }
    }

    /// A template body; `partials` may be included, `blocks` may be defined.
    mutating func body(depth: Int, partials: [String], blocks: [String]) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 1...5, using: &random) {
            text += piece(depth: depth, partials: partials, blocks: blocks)
        }
        return text
    }

    /// A tag that can stand alone, either on a line of its own or after text on its line. Lines that
    /// hold several such tags and nothing else are left out: the specification says nothing of them
    /// (but for parents and blocks), and swift-mustache treats them in ways of its own.
    mutating func placed(_ tag: String, indentable: Bool = true) -> String {
        chance(50) ? "\n" + (indentable ? pick(["", "  "]) : "") + tag + "\n" : "x" + tag
    }

    mutating func piece(depth: Int, partials: [String], blocks: [String]) -> String {
        switch Int.random(in: 0..<(depth > 0 ? 12 : 6), using: &random) {
        case 0, 1: return inBlock ? pick(["x", "\n", "<i>", "-\n"]) : pick(["x", " ", "\n", "  ", "<i>", "a\n  b", "-\n"])
        case 2: return "{{\(scalarName())}}"
        case 3: return pick(["{{{\(scalarName())}}}", "{{& \(scalarName())}}"])
        case 4: return placed("{{! a comment }}")
        case 5:
            guard !partials.isEmpty else { return "y" }
            // Not indented: swift-mustache indents the lines of a section inside an indented partial
            // on the section's first pass only; the specification indents every line the partial writes.
            return placed("{{> \(pick(partials))}}", indentable: false)
        case 6, 7, 8:
            let tag = name()
            let kind = pick(["#", "^"])
            return placed("{{\(kind)\(tag)}}") + body(depth: depth - 1, partials: partials, blocks: blocks) + placed("{{/\(tag)}}")
        default:
            guard !blocks.isEmpty else { return "z" }
            return block(pick(blocks), depth: depth - 1, partials: partials)
        }
    }

    /// A block with its content: on lines of their own, the content starting with text, or inline.
    /// (Block content indented under a standalone tag is re-indented, as the specification says and
    /// swift-mustache does not.)
    mutating func block(_ name: String, depth: Int, partials: [String]) -> String {
        inBlock = true
        defer { inBlock = false }
        let content = body(depth: depth, partials: partials, blocks: [])
        return chance(50) ? "\n{{$\(name)}}\nx" + content + "\n{{/\(name)}}\n" : "x{{$\(name)}}" + content + "x{{/\(name)}}"
    }
}

/// Templates generated at random render as swift-mustache renders them, over random data.
@Test func generatedTemplatesRenderAsSwiftMustacheDoes() throws {
    var generator = TemplateGenerator(random: SeededGenerator(seed: 20))
    var differences: [String] = []
    for round in 0..<300 {
        // Templates start and end with text: swift-mustache drops a partial that is only spaces and a
        // last line of spaces with no line break, which the specification (and the project's engine) write out.
        let inner = "i" + generator.body(depth: 1, partials: [], blocks: []) + "."
        let partial = "p" + generator.body(depth: 2, partials: ["inner"], blocks: []) + "."
        let base = generator.body(depth: 2, partials: ["partial"], blocks: ["title", "main"]) + "."
        var main = generator.body(depth: 3, partials: ["partial", "inner"], blocks: [])
        if generator.chance(40) {
            let overrides = generator.chance(50) ? generator.block("main", depth: 2, partials: ["partial"]) : ""
            main += generator.placed("{{<base}}", indentable: false) + overrides + generator.placed("{{/base}}", indentable: false)
        }
        main += "."
        let sources = [("main", main), ("base", base), ("partial", partial), ("inner", inner)]
        var problems: [TemplateProblem] = []
        let library = TemplateLibrary(sources, problems: &problems)
        #expect(problems.isEmpty)
        let reference = try ReferenceMustache(sources)
        for _ in 0..<3 {
            let data = generator.data(depth: 3)
            let expected = reference.render("main", data)
            let rendered = library.render("main", TemplateContext.value(of: data))
            if rendered != expected {
                differences.append("round \(round)\n--- templates: \(sources)\n--- data: \(data)\n--- swift-mustache: \(expected.debugDescription)\n--- ours: \(rendered.debugDescription)")
            }
        }
    }
    #expect(differences.isEmpty, "\(differences.count) differences; first: \(differences.first ?? "")")
}

