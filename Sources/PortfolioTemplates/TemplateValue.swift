/// What a template sees of its context: a closed set of cases, so that looking a name up or deciding
/// whether a section renders is a switch, never a dynamic cast.
public enum TemplateValue: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([TemplateValue])
    case map([String: TemplateValue])
    /// Values computed when a template asks for them (a card's fields, read by few themes).
    case object(any TemplateObject)

    /// The value of `name` inside this one, nil when it has no such member (strings, numbers and lists have none).
    @inline(__always)
    func member(_ name: String) -> TemplateValue? {
        switch self {
        case .map(let members): members[name]
        case .object(let object): object.member(name)
        default: nil
        }
    }

    /// Whether a section over this value renders nothing and its inverted section renders: missing,
    /// null, false and empty lists, as the specification says. Empty strings and zero are true.
    var isFalsy: Bool {
        switch self {
        case .null: true
        case .bool(let flag): !flag
        case .list(let items): items.isEmpty
        case .string, .int, .double, .map, .object: false
        }
    }
}

/// A context value whose members are computed on demand instead of stored.
public protocol TemplateObject: Sendable {
    func member(_ name: String) -> TemplateValue?
}
