import Kafka
import Synchronization

/// Where the worker's pages come from: a consumer-group member. `KafkaConsumer` is the live one;
/// `PageWorkerTesting.InMemoryCluster` plays it in tests. Assignment changes and statistics do
/// not come back from these calls but through the `ClientEventRelay` the source was made with,
/// on the thread that called `poll`, before `poll` returns.
public protocol RecordSource: AnyObject, Sendable {
    /// Joins the group for the topics the source was made for.
    func subscribe() throws(KafkaError)
    /// Waits up to `timeout` for a record, a partition end or a non-fatal error; runs assignment
    /// changes. Throws only when the source cannot go on.
    func poll(timeout: Duration) throws(KafkaError) -> KafkaConsumerEvent?
    /// The partitions owned now.
    func assignment() throws(KafkaError) -> [KafkaTopicPartition]
    func pause(_ partitions: [KafkaTopicPartition]) throws(KafkaError)
    func resume(_ partitions: [KafkaTopicPartition]) throws(KafkaError)
    /// Commits the next offsets to consume and waits up to `timeout` for the answer.
    func commit(_ offsets: [KafkaTopicPartition: Int64], timeout: Duration) throws(KafkaError)
    /// Leaves the group (its revokes run through the relay); may wait on the cluster.
    func close()
}

/// Where the worker's records go: `KafkaProducer` live, `InMemoryCluster` in tests.
public protocol RecordSink: AnyObject, Sendable {
    /// Enqueues `message`; `onDelivery` runs exactly once, from `poll` or `flush`. While the
    /// local queue is full it waits for another thread's `poll` to make room.
    func enqueue(
        _ message: KafkaOutgoingMessage, onDelivery: @escaping @Sendable (Result<KafkaDeliveryReport, KafkaError>) -> Void
    ) throws(KafkaError)
    /// Serves delivery reports for up to `timeout`.
    func serveDeliveries(for timeout: Duration)
    /// Waits until every enqueued record has its delivery report, up to `timeout`.
    func flush(timeout: Duration) throws(KafkaError)
}

/// The two sides of one worker's connection to its cluster.
public struct RecordClients: Sendable {
    public var source: any RecordSource
    public var sink: any RecordSink

    public init(source: any RecordSource, sink: any RecordSink) {
        self.source = source
        self.sink = sink
    }
}

/// Carries the clients' callbacks, which must be given when the clients are made, before the
/// worker exists, to the worker once it does. It only forwards: the worker turns each call into
/// events for its state machine.
public final class ClientEventRelay: Sendable {
    private let worker = Mutex<Worker?>(nil)

    init() {}

    func attach(_ worker: Worker) {
        self.worker.withLock { $0 = worker }
    }

    /// Breaks the worker → client → callback → worker cycle once the source has closed.
    func detach() {
        worker.withLock { $0 = nil }
    }

    /// A statistics snapshot of either client.
    public func handle(_ statistics: KafkaStatistics) {
        worker.withLock { $0 }?.statisticsArrived(statistics)
    }

    /// An assignment change; returns once the worker has dealt with it (a revoke, after its
    /// partitions' pages are finished and committed), so the change is applied after that.
    public func handle(_ event: KafkaRebalance) {
        worker.withLock { $0 }?.rebalanced(event)
    }
}

extension KafkaConsumer: RecordSource {
    public func poll(timeout: Duration) throws(KafkaError) -> KafkaConsumerEvent? {
        try poll(timeoutMs: timeout.wholeMilliseconds)
    }

    public func commit(_ offsets: [KafkaTopicPartition: Int64], timeout: Duration) throws(KafkaError) {
        try commit(offsets, timeoutMs: timeout.wholeMilliseconds)
    }
}

extension KafkaProducer: RecordSink {
    /// The worker's delivery thread polls the producer, so a full queue is waited out in
    /// librdkafka rather than refused.
    public func enqueue(
        _ message: KafkaOutgoingMessage, onDelivery: @escaping @Sendable (Result<KafkaDeliveryReport, KafkaError>) -> Void
    ) throws(KafkaError) {
        try send(message, whenQueueFull: .waitForAnotherPoller, onDelivery: onDelivery)
    }

    public func serveDeliveries(for timeout: Duration) {
        poll(timeoutMs: timeout.wholeMilliseconds)
    }

    public func flush(timeout: Duration) throws(KafkaError) {
        try flush(timeoutMs: timeout.wholeMilliseconds)
    }
}
