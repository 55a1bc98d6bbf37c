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
        guard let shape = Self.shape(of: name, in: stack) else {
            if case .found? = outcomes[key] { return nil }
            let suggestion = Self.suggestion(for: name, in: stack)
            if case .unknown(_, let earlier?)? = outcomes[key], suggestion == nil {
                outcomes[key] = .unknown(name.text, suggestion: earlier)
            } else {
                outcomes[key] = .unknown(name.text, suggestion: suggestion)
            }
            return nil
        }
        outcomes[key] = .found
        return shape
    }

    /// Looks a name up as the renderer does: its first part in the innermost context that has it,
    /// then each further part inside the value found.
    static func shape(of name: TemplateName, in stack: [TemplateShape]) -> TemplateShape? {
        guard let first = name.parts.first else { return stack.last }
        var shape = firstPart(first, in: stack)
        for part in name.parts.dropFirst() {
            shape = shape.flatMap { field(part, of: $0) }
        }
        return shape
    }

    /// The shape of a name's first part: the field of the innermost view that has it, open when an
    /// open value comes first (it may have any name).
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

    private static func field(_ name: String, of shape: TemplateShape) -> TemplateShape? {
        switch shape {
        case .open: .open
        case .view(let schema): schema.fields[name]
        case .scalar, .list: nil
        }
    }

    /// The known name nearest to a misspelt one: the name with its first unknown part replaced by the
    /// closest name there, at most one edit in three letters away.
    static func suggestion(for name: TemplateName, in stack: [TemplateShape]) -> String? {
        var candidates = stack.flatMap { shape -> [String] in
            if case .view(let schema) = shape { Array(schema.fields.keys) } else { [] }
        }
        var shape: TemplateShape?
        for (position, part) in name.parts.enumerated() {
            if let shape {
                guard case .view(let schema) = shape else { return nil }
                candidates = Array(schema.fields.keys)
            }
            let next = shape.map { field(part, of: $0) } ?? firstPart(part, in: stack)
            guard let next else {
                let nearest = candidates.map { (name: $0, distance: editDistance($0, part)) }
                    .filter { $0.distance <= max(1, part.count / 3) }
                    .min { ($0.distance, $0.name) < ($1.distance, $1.name) }
                guard let nearest else { return nil }
                var parts = name.parts
                parts[position] = nearest.name
                return parts.joined(separator: ".")
            }
            shape = next
        }
        return nil
    }

    /// Edits (insertions, deletions, substitutions, swaps of neighbours) between two names.
    static func editDistance(_ first: String, _ second: String) -> Int {
        let a = Array(first.utf8), b = Array(second.utf8)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { current[j] = min(current[j], before[j - 2] + 1) }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
