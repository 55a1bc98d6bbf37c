import CYaml

/// A 1-based line and column in YAML text, as libyaml counts them (columns in Unicode scalars).
public struct YAMLMark: Sendable, Hashable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    init(_ mark: yaml_mark_t) {
        self.init(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }
}

/// One node of a YAML document, built straight from libyaml's events: plain `Sendable` data with the
/// place each node starts, and aliases already replaced by the node they name.
public struct YAMLNode: Sendable {
    /// A scalar's text as written, without its quotes.
    public struct Scalar: Sendable {
        public var text: String
        /// False for quoted and block (`|`, `>`) scalars, which YAML always reads as text.
        public var isPlain: Bool
        /// An explicit tag (`!!int` is written out as `tag:yaml.org,2002:int`), nil when there is none.
        public var tag: String?
    }

    public enum Content: Sendable {
        case scalar(Scalar)
        case sequence([YAMLNode])
        /// Pairs in the order written; no two keys are equal.
        case mapping([(key: YAMLNode, value: YAMLNode)])
    }

    public var content: Content
    public var mark: YAMLMark

    package init(content: PortfolioContent.YAMLNode.Content, mark: PortfolioContent.YAMLMark) {
        self.content = content
        self.mark = mark
    }

    /// The only document of `text`, nil when the text holds none (empty, or only comments).
    public static func parse(_ text: String) throws(YAMLError) -> YAMLNode? {
        var text = text
        // libyaml reads the bytes while it parses, so the whole parse happens inside `withUTF8`.
        let result = text.withUTF8 { bytes in
            Result { () throws(YAMLError) in try YAMLEventReader(bytes).document() }
        }
        return try result.get()
    }

    /// The text of a scalar; nil for a sequence or a mapping.
    public var text: String? {
        if case .scalar(let scalar) = content { return scalar.text }
        return nil
    }

