import Foundation
import Kafka
import PageWorker

/// A one-member Kafka cluster in memory, playing both sides of a worker's connection (its
/// `RecordSource` and `RecordSink`) the way librdkafka does where the worker's decisions depend
/// on it: assignment changes reach the worker inside `poll`, on the polling thread, before they
/// apply; a partition keeps its pause flag when it is lost and assigned again; delivery reports
/// run on the thread that serves them; partition ends are reported once per catch-up.
///
/// A test drives the group (`assign`, `revoke`, `lose`) and the faults (`failDeliveries`,
/// `holdDeliveries`, `freeze`), and reads what happened (`records(in:)`, `committed`, `commits`).
public final class InMemoryCluster: RecordSource, RecordSink, @unchecked Sendable {
    private struct Partition {
        var records: [KafkaRecord] = []
        var position: Int64 = 0
        /// The end was reported since the last record was handed out.
        var endReported = false
    }

    private struct Delivery {
        var topic: String
        var result: Result<KafkaDeliveryReport, KafkaError>
        var callback: @Sendable (Result<KafkaDeliveryReport, KafkaError>) -> Void
    }

    // Everything below is guarded by `condition`.
    private let condition = NSCondition()
    private var partitions: [KafkaTopicPartition: Partition] = [:]
    private var withheld: Set<KafkaTopicPartition> = []
    private var assigned: [KafkaTopicPartition] = []
    private var pausedFlags: Set<KafkaTopicPartition> = []
    private var pendingChanges: [KafkaRebalance] = []
    private var changesServed = 0
    private var changesQueued = 0
    private var committedOffsets: [KafkaTopicPartition: Int64] = [:]
    private var commitLog: [[KafkaTopicPartition: Int64]] = []
    private var commitAttemptLog: [[KafkaTopicPartition: Int64]] = []
    private var deliveries: [Delivery] = []
    private var failing: [String: KafkaError] = [:]
    private var deliveriesHeld = false
    private var frozen = false
    private let inputTopics: Set<String>
    private var autoAssign: Bool
    private let reportsPartitionEnds: Bool
    private var relay: ClientEventRelay?

    /// - Parameters:
    ///   - topics: input topics and their partition counts, subscribed to by `subscribe()` (output
    ///     topics appear when written).
    ///   - autoAssign: assign every partition of the subscribed topics at `subscribe`.
    ///   - reportsPartitionEnds: report partition ends (`enable.partition.eof`).
    public init(topics: [String: Int], autoAssign: Bool = true, reportsPartitionEnds: Bool = true) {
        for (topic, count) in topics {
            for partition in 0..<Int32(count) { partitions[KafkaTopicPartition(topic: topic, partition: partition)] = Partition() }
        }
        self.inputTopics = Set(topics.keys)
        self.autoAssign = autoAssign
        self.reportsPartitionEnds = reportsPartitionEnds
    }

    /// What `Worker(…, connect:)` takes: this cluster as both source and sink.
    public func connect(_ relay: ClientEventRelay) -> RecordClients {
        locked { self.relay = relay }
        return RecordClients(source: self, sink: self)
    }

    // MARK: The test's side

    /// Appends a record to an input partition; returns its offset.
    @discardableResult
    public func append(
        _ value: [UInt8], to topic: String, partition: Int32 = 0, key: [UInt8]? = nil, headers: [KafkaHeader] = []
    ) -> Int64 {
        locked {
            let id = KafkaTopicPartition(topic: topic, partition: partition)
            let offset = Int64(partitions[id, default: Partition()].records.count)
            partitions[id, default: Partition()].records.append(
                KafkaRecord(topic: topic, partition: partition, offset: offset, timestampMs: nil, key: key, value: value, headers: headers))
            partitions[id]?.endReported = false
            return offset
        }
    }

    /// Hands `partitions` to the member; the worker hears of it at its next poll.
    public func assign(_ partitions: [KafkaTopicPartition]) { queue(.assigned(partitions)) }
    /// Takes `partitions` back with a handover (the worker drains and commits them first).
    public func revoke(_ partitions: [KafkaTopicPartition]) { queue(.revoked(partitions)) }
    /// Takes `partitions` away without a handover (a session timeout).
    public func lose(_ partitions: [KafkaTopicPartition]) { queue(.lost(partitions)) }

