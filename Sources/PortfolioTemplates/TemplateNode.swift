/// A name as a template writes it, split at compile time: `page.title` is `["page", "title"]`, `.` is `[]`.
/// Where the tag is (the template's index in its library and the tag's byte offset) is kept for
/// `check`'s messages about the name.
struct TemplateName: Sendable {
    let parts: [String]
    let text: String
    let template: Int
    let offset: Int

    init(_ text: String, template: Int, offset: Int) {
        self.text = text
        self.template = template
        self.offset = offset
        parts = text == "." ? [] : text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }
}

/// One piece of a compiled template. Partials and parents point at their template by index in the
/// library; `-1` marks a missing one (reported when compiling, rendered as nothing).
indirect enum TemplateNode: Sendable {
    case text(ArraySlice<UInt8>)
    case variable(TemplateName, escaped: Bool)
    case section(TemplateName, [TemplateNode])
    case inverted(TemplateName, [TemplateNode])
    /// `indent` is the whitespace before a standalone tag, put in front of every line the partial writes.
    case partial(Int, indent: [UInt8])
    case parent(Int, BlockTable, indent: [UInt8])
    /// A block's default content; `indent` is what its lines get at this site when the tag is standalone.
    case block(String, [TemplateNode], indent: [UInt8])
}

/// The blocks one `{{<parent}}` tag overrides, by name: shared by reference, so rendering the
/// parent pushes one pointer.
final class BlockTable: Sendable {
    let blocks: [String: [TemplateNode]]

    init(_ blocks: [String: [TemplateNode]]) {
        self.blocks = blocks
    }
}

/// A mistake in a template, at the line and column (1-based, in characters) where it is.
public struct TemplateProblem: Sendable, Hashable {
    /// `template.syntax`, `template.missing-partial` or (a warning) `template.unknown-name`.
    public var code: String
    public var isWarning = false
    /// The name of the template the problem is in.
    public var template: String
    public var line: Int
    public var column: Int
    public var message: String
    public var hint: String?
}
