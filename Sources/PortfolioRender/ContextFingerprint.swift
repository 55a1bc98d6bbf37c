import PortfolioSupport
import PortfolioTemplates

/// A fingerprint of a whole template view, taken without writing it out as text: each value goes into
/// a byte buffer with a tag for its kind, maps in key order and views field by field as declared,
/// so equal views give equal fingerprints in every build.
package enum ContextFingerprint {
    package static func of(_ value: TemplateValue) -> UInt64 {
        var writer = CacheWriter(capacity: 4_096)
        write(value, to: &writer)
        return ContentHash.ofBytes(writer.bytes)
    }

    /// A card's: its HTML and every field of its view.
    static func of(card: TemplateValue, html: String) -> UInt64 {
        of(.map(["html": .string(html), "card": card]))
    }

    private static func write(_ value: TemplateValue, to writer: inout CacheWriter) {
        switch value {
        case .string(let text):
            writer.writeInteger(1)
            writer.write(text)
        case .bool(let flag):
            writer.writeInteger(flag ? 2 : 3)
        case .int(let number):
            writer.writeInteger(4)
            writer.write(number)
        case .double(let number):
            writer.writeInteger(5)
            writer.write(number)
        case .list(let items):
            writer.writeInteger(6)
            writer.write(items.count)
            for item in items { write(item, to: &writer) }
        case .map(let members):
            writer.writeInteger(7)
            writer.write(members.count)
            for key in members.keys.sorted() {
                writer.write(key)
                write(members[key]!, to: &writer)
            }
        case .object(let object):
            let members = object.members
            writer.writeInteger(8)
            writer.write(members.count)
            for member in members {
                writer.write(member.name)
                write(member.value, to: &writer)
            }
        case .null:
            writer.writeInteger(9)
        }
    }
}
