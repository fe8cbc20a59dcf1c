/// Where the raw page blob an event was made from came from.
public enum EventSource: Sendable, Hashable {
    /// A file read by `pagepipe parse` (`-` for standard input).
    case file(path: String)
    /// A Kafka record. `timestampMs` is the record's timestamp (ms since the epoch), nil if unknown.
    case kafka(topic: String, partition: Int32, offset: Int64, timestampMs: Int64?, sourceURL: String?)
}

extension EventSource {
    /// The `source-url` the crawler sent with the page, nil for files and records without one.
    public var sourceURL: String? {
        guard case .kafka(_, _, _, _, let url) = self, let url, !url.isEmpty else { return nil }
        return url
    }
}