    /// The value of `key` in a mapping; nil for a missing key or a node that is not a mapping.
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let pairs) = content else { return nil }
        return pairs.last { pair in
            guard case .scalar(let scalar) = pair.key.content else { return false }
            return scalar.text == key && scalar.isText
        }?.value
    }

    /// A scalar read as a boolean the way Yams did (`true`/`yes`/`on` in any case); nil for quoted text.
    public var bool: Bool? {
        guard case .scalar(let scalar) = content, scalar.tag != YAMLNode.Scalar.textTag, scalar.tag != nil || scalar.isPlain
        else { return nil }
        switch scalar.text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    /// Same content, whatever the marks and styles: how YAML tells duplicate mapping keys apart.
    func isSameKey(as other: YAMLNode) -> Bool {
        if case .scalar(let left) = content, case .scalar(let right) = other.content {
            return left.text == right.text && left.resolvedTag == right.resolvedTag
        }
        switch (content, other.content) {
        case (.sequence(let left), .sequence(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { $0.isSameKey(as: $1) }
        case (.mapping(let left), .mapping(let right)):
            return left.count == right.count
                && zip(left, right).allSatisfy { $0.key.isSameKey(as: $1.key) && $0.value.isSameKey(as: $1.value) }
        default:
            return false
        }
    }
}

extension YAMLNode.Scalar {
    static let textTag = "tag:yaml.org,2002:str"

    /// With no tag, or the non-specific `!`, a scalar is text: YAML's core types are left to the readers.
    var resolvedTag: String {
        guard let tag, tag != "!" else { return YAMLNode.Scalar.textTag }
        return tag
    }

    var isText: Bool { resolvedTag == YAMLNode.Scalar.textTag }
}

/// Why a YAML document could not be read, and where.
public struct YAMLError: Error, Sendable {
    public enum Kind: Sendable, Equatable {
        /// Indentation, quoting, an undefined alias, a second document...
        case syntax
        /// The keys, sorted, that occur more than once in one mapping.
        case duplicateKeys([String])
        /// A character libyaml does not accept, such as a control character.
        case unreadable
    }

    public var kind: Kind
    public var problem: String
    /// What libyaml was reading when it failed ("while parsing a flow mapping") and where that started.
    public var context: (text: String, mark: YAMLMark)?
    public var mark: YAMLMark

    static func anotherDocument(at mark: YAMLMark) -> YAMLError {
        YAMLError(
            kind: .syntax, problem: "but found another document",
            context: ("expected a single document in the stream", YAMLMark(line: 1, column: 1)), mark: mark)
    }

    static func undefinedAlias(at mark: YAMLMark) -> YAMLError {
        YAMLError(kind: .syntax, problem: "found undefined alias", context: nil, mark: mark)
    }
}

/// One libyaml event as the readers above it need it: anchors and alias names as text, marks 1-based.
enum YAMLRawEvent {
    case scalar(YAMLNode.Scalar, anchor: String?)
    case alias(String?)
    case start(isMapping: Bool, anchor: String?)
    case end
    case documentStart
    case streamEnd
}

/// Pulls events from libyaml, for `YAMLTreeBuilder` (a whole tree) and `YAMLStreamEvents` (a metric
/// file read as it comes).
final class YAMLEventReader {
    private var parser = yaml_parser_t()
    private let bytes: UnsafeBufferPointer<UInt8>

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        yaml_parser_initialize(&parser)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
    }

    deinit {
        yaml_parser_delete(&parser)
    }

    func document() throws(YAMLError) -> YAMLNode? {
        var tree = YAMLTreeBuilder()
        while true {
            let (event, mark) = try next()
            switch event {
            case .streamEnd:
                return tree.root
            case .documentStart where tree.root != nil:
                throw YAMLError.anotherDocument(at: mark)
            case .documentStart:
                continue
            case .scalar(let scalar, let anchor):
                tree.add(YAMLNode(content: .scalar(scalar), mark: mark), anchor: anchor)
            case .alias(let name):
                guard let name, let node = tree.anchors[name] else { throw YAMLError.undefinedAlias(at: mark) }
                tree.add(node, anchor: nil)
            case .start(let isMapping, let anchor):
                tree.open(mark: mark, anchor: anchor, isMapping: isMapping)
            case .end:
                try tree.close()
            }
        }
    }

    /// The next event that says something about the nodes (stream start and document end say nothing).
    func next() throws(YAMLError) -> (YAMLRawEvent, YAMLMark) {
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else { throw error() }
            defer { yaml_event_delete(&event) }
            // libyaml places an empty value at the very end (that of `---`) on a line after the
            // last; it is where the text ends.
            let atEnd = event.type == YAML_SCALAR_EVENT && event.start_mark.index >= bytes.count
            let mark = atEnd ? mark(ofByte: bytes.count) : YAMLMark(event.start_mark)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return (.streamEnd, mark)
            case YAML_DOCUMENT_START_EVENT:
                return (.documentStart, mark)
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)), as: UTF8.self)
                let isPlain = scalar.style == YAML_PLAIN_SCALAR_STYLE
                // Like Yams: a quoted scalar without a tag is text, whatever tag libyaml reports.
                let tag = scalar.quoted_implicit == 1 ? nil : YAMLEventReader.string(scalar.tag)
                return (.scalar(.init(text: text, isPlain: isPlain, tag: tag), anchor: YAMLEventReader.string(scalar.anchor)), mark)
            case YAML_ALIAS_EVENT:
                return (.alias(YAMLEventReader.string(event.data.alias.anchor)), mark)
            case YAML_SEQUENCE_START_EVENT:
                return (.start(isMapping: false, anchor: YAMLEventReader.string(event.data.sequence_start.anchor)), mark)
            case YAML_MAPPING_START_EVENT:
                return (.start(isMapping: true, anchor: YAMLEventReader.string(event.data.mapping_start.anchor)), mark)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                return (.end, mark)
            default:
                continue  // stream start, document end
            }
        }
    }

    private func error() -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "out of memory"
        guard parser.error != YAML_READER_ERROR else {
            return YAMLError(kind: .unreadable, problem: problem, context: nil, mark: mark(ofByte: parser.problem_offset))
        }
        let context = parser.context.map { (String(cString: $0), YAMLMark(parser.context_mark)) }
        return YAMLError(kind: .syntax, problem: problem, context: context, mark: YAMLMark(parser.problem_mark))
    }

    /// libyaml places reader errors by byte offset only.
    private func mark(ofByte offset: Int) -> YAMLMark {
        var mark = YAMLMark(line: 1, column: 1)
        for scalar in String(decoding: bytes.prefix(offset), as: UTF8.self).unicodeScalars {
            if scalar == "\n" { mark = YAMLMark(line: mark.line + 1, column: 1) } else { mark.column += 1 }
        }
        return mark
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}

