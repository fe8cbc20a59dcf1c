import Kafka

/// Which input headers travel from a raw page onto every record its events become, so a crawler's
/// trace context and crawl-job id reach the consumers of `articles` and `pages.index` as they
/// already reach the dead-letter topic (which keeps every input header).
///
/// Names match exactly (Kafka header names are case-sensitive bytes; W3C Trace Context spells its
/// headers in lower case). Every occurrence of a named header is copied, in the input's order,
/// after pagepipe's own headers. A value over `maxValueBytes` is left out: one propagated header
/// is copied onto every event of the page (often a dozen records), and an unbounded one would
/// turn a valid page into `publish/eventTooLarge`; trace context is at most a few hundred bytes
/// (`traceparent` 55, `tracestate` at most 32 members of 256 bytes), so a larger value is junk.
public struct HeaderPropagation: Sendable, Equatable {
    /// The input header names to copy.
    public var names: [String]
    /// The largest value copied; a larger one is skipped (and reported, see `PageOutput`).
    public var maxValueBytes: Int

    /// W3C Trace Context's two headers, and the crawl-job id a crawler puts on every page of one crawl.
    public static let defaultNames = ["traceparent", "tracestate", PagepipeHeader.crawlID]
    /// 1 KiB: four times `tracestate`'s usual size, and the size a reference dead letter keeps per header.
    public static let defaultMaxValueBytes = 1024

    public static let `default` = HeaderPropagation(names: defaultNames)
    public static let none = HeaderPropagation(names: [])

    public init(names: [String], maxValueBytes: Int = defaultMaxValueBytes) {
        self.names = names
        self.maxValueBytes = maxValueBytes
    }

    /// The headers of `record` to copy, and the names of those left out for their size.
    public func headers(from record: KafkaRecord) -> (copied: [KafkaHeader], oversized: [String]) {
        guard !names.isEmpty else { return ([], []) }
        var copied: [KafkaHeader] = []
        var oversized: [String] = []
        for header in record.headers where names.contains(header.key) {
            if (header.value?.count ?? 0) > maxValueBytes {
                oversized.append(header.key)
            } else {
                copied.append(header)
            }
        }
        return (copied, oversized)
    }
}
