// Linux only, as the worker is (its image and CI are Debian).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One blocking HTTP/1.1 POST over a fresh TCP connection, for the span exporter's own queue.
/// Plain sockets, not swift-nio's client or URLSession: an export every second needs no pooling,
/// and this keeps the exporter's build cost near zero (see `OTLPTracer`).
enum HTTPPost {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func send(_ body: [UInt8], contentType: String, to endpoint: OTLPEndpoint, timeoutMs: Int) throws(Failure) {
        let socket = try connect(host: endpoint.host, port: endpoint.port, timeoutMs: timeoutMs)
        defer { close(socket) }
        let head = "POST \(endpoint.tracesPath) HTTP/1.1\r\nHost: \(endpoint.host):\(endpoint.port)\r\n"
            + "Content-Type: \(contentType)\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        try write(socket, Array(head.utf8) + body)
        let status = try readStatus(socket)
        guard (200..<300).contains(status) else { throw Failure(description: "the collector answered HTTP \(status)") }
    }

    private static func connect(host: String, port: Int, timeoutMs: Int) throws(Failure) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let resolved = getaddrinfo(host, String(port), &hints, &list)
        guard resolved == 0, let first = list else {
            throw Failure(description: "cannot resolve \(host): \(String(cString: gai_strerror(resolved)))")
        }
        defer { freeaddrinfo(list) }
        var timeout = timeval(tv_sec: timeoutMs / 1000, tv_usec: Int((timeoutMs % 1000) * 1000))
        var lastError = "no address"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            entry = address.pointee.ai_next
            let socket = Glibc.socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
            guard socket >= 0 else { continue }
            // Linux applies SO_SNDTIMEO to connect too, so a collector that never answers costs one timeout.
            setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            if Glibc.connect(socket, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 { return socket }
            lastError = String(cString: strerror(errno))
            close(socket)
        }
        throw Failure(description: "cannot connect to \(host):\(port): \(lastError)")
    }

    private static func write(_ socket: Int32, _ bytes: [UInt8]) throws(Failure) {
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "sending failed: \(String(cString: strerror(errno)))")
            }
            sent += count
        }
    }

    /// Reads up to the end of the status line and returns its code; the rest is not needed.
    private static func readStatus(_ socket: Int32) throws(Failure) -> Int {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 512)
        while !received.contains(0x0A), received.count < 8192 {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                throw Failure(description: count == 0 ? "the collector closed the connection without an answer" : "no answer: \(String(cString: strerror(errno)))")
            }
            received += buffer.prefix(count)
        }
        // "HTTP/1.1 200 OK"
        let line = String(decoding: received.prefix { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self)
        let parts = line.split(separator: " ")
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let status = Int(parts[1]) else {
            throw Failure(description: "not an HTTP answer: \(line.prefix(80))")
        }
        return status
    }
}