    /// Waits until the worker has dealt with every assignment change queued so far.
    @discardableResult
    public func waitForAssignmentChanges(timeout: Duration = .seconds(10)) -> Bool {
        wait(timeout: timeout) { $0.changesServed == $0.changesQueued }
    }

    /// Deliveries to `topic` fail with `error` (nil: they succeed again).
    public func failDeliveries(to topic: String, with error: KafkaError?) {
        locked { failing[topic] = error }
    }

    /// The partition's records (and its end) are not fetched until `release(_:)`: a partition
    /// handed over whose first fetch has not come back yet.
    public func withhold(_ partition: KafkaTopicPartition) { locked { _ = withheld.insert(partition) } }
    public func release(_ partition: KafkaTopicPartition) { locked { _ = withheld.remove(partition) } }

    /// Delivery reports wait until `releaseDeliveries()`: the worker's pages stay in flight.
    public func holdDeliveries() { locked { deliveriesHeld = true } }
    public func releaseDeliveries() { locked { deliveriesHeld = false } }

    /// Nothing answers: polls return nothing, commits time out, and no record is delivered.
    public func freeze() { locked { frozen = true } }

    /// Records written to `topic` (all partitions, in write order).
    public func records(in topic: String) -> [KafkaRecord] {
        locked { partitions.filter { $0.key.topic == topic }.sorted { $0.key.partition < $1.key.partition }.flatMap(\.value.records) }
    }

    /// The group's committed offsets (the next offset to consume).
    public var committed: [KafkaTopicPartition: Int64] { locked { committedOffsets } }
    /// Every commit the cluster accepted, in order.
    public var commits: [[KafkaTopicPartition: Int64]] { locked { commitLog } }
    /// Every commit the member asked for, accepted or not, in order.
    public var commitAttempts: [[KafkaTopicPartition: Int64]] { locked { commitAttemptLog } }
    /// The member's assignment and which of it is paused.
    public var pausedPartitions: Set<KafkaTopicPartition> { locked { pausedFlags.intersection(assigned) } }
    public var assignedPartitions: [KafkaTopicPartition] { locked { assigned } }
    /// Delivery reports waiting to be served.
    public var deliveriesWaiting: Int { locked { deliveries.count } }

