import Kafka
import PageCore
import PageCorpus
import PageWorker
import Testing
import TopicContract

/// Which input headers reach the event records a page becomes (`PageOutput`, `HeaderPropagation`).
struct HeaderPropagationTests {
    static let processor = try! PageProcessor()
    static let traceparent = KafkaHeader(key: "traceparent", value: Array("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".utf8))
    static let crawl = KafkaHeader(key: "crawl-id", value: Array("crawl-2026-12-07".utf8))
    static let unrelated = KafkaHeader(key: "x-fetch-ms", value: Array("812".utf8))

    /// A corpus page that yields events, with the given headers after its hints.
    func record(headers: [KafkaHeader]) -> KafkaRecord {
        let page = CorpusGenerator(options: CorpusOptions(count: 1, seed: 7, brokenFraction: 0)).page(at: 0)
        var all: [KafkaHeader] = []
        if let encoding = page.hints.contentEncoding { all.append(KafkaHeader(key: "content-encoding", value: Array(encoding.utf8))) }
        if let type = page.hints.contentType { all.append(KafkaHeader(key: "content-type", value: Array(type.utf8))) }
        return KafkaRecord(
            topic: "pages.raw", partition: 2, offset: 9, timestampMs: nil, key: Array(page.fileName.utf8), value: page.blob,
            headers: all + headers)
    }

    func output(_ record: KafkaRecord, _ propagation: HeaderPropagation) throws -> PageOutput {
        var timings = StageTimings()
        return try PageOutput(record: record, processor: Self.processor, router: TopicRouter(), propagation: propagation, timings: &timings)
    }

    @Test func theDefaultSetReachesEveryRecordAfterPagepipesOwnHeaders() throws {
        let output = try output(record(headers: [Self.traceparent, Self.unrelated, Self.crawl]), .default)
        #expect(!output.messages.isEmpty)
        for message in output.messages {
            #expect(message.headers.map(\.key) == [
                "pagepipe-schema", "pagepipe-source", "pagepipe-parser-version", "traceparent", "crawl-id",
            ])
            #expect(message.headers.suffix(2) == [Self.traceparent, Self.crawl], "values are copied unchanged")
        }
        #expect(output.oversizedHeaders.isEmpty)
    }

    @Test func namedHeadersReplaceTheDefaultAndNoneCopiesNothing() throws {
        let input = record(headers: [Self.traceparent, Self.unrelated])
        let named = try output(input, HeaderPropagation(names: ["x-fetch-ms"]))
        for message in named.messages { #expect(message.headers.last == Self.unrelated && !message.headers.contains(Self.traceparent)) }
        let none = try output(input, .none)
        for message in none.messages { #expect(message.headers.count == 3) }
    }

    /// A header over the cap is left off and reported; the page still publishes its events.
    @Test func anOversizedHeaderIsLeftOffAndReported() throws {
        let atCap = KafkaHeader(key: "tracestate", value: [UInt8](repeating: 0x61, count: HeaderPropagation.defaultMaxValueBytes))
        let overCap = KafkaHeader(key: "crawl-id", value: [UInt8](repeating: 0x62, count: HeaderPropagation.defaultMaxValueBytes + 1))
        let output = try output(record(headers: [atCap, overCap]), .default)
        #expect(output.oversizedHeaders == ["crawl-id"])
        #expect(!output.messages.isEmpty)
        for message in output.messages {
            #expect(message.headers.contains(atCap))
            #expect(!message.headers.contains { $0.key == "crawl-id" })
        }
    }
}
