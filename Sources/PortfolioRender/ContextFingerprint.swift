import PortfolioSupport
import PortfolioTemplates

/// The cache key of a template view, taken without rendering it: each value goes into a byte buffer
/// with a tag for its kind, maps in key order and views field by field as declared, a field with a
/// stand-in (`TemplateField.keyed(by:)`) by its stand-in alone, so equal views give equal keys in every
/// build and a key never needs a page's content.
package enum ContextFingerprint {
    package static func of(_ value: TemplateValue) -> UInt64 {
        var writer = CacheWriter(capacity: 4_096)
        write(value, to: &writer)
        return ContentHash.ofBytes(writer.bytes)
    }

    private static func write(_ value: TemplateValue, to writer: inout CacheWriter) {
        switch value {
        case .string(let text):
            writer.writeInteger(1)
            writer.writeString(text)
        case .bool(let flag):
            writer.writeInteger(flag ? 2 : 3)
        case .int(let number):
            writer.writeInteger(4)
            writer.writeInteger(UInt64(bitPattern: Int64(number)))
        case .double(let number):
            writer.writeInteger(5)
            writer.writeInteger(number.bitPattern)
        case .list(let items):
            writer.writeInteger(6)
            writer.writeInteger(UInt64(items.count))
            for item in items { write(item, to: &writer) }
        case .map(let members):
            writer.writeInteger(7)
            writer.writeInteger(UInt64(members.count))
            for key in members.keys.sorted() {
                writer.writeString(key)
                write(members[key]!, to: &writer)
            }
        case .object(let object):
            writer.writeInteger(8)
            object.visitKeyMembers { name, part in
                writer.writeInteger(12)
                writer.writeString(name)
                switch part {
                case .value(let value): write(value, to: &writer)
                case .standIn(let key):
                    writer.writeInteger(10)
                    writer.writeInteger(key)
                }
            }
            writer.writeInteger(11)
        case .null:
            writer.writeInteger(9)
        }
    }
}
