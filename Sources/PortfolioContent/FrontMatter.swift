import OrderedCollections
import PortfolioSupport
import PortfolioTemplates

/// The typed front matter of a page: the reference keys of a trainer's write-up, the aliases users
/// bring from Hugo and Jekyll, and everything else kept for templates under `params`.
public struct FrontMatter: Sendable, Hashable {
    public var title: String?
    public var subtitle: String?
    public var description: String?
    public var summary: String?
    public var author: String?
    public var readTime: String?
    public var publishDate: SiteDate?
    public var createdDate: SiteDate?
    public var updatedDate: SiteDate?
    public var heroImage: String?
    public var heroImageAlt: String?
    public var cta: String?
    public var tags: [String] = []
    public var categories: [String] = []
    public var draft = false
    /// Built at its address with `noindex`, but left out of every list, the feed and the sitemap.
    public var unlisted = false
    public var slug: String?
    public var weight: Int?
    public var role: String?
    public var platform: String?
    public var model: String?
    public var specialization: String?
    public var hours: Double?
    public var featured = false
    public var headlineMetric: String?
    /// `math: false` leaves this page's dollars to Markdown; `math: true` loads KaTeX for its TeX whatever
    /// `portfolio.yaml` says.
    public var math: Bool?
    /// The theme template the page is drawn with (`layout: cv` is `templates/cv.mustache`), as in Hugo
    /// and Jekyll; nil keeps the one of its kind (`project`, `page`, `home`).
    public var layout: String?
    public var metricFiles: [MetricFileReference] = []
    /// Unknown keys, in the order written.
    public var params: OrderedDictionary<String, YAMLValue> = [:]
    /// Where each key was written, for diagnostics about its value.
    public var keyLocations: [String: SourceLocation] = [:]

    public init() {}
}

/// A metric file named in front matter (`metrics: results.json` or
/// `metrics: [{path: ..., format: ..., select: [...], name: ...}]`).
public struct MetricFileReference: Sendable, Hashable {
    public var path: String
    public var format: String?
    public var select: [String]
    /// The metric name for a file holding one series (a TensorBoard tag).
    public var name: String?
    public var location: SourceLocation

    public init(path: String, format: String? = nil, select: [String] = [], name: String? = nil, location: SourceLocation) {
        self.path = path
        self.format = format
        self.select = select
        self.name = name
        self.location = location
    }
}

/// Reads front matter YAML into `FrontMatter`, reporting wrong types, bad dates and likely typos.
public enum FrontMatterDecoder {
    /// Keys the decoder understands, by every spelling; the value is the name used in messages.
    static let knownKeys: [String: String] = {
        var keys: [String: String] = [:]
        let groups: [[String]] = [
            ["title"], ["subtitle"], ["description"], ["summary"], ["author"],
            ["read_time", "readTime", "reading_time"],
            ["publish_date", "publishDate", "date", "pubDate"],
            ["created_date", "createdDate", "created"],
            ["lastmod", "updated", "updated_date", "updatedDate"],
            ["heroImage", "hero_image", "image", "cover"], ["heroImageAlt", "hero_image_alt", "image_alt"],
            ["cta"], ["tags"], ["categories"], ["draft"], ["unlisted"], ["slug"], ["weight"], ["role"],
            ["platform", "client"], ["model"], ["specialization"], ["hours"], ["featured"],
            ["headline_metric", "headlineMetric"], ["metrics"], ["math"], ["layout"],
        ]
        for group in groups { for key in group { keys[key] = group[0] } }
        return keys
    }()

