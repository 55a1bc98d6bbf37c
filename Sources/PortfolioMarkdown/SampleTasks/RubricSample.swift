import PortfolioContent
import PortfolioSupport

/// A grading rubric as trainers write them for evaluation tasks: criteria, each with an optional
/// weight, a description and what each level means. Read from a ```` ```rubric ```` block:
///
///     title: Code review rubric
///     criteria:
///       - name: Correctness
///         weight: 40
///         description: Runs and handles the edge cases.
///         levels: { 3: All tests pass, 2: One minor bug, 1: Wrong result }
struct RubricSample {
    struct Criterion {
        var name: String
        var weight: Double?
        var description: String?
        /// Level label -> what it means, in the order written.
        var levels: [(label: String, text: String)]
    }

    var title: String?
    var criteria: [Criterion]

    static let keys = ["title", "criteria"]
    static let criterionKeys = ["name", "weight", "description", "levels"]

    static func parse(_ root: YAMLNode, reader: inout SampleTaskYAML) -> RubricSample? {
        reader.checkKeys(of: root, known: keys, in: "a rubric block")
        let title = reader.text("title", in: root, required: false, example: "title: Code review rubric")
        guard let node = root["criteria"] else {
            reader.error("sample-task.missing", at: root.mark, "the block has no 'criteria'",
                hint: "add 'criteria:' with one '- name: ...' entry per criterion")
            return nil
        }
        guard case .sequence(let entries) = node.content, !entries.isEmpty else {
            reader.error("sample-task.type", at: node.mark, "'criteria' must be a list of criteria", hint: "write one '- name: ...' entry per criterion")
            return nil
        }
        var criteria: [Criterion] = []
        for entry in entries {
            guard case .mapping = entry.content else {
                reader.error("sample-task.type", at: entry.mark, "each criterion must be a mapping with at least 'name:'")
                continue
            }
            reader.checkKeys(of: entry, known: criterionKeys, in: "a rubric criterion")
            guard let name = reader.text("name", in: entry, required: true, example: "name: Correctness") else { continue }
            var criterion = Criterion(name: name, weight: nil, description: nil, levels: [])
            if let weight = entry["weight"], let value = reader.number(weight, what: "the weight of '\(name)'") {
                if value > 0 {
                    criterion.weight = value
                } else {
                    reader.error("sample-task.type", at: weight.mark, "the weight of '\(name)' must be more than 0")
                }
            }
            criterion.description = reader.text("description", in: entry, required: false, example: "description: What it checks")
            if let levels = entry["levels"] {
                guard case .mapping(let pairs) = levels.content else {
                    reader.error("sample-task.type", at: levels.mark, "the levels of '\(name)' must map a level to what it means",
                        hint: "for example 'levels: { 3: All tests pass, 1: Wrong result }'")
                    continue
                }
                for pair in pairs {
                    guard let label = pair.key.text,
                          let text = reader.text(of: pair.value, key: "levels.\(label)", example: "\(label): What this level means")
                    else { continue }
                    criterion.levels.append((label, text))
                }
            }
            criteria.append(criterion)
        }
        let weighted = criteria.count { $0.weight != nil }
        if weighted > 0, weighted < criteria.count {
            reader.warning("sample-task.weight", at: node.mark, "\(weighted) of \(criteria.count) criteria have a weight",
                hint: "give every criterion a weight, or none")
        }
        return RubricSample(title: title, criteria: criteria)
    }

    /// One row per criterion; a column per level label, in the order the labels first appear. Each
    /// cell carries its column's name (`data-label`) for the stacked layout on a phone.
    func html(renderMarkdown: (String) -> String) -> String {
        var labels: [String] = []
        for criterion in criteria { for level in criterion.levels where !labels.contains(level.label) { labels.append(level.label) } }
        let hasWeights = criteria.contains { $0.weight != nil }
        let total = criteria.compactMap(\.weight).reduce(0, +)
        var html = "<div class=\"sample-task sample-rubric\">\n<p class=\"sample-task-kind\">Rubric sample</p>\n"
        html += "<div class=\"sample-scores\"><table>\n<caption>" + MarkupText.escape(title ?? "Rubric") + "</caption>\n"
        html += "<thead><tr><th scope=\"col\">Criterion</th>" + (hasWeights ? "<th scope=\"col\">Weight</th>" : "")
        for label in labels { html += "<th scope=\"col\">" + MarkupText.escape(label) + "</th>" }
        html += "</tr></thead>\n<tbody>\n"
        for criterion in criteria {
            html += "<tr><th scope=\"row\">" + MarkupText.escape(criterion.name)
            if let description = criterion.description {
                html += "<div class=\"sample-criterion-description\">" + renderMarkdown(description) + "</div>"
            }
            html += "</th>"
            if hasWeights {
                html += "<td data-label=\"Weight\">" + (criterion.weight.map { weight in
                    total == 100 ? sampleTaskNumber(weight) + "%" : sampleTaskNumber(weight)
                } ?? "–") + "</td>"
            }
            for label in labels {
                let text = criterion.levels.first { $0.label == label }?.text
                html += "<td data-label=\"" + MarkupText.escape(label) + "\">" + (text.map(renderMarkdown) ?? "–") + "</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table></div>\n</div>"
    }
}
