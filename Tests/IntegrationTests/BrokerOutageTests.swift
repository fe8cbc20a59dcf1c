import Foundation
import Kafka
import Testing

extension RealBrokerTests {
/// A worker against a broker that hangs, is not there yet, or goes away for good (issue 11).
/// Each test runs its own broker (`PrivateBroker`), never the shared one.
@Suite(.serialized) struct BrokerOutageTests {
    /// Waits until the group has committed the input's end; false after `seconds`.
    func waitForCommittedEnd(_ scenario: Scenario, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if (try? scenario.reader.committed(group: scenario.group, topic: scenario.input)) == scenario.ends { return true }
            usleep(500_000)
        }
        return false
    }

    /// One worker with a small in-flight budget, so that while the broker hangs the budget fills
    /// and the worker pauses its partitions, as in the issue; the broker is frozen mid-stream.
    func freezeMidStream(name: String, freezeSeconds: Double) throws -> String {
        let broker = PrivateBroker()
        try broker.start()
        defer { try? broker.stop() }
        // Enough pages that the freeze lands mid-stream on a quiet machine too, where the worker
        // reads a thousand pages a second: the budget must fill while the broker is frozen.
        let pages = 10_000
        let scenario = try Scenario(name, pages: pages, seed: 909, partitions: 4, brokers: broker.address)
        let worker = try scenario.worker(["--max-in-flight", "64", "--concurrency", "2", "--drain-timeout-ms", "20000"])
        scenario.waitForArticles(atLeast: 400)
        let committedBefore = (try? scenario.reader.committed(group: scenario.group, topic: scenario.input))?.values.reduce(0, +) ?? 0
        try broker.freeze(seconds: freezeSeconds)

        let caughtUp = waitForCommittedEnd(scenario, seconds: 240)
        worker.signal(SIGTERM)
        let status = worker.waitForExit(seconds: 60)
        let log = worker.log
        #expect(caughtUp, "after a \(freezeSeconds) s freeze the group never committed the input's end: \(log.suffix(3000))")
        #expect(status == 0, "the worker must drain and exit 0 after the outage: \(log.suffix(2000))")
        #expect(committedBefore < pages, "the freeze should land mid-stream (\(committedBefore) pages committed before it)")
        #expect(log.contains("pausing consumption"), "the in-flight budget should have filled during the freeze")

        let (sources, identical) = try scenario.outputs()
        try scenario.expectNothingLost(sources)
        #expect(identical, "a redelivered page produced different bytes")
        #expect(scenario.articlesOut > 0)
        return log
    }

    /// SIGTERM while the broker is frozen with pages in flight: every wait of the stop (the drain,
    /// the commit, the revoke, leaving the group) ends by one deadline, so the worker exits within
    /// the drain timeout plus the grace for leaving the group and a commit already waiting. It
    /// used to hang in librdkafka's commit and close until the broker came back.
    @Test func sigtermWithTheBrokerFrozenEndsWithinTheShutdownBudget() throws {
        let broker = PrivateBroker()
        try broker.start()
        defer { try? broker.stop() }
        let scenario = try Scenario("frozen-stop", pages: 4000, seed: 911, partitions: 4, brokers: broker.address)
        let drainMs = 4_000
        let worker = try scenario.worker(["--drain-timeout-ms", String(drainMs)])
        defer { if worker.process.isRunning { worker.signal(SIGKILL) } }
        scenario.waitForArticles(atLeast: 200)
        let pid = try #require(broker.pid)
        kill(pid, SIGSTOP)
        defer { kill(pid, SIGCONT) }
        usleep(500_000)
        let started = Date()
        worker.signal(SIGTERM)
        // Drain deadline + a commit already waiting in the poll loop (2 s) + leaving the group (5 s),
        // with room for a loaded machine; before, the worker waited for the broker for ever.
        let budget = Double(drainMs) / 1000 + 2 + 5
        let status = worker.waitForExit(seconds: budget + 20)
        let took = Date().timeIntervalSince(started)
        #expect(status == 0, "exit \(String(describing: status)) after \(took) s: \(worker.log.suffix(3000))")
        #expect(took < budget + 20)
    }

