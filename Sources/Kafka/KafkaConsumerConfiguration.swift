/// How a ``KafkaConsumer`` reads: which partitions (``consumptionStrategy``), where it starts, and
/// how it behaves in its group. The cluster it reads from is a ``KafkaClusterConfiguration`` given
/// beside it; together they render once into librdkafka properties (``properties(in:)``), and
/// anything not modelled here goes into ``extra``.
///
/// Offsets are never committed or stored automatically (`enable.auto.commit=false`,
/// `enable.auto.offset.store=false`): the pipeline commits explicitly once a record's output is
/// delivered, so a crash replays instead of losing records.
public struct KafkaConsumerConfiguration: Sendable {
    /// Which partitions the consumer reads, and whose committed offsets it reads and writes.
    public enum ConsumptionStrategy: Sendable, Equatable {
        /// Joins consumer group `id` for `topics` on ``KafkaConsumer/subscribe()`` and reads the
        /// partitions the group assigns it.
        case group(id: String, topics: [String])
        /// Reads only the partitions given to ``KafkaConsumer/assign(_:)`` and never joins a group;
        /// `groupID` names whose offsets ``KafkaConsumer/committed(_:timeoutMs:)`` reads and
        /// ``KafkaConsumer/commit(_:timeoutMs:)`` writes (librdkafka needs one for either).
        case manualAssignment(groupID: String)
    }

    /// Where the consumer starts in a partition that has no committed offset.
    public enum AutoOffsetReset: String, Sendable {
        case earliest, latest
        /// Fail with an error event instead of guessing.
        case error
    }

    /// The group and topics, or manual assignment. Default: none, required.
    public var consumptionStrategy: ConsumptionStrategy
    /// `auto.offset.reset`. Default: `.earliest`, so a new group reads what is already there.
    public var autoOffsetReset: AutoOffsetReset = .earliest
    /// `session.timeout.ms`: how long the group waits for a silent member. Default: nil (librdkafka's 45 s).
    public var sessionTimeout: Duration? = nil
    /// `heartbeat.interval.ms`. Default: nil (librdkafka's 3 s).
    public var heartbeatInterval: Duration? = nil
    /// `max.poll.interval.ms`: longest gap between polls before the member is evicted. Default: nil (librdkafka's 300 s).
    public var maxPollInterval: Duration? = nil
    /// `partition.assignment.strategy`; "cooperative-sticky" moves only the partitions that must
    /// move, so the other members keep working through a rebalance. Default: "cooperative-sticky".
    public var assignmentStrategy: String = "cooperative-sticky"
    /// `group.instance.id` for static membership (a restart within the session timeout keeps the
    /// assignment). Default: nil (dynamic membership).
    public var groupInstanceID: String? = nil
    /// `enable.partition.eof`: report ``KafkaConsumerEvent/partitionEOF(_:offset:)``. Default: false.
    public var enablePartitionEOF: Bool = false
    /// Any librdkafka property for the consumer only, applied last so it overrides everything,
    /// the cluster's properties included. Default: empty.
    public var extra: [String: String] = [:]

    public init(
        consumptionStrategy: ConsumptionStrategy, autoOffsetReset: AutoOffsetReset = .earliest,
        sessionTimeout: Duration? = nil, heartbeatInterval: Duration? = nil, maxPollInterval: Duration? = nil,
        assignmentStrategy: String = "cooperative-sticky", groupInstanceID: String? = nil,
        enablePartitionEOF: Bool = false, extra: [String: String] = [:]
    ) {
        self.consumptionStrategy = consumptionStrategy
        self.autoOffsetReset = autoOffsetReset
        self.sessionTimeout = sessionTimeout
        self.heartbeatInterval = heartbeatInterval
        self.maxPollInterval = maxPollInterval
        self.assignmentStrategy = assignmentStrategy
        self.groupInstanceID = groupInstanceID
        self.enablePartitionEOF = enablePartitionEOF
        self.extra = extra
    }

    /// The consumer group (`group.id`) of either strategy.
    public var groupID: String {
        switch consumptionStrategy {
        case .group(let id, _): id
        case .manualAssignment(let groupID): groupID
        }
    }

    /// The topics the group strategy subscribes to; none with manual assignment.
    public var topics: [String] {
        switch consumptionStrategy {
        case .group(_, let topics): topics
        case .manualAssignment: []
        }
    }

    /// The librdkafka properties of this consumer on `cluster`, every `extra` included.
    public func properties(in cluster: KafkaClusterConfiguration) -> [String: String] {
        var settings: [String: String] = [
            "group.id": groupID,
            "auto.offset.reset": autoOffsetReset.rawValue,
            "partition.assignment.strategy": assignmentStrategy,
            "enable.partition.eof": enablePartitionEOF ? "true" : "false",
            "enable.auto.commit": "false",
            "enable.auto.offset.store": "false",
        ]
        settings["session.timeout.ms"] = sessionTimeout?.librdkafkaMilliseconds
        settings["heartbeat.interval.ms"] = heartbeatInterval?.librdkafkaMilliseconds
        settings["max.poll.interval.ms"] = maxPollInterval?.librdkafkaMilliseconds
        settings["group.instance.id"] = groupInstanceID
        return cluster.properties(clientID: cluster.clientID, statistics: true, clientSettings: settings, extra: extra)
    }
}
