import Kafka
import Logging

/// Reads whole topics without joining a group, and finds partitions' true end offsets.
///
/// Ends come from the fetch path (partition-EOF events), not from ListOffsets: some
/// Kafka-compatible brokers answer ListOffsets with the last batch's base offset + 1 rather than
/// the end (Tansu does), while the fetch high-water mark is exact.
public struct TopicScan: Sendable {
    public var cluster: KafkaClusterConfiguration
    /// librdkafka properties for the scan's consumer only (`consumer.`-prefixed `--config` keys).
    public var consumerExtra: [String: String]
    public var timeoutMs: Int

    public init(cluster: KafkaClusterConfiguration, consumerExtra: [String: String] = [:], timeoutMs: Int = 30_000) {
        self.cluster = cluster
        self.consumerExtra = consumerExtra
        self.timeoutMs = timeoutMs
    }

    /// Each partition's first offset and end offset (one past the last record).
    public func bounds(_ topic: String, logger: Logger) throws(KafkaError) -> [KafkaTopicPartition: (low: Int64, end: Int64)] {
        let consumer = try makeConsumer(logger)
        defer { consumer.close() }
        var lows: [KafkaTopicPartition: Int64] = [:]
        var probes: [KafkaTopicPartition: Int64] = [:]
        for number in try consumer.partitions(ofTopic: topic, timeoutMs: timeoutMs) {
            let partition = KafkaTopicPartition(topic: topic, partition: number)
            let marks = try consumer.watermarks(partition, timeoutMs: timeoutMs)
            lows[partition] = marks.low
            // Start just before the reported end: on an exact broker this reads one record, on a
            // lagging one the last batch, and either way ends at the partition-EOF event.
            probes[partition] = max(marks.low, marks.high - 1)
        }
        var ends: [KafkaTopicPartition: Int64] = [:]
        try scan(consumer, from: probes) { _ in } eof: { partition, offset in ends[partition] = offset }
        var result: [KafkaTopicPartition: (low: Int64, end: Int64)] = [:]
        for (partition, low) in lows { result[partition] = (low, max(low, ends[partition] ?? low)) }
        return result
    }

    /// Calls `body` with every record of `topic` from its beginning to its end at the time of the call.
    public func records(_ topic: String, logger: Logger, _ body: (KafkaRecord) -> Void) throws(KafkaError) {
        let consumer = try makeConsumer(logger)
        defer { consumer.close() }
        var starts: [KafkaTopicPartition: Int64] = [:]
        for number in try consumer.partitions(ofTopic: topic, timeoutMs: timeoutMs) {
            let partition = KafkaTopicPartition(topic: topic, partition: number)
            starts[partition] = try consumer.watermarks(partition, timeoutMs: timeoutMs).low
        }
        try scan(consumer, from: starts, body) { _, _ in }
    }

    private func scan(
        _ consumer: KafkaConsumer, from starts: [KafkaTopicPartition: Int64], _ body: (KafkaRecord) -> Void,
        eof: (KafkaTopicPartition, Int64) -> Void
    ) throws(KafkaError) {
        guard !starts.isEmpty else { return }
        try consumer.assign(starts)
        var remaining = Set(starts.keys)
        let deadline = ContinuousClock.now + .milliseconds(timeoutMs)
        while !remaining.isEmpty {
            guard ContinuousClock.now < deadline else {
                throw KafkaError(code: .timedOut, message: "\(remaining.count) partitions did not reach their end", context: "reading \(remaining.first!.topic)")
            }
            switch try consumer.poll(timeoutMs: 100) {
            case .record(let record):
                body(record)
            case .partitionEOF(let partition, let offset):
                if remaining.remove(partition) != nil { eof(partition, offset) }
            case .error, nil:
                continue
            }
        }
    }

    private func makeConsumer(_ logger: Logger) throws(KafkaError) -> KafkaConsumer {
        // The group is never joined and nothing is committed; librdkafka's consumer needs one.
        let configuration = KafkaConsumerConfiguration(
            consumptionStrategy: .manualAssignment(groupID: "pagepipe-scan"), enablePartitionEOF: true, extra: consumerExtra)
        return try KafkaConsumer(cluster: cluster, configuration: configuration, logger: logger)
    }
}
