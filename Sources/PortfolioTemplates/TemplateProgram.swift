/// A name part as a compiled template holds it: its text and a hash of it made once, when the
/// template is compiled, so that a view finds its field at each tag without hashing the name again.
public struct TemplateSymbol: Sendable {
    public let text: String
    /// FNV-1a over the UTF-8: the same for the same text in every process, as views' tables need.
    public let hash: UInt64

    public init(_ text: String) {
        self.text = text
        hash = Self.hash(of: text)
    }

    public static func hash(of text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash
    }
}

/// A run of elements in one of a program's arrays, by its start and length: the bytes of a text or
/// an indentation, the symbols of a name, the overrides of a parent tag.
struct Extent {
    var start: Int32
    var count: Int32

    var indices: Range<Int> { Int(start)..<Int(start + count) }
}

/// One instruction of a compiled template. Plain integers only, so that stepping through a template
/// shared by every rendering thread copies no reference; what an operand means depends on `kind`.
struct TemplateOp {
    enum Kind: UInt8 {
        /// `a`: the text's start, `b`: its length.
        case text
        /// `a`: the name.
        case escaped, raw
        /// `a`: the name, `end`: the instruction after the body (which starts at the next one).
        case section, inverted
        /// `a`: the template (-1 when missing), `b`: the indentation.
        case partial
        /// `a`: the template (-1 when missing), `b`: the indentation, `c`: the block overrides; the
        /// overrides' bodies follow, up to `end`.
        case parent
        /// `a`: the block, `b`: the indentation; the default content follows, up to `end`.
        case block
    }

    var kind: Kind
    var a: Int32 = 0
    var b: Int32 = 0
    var c: Int32 = 0
    var end: Int32 = 0
}

/// What a `{{<parent}}` tag gives one block: the instructions of its content.
struct BlockOverride {
    let block: Int32
    let start: Int32
    let end: Int32
}

/// A library's templates compiled into one array of instructions over one buffer of text, with
/// names split into symbols and partials, parents and blocks linked by index, so that rendering
/// allocates nothing per tag and looks nothing up by text except in a map's keys.
struct TemplateProgram: Sendable {
    private(set) var ops: [TemplateOp] = []
    /// The templates' static text and the indentation of their standalone tags.
    private(set) var text: [UInt8] = []
    /// Each name's symbols are `symbols[start..<start + count]`; a count of 0 is `.`.
    private(set) var names: [Extent] = []
    private(set) var symbols: [TemplateSymbol] = []
    /// Indentations, the first of them empty.
    private(set) var indents: [Extent] = [Extent(start: 0, count: 0)]
    /// Each parent tag's overrides are `blockOverrides[start..<start + count]`.
    private(set) var blockTables: [Extent] = []
    private(set) var blockOverrides: [BlockOverride] = []
    /// Each template's instructions, by its index in the library.
    private(set) var entries: [Range<Int>] = []
    private var blockIDs: [String: Int32] = [:]

    init(_ templates: [[TemplateNode]]) {
        for nodes in templates {
            let start = ops.count
            emit(nodes)
            entries.append(start..<ops.count)
        }
    }

