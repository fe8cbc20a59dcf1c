/// How a ``KafkaConsumer`` connects and joins its group. Rendered once into librdkafka properties
/// (``properties``); anything not modelled here goes into ``extra``.
///
/// Offsets are never committed or stored automatically (`enable.auto.commit=false`,
/// `enable.auto.offset.store=false`): the pipeline commits explicitly once a record's output is
/// delivered, so a crash replays instead of losing records.
public struct KafkaConsumerConfiguration: Sendable {
    /// Where the consumer starts in a partition that has no committed offset.
    public enum AutoOffsetReset: String, Sendable {
        case earliest, latest
        /// Fail with an error event instead of guessing.
        case error
    }

    /// Comma-separated `host:port` list (`bootstrap.servers`). Default: none, required.
    public var bootstrapServers: String
    /// The consumer group (`group.id`); also needed for commits with manual assignment. Default: none, required.
    public var groupID: String
    /// `client.id`, shown in broker logs. Default: "pagepipe".
    public var clientID: String = "pagepipe"
    /// `auto.offset.reset`. Default: `.earliest`, so a new group reads what is already there.
    public var autoOffsetReset: AutoOffsetReset = .earliest
    /// `session.timeout.ms`: how long the group waits for a silent member. Default: nil (librdkafka's 45000).
    public var sessionTimeoutMs: Int? = nil
    /// `heartbeat.interval.ms`. Default: nil (librdkafka's 3000).
    public var heartbeatIntervalMs: Int? = nil
    /// `max.poll.interval.ms`: longest gap between polls before the member is evicted. Default: nil (librdkafka's 300000).
    public var maxPollIntervalMs: Int? = nil
    /// `partition.assignment.strategy`; "cooperative-sticky" moves only the partitions that must
    /// move, so the other members keep working through a rebalance. Default: "cooperative-sticky".
    public var assignmentStrategy: String = "cooperative-sticky"
    /// `group.instance.id` for static membership (a restart within the session timeout keeps the
    /// assignment). Default: nil (dynamic membership).
    public var groupInstanceID: String? = nil
    /// `enable.partition.eof`: report ``KafkaConsumerEvent/partitionEOF(_:offset:)``. Default: false.
    public var enablePartitionEOF: Bool = false
    /// `statistics.interval.ms`: how often librdkafka hands a ``KafkaStatistics`` snapshot to the
    /// client's `onStatistics`. Default: nil (librdkafka's 0, no statistics).
    public var statisticsIntervalMs: Int? = nil
    /// Any librdkafka property, applied last so it overrides everything above. Default: empty.
    public var extra: [String: String] = [:]

    public init(
        bootstrapServers: String, groupID: String, clientID: String = "pagepipe",
        autoOffsetReset: AutoOffsetReset = .earliest, sessionTimeoutMs: Int? = nil,
        heartbeatIntervalMs: Int? = nil, maxPollIntervalMs: Int? = nil,
        assignmentStrategy: String = "cooperative-sticky", groupInstanceID: String? = nil,
        enablePartitionEOF: Bool = false, extra: [String: String] = [:]
    ) {
        self.bootstrapServers = bootstrapServers
        self.groupID = groupID
        self.clientID = clientID
        self.autoOffsetReset = autoOffsetReset
        self.sessionTimeoutMs = sessionTimeoutMs
        self.heartbeatIntervalMs = heartbeatIntervalMs
        self.maxPollIntervalMs = maxPollIntervalMs
        self.assignmentStrategy = assignmentStrategy
        self.groupInstanceID = groupInstanceID
        self.enablePartitionEOF = enablePartitionEOF
        self.extra = extra
    }

    /// The librdkafka properties this configuration stands for, `extra` included.
    public var properties: [String: String] {
        var properties: [String: String] = [
            "bootstrap.servers": bootstrapServers,
            "group.id": groupID,
            "client.id": clientID,
            "auto.offset.reset": autoOffsetReset.rawValue,
            "partition.assignment.strategy": assignmentStrategy,
            "enable.partition.eof": enablePartitionEOF ? "true" : "false",
            "enable.auto.commit": "false",
            "enable.auto.offset.store": "false",
        ]
        properties["session.timeout.ms"] = sessionTimeoutMs.map(String.init)
        properties["heartbeat.interval.ms"] = heartbeatIntervalMs.map(String.init)
        properties["max.poll.interval.ms"] = maxPollIntervalMs.map(String.init)
        properties["group.instance.id"] = groupInstanceID
        properties["statistics.interval.ms"] = statisticsIntervalMs.map(String.init)
        properties.merge(extra) { _, override in override }
        return properties
    }
}
