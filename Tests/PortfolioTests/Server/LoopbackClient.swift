import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A bare HTTP/1.1 client over a loopback socket. URLSession would clean up `..` and encoded slashes
/// before sending them, and the traversal tests need them on the wire as written.
final class LoopbackConnection: @unchecked Sendable {
    private let descriptor: Int32
    private(set) var received: [UInt8] = []

    init(port: UInt16, timeoutSeconds: Int = 5) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            throw POSIXError(.ECONNREFUSED)
        }
    }

    deinit { close(descriptor) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    /// Reads until `done` holds for what has arrived, the peer closes, or `deadline` passes.
    @discardableResult
    func read(until deadline: Date, done: ([UInt8]) -> Bool) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while !done(received) {
            guard Date() < deadline else { return false }
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received.append(contentsOf: buffer[0..<count])
            } else if count == 0 {
                return done(received)
            } else if errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR {
                return false
            }
        }
        return true
    }

    var text: String { String(decoding: received, as: UTF8.self) }
}

struct LoopbackResponse {
    var status: Int
    var headers: [String: String]
    var body: String
}

enum LoopbackHTTP {
    /// `GET rawPath` sent exactly as given; the whole response, on a dispatch thread so the blocking
    /// reads never hold one of the few cooperative threads the server runs on.
    static func get(_ rawPath: String, port: UInt16, method: String = "GET") async throws -> LoopbackResponse {
        try await offThePool {
            let connection = try LoopbackConnection(port: port)
            connection.send("\(method) \(rawPath) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
            connection.read(until: Date().addingTimeInterval(60)) { bytes in
                guard let response = parse(bytes) else { return false }
                let length = Int(response.headers["content-length"] ?? "") ?? 0
                return method == "HEAD" || response.body.utf8.count >= length
            }
            guard let response = parse(connection.received) else { throw POSIXError(.EBADMSG) }
            return response
        }
    }

    static func parse(_ bytes: [UInt8]) -> LoopbackResponse? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { return nil }
        let lines = text[..<end.lowerBound].components(separatedBy: "\r\n")
        guard let status = lines.first?.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return LoopbackResponse(status: status, headers: headers, body: String(text[end.upperBound...]))
    }
}

func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}
