import PortfolioSupport

/// A JSON Resume document (jsonresume.org, schema v1.0.0), read from `resume.json` at the site root.
/// The schema is a table (`JSONResume.schema`) rather than a struct per section: reading, checking,
/// merging and writing walk the same table, so every field the schema has survives a round trip.
public struct JSONResume: Sendable, Hashable {
    /// Its name in the site folder, beside `portfolio.yaml`.
    public static let fileName = "resume.json"

    /// What a field holds, as the schema says.
    public indirect enum Kind: Sendable {
        case text
        /// An ISO 8601 date, possibly partial (`2023`, `2023-04`, `2023-04-12`).
        case date
        case texts
        case object([(key: String, kind: Kind)])
        case objects([(key: String, kind: Kind)])
    }

    /// A value of the document, typed by its field's `Kind`.
    public indirect enum Value: Sendable, Hashable {
        case text(String)
        case date(PartialDate)
        case texts([String])
        case object(Object)
        case objects([Object])
    }

    /// One JSON object of the document: fields by key.
    public struct Object: Sendable, Hashable {
        public var fields: [String: Value] = [:]

        public init(_ fields: [String: Value] = [:]) {
            self.fields = fields
        }

        public subscript(text key: String) -> String? {
            get { if case .text(let text)? = fields[key] { return text } else { return nil } }
            set { fields[key] = newValue.map(Value.text) }
        }

        public subscript(date key: String) -> PartialDate? {
            get { if case .date(let date)? = fields[key] { return date } else { return nil } }
            set { fields[key] = newValue.map(Value.date) }
        }

        public subscript(texts key: String) -> [String] {
            get { if case .texts(let texts)? = fields[key] { return texts } else { return [] } }
            set { fields[key] = newValue.isEmpty ? nil : .texts(newValue) }
        }

        public subscript(object key: String) -> Object? {
            get { if case .object(let object)? = fields[key] { return object } else { return nil } }
            set { fields[key] = newValue.map(Value.object) }
        }

        public subscript(objects key: String) -> [Object] {
            get { if case .objects(let objects)? = fields[key] { return objects } else { return [] } }
            set { fields[key] = newValue.isEmpty ? nil : .objects(newValue) }
        }
    }

    /// The whole document: `basics`, `work`, `languages`...
    public var root: Object
    /// Where each value was written, by path (`basics.name`, `languages.1.fluency`), for diagnostics.
    public var locations: [String: SourceLocation] = [:]

    public init(root: Object = Object(), locations: [String: SourceLocation] = [:]) {
        self.root = root
        self.locations = locations
    }

    public static func == (lhs: JSONResume, rhs: JSONResume) -> Bool { lhs.root == rhs.root }
    public func hash(into hasher: inout Hasher) { hasher.combine(root) }

    public var basics: Object {
        get { root[object: "basics"] ?? Object() }
        set { root[object: "basics"] = newValue.fields.isEmpty ? nil : newValue }
    }

    private static let location: [(key: String, kind: Kind)] = [
        ("address", .text), ("postalCode", .text), ("city", .text), ("countryCode", .text), ("region", .text),
    ]