    /// Waits until `satisfied` holds for the cluster's state or `timeout` passes.
    @discardableResult
    public func wait(timeout: Duration = .seconds(10), until satisfied: (InMemoryCluster) -> Bool) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !satisfied(self) {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { return false }
            condition.lock()
            _ = condition.wait(until: Date(timeIntervalSinceNow: min(left, .milliseconds(50)) / .seconds(1)))
            condition.unlock()
        }
        return true
    }

    // MARK: RecordSource

    /// Joins for the input topics the cluster was made with.
    public func subscribe() throws(KafkaError) {
        let partitions = locked {
            self.partitions.keys.filter { inputTopics.contains($0.topic) }.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
        }
        if autoAssign { assign(partitions) }
    }

    public func poll(timeout: Duration) throws(KafkaError) -> KafkaConsumerEvent? {
        let deadline = ContinuousClock.now + timeout
        condition.lock()
        while true {
            if !frozen, let change = pendingChanges.first {
                pendingChanges.removeFirst()
                let relay = self.relay
                condition.unlock()
                // As librdkafka does: the worker sees the change first, then it applies.
                relay?.handle(change)
                condition.lock()
                apply(change)
                changesServed += 1
                condition.broadcast()
                condition.unlock()
                return nil
            }
            if !frozen, let event = nextEvent() {
                condition.broadcast()
                condition.unlock()
                return event
            }
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else {
                condition.unlock()
                return nil
            }
            _ = condition.wait(until: Date(timeIntervalSinceNow: left / .seconds(1)))
        }
    }

    public func assignment() throws(KafkaError) -> [KafkaTopicPartition] { locked { assigned } }

    public func pause(_ partitions: [KafkaTopicPartition]) throws(KafkaError) {
        locked { pausedFlags.formUnion(partitions) }
    }

    public func resume(_ partitions: [KafkaTopicPartition]) throws(KafkaError) {
        locked { pausedFlags.subtract(partitions) }
    }

    public func commit(_ offsets: [KafkaTopicPartition: Int64], timeout: Duration) throws(KafkaError) {
        let refused: KafkaError? = locked {
            commitAttemptLog.append(offsets)
            if frozen { return KafkaError(code: .timedOut, message: "the coordinator did not answer", context: "committing offsets") }
            if let stranger = offsets.keys.first(where: { !assigned.contains($0) }) {
                return KafkaError(code: .state, message: "\(stranger) is not assigned to this member", context: "committing offsets")
            }
            committedOffsets.merge(offsets) { _, new in new }
            commitLog.append(offsets)
            return nil
        }
        if let refused { throw refused }
    }

    /// Leaving the group revokes what the member holds, through the worker, as librdkafka does.
    public func close() {
        let (held, relay) = locked { (assigned, self.relay) }
        if !held.isEmpty { relay?.handle(.revoked(held)) }
        locked { assigned = [] }
    }

    // MARK: RecordSink

    public func enqueue(
        _ message: KafkaOutgoingMessage, onDelivery: @escaping @Sendable (Result<KafkaDeliveryReport, KafkaError>) -> Void
    ) throws(KafkaError) {
        locked {
            let result: Result<KafkaDeliveryReport, KafkaError>
            if let error = failing[message.topic] {
                result = .failure(error)
            } else {
                let id = KafkaTopicPartition(topic: message.topic, partition: message.partition ?? 0)
                let offset = Int64(partitions[id, default: Partition()].records.count)
                partitions[id, default: Partition()].records.append(KafkaRecord(
                    topic: message.topic, partition: id.partition, offset: offset, timestampMs: message.timestampMs, key: message.key,
                    value: message.value, headers: message.headers))
                result = .success(KafkaDeliveryReport(topic: message.topic, partition: id.partition, offset: offset))
            }
            deliveries.append(Delivery(topic: message.topic, result: result, callback: onDelivery))
        }
    }

    public func serveDeliveries(for timeout: Duration) {
        let deadline = ContinuousClock.now + timeout
        condition.lock()
        while deliveries.isEmpty || deliveriesHeld || frozen {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else {
                condition.unlock()
                return
            }
            _ = condition.wait(until: Date(timeIntervalSinceNow: left / .seconds(1)))
        }
        let served = deliveries
        deliveries = []
        condition.broadcast()
        condition.unlock()
        for delivery in served { delivery.callback(delivery.result) }
    }

    public func flush(timeout: Duration) throws(KafkaError) {
        let deadline = ContinuousClock.now + timeout
        while locked({ !deliveries.isEmpty }) {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else {
                throw KafkaError(code: .timedOut, message: "\(deliveriesWaiting) deliveries unacknowledged", context: "flushing")
            }
            serveDeliveries(for: left)
        }
    }

    // MARK: Internals

    private func queue(_ change: KafkaRebalance) {
        locked {
            pendingChanges.append(change)
            changesQueued += 1
        }
    }

    /// Under the lock.
    private func apply(_ change: KafkaRebalance) {
        switch change {
        case .assigned(let added):
            for partition in added where !assigned.contains(partition) {
                assigned.append(partition)
                // A new owner starts at the group's committed offset (earliest when none).
                partitions[partition, default: Partition()].position = committedOffsets[partition] ?? 0
                partitions[partition]?.endReported = false
            }
        case .revoked(let removed), .lost(let removed):
            assigned.removeAll { removed.contains($0) }
        }
    }

    /// Under the lock: the next record of an assigned, unpaused partition, or a partition end.
    private func nextEvent() -> KafkaConsumerEvent? {
        for partition in assigned where !pausedFlags.contains(partition) && !withheld.contains(partition) {
            guard var state = partitions[partition] else { continue }
            if state.position < Int64(state.records.count) {
                let record = state.records[Int(state.position)]
                state.position += 1
                state.endReported = false
                partitions[partition] = state
                return .record(record)
            }
            if reportsPartitionEnds, !state.endReported {
                partitions[partition]?.endReported = true
                return .partitionEOF(partition, offset: state.position)
            }
        }
        return nil
    }

    private func locked<Result>(_ body: () throws -> Result) rethrows -> Result {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        return try body()
    }
}
