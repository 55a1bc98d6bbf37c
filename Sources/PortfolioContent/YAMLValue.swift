import OrderedCollections
import PortfolioSupport

/// A YAML value as templates see it (front matter `params`, config extras): plain data that is
/// `Sendable`.
public indirect enum YAMLValue: Sendable, Hashable {
    case string(String)
    case bool(Bool)
    case number(Double)
    case list([YAMLValue])
    case map(OrderedDictionary<String, YAMLValue>)
    case null
}

/// Parses YAML and reports its errors at their place in the file that holds the YAML, which for
/// front matter is a few lines below the top of the Markdown file.
package struct YAMLReader {
    let file: String
    /// 1-based line of the file on which the YAML text starts.
    let firstLine: Int

    package init(file: String, firstLine: Int) {
        self.file = file
        self.firstLine = firstLine
    }

    /// The most nodes one document may expand to: a YAML bomb (aliases of aliases) stops here.
    static let nodeBudget = 100_000

    package func parse(_ yaml: String, diagnostics: inout Diagnostics) -> YAMLNode? {
        do {
            return try YAMLNode.parse(yaml)
        } catch {
            var found = diagnostic(for: error)
            // Positions are in the whole file; clamp within the YAML's own lines, then shift back.
            let local = YAMLReader.clamped(line: found.line - firstLine + 1, column: found.column, in: yaml)
            (found.line, found.column) = (local.line + firstLine - 1, local.column)
            diagnostics.append(found)
            return nil
        }
    }

    /// libyaml reports errors at the end of the input one line past the last line when the text
    /// does not end in a newline; such a position is moved to the end of the last line.
    package static func clamped(line: Int, column: Int, in text: String) -> (line: Int, column: Int) {
        guard line > 0 else { return (line, column) }
        var lines = 1, lastLineLength = 0
        for scalar in text.unicodeScalars {
            if scalar == "\n" { lines += 1; lastLineLength = 0 } else { lastLineLength += 1 }
        }
        guard line > lines else { return (line, column) }
        return (lines, lastLineLength + 1)
    }

    func location(of node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, line: firstLine + node.mark.line - 1, column: node.mark.column)
    }

    /// Plain data for a node, or nil with a diagnostic when the node expands past `nodeBudget`.
    func value(of node: YAMLNode, diagnostics: inout Diagnostics) -> YAMLValue? {
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

    private func value(of node: YAMLNode, budget: inout Int) -> YAMLValue? {
        budget -= 1
        guard budget >= 0 else { return nil }
        switch node.content {
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
                entries[key.text ?? "\(key)"] = value
            }
            return .map(entries)
        }
    }

    /// Unquoted `true`/`false`/numbers/`null` become typed values; everything else stays text.
    static func plainValue(of scalar: YAMLNode.Scalar) -> YAMLValue {
        guard scalar.isPlain else { return .string(scalar.text) }
        switch scalar.text {
        case "true", "True", "TRUE", "yes", "Yes": return .bool(true)
        case "false", "False", "FALSE", "no", "No": return .bool(false)
        case "", "~", "null", "Null", "NULL": return .null
        default:
            if let number = Double(scalar.text), number.isFinite { return .number(number) }
            return .string(scalar.text)
        }
    }

    private func diagnostic(for error: YAMLError) -> Diagnostic {
        func at(_ mark: YAMLMark) -> SourceLocation {
            SourceLocation(file: file, line: firstLine + mark.line - 1, column: mark.column)
        }
        switch error.kind {
        case .syntax:
            var message = error.problem
            if let context = error.context { message += " (\(context.text) at line \(firstLine + context.mark.line - 1))" }
            return Diagnostic(
                .error, "yaml.syntax", at: at(error.mark), "YAML syntax error: \(message)",
                hint: "check the indentation and quote values that contain ': ' or start with a special character")
        case .duplicateKeys(let keys):
            return Diagnostic(
                .error, "yaml.duplicate-key", at: at(error.mark),
                "duplicate key \(keys.map { "'\($0)'" }.joined(separator: ", ")) in one mapping")
        case .unreadable:
            return Diagnostic(.error, "yaml.encoding", at: at(error.mark), "YAML could not be read: \(error.problem)")
        }
    }
}