    @Test func aFreezeLongerThanTheSessionTimeoutLosesNothingAndTheWorkerCarriesOn() throws {
        let log = try freezeMidStream(name: "freeze-long", freezeSeconds: 20)
        #expect(log.contains("partitions lost") || log.contains("partitions revoked"), "a 20 s freeze must cost the 6 s session: \(log.suffix(3000))")
        #expect(log.components(separatedBy: "partitions assigned").count >= 3, "the worker must be assigned again after the freeze")
    }

    @Test func aFreezeShorterThanTheSessionTimeoutLosesNothing() throws {
        _ = try freezeMidStream(name: "freeze-short", freezeSeconds: 3)
    }

    @Test func aWorkerStartedBeforeItsBrokerWaitsAndThenWorks() throws {
        let broker = PrivateBroker()
        try broker.stop()
        var scenario = try Scenario("late-broker", brokers: broker.address)
        // The local broker keeps topics in memory, so the input topic appears only after the broker
        // does (a real cluster has it when it comes back); a short metadata refresh lets the worker
        // see it within seconds instead of librdkafka's 5 minutes.
        let worker = try scenario.worker(["--broker-down-timeout-ms", "120000", "-X", "topic.metadata.refresh.interval.ms=2000"])
        sleep(8)
        #expect(worker.process.isRunning, "a worker must wait for its broker, not give up: \(worker.log.suffix(2000))")

        try broker.start()
        defer { try? broker.stop() }
        try scenario.load(pages: 500, seed: 404, partitions: 4)
        let caughtUp = waitForCommittedEnd(scenario, seconds: 120)
        worker.signal(SIGTERM)
        #expect(worker.waitForExit(seconds: 60) == 0, "\(worker.log.suffix(2000))")
        #expect(caughtUp, "the worker never processed the pages once the broker came: \(worker.log.suffix(3000))")
        let (sources, _) = try scenario.outputs()
        try scenario.expectNothingLost(sources)
    }

    @Test func aBrokerThatNeverComesBackMakesTheWorkerUnreadyThenExitNonZeroSayingWhy() async throws {
        let broker = PrivateBroker()
        try broker.start()
        let scenario = try Scenario("broker-gone", pages: 300, seed: 505, partitions: 4, brokers: broker.address)
        let metricsPort = broker.port + 1
        let worker = try scenario.worker([
            "--broker-down-timeout-ms", "25000", "--drain-timeout-ms", "5000",
            "--metrics-port", String(metricsPort), "--metrics-address", "127.0.0.1",
        ])
        let caughtUp = waitForCommittedEnd(scenario, seconds: 120)
        let readyBefore = await httpGet(port: metricsPort, "/readyz")?.status
        try broker.stop()

        // Unready first for the lost assignment (the session times out after 6 s), then for the
        // silence itself (15 s), until the worker gives up (25 s).
        var unreadyReasons: Set<String> = []
        var readyGaugeWhileUnready: Set<Double> = []
        while worker.process.isRunning {
            if let answer = await httpGet(port: metricsPort, "/readyz"), answer.status == 503 {
                unreadyReasons.insert(answer.body.trimmingCharacters(in: .whitespacesAndNewlines).replacing(/[0-9]+ s/, with: "N s"))
                // Unready stays unready until the exit, so the next scrape must say so too (alerts read it).
                if let scrape = await httpGet(port: metricsPort, "/metrics") {
                    readyGaugeWhileUnready.insert(PrometheusSample.parse(scrape.body).total("pagepipe_ready"))
                }
            }
            usleep(250_000)
        }
        #expect(readyGaugeWhileUnready == [0], "pagepipe_ready must be 0 while /readyz answers 503: \(readyGaugeWhileUnready)")
        let status = worker.waitForExit(seconds: 120)
        let log = worker.log
        #expect(caughtUp, "\(log.suffix(2000))")
        #expect(readyBefore == 200)
        #expect(unreadyReasons.contains { $0.contains("no broker has answered") }, "/readyz must name the outage: \(unreadyReasons)")
        #expect(status != nil && status != 0, "the worker must exit non-zero once the deadline passes: \(log.suffix(2000))")
        #expect(log.contains("PAGEPIPE_BROKER_DOWN_TIMEOUT_MS"), "the message must name the setting: \(log.suffix(2000))")
    }
}
}
