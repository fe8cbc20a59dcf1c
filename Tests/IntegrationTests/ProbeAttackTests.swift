import Foundation
import HTTPAttackSupport
import Synchronization
import Testing

/// Hostile clients on a running worker's metrics port (issue 18): every kind of client that once
/// froze the probes (a 512 KB request line froze FlyingFox for minutes; 300 idle connections under
/// `ulimit -n 256` killed its listener). While they attack, /healthz must answer within a second,
/// as a Kubernetes liveness probe (timeoutSeconds 1) demands, and SIGTERM must still end the worker.
final class ProbeAttack: @unchecked Sendable {
    let port: Int
    private let stopped = Atomic<Bool>(false)
    private let group = DispatchGroup()
    /// Idle connections held open, kept here so they stay open until `stop()`.
    private let held = Mutex<[RawHTTPConnection]>([])

    init(port: Int) { self.port = port }

    var isStopped: Bool { stopped.load(ordering: .relaxed) }

    /// Runs `body` on its own thread until `stop()`; a body that returns is started again, as an
    /// attacker reconnects when the server closes on it. Each round is bounded by the server's
    /// timeouts or by `isStopped`, so no attacker outlives the test.
    func repeatedly(_ body: @escaping @Sendable (ProbeAttack) -> Void) {
        DispatchQueue.global().async(group: group) { [self] in
            while !isStopped { body(self) }
        }
    }

    /// One request line of `bytes` bytes, sent whole; then waits for the server to close.
    func longLine(bytes: Int) {
        repeatedly { attack in
            guard let connection = RawHTTPConnection(port: attack.port, timeout: 2) else {
                usleep(100_000)
                return
            }
            connection.send("GET /" + String(repeating: "a", count: bytes) + " HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = connection.receiveUntilClosed(timeout: 2)
        }
    }

    /// A request line that never ends: 64 KB after 64 KB until the server closes the connection.
    func endlessLine() {
        repeatedly { attack in
            guard let connection = RawHTTPConnection(port: attack.port, timeout: 2) else {
                usleep(100_000)
                return
            }
            var chunk = Array("GET /".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 65536)
            while !attack.isStopped, connection.send(chunk) { chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 65536) }
        }
    }

    /// Slowloris: a request head one byte every 100 ms, never finished.
    func slowloris() {
        repeatedly { attack in
            guard let connection = RawHTTPConnection(port: attack.port, timeout: 2) else {
                usleep(100_000)
                return
            }
            let head = Array(("GET /healthz HTTP/1.1\r\nHost: slow\r\n" + String(repeating: "X-Slow: 1\r\n", count: 1000)).utf8)
            for byte in head where !attack.isStopped {
                guard connection.send([byte]) else { return }
                usleep(100_000)
            }
        }
    }

    /// `count` connections that send nothing, opened at once and held.
    func idle(_ count: Int) {
        for _ in 0..<count {
            guard let connection = RawHTTPConnection(port: port, timeout: 2) else { continue }
            held.withLock { $0.append(connection) }
        }
    }

    /// New connections, `perRound` at a time, opened and dropped without a word: a flood past the cap.
    func flood(perRound: Int) {
        repeatedly { attack in
            let connections = (0..<perRound).compactMap { _ in RawHTTPConnection(port: attack.port, timeout: 1) }
            usleep(200_000)
            withExtendedLifetime(connections) {}
        }
    }

    /// Stops every attacker and closes what they hold; returns once their threads have finished.
    func stop() {
        stopped.store(true, ordering: .relaxed)
        _ = group.wait(timeout: .now() + 10)
        held.withLock { connections in
            for connection in connections { connection.close() }
            connections = []
        }
    }
}

/// Probes /healthz every 200 ms for `seconds`; returns the probes that got no 200 within 1 s.
func probeFailures(port: Int, seconds: Double) -> (probes: Int, failures: [String]) {
    var failures: [String] = []
    var probes = 0
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        let started = Date()
        let answer = rawRequest(port: port, "GET", "/healthz", timeout: 1)
        let took = Date().timeIntervalSince(started)
        probes += 1
        if answer?.status != 200 || took > 1 {
            failures.append(String(format: "%.2f s: %@", took, answer.map { "status \($0.status)" } ?? "no answer within 1 s"))
        }
        usleep(UInt32(max(0, 0.2 - took) * 1_000_000))
    }
    return (probes, failures)
}

/// Waits up to `seconds` for /healthz to answer 200 (the worker starting up).
func waitForHealthz(port: Int, seconds: Double) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if rawRequest(port: port, "GET", "/healthz", timeout: 1)?.status == 200 { return true }
        usleep(200_000)
    }
    return false
}

extension RealBrokerTests {
@Suite(.serialized) struct ProbeAttackTests {
    let port = ProcessInfo.processInfo.environment["PAGEPIPE_TEST_PROBE_PORT"].flatMap(Int.init) ?? 19111
    /// The drain budget given to the workers here, and what stopping the metrics server may add
    /// (OperationsConfiguration.stopTimeoutMs), plus closing the Kafka clients.
    let drainTimeoutMs = 5000
    var shutdownBudgetSeconds: Double { Double(drainTimeoutMs) / 1000 + 2 + 8 }

