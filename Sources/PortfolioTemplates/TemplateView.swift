/// What a template may find under a name: read by `check` to tell a misspelt name from one the site
/// simply leaves empty, before any page renders.
public indirect enum TemplateShape: Sendable {
    /// Text, a number or a flag: nothing inside it has a name.
    case scalar
    /// A list; a section over it sees each item, of the given shape.
    case list(TemplateShape)
    /// A typed view: exactly the names of its schema.
    case view(TemplateSchema)
    /// Keys the site's author chooses (`params`, the CV's entries): any name may be there.
    case open
}

/// The names one kind of view provides and what each holds. A class, so that checking can tell two
/// schemas apart by identity without comparing their fields.
public final class TemplateSchema: Sendable {
    /// The view's name, for messages (`page`, `metric`).
    public let name: String
    public let fields: [String: TemplateShape]

    init(name: String, fields: [String: TemplateShape]) {
        self.name = name
        self.fields = fields
    }
}

/// A typed template context: its fields are declared once, in `fields`, which both answers the
/// renderer's lookups (each value computed when a template asks for it, not before) and tells
/// `check` which names the view has.
public protocol TemplateView: TemplateObject {
    static var fields: TemplateFields<Self> { get }
}

extension TemplateView {
    /// Inlinable, so that each view's module specializes it for the view: generic code would look
    /// up the metadata of the fields' function types at every call.
    @inlinable
    public func member(_ name: TemplateSymbol) -> TemplateValue? {
        Self.fields.value(named: name, of: self)
    }

    public static var shape: TemplateShape { .view(fields.schema) }

    @inlinable
    public var members: [(name: String, value: TemplateValue)] { Self.fields.values(of: self) }

    @inlinable
    public func writeKey(into key: inout TemplateKeyBytes) { Self.fields.writeKey(of: self, into: &key) }
}

/// A view's fields by name: how to compute each from the view, and the schema they make.
public struct TemplateFields<View>: Sendable {
    @usableFromInline let declared: [TemplateField<View>]
    /// An open-addressed table of the fields by their names' `TemplateSymbol` hashes: a power of two
    /// long, at most half full, each slot a field's index in `declared` or -1.
    @usableFromInline let slots: [Int32]
    @usableFromInline let hashes: [UInt64]
    public let schema: TemplateSchema

    /// `fields` in any order; a name given twice is a programming error.
    public init(_ name: String, _ fields: [TemplateField<View>]) {
        var shapes: [String: TemplateShape] = [:]
        for field in fields {
            precondition(shapes[field.name] == nil, "the view \(name) declares \(field.name) twice")
            shapes[field.name] = field.shape
        }
        var size = 4
        while size < 2 * fields.count { size *= 2 }
        var slots = [Int32](repeating: -1, count: size)
        let hashes = fields.map { TemplateSymbol.hash(of: $0.name) }
        for (index, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & (size - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Int32(index)
        }
        declared = fields
        self.slots = slots
        self.hashes = hashes
        schema = TemplateSchema(name: name, fields: shapes)
    }

    /// These fields as fields of a view that holds this one.
    public func reached<Outer>(through inner: @escaping @Sendable (Outer) -> View) -> [TemplateField<Outer>] {
        declared.map { field in
            let (value, writeKey) = (field.value, field.writeKey)
            return TemplateField<Outer>(
                name: field.name, shape: field.shape, value: { value(inner($0)) }, writeKey: { writeKey(inner($0), &$1) })
        }
    }

    /// The value of the field `name`, nil when the view has no such field or leaves it unset. The
    /// field is borrowed where it is, as in `writeKey(of:into:)`.
    @inlinable
    public func value(named name: TemplateSymbol, of view: View) -> TemplateValue? {
        declared.withUnsafeBufferPointer { fields in
            slots.withUnsafeBufferPointer { slots in
                hashes.withUnsafeBufferPointer { hashes in
                    var slot = Int(truncatingIfNeeded: name.hash) & (slots.count - 1)
                    while slots[slot] >= 0 {
                        let index = Int(slots[slot])
                        if hashes[index] == name.hash, fields[index].name == name.text { return fields[index].value(view) }
                        slot = (slot + 1) & (slots.count - 1)
                    }
                    return nil
                }
            }
        }
    }

    /// Every field's value in the order declared, nil ones left out.
    @inlinable
    public func values(of view: View) -> [(name: String, value: TemplateValue)] {
        declared.compactMap { field in field.value(view).map { (field.name, $0) } }
    }

    /// Every field as a cache key reads it, in the order declared: its stand-in when it has one (the
    /// value is then not made), else its value; nil values left out.
    @inlinable
    public func writeKey(of view: View, into key: inout TemplateKeyBytes) {
        // Each field is borrowed where it is: a copy of it would retain and release its four
        // references, which every thread rendering or keying pages shares.
        declared.withUnsafeBufferPointer { fields in
            for index in fields.indices { fields[index].writeKey(view, &key) }
        }
    }
}

/// A view made into a template value once, for a view that many tags reach through a dotted name
/// (`page.title`, `meta.canonical`, ...): each lookup of its name then copies one reference instead
/// of copying the whole view into a new box. A class, so that handing it out copies nothing else.
public final class BoxedView<Item: TemplateView>: Sendable {
    public let item: Item
    @usableFromInline let value: TemplateValue