    /// Decodes the YAML of one page. `firstLine` is the file line on which the YAML starts.
    public static func decode(
        _ yaml: String, file: String, firstLine: Int, diagnostics: inout Diagnostics
    ) -> (FrontMatter, YAMLNode?) {
        var matter = FrontMatter()
        let reader = YAMLReader(file: file, firstLine: firstLine)
        checkIndentation(yaml, reader: reader, diagnostics: &diagnostics)
        guard let root = reader.parse(yaml, diagnostics: &diagnostics) else { return (matter, nil) }
        guard case .mapping(let mapping) = root.content else {
            if root.text?.isEmpty == true { return (matter, nil) }
            diagnostics.error(
                "front-matter.type", at: reader.location(of: root),
                "front matter must be a mapping of keys to values", hint: "write one 'key: value' per line")
            return (matter, nil)
        }
        var field = FieldReader(reader: reader)
        var seen: [String: String] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.text else { continue }
            let location = reader.location(of: keyNode)
            guard let canonical = knownKeys[key] else {
                if let value = reader.value(of: value, diagnostics: &diagnostics) { matter.params[key] = value }
                if let suggestion = likelyTypo(of: key) {
                    diagnostics.warning(
                        "front-matter.unknown-key", at: location,
                        "unknown key '\(key)'; did you mean '\(suggestion)'?",
                        hint: "unknown keys reach templates as params.\(key); rename it to '\(suggestion)' if that was meant")
                }
                continue
            }
            if let earlier = seen[canonical] {
                diagnostics.warning(
                    "front-matter.alias-conflict", at: location,
                    "'\(key)' and '\(earlier)' mean the same; '\(key)' is ignored", hint: "keep one of them")
                continue
            }
            seen[canonical] = key
            matter.keyLocations[canonical] = reader.location(of: value)
            field.key = key
            switch canonical {
            case "title": matter.title = field.string(value, &diagnostics)
            case "subtitle": matter.subtitle = field.string(value, &diagnostics)
            case "description": matter.description = field.string(value, &diagnostics)
            case "summary": matter.summary = field.string(value, &diagnostics)
            case "author": matter.author = field.author(value, &diagnostics)
            case "read_time": matter.readTime = field.string(value, &diagnostics)
            case "publish_date": matter.publishDate = field.date(value, &diagnostics)
            case "created_date": matter.createdDate = field.date(value, &diagnostics)
            case "lastmod": matter.updatedDate = field.date(value, &diagnostics)
            case "heroImage": matter.heroImage = field.string(value, &diagnostics)
            case "heroImageAlt": matter.heroImageAlt = field.string(value, &diagnostics)
            case "cta": matter.cta = field.string(value, &diagnostics)
            case "tags": matter.tags = field.stringList(value, &diagnostics)
            case "categories": matter.categories = field.stringList(value, &diagnostics)
            case "draft": matter.draft = field.bool(value, &diagnostics) ?? false
            case "unlisted": matter.unlisted = field.bool(value, &diagnostics) ?? false
            case "slug": matter.slug = field.string(value, &diagnostics)
            case "weight": matter.weight = field.integer(value, &diagnostics)
            case "role": matter.role = field.string(value, &diagnostics)
            case "platform": matter.platform = field.string(value, &diagnostics)
            case "model": matter.model = field.string(value, &diagnostics)
            case "specialization": matter.specialization = field.string(value, &diagnostics)
            case "hours": matter.hours = field.number(value, &diagnostics)
            case "featured": matter.featured = field.bool(value, &diagnostics) ?? false
            case "math": matter.math = field.bool(value, &diagnostics)
            case "layout": matter.layout = field.string(value, &diagnostics)
            case "headline_metric": matter.headlineMetric = field.string(value, &diagnostics)
            case "metrics": matter.metricFiles = field.metricFiles(value, &diagnostics)
            default: break
            }
        }
        return (matter, root)
    }

    /// The known key a misspelt key most likely meant: one edit away for short keys, two for longer
    /// ones (`math` is not a typo of `date`, `tittle` is one of `title`).
    static func likelyTypo(of key: String) -> String? {
        likelyTypo(of: key, among: knownKeys.keys.sorted())
    }

    /// The same rule over another set of keys (`hire:`, `resume.json`), sorted for a stable answer.
    static func likelyTypo(of key: String, among keys: [String]) -> String? {
        guard key.count >= 4 else { return nil }
        let lowered = key.lowercased()
        let allowed = key.count <= 5 ? 1 : 2
        var best: (key: String, distance: Int)?
        for known in keys where abs(known.count - key.count) <= allowed {
            let distance = EditDistance.between(lowered, known.lowercased())
            if distance <= allowed, distance < (best?.distance ?? allowed + 1) { best = (known, distance) }
        }
        return best?.key
    }

    /// Tabs and non-breaking spaces in indentation are invisible and break YAML in confusing ways.
    /// One pass over the UTF-8 bytes: splitting the text into lines of `Character`s cost as much as
    /// parsing the YAML.
    private static func checkIndentation(_ yaml: String, reader: YAMLReader, diagnostics: inout Diagnostics) {
        var line = reader.firstLine
        var column = 1
        var atIndentation = true
        for byte in yaml.utf8 {
            if byte == 10 {
                line += 1
                column = 1
                atIndentation = true
                continue
            }
            guard atIndentation else { continue }
            if byte == 32 {
                column += 1
                continue
            }
            // A non-breaking space is C2 A0 in UTF-8. Any other lead byte ends the indentation, so an A0
            // seen here follows a C2.
            if byte == 0xC2 { continue }
            atIndentation = false
            let isTab = byte == 9
            guard isTab || byte == 0xA0 else { continue }
            diagnostics.error(
                "front-matter.indentation", at: SourceLocation(file: reader.file, line: line, column: column),
                "front matter indentation contains \(isTab ? "a tab" : "a non-breaking space")", hint: "indent YAML with plain spaces only")
        }
    }
}

