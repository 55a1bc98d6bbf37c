import PortfolioSupport

/// A fingerprint of a whole template context (dictionaries, arrays, strings, numbers, booleans), taken
/// without writing it out as text: each value goes into a byte buffer with a tag for its kind and
/// dictionaries in key order, so equal contexts give equal fingerprints in every build.
package enum ContextFingerprint {
    package static func of(_ context: [String: Any]) -> UInt64 {
        var writer = CacheWriter(capacity: 4_096)
        write(context, to: &writer)
        return ContentHash.ofBytes(writer.bytes)
    }

    private static func write(_ value: Any, to writer: inout CacheWriter) {
        switch value {
        case let text as String:
            writer.writeInteger(1)
            writer.write(text)
        case let flag as Bool:
            writer.writeInteger(flag ? 2 : 3)
        case let number as Int:
            writer.writeInteger(4)
            writer.write(number)
        case let number as Double:
            writer.writeInteger(5)
            writer.write(number)
        case let list as [Any]:
            writer.writeInteger(6)
            writer.write(list.count)
            for item in list { write(item, to: &writer) }
        case let object as [String: Any]:
            writer.writeInteger(7)
            writer.write(object.count)
            for key in object.keys.sorted() {
                writer.write(key)
                write(object[key]!, to: &writer)
            }
        default:
            writer.writeInteger(8)
            writer.write(String(reflecting: type(of: value)) + ":" + String(describing: value))
        }
    }
}
