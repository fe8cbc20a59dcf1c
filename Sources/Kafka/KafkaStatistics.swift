import Foundation

/// The figures pagepipe reads from one librdkafka statistics snapshot, emitted every
/// `statistics.interval.ms` (librdkafka's STATISTICS.md documents the whole document; fields
/// not listed here are ignored). Offsets are -1001 (invalid) or -1 where librdkafka does not know them.
public struct KafkaStatistics: Sendable, Decodable {
    public struct Broker: Sendable, Decodable {
        /// `host:port/nodeid`, or `host:port/bootstrap` before metadata named the broker.
        public var name: String
        /// `UP` when connected and usable; `DOWN`, `CONNECT`, `TRY_CONNECT`, … otherwise.
        public var state: String
        /// Round-trip time of requests in the last window, microseconds.
        public var rtt: Window?

        public var isUp: Bool { state == "UP" }
    }

    public struct Window: Sendable, Decodable {
        public var avg: Int64
    }

    public struct Partition: Sendable, Decodable {
        public var partition: Int32
        /// The partition's end (high watermark) minus the committed offset; -1 when unknown.
        public var consumerLag: Int64
        public var hiOffset: Int64
        public var committedOffset: Int64
        /// Records fetched and waiting in librdkafka's queue for this partition.
        public var fetchqCnt: Int
    }

    public struct Topic: Sendable, Decodable {
        public var partitions: [String: Partition]
    }

    /// The consumer group as this member sees it.
    public struct ConsumerGroup: Sendable, Decodable {
        /// `up` once the coordinator is known and reachable.
        public var state: String
        /// `steady` between rebalances.
        public var joinState: String
        public var rebalanceCnt: Int
        public var assignmentSize: Int
    }

    /// `producer` or `consumer`.
    public var type: String
    /// Messages waiting in the producer's queue (or ops in a consumer's).
    public var msgCnt: Int
    public var brokers: [String: Broker]
    public var topics: [String: Topic]
    public var cgrp: ConsumerGroup?

    /// Whether any broker connection is up: the client is in contact with the cluster.
    public var anyBrokerUp: Bool { brokers.values.contains(where: \.isUp) }

    /// Per assigned partition (librdkafka's unassigned placeholder -1 left out).
    public var partitions: [(topic: String, partition: Partition)] {
        topics.flatMap { name, topic in topic.partitions.values.filter { $0.partition >= 0 }.map { (name, $0) } }
    }

    /// Decodes librdkafka's statistics JSON; nil (never a crash) for a document it cannot read.
    static func decode(_ json: UnsafeRawBufferPointer) -> KafkaStatistics? {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try? decoder.decode(KafkaStatistics.self, from: Data(json))
    }
}
