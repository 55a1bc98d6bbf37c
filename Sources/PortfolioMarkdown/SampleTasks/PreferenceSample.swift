import PortfolioContent
import PortfolioSupport

/// A preference comparison as a trainer does it for RLHF: one prompt, two or more responses, the one
/// chosen, optional scores per criterion, and the rationale. Read from a ```` ```preference ```` block.
struct PreferenceSample {
    struct Response {
        var key: String
        var text: String
    }

    /// The range scores may take: `scale: 7` is 1 to 7, `scale: [0, 10]` is 0 to 10.
    struct Scale: Equatable {
        var low: Double
        var high: Double

        var text: String { "\(sampleTaskNumber(low))–\(sampleTaskNumber(high))" }
    }

    struct Criterion {
        var name: String
        var scores: [String: Double]
        var scale: Scale?
    }

    var prompt: String
    var responses: [Response]
    var chosen: String
    var criteria: [Criterion]
    var rationale: String?

    static let keys = ["prompt", "responses", "chosen", "scores", "scale", "rationale", "title"]
    var title: String?

    /// The sample, or nil when a required part is missing or wrong (the problems say which).
    static func parse(_ root: YAMLNode, reader: inout SampleTaskYAML) -> PreferenceSample? {
        reader.checkKeys(of: root, known: keys, in: "a preference block")
        let title = reader.text("title", in: root, required: false, example: "title: Code review, Python")
        let prompt = reader.text("prompt", in: root, required: true, example: "prompt: |\n  The task given to the model")
        let rationale = reader.text("rationale", in: root, required: false, example: "rationale: Why the chosen response is better")
        let responses = self.responses(root, reader: &reader)
        var chosen: String?
        if let node = root["chosen"] {
            if let key = reader.text(of: node, key: "chosen", example: "chosen: A").map({ String($0.trimmingSpaces) }), let responses {
                if responses.contains(where: { $0.key == key }) {
                    chosen = key
                } else {
                    reader.error("sample-task.chosen", at: node.mark,
                        "chosen '\(key)' is not one of the responses (\(responses.map(\.key).joined(separator: ", ")))",
                        hint: "write the key of the better response, e.g. 'chosen: \(responses[0].key)'")
                }
            }
        } else {
            reader.error("sample-task.missing", at: root.mark, "the block has no 'chosen'", hint: "add 'chosen: A' (the key of the better response)")
        }
        var blockScale: Scale?
        if let node = root["scale"] { blockScale = scale(node, reader: &reader) }
        let criteria = root["scores"].map { scores($0, responses: responses ?? [], scale: blockScale, reader: &reader) } ?? []
        guard let prompt, let responses, let chosen else { return nil }
        return PreferenceSample(prompt: prompt, responses: responses, chosen: chosen, criteria: criteria, rationale: rationale, title: title)
    }

    /// `responses:` as a mapping (`A: ...`) or a list (keys A, B, C... in order).
    private static func responses(_ root: YAMLNode, reader: inout SampleTaskYAML) -> [Response]? {
        guard let node = root["responses"] else {
            reader.error("sample-task.missing", at: root.mark, "the block has no 'responses'",
                hint: "add 'responses:' with 'A: ...' and 'B: ...' lines")
            return nil
        }
        var responses: [Response] = []
        switch node.content {
        case .mapping(let pairs):
            for pair in pairs {
                guard let key = pair.key.text.map({ String($0.trimmingSpaces) }), !key.isEmpty else {
                    reader.error("sample-task.type", at: pair.key.mark, "a response key must be a short name such as A")
                    continue
                }
                if let text = reader.text(of: pair.value, key: "responses.\(key)", example: "\(key): The response text") {
                    responses.append(Response(key: key, text: text))
                }
            }
        case .sequence(let items):
            let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
            for (index, item) in items.enumerated() {
                guard index < letters.count else {
                    reader.error("sample-task.type", at: item.mark, "a block holds at most \(letters.count) responses")
                    break
                }
                let key = String(letters[index])
                if let text = reader.text(of: item, key: "responses (\(key))", example: "- The response text") {
                    responses.append(Response(key: key, text: text))
                }
            }
        case .scalar:
            reader.error("sample-task.type", at: node.mark, "'responses' must list the responses",
                hint: "write 'A: ...' and 'B: ...' lines under 'responses:'")
            return nil
        }
        guard responses.count >= 2 else {
            reader.error("sample-task.missing", at: node.mark, "a preference needs at least two responses, found \(responses.count)")
            return nil
        }
        return responses
    }

