import PortfolioContent
import PortfolioSite
import PortfolioSupport

/// Writes the site's CV as a JSON Resume document (`portfolio export resume`), for job boards and the
/// other JSON Resume tools: fields in the schema's order, two-space indented, strings escaped as in
/// the site's JSON-LD.
public enum ResumeExport {
    public static let schemaURL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"

    public static func json(_ cv: CurriculumVitae) -> String {
        var root = cv.resume.root
        root[text: "$schema"] = root[text: "$schema"] ?? schemaURL
        var out = ""
        write(.object(root), kind: .object(JSONResume.schema), indent: "", to: &out)
        return out + "\n"
    }

    private static func write(_ value: JSONResume.Value, kind: JSONResume.Kind, indent: String, to out: inout String) {
        let inner = indent + "  "
        switch (value, kind) {
        case (.text(let text), _): JSONText.writeString(text, to: &out)
        case (.date(let date), _): JSONText.writeString(date.iso, to: &out)
        case (.texts(let texts), _):
            out += "[" + texts.map { text in
                var item = ""
                JSONText.writeString(text, to: &item)
                return item
            }.joined(separator: ", ") + "]"
        case (.object(let object), .object(let schema)), (.object(let object), .objects(let schema)):
            let present = schema.filter { object.fields[$0.key] != nil }
            guard !present.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (index, field) in present.enumerated() {
                out += inner
                JSONText.writeString(field.key, to: &out)
                out += ": "
                write(object.fields[field.key]!, kind: field.kind, indent: inner, to: &out)
                out += index + 1 < present.count ? ",\n" : "\n"
            }
            out += indent + "}"
        case (.objects(let objects), _):
            out += "[\n"
            for (index, object) in objects.enumerated() {
                out += inner
                write(.object(object), kind: kind, indent: inner, to: &out)
                out += index + 1 < objects.count ? ",\n" : "\n"
            }
            out += indent + "]"
        case (.object, _):
            out += "{}"
        }
    }
}
