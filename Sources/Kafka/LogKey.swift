/// Metadata keys for pagepipe's log lines, shared by every target that logs (swift-log's structured
/// logging, as swift-kafka-client's `KafkaLoggingKeys`): the message stays constant and the values go
/// here, so `--log-format json` carries them as fields and the text format as `key=value`.
/// A value's key is the same wherever it is logged; values are plain text.
public enum LogKey {
    /// A Kafka topic's name (`pages.raw`).
    public static let topic = "topic"
    /// Several topics at once, comma-separated.
    public static let topics = "topics"
    /// A partition number within `topic`.
    public static let partition = "partition"
    /// A record's offset within its partition.
    public static let offset = "offset"
    /// Several partitions at once, as `topic[partition]` items.
    public static let partitions = "partitions"
    /// A consumer group id.
    public static let group = "group"
    /// The error that made the line necessary, as its description.
    public static let error = "error"
    /// Why something was refused, skipped or dead-lettered, in words.
    public static let reason = "reason"
    /// A page-core or worker stage (`decode`, `parse`, `classify`, `publish`).
    public static let stage = "stage"
    /// Which page: its record key, file name or source URL.
    public static let page = "page"
    /// A file-system path.
    public static let path = "path"
    /// How many items the line is about (partitions, pages, messages …).
    public static let count = "count"
    /// A wait or deadline that passed, in milliseconds.
    public static let timeoutMs = "timeout_ms"
    /// The suffix appended to every output topic's name (`--topic-suffix`).
    public static let topicSuffix = "topic_suffix"
    /// A topic that receives what still fails (`--dlq-topic`, `--redrive-topic`).
    public static let deadLetterTopic = "dead_letter_topic"
    /// The selection a re-drive applies to dead letters, in words.
    public static let filter = "filter"
    /// `true` when nothing is published or committed.
    public static let dryRun = "dry_run"
    /// An address served or contacted (`http://0.0.0.0:9464`).
    public static let address = "address"
    /// The loaded librdkafka's version.
    public static let librdkafka = "librdkafka"
    /// The process's allocator and its version (`jemalloc 5.3.0`).
    public static let allocator = "allocator"
    /// librdkafka's own subsystem name for a line it logged (`FAIL`, `CONFWARN`).
    public static let facility = "librdkafka.facility"
    /// Copies of this line held back since it was last logged (`RepeatedLogLines`).
    public static let suppressedRepeats = "suppressed_repeats"
}