    /// `scores:` as `criterion: {A: 6, B: 3}`, each optionally with its own `scale`.
    private static func scores(_ node: YAMLNode, responses: [Response], scale blockScale: Scale?, reader: inout SampleTaskYAML) -> [Criterion] {
        guard case .mapping(let pairs) = node.content else {
            reader.error("sample-task.type", at: node.mark, "'scores' must map each criterion to the responses' scores",
                hint: "for example 'helpfulness: {A: 6, B: 3}'")
            return []
        }
        var criteria: [Criterion] = []
        for pair in pairs {
            guard let name = pair.key.text, case .mapping(let entries) = pair.value.content else {
                reader.error("sample-task.type", at: pair.value.mark, "each criterion's scores must be a mapping such as {A: 6, B: 3}")
                continue
            }
            var criterion = Criterion(name: name, scores: [:], scale: blockScale)
            if let node = pair.value["scale"] { criterion.scale = scale(node, reader: &reader) ?? blockScale }
            for entry in entries {
                guard let key = entry.key.text, key != "scale" else { continue }
                guard responses.isEmpty || responses.contains(where: { $0.key == key }) else {
                    reader.error("sample-task.score", at: entry.key.mark,
                        "'\(name)' scores a response '\(key)' that the block does not have (\(responses.map(\.key).joined(separator: ", ")))")
                    continue
                }
                guard let value = reader.number(entry.value, what: "the score of \(key) for '\(name)'") else { continue }
                if let range = criterion.scale, value < range.low || value > range.high {
                    reader.error("sample-task.score", at: entry.value.mark,
                        "the score \(sampleTaskNumber(value)) of \(key) for '\(name)' is outside its scale \(range.text)",
                        hint: "use a score from \(range.text), or change 'scale:'")
                    continue
                }
                criterion.scores[key] = value
            }
            criteria.append(criterion)
        }
        return criteria
    }

    /// `7` (1 to 7) or `[0, 10]`.
    private static func scale(_ node: YAMLNode, reader: inout SampleTaskYAML) -> Scale? {
        switch node.content {
        case .scalar:
            guard let high = reader.number(node, what: "'scale'") else { return nil }
            guard high >= 1 else {
                reader.error("sample-task.type", at: node.mark, "'scale' must be 1 or more (scores then run from 1 to it)")
                return nil
            }
            return Scale(low: 1, high: high)
        case .sequence(let bounds) where bounds.count == 2:
            guard let low = reader.number(bounds[0], what: "the low end of 'scale'"),
                  let high = reader.number(bounds[1], what: "the high end of 'scale'") else { return nil }
            guard low < high else {
                reader.error("sample-task.type", at: node.mark, "'scale' must go from low to high, e.g. [0, 10]")
                return nil
            }
            return Scale(low: low, high: high)
        default:
            reader.error("sample-task.type", at: node.mark, "'scale' must be a number (1 to it) or [low, high]", hint: "for example 'scale: 7' or 'scale: [0, 10]'")
            return nil
        }
    }

    func html(renderMarkdown: (String) -> String) -> String {
        let chosenLabel = "Response " + chosen
        var html = "<div class=\"sample-task sample-preference\">\n"
        html += "<p class=\"sample-task-kind\">Preference sample" + (title.map { ": " + MarkupText.escape($0) } ?? "") + "</p>\n"
        html += "<div class=\"sample-prompt\">\n<p class=\"sample-task-title\">Prompt</p>\n" + renderMarkdown(prompt) + "</div>\n"
        html += "<div class=\"sample-responses\">\n"
        for response in responses {
            let isChosen = response.key == chosen
            html += "<figure class=\"sample-response\(isChosen ? " sample-chosen" : "")\">\n<figcaption>Response "
                + MarkupText.escape(response.key)
                + (isChosen ? " <strong class=\"sample-chosen-label\">Chosen</strong>" : "") + "</figcaption>\n"
                + "<div class=\"sample-response-text\">\n" + renderMarkdown(response.text) + "</div>\n</figure>\n"
        }
        html += "</div>\n"
        if !criteria.isEmpty { html += scoresTable() }
        if let rationale {
            html += "<div class=\"sample-rationale\">\n<p class=\"sample-task-title\">Why "
                + MarkupText.escape(chosenLabel) + " was chosen</p>\n" + renderMarkdown(rationale) + "</div>\n"
        }
        return html + "</div>"
    }

    private func scoresTable() -> String {
        let scales = Set(criteria.compactMap { $0.scale?.text })
        let sharedScale = scales.count == 1 && criteria.allSatisfy { $0.scale != nil } ? scales.first : nil
        let perRowScale = sharedScale == nil && !scales.isEmpty
        var html = "<div class=\"sample-scores\"><table>\n<caption>Scores"
            + (sharedScale.map { " (scale " + $0 + ")" } ?? "") + "</caption>\n<thead><tr><th scope=\"col\">Criterion</th>"
        for response in responses {
            html += "<th scope=\"col\">" + MarkupText.escape(response.key) + (response.key == chosen ? " (chosen)" : "") + "</th>"
        }
        if perRowScale { html += "<th scope=\"col\">Scale</th>" }
        html += "</tr></thead>\n<tbody>\n"
        for criterion in criteria {
            html += "<tr><th scope=\"row\">" + MarkupText.escape(criterion.name) + "</th>"
            for response in responses {
                html += "<td>" + (criterion.scores[response.key].map(sampleTaskNumber) ?? "–") + "</td>"
            }
            if perRowScale { html += "<td>" + (criterion.scale?.text ?? "–") + "</td>" }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table></div>\n"
    }
}
