import PortfolioSupport

/// Reads the values of a typed block of YAML or JSON (`hire:` in `portfolio.yaml`, `resume.json`):
/// each value checked for its type, with the diagnostic at the value, and a warning naming the nearest
/// known key for a key that is not known. `codePrefix` names the diagnostics (`hire.type`).
struct TypedMapping {
    let reader: YAMLReader
    let codePrefix: String
    /// JSON tells text from numbers by quotes, so `"name": 5` is a wrong type; YAML writes most text
    /// unquoted, so there a plain number is text too.
    let quotedText: Bool

    func location(of node: YAMLNode) -> SourceLocation { reader.location(of: node) }

    /// The pairs of a mapping by key, with unknown keys reported; nil (with an error) for another node.
    func fields(_ node: YAMLNode, known: [String], what: String, diagnostics: inout Diagnostics) -> [String: YAMLNode]? {
        guard case .mapping(let pairs) = node.content else {
            if isNull(node) { return nil }
            diagnostics.error("\(codePrefix).type", at: location(of: node), "\(what) must be a mapping of keys to values")
            return nil
        }
        var fields: [String: YAMLNode] = [:]
        for (keyNode, value) in pairs {
            guard let key = keyNode.text else { continue }
            guard known.contains(key) else {
                let suggestion = FrontMatterDecoder.likelyTypo(of: key, among: known.sorted())
                diagnostics.warning(
                    "\(codePrefix).unknown-key", at: location(of: keyNode),
                    "unknown key '\(key)' in \(what)" + (suggestion.map { "; did you mean '\($0)'?" } ?? " is ignored"),
                    hint: "known keys: " + known.joined(separator: ", "))
                continue
            }
            if !isNull(value) { fields[key] = value }
        }
        return fields
    }

    /// `null`, `~` or nothing after the colon: the same as leaving the key out.
    func isNull(_ node: YAMLNode) -> Bool {
        guard case .scalar(let scalar) = node.content, scalar.isPlain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.text)
    }

    func text(_ node: YAMLNode?, _ name: String, diagnostics: inout Diagnostics) -> String? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node.content, !(quotedText && scalar.isPlain) else {
            diagnostics.error("\(codePrefix).type", at: location(of: node), "'\(name)' must be text")
            return nil
        }
        let trimmed = String(scalar.text.trimmingSpaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    func number(_ node: YAMLNode?, _ name: String, diagnostics: inout Diagnostics) -> Double? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node.content, scalar.isPlain, let value = Double(scalar.text), value.isFinite else {
            diagnostics.error("\(codePrefix).type", at: location(of: node), "'\(name)' must be a number, not '\(node.text ?? "a list")'")
            return nil
        }
        return value
    }

    /// A list of texts; YAML also takes one text alone.
    func texts(_ node: YAMLNode?, _ name: String, diagnostics: inout Diagnostics) -> [String] {
        guard let node else { return [] }
        guard case .sequence(let items) = node.content else {
            if !quotedText, let one = text(node, name, diagnostics: &diagnostics) { return [one] }
            if quotedText { diagnostics.error("\(codePrefix).type", at: location(of: node), "'\(name)' must be a list of texts") }
            return []
        }
        return items.compactMap { text($0, name, diagnostics: &diagnostics) }
    }

    /// The items of a list, each to be read by the caller; an error for anything else.
    func items(_ node: YAMLNode?, _ name: String, diagnostics: inout Diagnostics) -> [YAMLNode] {
        guard let node else { return [] }
        guard case .sequence(let items) = node.content else {
            diagnostics.error("\(codePrefix).type", at: location(of: node), "'\(name)' must be a list")
            return []
        }
        return items
    }

    func date(_ node: YAMLNode?, _ name: String, diagnostics: inout Diagnostics) -> PartialDate? {
        guard let node, let text = text(node, name, diagnostics: &diagnostics) else { return nil }
        guard let date = PartialDate(parsing: text) else {
            diagnostics.error(
                "\(codePrefix).date", at: location(of: node), "'\(name)' is not a date: '\(text)'",
                hint: "write dates as " + PartialDate.acceptedForms)
            return nil
        }
        return date
    }
}