    /// JSON Resume v1.0.0, in the order the schema lists the fields (the order `export` writes them).
    public static let schema: [(key: String, kind: Kind)] = [
        ("$schema", .text),
        ("basics", .object([
            ("name", .text), ("label", .text), ("image", .text), ("email", .text), ("phone", .text), ("url", .text),
            ("summary", .text), ("location", .object(location)),
            ("profiles", .objects([("network", .text), ("username", .text), ("url", .text)])),
        ])),
        ("work", .objects([
            ("name", .text), ("location", .text), ("description", .text), ("position", .text), ("url", .text),
            ("startDate", .date), ("endDate", .date), ("summary", .text), ("highlights", .texts),
        ])),
        ("volunteer", .objects([
            ("organization", .text), ("position", .text), ("url", .text), ("startDate", .date), ("endDate", .date),
            ("summary", .text), ("highlights", .texts),
        ])),
        ("education", .objects([
            ("institution", .text), ("url", .text), ("area", .text), ("studyType", .text), ("startDate", .date),
            ("endDate", .date), ("score", .text), ("courses", .texts),
        ])),
        ("awards", .objects([("title", .text), ("date", .date), ("awarder", .text), ("summary", .text)])),
        ("certificates", .objects([("name", .text), ("date", .date), ("url", .text), ("issuer", .text)])),
        ("publications", .objects([("name", .text), ("publisher", .text), ("releaseDate", .date), ("url", .text), ("summary", .text)])),
        ("skills", .objects([("name", .text), ("level", .text), ("keywords", .texts)])),
        ("languages", .objects([("language", .text), ("fluency", .text)])),
        ("interests", .objects([("name", .text), ("keywords", .texts)])),
        ("references", .objects([("name", .text), ("reference", .text)])),
        ("projects", .objects([
            ("name", .text), ("description", .text), ("highlights", .texts), ("keywords", .texts), ("startDate", .date),
            ("endDate", .date), ("url", .text), ("roles", .texts), ("entity", .text), ("type", .text),
        ])),
        ("meta", .object([("canonical", .text), ("version", .text), ("lastModified", .text)])),
    ]

    /// Reads `resume.json`; every problem is a diagnostic at its line and column in the file.
    public static func decode(_ text: String, file: String, diagnostics: inout Diagnostics) -> JSONResume? {
        // JSON is read by the YAML parser (JSON is valid YAML flow syntax), which keeps each value's place.
        let reader = YAMLReader(file: file, firstLine: 1)
        guard let root = reader.parse(text, diagnostics: &diagnostics) else { return nil }
        var budget = YAMLReader.nodeBudget
        var resume = JSONResume()
        let json = TypedMapping(reader: reader, codePrefix: "resume", quotedText: true)
        guard case .mapping = root.content else {
            diagnostics.error("resume.type", at: reader.location(of: root), "resume.json must hold one JSON object")
            return nil
        }
        resume.root = object(root, schema: schema, path: "", what: "resume.json", json, &resume.locations, &budget, &diagnostics)
        return resume
    }

    private static func object(
        _ node: YAMLNode, schema: [(key: String, kind: Kind)], path: String, what: String, _ json: TypedMapping,
        _ locations: inout [String: SourceLocation], _ budget: inout Int, _ diagnostics: inout Diagnostics
    ) -> Object {
        var result = Object()
        guard budget > 0, let fields = json.fields(node, known: schema.map(\.key), what: what, diagnostics: &diagnostics) else { return result }
        for (key, kind) in schema {
            guard let value = fields[key] else { continue }
            budget -= 1
            let fieldPath = path + key
            locations[fieldPath] = json.location(of: value)
            switch kind {
            case .text: result[text: key] = json.text(value, key, diagnostics: &diagnostics)
            case .date: result[date: key] = json.date(value, key, diagnostics: &diagnostics)
            case .texts: result[texts: key] = json.texts(value, key, diagnostics: &diagnostics)
            case .object(let inner):
                let object = object(value, schema: inner, path: fieldPath + ".", what: "'\(key)'", json, &locations, &budget, &diagnostics)
                if !object.fields.isEmpty { result[object: key] = object }
            case .objects(let inner):
                var objects: [Object] = []
                for item in json.items(value, key, diagnostics: &diagnostics) {
                    let itemPath = fieldPath + "." + String(objects.count)
                    let object = object(item, schema: inner, path: itemPath + ".", what: "an entry of '\(key)'", json, &locations, &budget, &diagnostics)
                    guard !object.fields.isEmpty else { continue }
                    locations[itemPath] = json.location(of: item)
                    objects.append(object)
                }
                result[objects: key] = objects
            }
        }
        return result
    }
}
