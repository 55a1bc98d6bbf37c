import Mustache
@testable import PortfolioRender
@testable import PortfolioSupport

/// swift-mustache, the engine the project rendered with before its own, set up as `TemplateSet` set
/// it up then: the reference the differential tests compare the project's engine with.
struct ReferenceMustache {
    let library: MustacheLibrary

    /// Put in front of every template so that it escapes with `MarkupText`, as the project did. The
    /// project put it right before the template's text, so a template that started with a line
    /// break lost it (the pragma's line counted as standalone); here it has a line of its own.
    static let escapingPragma = "{{% CONTENT_TYPE: PORTFOLIO_HTML}}"

    init(_ sources: [(name: String, text: String)]) throws {
        MustacheContentTypes.register(MarkupContentType(), named: "PORTFOLIO_HTML")
        var library = MustacheLibrary()
        for source in sources {
            library.register(try MustacheTemplate(string: Self.escapingPragma + "\n" + source.text), named: source.name)
        }
        self.library = library
    }

    func render(_ name: String, _ context: Any) -> String {
        library.render(context, withTemplate: name) ?? ""
    }
}

/// Escapes as the project's engine does (`&#39;` for `'`, which swift-mustache's own escaper leaves alone).
struct MarkupContentType: MustacheContentType {
    func escapeText(_ text: String) -> String {
        MarkupText.escape(text)
    }
}

/// How the project showed strings to swift-mustache.
extension String: @retroactive MustacheCustomRenderable {
    public var renderText: String { self }
    public var isNull: Bool { false }
}

extension String: @retroactive MustacheParent {
    public func child(named: String) -> Any? { nil }
}
