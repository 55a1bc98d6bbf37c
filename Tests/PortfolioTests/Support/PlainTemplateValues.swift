import PortfolioTemplates

/// Template values as Swift's own strings, numbers, arrays and dictionaries, views as dictionaries of
/// their fields: for tests that read a view's fields, and for swift-mustache, the reference engine.
extension TemplateValue {
    var plain: Any {
        switch self {
        case .null: return Optional<Any>.none as Any
        case .bool(let flag): return flag
        case .int(let number): return number
        case .double(let number): return number
        case .string(let text): return text
        case .list(let items): return items.map(\.plain)
        case .map(let members): return members.mapValues(\.plain)
        case .object(let object): return object.plainMembers
        }
    }
}

extension TemplateObject {
    var plainMembers: [String: Any] {
        Dictionary(uniqueKeysWithValues: members.map { ($0.name, $0.value.plain) })
    }

    subscript(name: String) -> Any? {
        member(TemplateSymbol(name))?.plain
    }
}

/// Swift's own values as template values: the random data of the differential tests.
enum TemplateContext {
    static func value(of value: Any) -> TemplateValue {
        switch value {
        case let text as String: .string(text)
        case let flag as Bool: .bool(flag)
        case let number as Int: .int(number)
        case let number as Double: .double(number)
        case let object as [String: Any]: .map(object.mapValues(Self.value(of:)))
        case let list as [Any]: .list(list.map(Self.value(of:)))
        default: .string(String(describing: value))
        }
    }
}
