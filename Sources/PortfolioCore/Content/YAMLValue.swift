import OrderedCollections
import Yams

/// A YAML value as templates see it (front matter `params`, config extras): plain data that is
/// `Sendable`, unlike Yams' `Node`.
public indirect enum YAMLValue: Sendable, Hashable {
    case string(String)
    case bool(Bool)
    case number(Double)
    case list([YAMLValue])
    case map(OrderedDictionary<String, YAMLValue>)
    case null

    /// The value for a Mustache context: strings, booleans, numbers, arrays and dictionaries.
    public var templateValue: Any {
        switch self {
        case .string(let text): return text
        case .bool(let flag): return flag
        case .number(let number): return number
        case .list(let items): return items.map(\.templateValue)
        case .map(let entries):
            var dictionary: [String: Any] = [:]
            for (key, value) in entries { dictionary[key] = value.templateValue }
            return dictionary
        case .null: return ""
        }
    }
}

/// Parses YAML with Yams and reports its errors at their place in the file that holds the YAML,
/// which for front matter is a few lines below the top of the Markdown file.
struct YAMLReader {
    let file: String
    /// 1-based line of the file on which the YAML text starts.
    let firstLine: Int

    /// The most nodes one document may expand to: a YAML bomb (aliases of aliases) stops here.
    static let nodeBudget = 100_000

    func parse(_ yaml: String, diagnostics: inout Diagnostics) -> Node? {
        do {
            return try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch let error as YamlError {
            var found = diagnostic(for: error)
            // Positions are in the whole file; clamp within the YAML's own lines, then shift back.
            let local = YAMLReader.clamped(line: found.line - firstLine + 1, column: found.column, in: yaml)
            (found.line, found.column) = (local.line + firstLine - 1, local.column)
            diagnostics.append(found)
        } catch {
            diagnostics.error("yaml.syntax", at: SourceLocation(file: file, line: firstLine), "\(error)")
        }
        return nil
    }

    /// libyaml reports errors at the end of the input one line past the last line when the text
    /// does not end in a newline; such a position is moved to the end of the last line.
    static func clamped(line: Int, column: Int, in text: String) -> (line: Int, column: Int) {
        guard line > 0 else { return (line, column) }
        var lines = 1, lastLineLength = 0
        for scalar in text.unicodeScalars {
            if scalar == "\n" { lines += 1; lastLineLength = 0 } else { lastLineLength += 1 }
        }
        guard line > lines else { return (line, column) }
        return (lines, lastLineLength + 1)
    }

    func location(of node: Node) -> SourceLocation {
        guard let mark = node.mark else { return SourceLocation(file: file, line: firstLine, column: 1) }
        return SourceLocation(file: file, line: firstLine + mark.line - 1, column: mark.column)
    }

    /// Plain data for a node, or nil with a diagnostic when the node expands past `nodeBudget`.
    func value(of node: Node, diagnostics: inout Diagnostics) -> YAMLValue? {
        var budget = YAMLReader.nodeBudget
        guard let value = value(of: node, budget: &budget) else {
            diagnostics.error(
                "yaml.too-large", at: location(of: node),
                "this value expands to more than \(YAMLReader.nodeBudget) YAML nodes",
                hint: "remove the aliases that repeat other aliases")
            return nil
        }
        return value
    }

    private func value(of node: Node, budget: inout Int) -> YAMLValue? {
        budget -= 1
        guard budget >= 0 else { return nil }
        switch node {
        case .scalar(let scalar):
            return YAMLReader.plainValue(of: scalar)
        case .sequence(let sequence):
            var items: [YAMLValue] = []
            for item in sequence {
                guard let value = value(of: item, budget: &budget) else { return nil }
                items.append(value)
            }
            return .list(items)
        case .mapping(let mapping):
            var entries: OrderedDictionary<String, YAMLValue> = [:]
            for (key, item) in mapping {
                guard let value = value(of: item, budget: &budget) else { return nil }
                entries[key.scalar?.string ?? "\(key)"] = value
            }
            return .map(entries)
        case .alias:
            return .null
        }
    }

    /// Unquoted `true`/`false`/numbers/`null` become typed values; everything else stays text.
    static func plainValue(of scalar: Node.Scalar) -> YAMLValue {
        guard scalar.style == .plain else { return .string(scalar.string) }
        switch scalar.string {
        case "true", "True", "TRUE", "yes", "Yes": return .bool(true)
        case "false", "False", "FALSE", "no", "No": return .bool(false)
        case "", "~", "null", "Null", "NULL": return .null
        default:
            if let number = Double(scalar.string), number.isFinite { return .number(number) }
            return .string(scalar.string)
        }
    }

    private func diagnostic(for error: YamlError) -> Diagnostic {
        func located(_ mark: Mark, _ problem: String, _ context: YamlError.Context?) -> Diagnostic {
            var message = problem
            if let context { message += " (\(context.text) at line \(firstLine + context.mark.line - 1))" }
            return Diagnostic(
                .error, "yaml.syntax",
                at: SourceLocation(file: file, line: firstLine + mark.line - 1, column: mark.column),
                "YAML syntax error: \(message)",
                hint: "check the indentation and quote values that contain ': ' or start with a special character")
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            return located(mark, problem, context)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(
                .error, "yaml.duplicate-key",
                at: SourceLocation(file: file, line: firstLine + context.mark.line - 1, column: context.mark.column),
                "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in one mapping")
        case .reader(let problem, _, _, _):
            return Diagnostic(.error, "yaml.encoding", at: SourceLocation(file: file, line: firstLine), "YAML could not be read: \(problem)")
        default:
            return Diagnostic(.error, "yaml.syntax", at: SourceLocation(file: file, line: firstLine), "YAML error: \(error)")
        }
    }
}
