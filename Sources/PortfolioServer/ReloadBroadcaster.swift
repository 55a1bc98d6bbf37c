import FlyingFox
import FlyingSocks
import Foundation

/// Tells every open preview tab that a build finished, over Server-Sent Events.
public actor ReloadBroadcaster {
    private var clients: [UUID: AsyncStream<[UInt8]>.Continuation] = [:]
    /// Counts finished builds; the number goes with each event so a client can tell them apart.
    public private(set) var version = 0

    public init() {}

    public var clientCount: Int { clients.count }

    /// A stream of SSE bytes for one client: a `retry` line first, then one `reload` event per build.
    public func subscribe() -> AsyncStream<[UInt8]> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(8))
        continuation.onTermination = { [weak self] _ in
            Task { await self?.remove(id) }
        }
        continuation.yield(Array("retry: 1000\n: connected to portfolio serve, version \(version)\n\n".utf8))
        clients[id] = continuation
        return stream
    }

    /// Sends `reload` to every client.
    public func buildFinished() {
        version += 1
        let event = Array("event: reload\ndata: \(version)\n\n".utf8)
        for continuation in clients.values { continuation.yield(event) }
    }

    /// Ends every stream, so the server can close its connections when it stops.
    public func finishAll() {
        for continuation in clients.values { continuation.finish() }
        clients = [:]
    }

    private func remove(_ id: UUID) {
        clients[id] = nil
    }
}

/// An endless response body fed by a stream, for FlyingFox: it writes each buffer as one chunk of a
/// chunked response as soon as it arrives.
struct StreamedBytes: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let stream: AsyncStream<[UInt8]>

    func makeAsyncIterator() -> Iterator { Iterator(base: stream.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<[UInt8]>.Iterator
        var pending: [UInt8] = []

        mutating func next() async throws -> UInt8? {
            if pending.isEmpty {
                guard let buffer = await base.next() else { return nil }
                pending = buffer
                if pending.isEmpty { return try await next() }
            }
            return pending.removeFirst()
        }

        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            if !pending.isEmpty {
                defer { pending = [] }
                return pending
            }
            while let buffer = await base.next() {
                if !buffer.isEmpty { return buffer }
            }
            return nil
        }
    }
}
