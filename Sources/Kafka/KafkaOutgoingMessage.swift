/// A record for ``KafkaProducer/send(_:onDelivery:)``.
public struct KafkaOutgoingMessage: Sendable {
    public var topic: String
    /// The target partition; `nil` lets librdkafka's partitioner pick one from the key.
    public var partition: Int32?
    /// The record key; `nil` is Kafka's null key.
    public var key: [UInt8]?
    public var value: [UInt8]
    public var headers: [KafkaHeader]
    /// Create time in milliseconds since the epoch; `nil` means "now" (set by librdkafka).
    public var timestampMs: Int64?

    public init(
        topic: String, partition: Int32? = nil, key: [UInt8]? = nil, value: [UInt8],
        headers: [KafkaHeader] = [], timestampMs: Int64? = nil
    ) {
        self.topic = topic
        self.partition = partition
        self.key = key
        self.value = value
        self.headers = headers
        self.timestampMs = timestampMs
    }
}
