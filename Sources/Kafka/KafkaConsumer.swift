import Logging
import Synchronization

/// A Kafka consumer driven by explicit ``poll(timeoutMs:)`` calls, either in a consumer group
/// (``subscribe()``) or on manually assigned partitions (``assign(_:)``), as its
/// ``KafkaConsumerConfiguration/consumptionStrategy`` says. Offsets are committed only by
/// ``commit(_:timeoutMs:)``.
///
/// Group rebalances are applied inside `poll`: `onRebalance` sees each change first, on the
/// polling thread, and the change is applied when it returns, so the caller can drain and commit
/// revoked partitions synchronously while they are still assigned.
public final class KafkaConsumer: Sendable {
    private let client: RDKafkaClient
    private let consumptionStrategy: KafkaConsumerConfiguration.ConsumptionStrategy
    private let isClosed = Mutex(false)

    /// - Parameter onRebalance: runs on the polling thread inside `poll` (and `close`), BEFORE the
    ///   change is applied (incremental for the cooperative protocol, whole assignment for eager).
    /// - Parameter onStatistics: runs on the polling thread inside `poll` with each statistics
    ///   snapshot (set ``KafkaClusterConfiguration/statisticsInterval``).
    public init(
        cluster: KafkaClusterConfiguration, configuration: KafkaConsumerConfiguration, logger: Logger,
        onRebalance: (@Sendable (KafkaRebalance) -> Void)? = nil,
        onStatistics: (@Sendable (KafkaStatistics) -> Void)? = nil
    ) throws(KafkaError) {
        let context = RDKafkaClientContext(
            logger: logger, reportsErrorsFromPoll: true, rebalanceHandler: onRebalance, statisticsHandler: onStatistics)
        client = try RDKafkaClient.make(kind: .consumer, properties: configuration.properties(in: cluster), context: context)
        consumptionStrategy = configuration.consumptionStrategy
    }

    deinit {
        // Leave the group properly so the others rebalance now, not after the session timeout.
        close()
    }

    /// Joins the group for the topics of the `.group(id:topics:)` strategy; assignments arrive
    /// through `onRebalance` during `poll`.
    public func subscribe() throws(KafkaError) {
        guard case .group(_, let topics) = consumptionStrategy else {
            throw KafkaError(
                code: .state,
                message: "this consumer reads manually assigned partitions: call assign, or make it with a .group(id:topics:) strategy to subscribe",
                context: "subscribing")
        }
        try client.subscribe(topics)
    }

    /// Consumes exactly these partitions from these offsets, without group rebalancing.
    /// Replaces any previous manual assignment.
    public func assign(_ partitions: [KafkaTopicPartition: Int64]) throws(KafkaError) {
        try client.assign(partitions)
    }

    /// Waits up to `timeoutMs` for a record, partition end or non-fatal error; `nil` on timeout.
    /// Also runs rebalances. Throws only fatal errors: the consumer must then be recreated.
    public func poll(timeoutMs: Int) throws(KafkaError) -> KafkaConsumerEvent? {
        try client.consumerPoll(timeoutMs: timeoutMs)
    }

    /// Commits and waits for the answer; each offset is the NEXT offset to consume (last
    /// processed + 1). Throws `.timedOut` when the group coordinator does not answer within
    /// `timeoutMs` (the commit may still land later).
    public func commit(_ offsets: [KafkaTopicPartition: Int64], timeoutMs: Int = 10_000) throws(KafkaError) {
        try client.commit(offsets, timeoutMs: timeoutMs)
    }

    /// Stops fetching from these partitions (assignment and position are kept).
    public func pause(_ partitions: [KafkaTopicPartition]) throws(KafkaError) {
        try client.pause(partitions)
    }

    public func resume(_ partitions: [KafkaTopicPartition]) throws(KafkaError) {
        try client.resume(partitions)
    }

    /// The group's committed offsets; partitions with nothing committed are absent.
    public func committed(_ partitions: [KafkaTopicPartition], timeoutMs: Int) throws(KafkaError) -> [KafkaTopicPartition: Int64] {
        try client.committed(partitions, timeoutMs: timeoutMs)
    }

    /// The first offset still stored and the next offset to be written, asked from the broker.
    public func watermarks(_ partition: KafkaTopicPartition, timeoutMs: Int) throws(KafkaError) -> (low: Int64, high: Int64) {
        try client.watermarks(partition, timeoutMs: timeoutMs)
    }

    /// For each partition, the first offset whose timestamp is >= the given milliseconds since
    /// the epoch; -1 when no such record exists (brokers differ here, see BROKER.md for Tansu).
    public func offsetsForTimes(_ query: [KafkaTopicPartition: Int64], timeoutMs: Int) throws(KafkaError) -> [KafkaTopicPartition: Int64] {
        try client.offsetsForTimes(query, timeoutMs: timeoutMs)
    }

    public func partitions(ofTopic topic: String, timeoutMs: Int) throws(KafkaError) -> [Int32] {
        try client.partitions(ofTopic: topic, timeoutMs: timeoutMs)
    }

    /// The partitions currently assigned (by the group or by ``assign(_:)``).
    public func assignment() throws(KafkaError) -> [KafkaTopicPartition] {
        try client.assignment()
    }

    /// Leaves the group; the final revoke goes through `onRebalance` on this thread. Idempotent.
    /// The handle itself is destroyed when the consumer is released.
    public func close() {
        let wasClosed = isClosed.withLock { closed in
            defer { closed = true }
            return closed
        }
        guard !wasClosed else { return }
        client.consumerClose()
    }

    /// An effective librdkafka property, after defaults (for tests and diagnostics).
    func configurationValue(_ name: String) -> String? { client.configurationValue(name) }
}
