import BrokerTestSupport
import Foundation
import Kafka
import Testing

/// `pagepipe reprocess`: a fresh group over the input into versioned topics, limited to pages
/// whose own publication date is in range.
extension RealBrokerTests {
@Suite(.serialized) struct ReprocessTests {
    @Test func backfillsOnlyPagesDatedInRangeIntoVersionedTopics() throws {
        let brokers = try TestBroker.bootstrap()
        let unique = UUID().uuidString.prefix(8).lowercased()
        let input = "it.reprocess.\(unique)", suffix = ".v2-\(unique)"
        let corpus = FileManager.default.temporaryDirectory.appendingPathComponent("reprocess-\(unique)").path
        defer { try? FileManager.default.removeItem(atPath: corpus) }
        let written = try runTool(pagepipeBinary, ["corpus", "--count", "300", "--seed", "707", "--broken-fraction", "0", "--out", corpus])
        #expect(written.status == 0, "\(written.output)")
        try KafkaAdmin(cluster: .init(bootstrapServers: brokers)).createTopics([(name: input, partitions: 3)], timeoutMs: 10_000)
        let produced = try runTool(pagepipeBinary, ["produce", "--brokers", brokers, "--topic", input, corpus, "--log-level", "warning"])
        #expect(produced.status == 0, "\(produced.output)")

        // Ground truth from the generator's manifest: pages dated in 2013.
        let manifest = try String(contentsOfFile: corpus + "/manifest.jsonl", encoding: .utf8)
        var expectedArticles = 0, expectedPages = 0
        for line in manifest.split(separator: "\n") {
            let entry = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            guard let date = entry["date"] as? String, date.hasPrefix("2013-") else { continue }
            if entry["kind"] as? String == "article" { expectedArticles += 1 }
            if entry["kind"] as? String == "node" { expectedPages += 1 }
        }
        #expect(expectedArticles > 0 && expectedPages > 0)

        let run = try runTool(pagepipeBinary, [
            "reprocess", "--brokers", brokers, "--input-topic", input, "--pages-dated", "2013-01-01..2013-12-31",
            "--topic-suffix", suffix, "--exit-when-idle", "5", "--session-timeout-ms", "6000", "--heartbeat-interval-ms", "1000",
            "--progress-interval-ms", "0", "--log-level", "warning",
        ])
        #expect(run.status == 0, "\(run.output)")

        let reader = TopicReader(brokers: brokers)
        let articles = try reader.records("articles\(suffix)")
        let pages = try reader.records("pages.index\(suffix)")
        #expect(articles.count == expectedArticles)
        #expect(pages.count == expectedPages)
        for record in articles + pages {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(record.value)) as? [String: Any])
            #expect((event["date"] as? String)?.hasPrefix("2013-") == true)
            #expect(event["parser_version"] as? String != nil)
        }
    }

    /// A backfill runs for hours: it must be as visible as `run`, on the same port flags.
    @Test func servesMetricsAndProbesLikeRunWhenGivenAMetricsPort() async throws {
        let brokers = try TestBroker.bootstrap()
        var scenario = try Scenario("reprocessmetrics", brokers: brokers)
        try scenario.load(pages: 120, seed: 808, partitions: 2)
        let port = (ProcessInfo.processInfo.environment["PAGEPIPE_TEST_METRICS_PORT"].flatMap(Int.init) ?? 19108) + 1
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pagepipeBinary)
        process.arguments = [
            "reprocess", "--brokers", brokers, "--input-topic", scenario.input, "--topic-suffix", scenario.suffix,
            "--exit-when-idle", "8", "--session-timeout-ms", "6000", "--heartbeat-interval-ms", "1000",
            "--progress-interval-ms", "0", "--log-level", "warning", "--metrics-port", String(port), "--metrics-address", "127.0.0.1",
        ]
        let log = Pipe()
        process.standardError = log
        process.standardOutput = log
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        var consumed = 0.0, ready: Int?
        let deadline = Date().addingTimeInterval(90)
        while Date() < deadline, process.isRunning, consumed < 120 || ready != 200 {
            consumed = PrometheusSample.parse(await httpGet(port: port, "/metrics")?.body ?? "").total("pagepipe_pages_consumed_total")
            ready = await httpGet(port: port, "/readyz")?.status
            try await Task.sleep(for: .milliseconds(300))
        }
        #expect(consumed == 120)
        #expect(ready == 200)
        #expect(await httpGet(port: port, "/healthz")?.status == 200)
        #expect(PrometheusSample.parse(await httpGet(port: port, "/metrics")?.body ?? "").total("pagepipe_ready") == 1)
        let output = log.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(String(decoding: output, as: UTF8.self))")
    }
}
}