    private mutating func emit(_ nodes: [TemplateNode]) {
        /// The text instruction that the next text node of this list extends (lines are separate nodes).
        var openText: Int?
        for node in nodes {
            switch node {
            case .text(let bytes):
                if let open = openText {
                    ops[open].b += Int32(bytes.count)
                } else {
                    openText = ops.count
                    ops.append(TemplateOp(kind: .text, a: Int32(text.count), b: Int32(bytes.count)))
                }
                text += bytes
                continue
            case .variable(let name, let escaped):
                ops.append(TemplateOp(kind: escaped ? .escaped : .raw, a: intern(name)))
            case .section(let name, let body):
                emitEnclosing(TemplateOp(kind: .section, a: intern(name))) { $0.emit(body) }
            case .inverted(let name, let body):
                emitEnclosing(TemplateOp(kind: .inverted, a: intern(name))) { $0.emit(body) }
            case .partial(let index, let indent):
                ops.append(TemplateOp(kind: .partial, a: Int32(index), b: intern(indent: indent)))
            case .parent(let index, let table, let indent):
                let tableIndex = blockTables.count
                blockTables.append(Extent(start: 0, count: 0))
                let op = TemplateOp(kind: .parent, a: Int32(index), b: intern(indent: indent), c: Int32(tableIndex))
                emitEnclosing(op) { program in
                    // Gathered first: a parent inside an override adds its own table on the way.
                    var overrides: [BlockOverride] = []
                    for (name, body) in table.blocks.sorted(by: { $0.key < $1.key }) {
                        let start = Int32(program.ops.count)
                        program.emit(body)
                        overrides.append(BlockOverride(block: program.blockID(name), start: start, end: Int32(program.ops.count)))
                    }
                    program.blockTables[tableIndex] = Extent(start: Int32(program.blockOverrides.count), count: Int32(overrides.count))
                    program.blockOverrides += overrides
                }
            case .block(let name, let content, let indent):
                emitEnclosing(TemplateOp(kind: .block, a: blockID(name), b: intern(indent: indent))) { $0.emit(content) }
            }
            openText = nil
        }
    }

    /// `op`, then what `body` emits, with `op.end` set to the instruction after it.
    private mutating func emitEnclosing(_ op: TemplateOp, _ body: (inout Self) -> Void) {
        let at = ops.count
        ops.append(op)
        body(&self)
        ops[at].end = Int32(ops.count)
    }

    private mutating func intern(_ name: TemplateName) -> Int32 {
        names.append(Extent(start: Int32(symbols.count), count: Int32(name.parts.count)))
        symbols += name.parts.map(TemplateSymbol.init)
        return Int32(names.count - 1)
    }

    private mutating func intern(indent: [UInt8]) -> Int32 {
        guard !indent.isEmpty else { return 0 }
        indents.append(Extent(start: Int32(text.count), count: Int32(indent.count)))
        text += indent
        return Int32(indents.count - 1)
    }

    private mutating func blockID(_ name: String) -> Int32 {
        if let id = blockIDs[name] { return id }
        let id = Int32(blockIDs.count)
        blockIDs[name] = id
        return id
    }
}

/// A program's arrays as pointers, taken once per render: reading an instruction, a symbol or a run
/// of text through them retains nothing.
struct ProgramBuffers {
    let ops: UnsafeBufferPointer<TemplateOp>
    let text: UnsafeBufferPointer<UInt8>
    let names: UnsafeBufferPointer<Extent>
    let symbols: UnsafeBufferPointer<TemplateSymbol>
    let indents: UnsafeBufferPointer<Extent>
    let blockTables: UnsafeBufferPointer<Extent>
    let blockOverrides: UnsafeBufferPointer<BlockOverride>
    let entries: UnsafeBufferPointer<Range<Int>>

    func bytes(_ range: Extent) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: text[range.indices])
    }
}

extension TemplateProgram {
    func withBuffers<Result>(_ body: (ProgramBuffers) -> Result) -> Result {
        ops.withUnsafeBufferPointer { ops in
            text.withUnsafeBufferPointer { text in
                names.withUnsafeBufferPointer { names in
                    symbols.withUnsafeBufferPointer { symbols in
                        indents.withUnsafeBufferPointer { indents in
                            blockTables.withUnsafeBufferPointer { blockTables in
                                blockOverrides.withUnsafeBufferPointer { blockOverrides in
                                    entries.withUnsafeBufferPointer { entries in
                                        body(ProgramBuffers(
                                            ops: ops, text: text, names: names, symbols: symbols, indents: indents,
                                            blockTables: blockTables, blockOverrides: blockOverrides, entries: entries))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
