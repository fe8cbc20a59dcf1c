import BrokerTestSupport
import Foundation
import Kafka
import Synchronization
import Testing

/// A crawler's trace context and crawl id, sent as input headers, reach the event records a real
/// worker writes to the real broker (`--propagate-header`, issue 21 part 3).
extension RealBrokerTests {
@Suite(.serialized) struct HeaderPropagationTests {
    static let traceparent = KafkaHeader(key: "traceparent", value: Array("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".utf8))
    static let tracestate = KafkaHeader(key: "tracestate", value: Array("crawler=t61rcWkgMzE".utf8))
    static let crawl = KafkaHeader(key: "crawl-id", value: Array("crawl-20261207-hubei".utf8))
    static let fetchMs = KafkaHeader(key: "x-fetch-ms", value: Array("812".utf8))
    static let oversizedCrawl = KafkaHeader(key: "crawl-id", value: [UInt8](repeating: 0x63, count: 2_048))

    /// Writes `records` (value, headers) in order to partition 0 of a fresh one-partition input.
    func load(_ scenario: inout Scenario, _ records: [([UInt8], [KafkaHeader])]) throws {
        try KafkaAdmin(cluster: .init(bootstrapServers: scenario.brokers)).createTopics([(name: scenario.input, partitions: 1)], timeoutMs: 10_000)
        let producer = try KafkaProducer(cluster: .init(bootstrapServers: scenario.brokers), logger: .init(label: "test.headers"))
        for (value, headers) in records {
            let failed = Mutex<KafkaError?>(nil)
            try producer.send(KafkaOutgoingMessage(topic: scenario.input, partition: 0, value: value, headers: headers)) { result in
                if case .failure(let error) = result { failed.withLock { $0 = error } }
            }
            try producer.flush(timeoutMs: 30_000)
            _ = producer.poll(timeoutMs: 0)
            if let error = failed.withLock({ $0 }) { throw error }
        }
        try scenario.recordEnds()
    }

    /// Runs one worker until it is idle at the input's end, and returns its log.
    func drain(_ scenario: Scenario, _ extra: [String] = [], launcher: [String] = []) throws -> String {
        let worker = try scenario.worker(["--exit-when-idle", "3"] + extra, launcher: launcher)
        defer { if worker.process.isRunning { worker.signal(SIGKILL) } }
        #expect(worker.waitForExit(seconds: 120) == 0, "the worker did not finish: \(worker.log.suffix(3_000))")
        return worker.log
    }

    /// The event records of the input record at `offset`: on `articles`, on each article's
    /// `articles.{section}` topic, and on `pages.index`.
    func events(_ scenario: Scenario, offset: Int64) throws -> [KafkaRecord] {
        let source = Array("\(scenario.input)/0/\(offset)".utf8)
        let articles = try scenario.reader.records("articles" + scenario.suffix).filter { $0.header("pagepipe-source") == source }
        var sectionTopics = Set<String>()
        for article in articles {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(article.value)) as? [String: Any])
            let slug = try #require((event["section"] as? [String: Any])?["slug"] as? String)
            sectionTopics.insert("articles.\(slug)")
        }
        let others = try (sectionTopics.sorted() + ["pages.index"]).flatMap { try scenario.reader.records($0 + scenario.suffix) }
        return articles + others.filter { $0.header("pagepipe-source") == source }
    }

    func names(_ record: KafkaRecord) -> [String] { record.headers.map(\.key) }

    @Test func theDefaultSetReachesEveryEventAndAnOversizedValueIsLeftOff() throws {
        var scenario = try Scenario("propagate", brokers: try TestBroker.bootstrap())
        try load(&scenario, [
            (PoisonRecordTests.article(paragraphs: 3, id: 1), [Self.traceparent, Self.fetchMs, Self.tracestate, Self.crawl]),
            (PoisonRecordTests.article(paragraphs: 3, id: 2), [Self.traceparent, Self.oversizedCrawl]),
            (PoisonRecordTests.random(3_000, seed: 21), [Self.traceparent, Self.fetchMs, Self.crawl]),
        ])
        let log = try drain(scenario)

        let first = try events(scenario, offset: 0)
        #expect(first.count == 2, "an article reaches articles and articles.{section}: \(log.suffix(2_000))")
        for record in first {
            #expect(names(record) == [
                "pagepipe-schema", "pagepipe-source", "pagepipe-parser-version", "traceparent", "tracestate", "crawl-id",
            ])
            #expect(Array(record.headers.suffix(3)) == [Self.traceparent, Self.tracestate, Self.crawl])
        }

        let second = try events(scenario, offset: 1)
        #expect(!second.isEmpty, "a page whose propagated header is too large still publishes its events")
        for record in second {
            #expect(record.header("traceparent") == Self.traceparent.value)
            #expect(record.header("crawl-id") == nil, "a 2 KB value is over the 1 KB cap")
        }
        #expect(log.contains("propagated input header over its size cap"), "the worker says it left a header off: \(log.suffix(2_000))")

        // A dead letter keeps every input header, propagated or not, as before.
        let letters = try scenario.reader.records("pages.dlq\(scenario.suffix)")
        #expect(letters.count == 1)
        let letter = try #require(letters.first)
        #expect(Array(letter.headers.prefix(3)) == [Self.traceparent, Self.fetchMs, Self.crawl])
    }

    @Test func theEnvironmentReplacesTheDefaultSet() throws {
        var scenario = try Scenario("propagate-env", brokers: try TestBroker.bootstrap())
        try load(&scenario, [(PoisonRecordTests.article(paragraphs: 3, id: 3), [Self.traceparent, Self.fetchMs, Self.crawl])])
        // env execs the worker in the same process, so the variable reaches it and nothing else changes.
        let log = try drain(scenario, launcher: ["/usr/bin/env", "PAGEPIPE_PROPAGATE_HEADERS=x-fetch-ms, crawl-id"])
        let records = try events(scenario, offset: 0)
        #expect(!records.isEmpty, "\(log.suffix(2_000))")
        for record in records {
            #expect(names(record) == ["pagepipe-schema", "pagepipe-source", "pagepipe-parser-version", "x-fetch-ms", "crawl-id"])
        }
    }

    @Test func theFlagWinsAndNoneCopiesNothing() throws {
        var scenario = try Scenario("propagate-none", brokers: try TestBroker.bootstrap())
        try load(&scenario, [(PoisonRecordTests.article(paragraphs: 3, id: 4), [Self.traceparent, Self.crawl])])
        let log = try drain(scenario, ["--propagate-header", "none"], launcher: ["/usr/bin/env", "PAGEPIPE_PROPAGATE_HEADERS=crawl-id"])
        let records = try events(scenario, offset: 0)
        #expect(!records.isEmpty, "\(log.suffix(2_000))")
        for record in records { #expect(names(record) == ["pagepipe-schema", "pagepipe-source", "pagepipe-parser-version"]) }
    }
}
}
