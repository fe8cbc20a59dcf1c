import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Kafka
import Testing

/// One sample of Prometheus text: `name{label="value",…} number`.
struct PrometheusSample {
    let name: String
    let labels: [String: String]
    let value: Double

    static func parse(_ text: String) -> [PrometheusSample] {
        text.split(separator: "\n").compactMap { line -> PrometheusSample? in
            guard !line.hasPrefix("#"), let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { return nil }
            let series = line[..<space]
            guard let brace = series.firstIndex(of: "{") else { return PrometheusSample(name: String(series), labels: [:], value: value) }
            var labels: [String: String] = [:]
            for pair in series[series.index(after: brace)..<series.index(before: series.endIndex)].split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                labels[String(parts[0])] = String(parts[1].dropFirst().dropLast())
            }
            return PrometheusSample(name: String(series[..<brace]), labels: labels, value: value)
        }
    }
}

/// GET with a real HTTP client (URLSession); nil when nothing answers.
func httpGet(port: Int, _ path: String) async -> (status: Int, body: String)? {
    guard let url = URL(string: "http://127.0.0.1:\(port)\(path)"),
        let (data, response) = try? await URLSession.shared.data(from: url),
        let http = response as? HTTPURLResponse
    else { return nil }
    return (http.statusCode, String(decoding: data, as: UTF8.self))
}

extension [PrometheusSample] {
    func total(_ name: String, where matches: ([String: String]) -> Bool = { _ in true }) -> Double {
        filter { $0.name == name && matches($0.labels) }.map(\.value).reduce(0, +)
    }
}

extension RealBrokerTests {
/// `pagepipe run --metrics-port`: Prometheus text and probes, read with a real HTTP client
/// (URLSession) while a worker runs against the local broker.
@Suite(.serialized) struct MetricsTests {
    let port = ProcessInfo.processInfo.environment["PAGEPIPE_TEST_METRICS_PORT"].flatMap(Int.init) ?? 19108

    func get(_ path: String) async -> (status: Int, body: String)? {
        await httpGet(port: port, path)
    }

    func metrics() async -> [PrometheusSample] {
        (await get("/metrics")).map { PrometheusSample.parse($0.body) } ?? []
    }

    @Test func countersMatchWhatWasFedLagReturnsToZeroAndReadinessFollowsTheAssignment() async throws {
        let scenario = try Scenario("metrics", pages: 1500, seed: 808, partitions: 4)
        let fed = scenario.ends.values.reduce(0, +)
        let worker = try scenario.worker([
            "--metrics-port", String(port), "--metrics-address", "127.0.0.1", "--log-format", "json", "--concurrency", "1",
        ])
        defer { if worker.process.isRunning { worker.signal(SIGKILL) } }

        // Readiness: answered "not ready" while joining, ready only once partitions are assigned.
        var unreadyBeforeAssignment = false
        var assignedWhenReady = false
        let joinDeadline = Date().addingTimeInterval(60)
        while Date() < joinDeadline {
            guard let ready = await get("/readyz") else { usleep(50_000); continue }
            if ready.status == 200 {
                assignedWhenReady = worker.log.split(separator: "\n").contains { line in
                    line.contains(#""message":"partitions assigned""#) && line.contains(#""count":"4""#)
                }
                break
            }
            #expect(ready.status == 503)
            unreadyBeforeAssignment = true
            usleep(50_000)
        }
        #expect(unreadyBeforeAssignment, "/readyz must say not ready while the worker waits for its assignment")
        #expect(assignedWhenReady, "/readyz was ready before the assignment: \(worker.log.suffix(2000))")

        // During the run: counters move and never exceed what was fed.
        var sawProgressMidRun = false
        let deadline = Date().addingTimeInterval(240)
        var committedEnd = false
        while Date() < deadline, !committedEnd {
            let during = await metrics()
            let consumed = during.total("pagepipe_pages_consumed_total")
            #expect(consumed <= Double(fed))
            if consumed > 0, consumed < Double(fed) { sawProgressMidRun = true }
            committedEnd = (try? scenario.reader.committed(group: scenario.group, topic: scenario.input)) == scenario.ends
            usleep(200_000)
        }
        #expect(committedEnd, "the worker did not finish: \(worker.log.suffix(2000))")
        #expect(sawProgressMidRun, "no scrape landed mid-run")

        // After the run: lag returns to 0 within a few statistics intervals.
        var after: [PrometheusSample] = []
        let lagDeadline = Date().addingTimeInterval(30)
        repeat {
            usleep(500_000)
            after = await metrics()
        } while Date() < lagDeadline
            && !(after.filter { $0.name == "pagepipe_consumer_lag" }.count == 4 && after.total("pagepipe_consumer_lag") == 0)
        let lag = after.filter { $0.name == "pagepipe_consumer_lag" }
        #expect(lag.count == 4 && lag.allSatisfy { $0.value == 0 && $0.labels["topic"] == scenario.input }, "lag: \(lag.map { "\($0.labels) \($0.value)" })")

        let articles = try scenario.reader.endOffsets("articles\(scenario.suffix)").values.reduce(0, +)
        let letters = try scenario.reader.records("pages.dlq\(scenario.suffix)").count
        #expect(after.total("pagepipe_pages_consumed_total") == Double(fed))
        #expect(after.total("pagepipe_events_published_total") { $0["topic"] == "articles\(scenario.suffix)" } == Double(articles))
        #expect(after.total("pagepipe_pages_dead_lettered_total") == Double(letters))
        #expect(letters > 0, "the corpus has broken pages; dead letters must be counted")
        #expect(after.total("pagepipe_in_flight_pages") == 0)
        #expect(after.total("pagepipe_rebalances_total") >= 1)
        #expect(after.total("pagepipe_stage_duration_seconds_count") { $0["stage"] == "decode" } == Double(fed))
        for stage in ["parse", "classify", "publish"] {
            #expect(after.total("pagepipe_stage_duration_seconds_count") { $0["stage"] == stage } > 0, "no \(stage) timings")
        }
        #expect(after.total("pagepipe_kafka_brokers_up") { $0["client"] == "consumer" } >= 1)
        #expect(await get("/healthz")?.status == 200)

        worker.signal(SIGTERM)
        #expect(worker.waitForExit(seconds: 60) == 0, "\(worker.log.suffix(2000))")
        let firstLine = worker.log.split(separator: "\n").first.map(String.init) ?? ""
        let object = try? JSONSerialization.jsonObject(with: Data(firstLine.utf8)) as? [String: Any]
        #expect(object?["level"] as? String == "info" && (object?["message"] as? String)?.contains("librdkafka") == true,
                "--log-format json must write one JSON object per line: \(firstLine)")
        #expect((object?["librdkafka"] as? String)?.isEmpty == false, "metadata must be fields of their own: \(firstLine)")
    }
}
}
