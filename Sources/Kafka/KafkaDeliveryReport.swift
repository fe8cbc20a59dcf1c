/// Where the broker stored a record sent with ``KafkaProducer/send(_:onDelivery:)``.
public struct KafkaDeliveryReport: Sendable, Hashable {
    public var topic: String
    public var partition: Int32
    /// The record's offset in its partition; -1 when the broker did not return one (acks=0).
    public var offset: Int64

    public init(topic: String, partition: Int32, offset: Int64) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
    }
}