/// Reads one front matter value as the type its key needs, with a diagnostic naming the key otherwise.
private struct FieldReader {
    let reader: YAMLReader
    var key = ""

    func string(_ node: YAMLNode, _ diagnostics: inout Diagnostics) -> String? {
        guard case .scalar(let scalar) = node.content else {
            wrongType(node, expected: "a text value", example: "\(key): Some text", &diagnostics)
            return nil
        }
        let text = String(scalar.text.trimmingSpaces)
        return scalar.isPlain && (text == "~" || text == "null" || text.isEmpty) ? nil : text
    }

    func author(_ node: YAMLNode, _ diagnostics: inout Diagnostics) -> String? {
        if let name = node["name"] { return string(name, &diagnostics) }
        return string(node, &diagnostics)
    }

    func stringList(_ node: YAMLNode, _ diagnostics: inout Diagnostics) -> [String] {
        switch node.content {
        case .sequence(let sequence):
            return sequence.compactMap { item in
                guard let text = item.text, !text.isEmpty else {
                    wrongType(item, expected: "a list of words", example: "\(key): [nlp, rlhf]", &diagnostics)
                    return nil
                }
                return text
            }
        case .scalar(let scalar) where !scalar.isPlain || Double(scalar.text) == nil:
            return scalar.text.split(separator: ",").map { String($0.trimmingSpaces) }.filter { !$0.isEmpty }
        default:
            wrongType(node, expected: "a list of words", example: "\(key): [nlp, rlhf]", &diagnostics)
            return []
        }
    }

    func bool(_ node: YAMLNode, _ diagnostics: inout Diagnostics) -> Bool? {
        if case .scalar(let scalar) = node.content, case .bool(let flag) = YAMLReader.plainValue(of: scalar) { return flag }
        wrongType(node, expected: "true or false", example: "\(key): true", &diagnostics)
        return nil
    }

    func number(_ node: YAMLNode, _ diagnostics: inout Diagnostics) -> Double? {
        if let number = node.text.flatMap({ Double($0.trimmingSpaces) }), number.isFinite {
            return number
        }
        wrongType(node, expected: "a number", example: "\(key): 3", &diagnostics)
        return nil
    }

    /// A whole number that fits an `Int`: `Int(1e300)` would trap.
    func integer(_ node: YAMLNode, _ diagnostics: inout Diagnostics) -> Int? {
        if let number = node.text.flatMap({ Double($0.trimmingSpaces) }),
           let whole = Int(exactly: number.rounded()), abs(whole) <= 1_000_000_000 {
            return whole
        }
        wrongType(node, expected: "a whole number between -1000000000 and 1000000000", example: "\(key): 3", &diagnostics)
        return nil
    }

    func date(_ node: YAMLNode, _ diagnostics: inout Diagnostics) -> SiteDate? {
        guard let text = string(node, &diagnostics) else { return nil }
        if let date = SiteDate(parsing: text) { return date }
        diagnostics.error(
            "front-matter.date", at: reader.location(of: node),
            "\(key) is not a date: '\(text)'", hint: "write dates as \(SiteDate.acceptedForms)")
        return nil
    }

    func metricFiles(_ node: YAMLNode, _ diagnostics: inout Diagnostics) -> [MetricFileReference] {
        switch node.content {
        case .scalar(let scalar):
            return [MetricFileReference(path: scalar.text, location: reader.location(of: node))]
        case .sequence(let sequence):
            return sequence.compactMap { entry in
                if let path = entry.text {
                    return MetricFileReference(path: path, location: reader.location(of: entry))
                }
                guard let path = entry["path"] ?? entry["file"] else { return nil }
                var field = self
                field.key = "path"
                guard let pathText = field.string(path, &diagnostics) else { return nil }
                field.key = "format"
                let format = entry["format"].flatMap { field.string($0, &diagnostics) }
                field.key = "select"
                let select = entry["select"].map { field.stringList($0, &diagnostics) } ?? []
                field.key = "name"
                let name = entry["name"].flatMap { field.string($0, &diagnostics) }
                return MetricFileReference(path: pathText, format: format, select: select, name: name, location: reader.location(of: path))
            }
        case .mapping:
            return []
        }
    }

    private func wrongType(_ node: YAMLNode, expected: String, example: String, _ diagnostics: inout Diagnostics) {
        diagnostics.error(
            "front-matter.type", at: reader.location(of: node),
            "'\(key)' must be \(expected)", hint: "for example '\(example)'")
    }
}
