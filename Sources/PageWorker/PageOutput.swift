import Kafka
import PageCore
import PageDecode
import PageModel
import TopicContract

/// What one consumed page becomes: the page core's events for it and one outgoing record per
/// (event, routed topic), each with the headers every event carries. The worker's lanes and the
/// bench's worker path (`pagepipe-bench --worker-path`) both build pages here, so the bench
/// measures the worker's own path.
public struct PageOutput: Sendable {
    /// The events to publish, after the `pagesDated` filter.
    public let events: [PagepipeEvent]
    /// Empty when the page is outside `pagesDated` or the router sends its events nowhere.
    public let messages: [KafkaOutgoingMessage]
    /// Input headers `propagation` names that were left off the events for their size.
    public let oversizedHeaders: [String]

    /// Reads the blob's hints and the event source from the record and its headers, runs the page
    /// core and routes every event, each record carrying the input headers `propagation` names and
    /// then `annotations` (a re-drive names the letter it read). Throws the page core's error for a
    /// page to dead-letter.
    public init(
        record: KafkaRecord, processor: PageProcessor, router: TopicRouter, pagesDated: ClosedRange<PageDate>? = nil,
        propagation: HeaderPropagation = .default, annotations: [KafkaHeader] = [], timings: inout StageTimings
    ) throws(PageError) {
        let hints = BlobHints(
            contentEncoding: record.header(PagepipeHeader.contentEncoding).map { String(decoding: $0, as: UTF8.self) },
            contentType: record.header(PagepipeHeader.contentType).map { String(decoding: $0, as: UTF8.self) }
        )
        let source = EventSource.kafka(
            topic: record.topic, partition: record.partition, offset: record.offset, timestampMs: record.timestampMs,
            sourceURL: record.header(PagepipeHeader.sourceURL).map { String(decoding: $0, as: UTF8.self) }
        )
        var events = try processor.process(record.value, hints: hints, source: source, timings: &timings)
        if let pagesDated {
            events.removeAll { event in
                let date: String? = switch event {
                case .article(let article): article.date
                case .page(let page): page.date
                }
                return !(date.flatMap { try? PageDate($0) }.map(pagesDated.contains) ?? false)
            }
        }
        self.events = events
        let propagated = events.isEmpty ? (copied: [], oversized: []) : propagation.headers(from: record)
        self.oversizedHeaders = propagated.oversized
        self.messages = Self.messages(for: events, from: record, router: router, extra: propagated.copied + annotations)
    }

    private static func messages(
        for events: [PagepipeEvent], from record: KafkaRecord, router: TopicRouter, extra: [KafkaHeader]
    ) -> [KafkaOutgoingMessage] {
        guard !events.isEmpty else { return [] }
        let sourceHeader = KafkaHeader(key: PagepipeHeader.source, value: Array("\(record.topic)/\(record.partition)/\(record.offset)".utf8))
        let versionHeader = KafkaHeader(key: PagepipeHeader.parserVersion, value: Array(PageProcessor.parserVersion.utf8))
        var messages: [KafkaOutgoingMessage] = []
        for event in events {
            let value = event.jsonBytes()
            let headers = [KafkaHeader(key: PagepipeHeader.schema, value: Array(event.schema.utf8)), sourceHeader, versionHeader] + extra
            for topic in router.topics(for: event) {
                messages.append(KafkaOutgoingMessage(topic: topic, key: Array(event.id.utf8), value: value, headers: headers))
            }
        }
        return messages
    }
}
