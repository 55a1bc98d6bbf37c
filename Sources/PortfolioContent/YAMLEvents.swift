/// What a reader of YAML one event at a time sees: a scalar, or the start or end of a collection.
public enum YAMLEvent: Sendable {
    case scalar(YAMLNode.Scalar)
    case mappingStart
    case sequenceStart
    /// The end of the innermost collection not yet ended.
    case end
    /// There is nothing more: the document is over.
    case documentEnd
}

/// A YAML document as a series of events, whether it comes from a tree already built or straight from
/// libyaml: what lets one reader (the metric file's) walk both. In a mapping the events of each key
/// come before those of its value.
public protocol YAMLEventSource {
    associatedtype Failure: Error

    /// The next event and where it starts.
    mutating func next() throws(Failure) -> (event: YAMLEvent, mark: YAMLMark)

    /// Passes over what is left of the innermost collection not yet ended, its end included.
    mutating func skipCollection() throws(Failure)
}

/// The events of a tree: for the metrics that front matter holds, which arrive parsed with it, and for
/// a metric file that needs its aliases resolved. A skip passes a whole collection at once, however
/// many nodes its aliases expand to.
public struct YAMLNodeEvents: YAMLEventSource {
    /// A collection being walked, and how many of its events have come out (a mapping's pair gives two).
    private struct Frame {
        let content: YAMLNode.Content
        var given = 0

        /// The child node that comes out next, nil once all have.
        mutating func nextChild() -> YAMLNode? {
            defer { given += 1 }
            switch content {
            case .sequence(let items): return given < items.count ? items[given] : nil
            case .mapping(let pairs):
                guard given < 2 * pairs.count else { return nil }
                return given.isMultiple(of: 2) ? pairs[given / 2].key : pairs[given / 2].value
            case .scalar: return nil
            }
        }
    }

    private var pending: YAMLNode?
    private var frames: [Frame] = []

    /// The events of `root`; only the document's end when there is none (empty text, or only comments).
    public init(_ root: YAMLNode?) {
        pending = root
    }

    public mutating func next() -> (event: YAMLEvent, mark: YAMLMark) {
        let node: YAMLNode
        if let root = pending {
            pending = nil
            node = root
        } else if let last = frames.indices.last {
            guard let child = frames[last].nextChild() else {
                frames.removeLast()
                return (.end, YAMLMark(line: 0, column: 0))
            }
            node = child
        } else {
            return (.documentEnd, YAMLMark(line: 0, column: 0))
        }
        switch node.content {
        case .scalar(let scalar):
            return (.scalar(scalar), node.mark)
        case .sequence:
            frames.append(Frame(content: node.content))
            return (.sequenceStart, node.mark)
        case .mapping:
            frames.append(Frame(content: node.content))
            return (.mappingStart, node.mark)
        }
    }

    public mutating func skipCollection() {
        frames.removeLast()
    }
}

/// The events of YAML text straight from libyaml, with the checks that building a tree makes on the
/// way (duplicate keys, a second document). Anchors, aliases and keys that are collections need the
/// tree: on the first of them it stops with `.needsTree`, and the caller reads the text as a tree.
public struct YAMLStreamEvents: YAMLEventSource {
    public enum Failure: Error {
        case syntax(YAMLError)
        case needsTree
    }

    /// A collection not yet ended; a mapping's keys so far are `keys[firstKey...]`, to check for
    /// duplicates at its end.
    private struct Open {
        let isMapping: Bool
        let firstKey: Int
        var expectsKey = true
    }

    private let reader: YAMLEventReader
    private var open: [Open] = []
    /// The keys of every open mapping, innermost last: one buffer for the whole document, so that a
    /// mapping allocates nothing of its own.
    private var keys: [YAMLNode] = []
    private var hasRoot = false

    /// Reads `text`: `body` gets the events while libyaml holds the text's bytes.
    public static func reading<Result>(
        _ text: String, _ body: (inout YAMLStreamEvents) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        var text = text
        let outcome = text.withUTF8 { bytes in
            Swift.Result { () throws(Failure) in
                var events = YAMLStreamEvents(reader: YAMLEventReader(bytes))
                return try body(&events)
            }
        }
        return try outcome.get()
    }

    private init(reader: YAMLEventReader) {
        self.reader = reader
    }

    public mutating func next() throws(Failure) -> (event: YAMLEvent, mark: YAMLMark) {
        while true {
            let raw: (event: YAMLRawEvent, mark: YAMLMark)
            do { raw = try reader.next() } catch { throw .syntax(error) }
            switch raw.event {
            case .streamEnd:
                return (.documentEnd, raw.mark)
            case .documentStart:
                if hasRoot { throw .syntax(YAMLError.anotherDocument(at: raw.mark)) }
            case .alias, .start(_, anchor: .some), .scalar(_, anchor: .some):
                throw .needsTree
            case .scalar(let scalar, anchor: nil):
                noteNodeStart(scalar: scalar, at: raw.mark)
                return (.scalar(scalar), raw.mark)
            case .start(let isMapping, anchor: nil):
                if open.last?.isMapping == true, open[open.count - 1].expectsKey { throw .needsTree }
                noteNodeStart(scalar: nil, at: raw.mark)
                open.append(Open(isMapping: isMapping, firstKey: keys.count))
                return (isMapping ? .mappingStart : .sequenceStart, raw.mark)
            case .end:
                let ended = open.removeLast()
                if ended.isMapping {
                    do { try YAMLTreeBuilder.checkDuplicateKeys(keys[ended.firstKey...]) } catch { throw .syntax(error) }
                    keys.removeSubrange(ended.firstKey...)
                }
                if open.isEmpty { hasRoot = true }
                return (.end, raw.mark)
            }
        }
    }

    public mutating func skipCollection() throws(Failure) {
        let depth = open.count
        while open.count >= depth {
            _ = try next()
        }
    }

    /// A node begins (`scalar`, or a collection when nil): in a mapping, keys and values take turns;
    /// a scalar at the top is the whole document.
    private mutating func noteNodeStart(scalar: YAMLNode.Scalar?, at mark: YAMLMark) {
        guard let last = open.indices.last else {
            if scalar != nil { hasRoot = true }
            return
        }
        guard open[last].isMapping else { return }
        if open[last].expectsKey, let scalar { keys.append(YAMLNode(content: .scalar(scalar), mark: mark)) }
        open[last].expectsKey.toggle()
    }
}
