import OrderedCollections

/// A value the build cache keeps between runs, in a compact binary form: fields written in order,
/// because JSON through `Codable` cost more per page than a whole incremental build may take
/// (BENCHMARKS.md, "Build cache format").
@usableFromInline package protocol CacheArchivable {
    func archive(into writer: inout CacheWriter)
    init(from reader: inout CacheReader) throws(CacheReader.Corrupt)
}

/// Appends values to a byte buffer in the order the reader will ask for them.
///
/// Reading and writing are inlinable, so that the module that archives a type specializes them for
/// it: called across modules unspecialized, they looked up the metadata of `Optional<String>` and the
/// like, under a lock all threads share, for every value read.
@usableFromInline package struct CacheWriter {
    @usableFromInline package private(set) var bytes: [UInt8] = []

    package init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    @inlinable
    package mutating func write(_ value: some CacheArchivable) {
        value.archive(into: &self)
    }

    @inlinable
    package mutating func writeInteger(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Empties the buffer and keeps its storage, for a writer used again.
    package mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    /// Bytes another writer produced, copied as they are.
    package mutating func append(_ archived: ArraySlice<UInt8>) {
        bytes.append(contentsOf: archived)
    }

    @inlinable
    package mutating func writeBytes(_ utf8: some Collection<UInt8>) {
        writeInteger(UInt64(utf8.count))
        bytes.append(contentsOf: utf8)
    }
}

/// Reads what a `CacheWriter` wrote; any mismatch (another version's cache, a truncated file) is
/// `Corrupt`, and the build then simply works without the cache.
@usableFromInline package struct CacheReader {
    @usableFromInline package struct Corrupt: Error {
        @inlinable package init() {}
    }

    @usableFromInline let bytes: [UInt8]
    @usableFromInline package private(set) var offset: Int
    @usableFromInline let end: Int

    package init(_ bytes: [UInt8]) {
        self.init(bytes, range: bytes.indices)
    }

    /// A reader of part of `bytes`; offsets stay those of the whole buffer.
    package init(_ bytes: [UInt8], range: Range<Int>) {
        self.bytes = bytes
        offset = range.lowerBound
        end = range.upperBound
    }

    package var isAtEnd: Bool { offset == end }

    /// Moves past `count` bytes without reading them.
    package mutating func skip(_ count: Int) throws(Corrupt) {
        guard count >= 0, count <= end - offset else { throw Corrupt() }
        offset += count
    }

    /// What was read since `start`, sharing the reader's storage.
    package func bytes(from start: Int) -> ArraySlice<UInt8> {
        bytes[start..<offset]
    }

    @inlinable
    package mutating func read<Value: CacheArchivable>(_ type: Value.Type = Value.self) throws(Corrupt) -> Value {
        try Value(from: &self)
    }

    @inlinable
    package mutating func readInteger() throws(Corrupt) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end, shift < 64 else { throw Corrupt() }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    @inlinable
    package mutating func readString() throws(Corrupt) -> String {
        let count = Int(try readInteger())
        guard count <= end - offset else { throw Corrupt() }
        defer { offset += count }
        return bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[offset..<offset + count]), as: UTF8.self)
        }
    }
}

extension UInt64: CacheArchivable {
    @inlinable
    package func archive(into writer: inout CacheWriter) { writer.writeInteger(self) }
    @inlinable
    package init(from reader: inout CacheReader) throws(CacheReader.Corrupt) { self = try reader.readInteger() }
}

extension Int: CacheArchivable {
    /// Zigzag, so small negative numbers stay short.
    @inlinable
    package func archive(into writer: inout CacheWriter) { writer.writeInteger(UInt64(bitPattern: Int64((self << 1) ^ (self >> 63)))) }
    @inlinable
    package init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        let raw = try reader.readInteger()
        self = Int(truncatingIfNeeded: Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1))
    }
}

extension Double: CacheArchivable {
    @inlinable
    package func archive(into writer: inout CacheWriter) { writer.writeInteger(bitPattern) }
    @inlinable
    package init(from reader: inout CacheReader) throws(CacheReader.Corrupt) { self = Double(bitPattern: try reader.readInteger()) }
}

extension Bool: CacheArchivable {
    @inlinable
    package func archive(into writer: inout CacheWriter) { writer.writeInteger(self ? 1 : 0) }
    @inlinable
    package init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        switch try reader.readInteger() {
        case 0: self = false
        case 1: self = true
        default: throw CacheReader.Corrupt()
        }
    }
}

extension String: CacheArchivable {
    @inlinable
    package func archive(into writer: inout CacheWriter) { writer.writeBytes(utf8) }
    @inlinable
    package init(from reader: inout CacheReader) throws(CacheReader.Corrupt) { self = try reader.readString() }
}

extension Optional: CacheArchivable where Wrapped: CacheArchivable {
    @inlinable
    package func archive(into writer: inout CacheWriter) {
        writer.write(self != nil)
        if let self { writer.write(self) }
    }

    @inlinable
    package init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        self = try reader.read(Bool.self) ? try reader.read(Wrapped.self) : nil
    }
}

extension Array: CacheArchivable where Element: CacheArchivable {
    @inlinable
    package func archive(into writer: inout CacheWriter) {
        writer.write(count)
        for element in self { writer.write(element) }
    }

    @inlinable
    package init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        let count = try reader.read(Int.self)
        guard count >= 0 else { throw CacheReader.Corrupt() }
        self = []
        reserveCapacity(Swift.min(count, 1 << 16))
        for _ in 0..<count { append(try reader.read(Element.self)) }
    }
}

extension OrderedDictionary: CacheArchivable where Key == String, Value: CacheArchivable {
    @inlinable
    package func archive(into writer: inout CacheWriter) {
        writer.write(count)
        for (key, value) in self {
            writer.write(key)
            writer.write(value)
        }
    }

    @inlinable
    package init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        let count = try reader.read(Int.self)
        guard count >= 0 else { throw CacheReader.Corrupt() }
        self = [:]
        for _ in 0..<count {
            let key = try reader.read(String.self)
            self[key] = try reader.read(Value.self)
        }
    }
}
