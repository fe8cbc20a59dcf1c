/// A record read by ``KafkaConsumer``, copied out of librdkafka's buffer so it can outlive the poll.
public struct KafkaRecord: Sendable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    /// Milliseconds since the epoch (create or log-append time), `nil` when the broker sent none.
    public var timestampMs: Int64?
    /// The record key; `nil` is Kafka's null key.
    public var key: [UInt8]?
    /// The record value; a null value reads as empty.
    public var value: [UInt8]
    /// Headers in wire order, repeated keys kept.
    public var headers: [KafkaHeader]

    public init(
        topic: String, partition: Int32, offset: Int64, timestampMs: Int64?,
        key: [UInt8]?, value: [UInt8], headers: [KafkaHeader]
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.timestampMs = timestampMs
        self.key = key
        self.value = value
        self.headers = headers
    }

    /// The partition this record came from.
    public var topicPartition: KafkaTopicPartition { KafkaTopicPartition(topic: topic, partition: partition) }

    /// The value of the last header named `key` (Kafka's convention: a later header overrides an
    /// earlier one), or `nil` when absent or null.
    public func header(_ key: String) -> [UInt8]? {
        headers.last(where: { $0.key == key })?.value ?? nil
    }
}