    public init(_ item: Item) {
        self.item = item
        value = .object(item)
    }
}

/// One field of a view. A getter that returns nil leaves the name unset here, so a template's
/// lookup goes on to the contexts around the view, as it would for a key missing from a map.
public struct TemplateField<View>: Sendable {
    @usableFromInline let name: String
    let shape: TemplateShape
    @usableFromInline let value: @Sendable (View) -> TemplateValue?
    /// Writes the field's name and value as a cache key reads them (nothing when the value is nil).
    @usableFromInline let writeKey: @Sendable (View, inout TemplateKeyBytes) -> Void

    @usableFromInline
    init(
        name: String, shape: TemplateShape, value: @escaping @Sendable (View) -> TemplateValue?,
        writeKey: @escaping @Sendable (View, inout TemplateKeyBytes) -> Void
    ) {
        self.name = name
        self.shape = shape
        self.value = value
        self.writeKey = writeKey
    }

    /// The field, with `standIn` read by cache keys in place of its value: a hash of everything the
    /// value is made from (a page's files for its HTML, its charts), for a value that costs as much as
    /// rendering to make or needs content that is not held. The stand-in must change whenever the value can.
    public func keyed(by standIn: @escaping @Sendable (View) -> UInt64) -> Self {
        let name = name
        return Self(name: name, shape: shape, value: value) { view, key in
            key.field(name)
            key.standIn(standIn(view))
        }
    }

    // Each kind of field writes its key through a closure typed for its value, specialized in the
    // module that declares the view (hence inlinable).

    @inlinable
    public static func text(_ name: String, _ value: @escaping @Sendable (View) -> String?) -> Self {
        Self(name: name, shape: .scalar, value: { value($0).map(TemplateValue.string) }) { view, key in
            guard let text = value(view) else { return }
            key.field(name)
            key.string(text)
        }
    }

    @inlinable
    public static func flag(_ name: String, _ value: @escaping @Sendable (View) -> Bool?) -> Self {
        Self(name: name, shape: .scalar, value: { value($0).map(TemplateValue.bool) }) { view, key in
            guard let flag = value(view) else { return }
            key.field(name)
            key.flag(flag)
        }
    }

    @inlinable
    public static func number(_ name: String, _ value: @escaping @Sendable (View) -> Int?) -> Self {
        Self(name: name, shape: .scalar, value: { value($0).map(TemplateValue.int) }) { view, key in
            guard let number = value(view) else { return }
            key.field(name)
            key.int(number)
        }
    }

    @inlinable
    public static func decimal(_ name: String, _ value: @escaping @Sendable (View) -> Double?) -> Self {
        Self(name: name, shape: .scalar, value: { value($0).map(TemplateValue.double) }) { view, key in
            guard let number = value(view) else { return }
            key.field(name)
            key.double(number)
        }
    }

    @inlinable
    public static func texts(_ name: String, _ value: @escaping @Sendable (View) -> [String]?) -> Self {
        Self(name: name, shape: .list(.scalar), value: { value($0).map { .list($0.map(TemplateValue.string)) } }) { view, key in
            guard let texts = value(view) else { return }
            key.field(name)
            key.list(count: texts.count)
            for text in texts { key.string(text) }
        }
    }

    @inlinable
    public static func view<Item: TemplateView>(_ name: String, _ value: @escaping @Sendable (View) -> Item?) -> Self {
        Self(name: name, shape: Item.shape, value: { value($0).map { .object($0) } }) { view, key in
            guard let item = value(view) else { return }
            key.field(name)
            key.view(item)
        }
    }

    /// A view boxed once (see `BoxedView`); its key is written as the view's.
    @inlinable
    public static func view<Item: TemplateView>(_ name: String, _ box: @escaping @Sendable (View) -> BoxedView<Item>) -> Self {
        Self(name: name, shape: Item.shape, value: { box($0).value }) { view, key in
            key.field(name)
            key.view(box(view).item)
        }
    }

    @inlinable
    public static func list<Item: TemplateView>(_ name: String, _ value: @escaping @Sendable (View) -> [Item]?) -> Self {
        Self(name: name, shape: .list(Item.shape), value: { value($0).map { .list($0.map { .object($0) }) } }) { view, key in
            guard let items = value(view) else { return }
            key.field(name)
            key.list(count: items.count)
            for item in items { key.view(item) }
        }
    }

    /// A value whose names the site chooses (see `TemplateShape.open`).
    public static func open(_ name: String, _ value: @escaping @Sendable (View) -> TemplateValue?) -> Self {
        self.value(name, shape: .open, value)
    }

    /// A value of a given shape, made by the caller (a list of views of several kinds, a view kept whole).
    public static func value(_ name: String, shape: TemplateShape, _ value: @escaping @Sendable (View) -> TemplateValue?) -> Self {
        Self(name: name, shape: shape, value: value) { view, key in
            guard let made = value(view) else { return }
            key.field(name)
            key.value(made)
        }
    }
}