/// Assembles nodes as their events arrive: the collections not yet closed, and every anchor seen so far.
struct YAMLTreeBuilder {
    /// A sequence or mapping whose end event has not come yet.
    private struct OpenCollection {
        var mark: YAMLMark
        var anchor: String?
        var items: [YAMLNode] = []
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        var pendingKey: YAMLNode?
        let isMapping: Bool
    }

    private(set) var anchors: [String: YAMLNode] = [:]
    private(set) var root: YAMLNode?
    private var collections: [OpenCollection] = []

    mutating func open(mark: YAMLMark, anchor: String?, isMapping: Bool) {
        collections.append(OpenCollection(mark: mark, anchor: anchor, isMapping: isMapping))
    }

    mutating func close() throws(YAMLError) {
        let collection = collections.removeLast()
        if collection.isMapping {
            try YAMLTreeBuilder.checkDuplicateKeys(collection.pairs.lazy.map(\.key))
            add(YAMLNode(content: .mapping(collection.pairs), mark: collection.mark), anchor: collection.anchor)
        } else {
            add(YAMLNode(content: .sequence(collection.items), mark: collection.mark), anchor: collection.anchor)
        }
    }

    /// Puts a finished node in the collection being read, or makes it the root. A node's anchor is
    /// known from here on, so an alias inside the node it names is undefined, as in Yams.
    mutating func add(_ node: YAMLNode, anchor: String?) {
        if let anchor { anchors[anchor] = node }
        guard let last = collections.indices.last else {
            root = node
            return
        }
        if !collections[last].isMapping {
            collections[last].items.append(node)
        } else if let key = collections[last].pendingKey {
            collections[last].pairs.append((key, node))
            collections[last].pendingKey = nil
        } else {
            collections[last].pendingKey = node
        }
    }

    /// What makes two scalar keys the same.
    private struct ScalarKey: Hashable {
        let text: String
        let tag: String
    }

    /// Reports every key written twice, at the first place the smallest of them was written (as Yams did).
    static func checkDuplicateKeys(_ keys: some RandomAccessCollection<YAMLNode>) throws(YAMLError) {
        guard mayRepeatKeys(keys) else { return }
        var scalarKeys: [ScalarKey: YAMLNode] = [:]
        var complexKeys: [YAMLNode] = []
        var duplicates: [YAMLNode] = []
        func found(_ first: YAMLNode) {
            if !duplicates.contains(where: { $0.isSameKey(as: first) }) { duplicates.append(first) }
        }
        for key in keys {
            if case .scalar(let scalar) = key.content {
                let identity = ScalarKey(text: scalar.text, tag: scalar.resolvedTag)
                if let first = scalarKeys[identity] { found(first) } else { scalarKeys[identity] = key }
            } else if let first = complexKeys.first(where: { $0.isSameKey(as: key) }) {
                found(first)
            } else {
                complexKeys.append(key)
            }
        }
        guard !duplicates.isEmpty else { return }
        duplicates.sort { ($0.text ?? "") < ($1.text ?? "") }
        throw YAMLError(
            kind: .duplicateKeys(duplicates.map { $0.text ?? "<complex key>" }), problem: "duplicate keys",
            context: nil, mark: duplicates[0].mark)
    }

    /// A quick first look, as most mappings are small and have no duplicate: small ones compare pairwise,
    /// which allocates nothing, large ones by text alone, which may find keys that only look the same.
    private static func mayRepeatKeys(_ keys: some RandomAccessCollection<YAMLNode>) -> Bool {
        guard keys.count > 12 else {
            for index in keys.indices.dropFirst() {
                for earlier in keys[..<index] where earlier.isSameKey(as: keys[index]) { return true }
            }
            return false
        }
        var texts = Set<String>(minimumCapacity: keys.count)
        return keys.contains { !texts.insert($0.text ?? "").inserted }
    }
}
