import Foundation
import HTTPAttackSupport
import Logging
import Operations
import PageWorker
import Prometheus
import Testing

/// The probe server in this process on a port of its own, asked by raw-socket clients: what each
/// path and method answers, and that its bounds (head size, connection cap, deadline, stop) hold.
@Suite struct OperationsServerTests {
    static let healthy = WorkerHealth(
        pollLoopSilentMs: 5, brokerSilentMs: 100, assignedPartitions: 2, groupSettled: true, stopping: false,
        contactLimitMs: 15_000)

    /// Starts a server on a free port with one counter in its registry; stopped by the caller.
    func startServer(_ adjust: (inout OperationsConfiguration) -> Void = { _ in }) throws -> (OperationsServer, Int) {
        let registry = PrometheusCollectorRegistry()
        registry.makeCounter(descriptor: MetricNameDescriptor(metricName: "probe_test", unitName: "total", helpText: "a counter to find in /metrics"))
            .increment(by: Int64(3))
        var configuration = OperationsConfiguration(port: 0, address: "127.0.0.1")
        adjust(&configuration)
        let server = try OperationsServer(
            configuration: configuration, registry: registry, health: { Self.healthy }, logger: Logger(label: "test"))
        try server.start()
        return (server, try #require(server.boundPort))
    }

    @Test func headAndGetAnswerTheSameWithoutABodyForHead() throws {
        let (server, port) = try startServer()
        defer { server.stop() }
        let get = try #require(rawRequest(port: port, "GET", "/metrics"))
        let head = try #require(rawRequest(port: port, "HEAD", "/metrics"))
        #expect(get.status == 200 && get.body.contains("probe_test_total 3"), "\(get.body)")
        #expect(head.status == 200)
        #expect(head.headers["content-type"] == get.headers["content-type"])
        #expect(head.headers["content-length"] == String(get.body.utf8.count))
        #expect(head.body.isEmpty)
        #expect(rawRequest(port: port, "HEAD", "/healthz")?.status == 200)
        #expect(rawRequest(port: port, "GET", "/readyz")?.body == "ready\n")
    }

    @Test func pathsAreCaseSensitiveAndOnlyGetAndHeadAreServed() throws {
        let (server, port) = try startServer()
        defer { server.stop() }
        #expect(rawRequest(port: port, "GET", "/METRICS")?.status == 404)
        #expect(rawRequest(port: port, "GET", "/Healthz")?.status == 404)
        #expect(rawRequest(port: port, "GET", "/metrics/")?.status == 404)
        #expect(rawRequest(port: port, "GET", "/metrics?name=x")?.status == 200, "a query string does not change the path")
        let post = try #require(rawRequest(port: port, "POST", "/healthz"))
        #expect(post.status == 405 && post.headers["allow"] == "GET, HEAD")
    }

    @Test func aHeadOverTheLimitIsRefusedAndTheServerGoesOn() throws {
        let (server, port) = try startServer()
        defer { server.stop() }
        let client = try #require(RawHTTPConnection(port: port))
        client.send("GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1\r\nHost: x\r\n\r\n")
        let (bytes, closed) = client.receiveUntilClosed(timeout: 2)
        #expect(closed, "an over-long request line must end the connection")
        // The server may close before the client reads its answer (unread bytes make a reset).
        if let answer = RawHTTPResponse(bytes) { #expect(answer.status == 431) }
        // Many headers that add up to more than the limit: the same.
        let headers = try #require(RawHTTPConnection(port: port))
        headers.send("GET /healthz HTTP/1.1\r\n" + String(repeating: "X-Filler: 0123456789012345678901234567890123456789\r\n", count: 200) + "\r\n")
        #expect(headers.receiveUntilClosed(timeout: 2).closed)
        #expect(rawRequest(port: port, "GET", "/healthz")?.status == 200)
    }

    @Test func aClientThatNeverFinishesItsRequestIsClosedAtTheDeadline() throws {
        let (server, port) = try startServer { $0.connectionDeadlineMs = 500; $0.readTimeoutMs = 2000 }
        defer { server.stop() }
        let slow = try #require(RawHTTPConnection(port: port))
        let started = Date()
        var stillOpen = true
        // A byte every 100 ms: never silent long enough for the read timeout, so only the deadline
        // can end it. The request takes 3 s to send, and the client keeps at it for 12 s, far past
        // the 0.5 s deadline: room for a loaded machine, while a server without the deadline keeps
        // the connection open throughout.
        let request = Array("GET /healthz HTTP/1.1\r\nX-Slow: ".utf8) + Array(repeating: UInt8(ascii: "a"), count: 200)
        for byte in request where stillOpen {
            stillOpen = slow.send([byte])
            usleep(100_000)
            if Date().timeIntervalSince(started) > 12 { break }
        }
        #expect(!stillOpen || slow.receiveUntilClosed(timeout: 0.2).closed, "a slowloris client outlived the connection deadline")
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func aSilentClientIsClosedAfterTheReadTimeout() throws {
        let (server, port) = try startServer { $0.readTimeoutMs = 300 }
        defer { server.stop() }
        let silent = try #require(RawHTTPConnection(port: port))
        #expect(silent.receiveUntilClosed(timeout: 3).closed)
    }

    @Test func idleConnectionsBeyondTheCapNeverLockProbesOut() throws {
        let (server, port) = try startServer { $0.maxConnections = 8; $0.readTimeoutMs = 30_000; $0.connectionDeadlineMs = 30_000 }
        defer { server.stop() }
        let idle = (0..<40).compactMap { _ in RawHTTPConnection(port: port) }
        #expect(idle.count == 40)
        for _ in 0..<5 {
            #expect(rawRequest(port: port, "GET", "/healthz", timeout: 1)?.status == 200)
        }
        // The oldest idle connections were closed to make room; the newest are still open.
        #expect(idle[0].receiveUntilClosed(timeout: 1).closed)
        withExtendedLifetime(idle) {}
    }

    @Test func stopReturnsPromptlyWithHostileClientsConnected() throws {
        let (server, port) = try startServer { $0.readTimeoutMs = 60_000; $0.connectionDeadlineMs = 60_000 }
        let endless = try #require(RawHTTPConnection(port: port))
        endless.send("GET /" + String(repeating: "a", count: 4000))
        let silent = (0..<10).compactMap { _ in RawHTTPConnection(port: port) }
        let started = Date()
        server.stop()
        #expect(Date().timeIntervalSince(started) < 3, "stop() waits at most its stop timeout (2 s)")
        #expect(endless.receiveUntilClosed(timeout: 1).closed)
        #expect(RawHTTPConnection(port: port, timeout: 1) == nil, "the listener is closed")
        withExtendedLifetime(silent) {}
    }
}
