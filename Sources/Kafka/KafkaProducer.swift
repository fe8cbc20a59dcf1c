import Logging

/// A Kafka producer whose `send` enqueues records locally and their delivery
/// reports come back through ``poll(timeoutMs:)`` or ``flush(timeoutMs:)``, which the caller runs.
public final class KafkaProducer: Sendable {
    private let client: RDKafkaClient

    /// - Parameter onStatistics: runs inside `poll`/`flush` with each statistics snapshot (set
    ///   ``KafkaClusterConfiguration/statisticsInterval``).
    public init(
        cluster: KafkaClusterConfiguration, configuration: KafkaProducerConfiguration = KafkaProducerConfiguration(), logger: Logger,
        onStatistics: (@Sendable (KafkaStatistics) -> Void)? = nil
    ) throws(KafkaError) {
        let context = RDKafkaClientContext(logger: logger, reportsErrorsFromPoll: false, statisticsHandler: onStatistics)
        client = try RDKafkaClient.make(kind: .producer, properties: configuration.properties(in: cluster), context: context)
    }

    deinit {
        // Each pending onDelivery still runs once (with a purge error) instead of leaking.
        if client.outstandingCount > 0 {
            client.context.logger.notice(
                "producer released with undelivered messages or unserved events: purging them",
                metadata: [LogKey.count: "\(client.outstandingCount)"])
            client.purgeAndServe(timeoutMs: 1_000)
        }
    }

    /// What `send` does when librdkafka's local queue (`queue.buffering.max.messages`) is full.
    public enum QueueFullPolicy: Sendable {
        /// Throw `.queueFull` at once.
        case fail
        /// Block inside librdkafka until another thread's `poll` or `flush` frees room
        /// (`RD_KAFKA_MSG_F_BLOCK`). Never use it from a thread that is the only one polling, nor
        /// from inside an `onDelivery`: nothing would free room.
        case waitForAnotherPoller
        /// Serve delivery reports on this thread until there is room; for callers that poll the
        /// producer themselves.
        case pollHere
    }

    /// Enqueues a copy of `message`. `onDelivery` is called exactly once from `poll`/`flush` (on
    /// whatever thread calls them) with the broker's ack or the final error.
    /// A full local queue is handled by `whenQueueFull`; every other refusal is thrown.
    public func send(
        _ message: KafkaOutgoingMessage, whenQueueFull: QueueFullPolicy = .fail,
        onDelivery: @escaping @Sendable (Result<KafkaDeliveryReport, KafkaError>) -> Void
    ) throws(KafkaError) {
        while true {
            do {
                try client.produce(message, blockWhileQueueFull: whenQueueFull == .waitForAnotherPoller, callback: RDKafkaDeliveryCallback(onDelivery))
                return
            } catch where error.code == .queueFull && whenQueueFull == .pollHere {
                // Serving reports is what frees room; the wait ends as soon as one is served.
                _ = client.producerPoll(timeoutMs: 50)
            }
        }
    }

    /// Serves delivery reports for up to `timeoutMs`; returns how many events were served.
    /// Never call it from inside an `onDelivery` (librdkafka does not support re-entrant polls):
    /// hand follow-up sends to another thread instead.
    @discardableResult
    public func poll(timeoutMs: Int) -> Int {
        client.producerPoll(timeoutMs: timeoutMs)
    }

    /// Waits until every enqueued message has its delivery report; throws `.timedOut` if some
    /// remain after `timeoutMs`, or the producer's fatal error.
    public func flush(timeoutMs: Int) throws(KafkaError) {
        try client.flush(timeoutMs: timeoutMs)
    }

    /// Messages enqueued or in flight whose delivery report has not been served yet.
    public var outstandingCount: Int { client.outstandingCount }

    public func partitions(ofTopic topic: String, timeoutMs: Int) throws(KafkaError) -> [Int32] {
        try client.partitions(ofTopic: topic, timeoutMs: timeoutMs)
    }

    /// An effective librdkafka property, after defaults (for tests and diagnostics).
    func configurationValue(_ name: String) -> String? { client.configurationValue(name) }
}
