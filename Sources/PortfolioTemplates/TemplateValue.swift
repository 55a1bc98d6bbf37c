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
    func member(_ name: TemplateSymbol) -> TemplateValue? {
        switch self {
        case .map(let members): members[name.text]
        case .object(let object): object.member(name)
        default: nil
        }
    }

    /// The same value with every object's fields computed into a map, all the way down: for a
    /// value that is both rendered and fingerprinted, so that nothing in it is computed twice.
    public var materialized: TemplateValue {
        switch self {
        case .object(let object): .map(Dictionary(uniqueKeysWithValues: object.members.map { ($0.name, $0.value.materialized) }))
        case .list(let items): .list(items.map(\.materialized))
        case .map(let members): .map(members.mapValues(\.materialized))
        case .null, .bool, .int, .double, .string: self
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

/// A context value whose members are computed on demand instead of stored (see `TemplateView`).
public protocol TemplateObject: Sendable {
    func member(_ name: TemplateSymbol) -> TemplateValue?
    /// Every member that has a value, always in the same order.
    var members: [(name: String, value: TemplateValue)] { get }
    /// Writes every member as a cache key reads it, in the same order (see `TemplateKeyBytes`).
    func writeKey(into key: inout TemplateKeyBytes)
}

extension TemplateObject {
    public func writeKey(into key: inout TemplateKeyBytes) {
        for member in members {
            key.field(member.name)
            key.value(member.value)
        }
    }
}
