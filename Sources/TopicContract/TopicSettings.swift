/// How `pagepipe topics apply` creates the topics the worker reads and writes. Each default is
/// what the README's runbook explains; the CLI maps `topics` flags onto this struct.
public struct TopicSettings: Sendable, Equatable {
    /// Partitions of each input topic: the most workers of one group that get work. Default: 8.
    public var inputPartitions = 8
    /// Partitions of event topics without `{section}` (`articles`, `pages.index`). Default: 8.
    public var eventPartitions = 8
    /// Partitions of each per-section copy (`articles.{section}`), which carry a share. Default: 2.
    public var sectionPartitions = 2
    /// Partitions of the dead-letter topic. Default: 2.
    public var deadLetterPartitions = 2
    /// Replicas of every topic. Default: nil, the broker's `default.replication.factor`.
    public var replicationFactor: Int? = nil
    /// How long input pages are kept: a reference dead letter points into the input, so it can
    /// be re-driven only this long. Default: 7 days.
    public var inputRetentionMs: Int64 = 7 * 86_400_000
    /// How long dead letters are kept: time to fix the parser and re-drive. Default: 14 days.
    public var deadLetterRetentionMs: Int64 = 14 * 86_400_000
    /// `max.message.bytes` of the event topics and of the dead-letter topic alike: the worker
    /// holds every record to the smallest of them (`RecordSizePolicy`), so a larger dead-letter
    /// figure would buy nothing and a smaller one would turn whole dead letters into references.
    /// Default: 1048588, Kafka's own default, stated so every cluster agrees.
    public var outputMaxMessageBytes = 1_048_588
    /// `max.message.bytes` of the input: the page core refuses blobs over 32 MiB anyway, and a
    /// record over librdkafka's `receive.message.max.bytes` (100 MB) could not be read at all.
    /// Default: 32 MiB.
    public var inputMaxMessageBytes = 32 << 20
    /// Event topics are compacted: their key is the event id, so compaction keeps one record per
    /// article or page, the latest version, which is what a consumer deduplicating by id keeps.
    /// false: deleted after `eventRetentionMs`. Default: true.
    public var compactEvents = true
    /// Retention of event topics when they are not compacted. Default: 7 days.
    public var eventRetentionMs: Int64 = 7 * 86_400_000

    public init() {}
}
