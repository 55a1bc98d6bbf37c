extension TemplateLibrary {
    /// A `template.unknown-name` warning for each name tag that no view gives a value, over every
    /// root template rendered with a view of the given shape, following partials, parents and blocks
    /// as rendering does. A partial shared by several templates is warned about only when none of
    /// them provides the name; names under an open shape (`params`) are never warned about.
    public func unknownNames(rendering roots: [(template: String, shape: TemplateShape)]) -> [TemplateProblem] {
        var check = NameCheck(templates: templates)
        for root in roots {
            guard let index = names[root.template] else { continue }
            check.walk(templates[index], stack: [root.shape])
        }
        return check.outcomes.keys.sorted { ($0.template, $0.offset) < ($1.template, $1.offset) }.compactMap { key in
            guard case .unknown(let name, let suggestion)? = check.outcomes[key] else { return nil }
            let source = sources[key.template]
            let (line, column) = TemplateParser.position(of: key.offset, in: source.bytes)
            return TemplateProblem(
                code: "template.unknown-name", isWarning: true, template: source.name, line: line, column: column,
                message: "no value this template is given is named '\(name)', so it renders as nothing",
                hint: suggestion.map { "did you mean '\($0)'?" } ?? "check the name against the README's list of template names")
        }
    }
}

/// One walk of templates with the shapes their contexts would have, recording for each name tag
/// whether some walk found it.
struct NameCheck {
    struct TagKey: Hashable {
        let template: Int
        let offset: Int
    }

    enum Outcome {
        case found
        /// The name as written and the nearest known name, if one is near enough to be a misspelling.
        case unknown(String, suggestion: String?)
    }

    let templates: [[TemplateNode]]
    var outcomes: [TagKey: Outcome] = [:]
    private var overrides: [BlockTable] = []
    /// Expansions already walked, by template, shapes and overrides: a partial included from many
    /// places with the same context is walked once, and a partial that includes itself ends.
    private var walked: Set<String> = []

    init(templates: [[TemplateNode]]) {
        self.templates = templates
    }

    mutating func walk(_ nodes: [TemplateNode], stack: [TemplateShape]) {
        for node in nodes {
            switch node {
            case .text: break
            case .variable(let name, _):
                _ = resolve(name, in: stack)
            case .section(let name, let body):
                let inner: TemplateShape = switch resolve(name, in: stack) {
                case .list(let item)?: item
                case let shape?: shape
                case nil: .open
                }
                walk(body, stack: Self.pushing(inner, onto: stack))
            case .inverted(let name, let body):
                _ = resolve(name, in: stack)
                walk(body, stack: stack)
            case .partial(let index, _):
                guard index >= 0 else { continue }
                expand(index, templates[index], stack: stack)
            case .parent(let index, let table, _):
                guard index >= 0 else { continue }
                overrides.append(table)
                expand(index, templates[index], stack: stack)
                overrides.removeLast()
            case .block(let name, let content, _):
                let override = overrides.lazy.compactMap { $0.blocks[name] }.first
                walk(override ?? content, stack: stack)
            }
        }
    }

    /// The stack with `shape` on top and any earlier copy of it taken out: lookups never reach a
    /// copy below another (the upper one answers first, the same way), and without copies the walk
    /// of a partial that includes itself inside a section meets stacks it has seen and ends.
    private static func pushing(_ shape: TemplateShape, onto stack: [TemplateShape]) -> [TemplateShape] {
        let pushed = identity(of: shape)
        return stack.filter { identity(of: $0) != pushed } + [shape]
    }

    private mutating func expand(_ index: Int, _ nodes: [TemplateNode], stack: [TemplateShape]) {
        // A block is looked up in the first table that has it, so a table met again changes no lookup:
        // counted once, a block whose override includes its own parent again ends.
        var tables = Set<ObjectIdentifier>()
        let key = "\(index)|" + stack.map(Self.identity).joined(separator: ",") + "|"
            + overrides.map(ObjectIdentifier.init).filter { tables.insert($0).inserted }
                .map { String(describing: $0) }.joined(separator: ",")
        guard walked.insert(key).inserted else { return }
        walk(nodes, stack: stack)
    }

    private static func identity(of shape: TemplateShape) -> String {
        switch shape {
        case .scalar: "s"
        case .open: "o"
        case .list(let item): "l" + identity(of: item)
        case .view(let schema): String(describing: ObjectIdentifier(schema))
        }
    }

    /// The shape `name` has where the stack is `stack`, recording the outcome; nil when nothing provides it.
    private mutating func resolve(_ name: TemplateName, in stack: [TemplateShape]) -> TemplateShape? {
        let key = TagKey(template: name.template, offset: name.offset)
        switch Self.lookUp(name, in: stack) {
        case .found(let shape):
            outcomes[key] = .found
            return shape
        case .missing(let position, let candidates):
            if case .found? = outcomes[key] { return nil }
            var earlier: String?
            if case .unknown(_, let suggestion)? = outcomes[key] { earlier = suggestion }
            outcomes[key] = .unknown(name.text, suggestion: Self.suggestion(for: name, at: position, among: candidates) ?? earlier)
            return nil
        }
    }

    /// What looking a name up finds: the shape of its value, or the first part nothing provides and
    /// the names that part could have been.
    enum Lookup {
        case found(TemplateShape)
        case missing(position: Int, candidates: [String])
    }

    /// Looks a name up as the renderer does: its first part in the innermost context that has it,
    /// then each further part inside the value found. An open value may hold any name.
    static func lookUp(_ name: TemplateName, in stack: [TemplateShape]) -> Lookup {
        guard let first = name.parts.first else { return .found(stack.last ?? .open) }
        var shape: TemplateShape
        if let found = firstPart(first, in: stack) {
            shape = found
        } else {
            return .missing(position: 0, candidates: stack.flatMap(fieldNames))
        }
        for (position, part) in name.parts.enumerated().dropFirst() {
            switch shape {
            case .open: return .found(.open)
            case .view(let schema):
                guard let field = schema.fields[part] else { return .missing(position: position, candidates: fieldNames(of: shape)) }
                shape = field
            case .scalar, .list: return .missing(position: position, candidates: [])
            }
        }
        return .found(shape)
    }

    /// The shape of a name's first part: the field of the innermost view that has it, open when an
    /// open value comes first.
    private static func firstPart(_ part: String, in stack: [TemplateShape]) -> TemplateShape? {
        for shape in stack.reversed() {
            switch shape {
            case .open: return .open
            case .view(let schema): if let field = schema.fields[part] { return field }
            case .scalar, .list: continue
            }
        }
        return nil
    }

    private static func fieldNames(of shape: TemplateShape) -> [String] {
        if case .view(let schema) = shape { Array(schema.fields.keys) } else { [] }
    }

    /// The name with its part at `position` replaced by the nearest of `candidates`, at most one edit
    /// in three letters away (a swap of neighbours is one edit); nil when none is that near.
    static func suggestion(for name: TemplateName, at position: Int, among candidates: [String]) -> String? {
        let part = name.parts[position]
        let nearest = candidates.map { (name: $0, distance: EditDistance.between($0, part, swapsCountOnce: true)) }
            .filter { $0.distance <= max(1, part.count / 3) }
            .min { ($0.distance, $0.name) < ($1.distance, $1.name) }
        guard let nearest else { return nil }
        var parts = name.parts
        parts[position] = nearest.name
        return parts.joined(separator: ".")
    }
}