    @Test func probesAnswerWithinASecondUnderEveryAttackAndSigtermStillExits() throws {
        let scenario = try Scenario("probe-attack", pages: 300, seed: 1818, partitions: 2)
        let worker = try scenario.worker([
            "--metrics-port", String(port), "--metrics-address", "127.0.0.1", "--drain-timeout-ms", String(drainTimeoutMs),
        ])
        defer { if worker.process.isRunning { worker.signal(SIGKILL) } }
        try #require(waitForHealthz(port: port, seconds: 60), "the worker never served /healthz: \(worker.log.suffix(2000))")

        let attack = ProbeAttack(port: port)
        attack.longLine(bytes: 1 << 20)
        attack.longLine(bytes: 1 << 20)
        attack.endlessLine()
        attack.endlessLine()
        for _ in 0..<5 { attack.slowloris() }
        attack.idle(300)
        attack.flood(perRound: 100)
        let (probes, failures) = probeFailures(port: port, seconds: 10)
        #expect(failures.isEmpty, "\(failures.count) of \(probes) probes failed under attack: \(failures.prefix(10))")
        #expect(probes >= 20)
        #expect(worker.process.isRunning, "the worker died under the attack: \(worker.log.suffix(2000))")

        // SIGTERM while hostile clients are still connected: the worker drains and exits in budget.
        let started = Date()
        worker.signal(SIGTERM)
        let status = worker.waitForExit(seconds: shutdownBudgetSeconds)
        let took = Date().timeIntervalSince(started)
        attack.stop()
        #expect(status == 0, "SIGTERM under attack: exit \(String(describing: status)) after \(took) s (budget \(shutdownBudgetSeconds) s): \(worker.log.suffix(2000))")
    }

    /// A second signal exits at once, even while the first one's drain is stuck: the broker is
    /// frozen (SIGSTOP), so the drain cannot flush or commit, and a hostile client holds the port.
    @Test func aSecondSigtermExitsAtOnceWhileTheDrainIsStuck() throws {
        let broker = PrivateBroker()
        try broker.start()
        defer { try? broker.stop() }
        var scenario = try Scenario("probe-second-signal", brokers: broker.address)
        try scenario.load(pages: 200, seed: 1819, partitions: 2)
        let worker = try scenario.worker([
            "--metrics-port", String(port), "--metrics-address", "127.0.0.1", "--drain-timeout-ms", "60000",
        ])
        defer { if worker.process.isRunning { worker.signal(SIGKILL) } }
        try #require(waitForHealthz(port: port, seconds: 60), "the worker never served /healthz: \(worker.log.suffix(2000))")
        scenario.waitForArticles(atLeast: 1)

        let attack = ProbeAttack(port: port)
        attack.endlessLine()
        attack.idle(50)
        defer { attack.stop() }
        let pid = try #require(broker.pid)
        kill(pid, SIGSTOP)
        defer { kill(pid, SIGCONT) }

        worker.signal(SIGTERM)
        usleep(1_500_000)
        #expect(worker.process.isRunning, "with the broker frozen the drain should still be waiting: \(worker.log.suffix(2000))")
        let started = Date()
        worker.signal(SIGTERM)
        let status = worker.waitForExit(seconds: 2)
        #expect(status == 130, "a second SIGTERM must exit at once: \(String(describing: status)) after \(Date().timeIntervalSince(started)) s: \(worker.log.suffix(2000))")
        #expect(worker.log.contains("second SIGTERM, exiting without draining"))
    }

    /// Under `ulimit -n 256` (prlimit), 300 idle connections are more than the process may open.
    /// The server keeps its connections under a quarter of the limit, so probes get in during the
    /// flood, the worker keeps its descriptors for Kafka, and the listener is alive after it.
    @Test func theListenerSurvivesFileDescriptorPressure() throws {
        let scenario = try Scenario("probe-fd-pressure", pages: 100, seed: 1820, partitions: 2)
        let worker = try scenario.worker(
            ["--metrics-port", String(port), "--metrics-address", "127.0.0.1", "--drain-timeout-ms", String(drainTimeoutMs)],
            launcher: ["/usr/bin/prlimit", "--nofile=256:256"])
        defer { if worker.process.isRunning { worker.signal(SIGKILL) } }
        try #require(waitForHealthz(port: port, seconds: 60), "the worker never served /healthz: \(worker.log.suffix(2000))")

        let attack = ProbeAttack(port: port)
        attack.idle(300)
        attack.flood(perRound: 100)
        let during = probeFailures(port: port, seconds: 5)
        attack.stop()
        let after = probeFailures(port: port, seconds: 3)
        #expect(during.failures.isEmpty, "\(during.failures.count) of \(during.probes) probes failed during the flood: \(during.failures.prefix(10))")
        #expect(after.failures.isEmpty, "the listener did not recover after the flood: \(after.failures.prefix(10))")
        #expect(scenario.waitForCommittedEnds(stallSeconds: 60), "the worker stopped working under fd pressure: \(worker.log.suffix(2000))")

        worker.signal(SIGTERM)
        #expect(worker.waitForExit(seconds: shutdownBudgetSeconds) == 0, "\(worker.log.suffix(2000))")
    }
}
}
