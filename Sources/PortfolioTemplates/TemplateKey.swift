/// The bytes a view's cache key is the hash of (the caller hashes them): every value the view gives
/// its template, with a tag for its kind, maps in key order and views field by field as declared, a
/// field with a stand-in (`TemplateField.keyed(by:)`) by its stand-in alone. Each field writes itself
/// through its own typed closure, so a view inside a view is written without being boxed as a
/// `TemplateValue` on the way.
public struct TemplateKeyBytes {
    @usableFromInline var storage: [UInt8] = []

    public init(capacity: Int) {
        storage.reserveCapacity(capacity)
    }

    public var bytes: [UInt8] { storage }

    /// Tags of what follows; a field's name comes after `field`, and a view's fields end at `end`.
    @usableFromInline enum Tag: UInt64 {
        case string = 1, `true`, `false`, int, double, list, map, view, null, standIn, end, field
    }

    @inlinable
    mutating func integer(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            storage.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        storage.append(UInt8(rest))
    }

    @inlinable
    mutating func tag(_ tag: Tag) { integer(tag.rawValue) }

    @inlinable
    mutating func text(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            integer(UInt64(utf8.count))
            storage.append(contentsOf: utf8)
        }
    }

    @inlinable
    mutating func field(_ name: String) {
        tag(.field)
        text(name)
    }

    @inlinable
    mutating func string(_ value: String) {
        tag(.string)
        text(value)
    }

    @inlinable
    mutating func flag(_ value: Bool) { tag(value ? .true : .false) }

    @inlinable
    mutating func int(_ value: Int) {
        tag(.int)
        integer(UInt64(bitPattern: Int64(value)))
    }

    @inlinable
    mutating func double(_ value: Double) {
        tag(.double)
        integer(value.bitPattern)
    }

    @inlinable
    mutating func standIn(_ key: UInt64) {
        tag(.standIn)
        integer(key)
    }

    @inlinable
    mutating func list(count: Int) {
        tag(.list)
        integer(UInt64(count))
    }

    @inlinable
    mutating func view<View: TemplateView>(_ view: View) {
        tag(.view)
        View.fields.writeKey(of: view, into: &self)
        tag(.end)
    }

    /// Any value, views among them through their own `writeKey`.
    public mutating func value(_ value: TemplateValue) {
        switch value {
        case .string(let text): string(text)
        case .bool(let value): flag(value)
        case .int(let number): int(number)
        case .double(let number): double(number)
        case .list(let items):
            list(count: items.count)
            for item in items { self.value(item) }
        case .map(let members):
            tag(.map)
            integer(UInt64(members.count))
            for key in members.keys.sorted() {
                text(key)
                self.value(members[key]!)
            }
        case .object(let object):
            tag(.view)
            object.writeKey(into: &self)
            tag(.end)
        case .null:
            tag(.null)
        }
    }
}
