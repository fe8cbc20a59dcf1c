#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A TCP connection to 127.0.0.1 that sends whatever bytes it is given: the hostile clients of the
/// probe-port tests (over-long request lines, a byte at a time, silence), which an HTTP library
/// would refuse to send. Blocking sockets with timeouts, so no test can hang on one.
/// Used by one thread at a time; `@unchecked Sendable` only so a test can hand connections it
/// opened to a holder that closes them later.
public final class RawHTTPConnection: @unchecked Sendable {
    private var descriptor: Int32

    /// Connects within `timeout` seconds, or nil when nothing accepts.
    public init?(port: Int, timeout: Double = 2) {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        setTimeout(timeout)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            Glibc.close(descriptor)
            return nil
        }
    }

    deinit { close() }

    /// Read and write timeouts for the calls that follow.
    public func setTimeout(_ seconds: Double) {
        var time = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Sends all of `bytes`; false once the server has closed or reset the connection, or a send
    /// timed out (the server stopped reading).
    @discardableResult
    public func send(_ bytes: [UInt8]) -> Bool {
        guard descriptor >= 0 else { return false }
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }

    @discardableResult
    public func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// What the server sends until it closes the connection or `timeout` seconds pass.
    public func receiveUntilClosed(timeout: Double) -> (bytes: [UInt8], closed: Bool) {
        let deadline = Date().addingTimeInterval(timeout)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while Date() < deadline, descriptor >= 0 {
            setTimeout(max(0.01, deadline.timeIntervalSinceNow))
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received += buffer[..<count]
            } else if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                return (received, true)  // closed (0) or reset
            }
        }
        return (received, false)
    }

    public func close() {
        if descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = -1
    }
}

/// One answered request: status, headers (lower-cased names) and body.
public struct RawHTTPResponse: Sendable {
    public let status: Int
    public let headers: [String: String]
    public let body: String

    /// Parses a whole response as read up to the server's close; nil if it is not one.
    public init?(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { return nil }
        let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let statusLine = lines[0].split(separator: " ")
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), let status = Int(statusLine[1]) else { return nil }
        self.status = status
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        self.headers = headers
        body = String(text[split.upperBound...])
    }
}

/// Sends one well-formed request (`Connection: close`) and reads the answer, all within
/// `timeout` seconds; nil when no complete answer came in time.
public func rawRequest(port: Int, _ method: String = "GET", _ path: String, timeout: Double = 1) -> RawHTTPResponse? {
    let started = Date()
    guard let connection = RawHTTPConnection(port: port, timeout: timeout),
        connection.send("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    else { return nil }
    let (bytes, closed) = connection.receiveUntilClosed(timeout: max(0.001, timeout - Date().timeIntervalSince(started)))
    guard closed else { return nil }
    return RawHTTPResponse(bytes)
}
