/// One partition of one topic: the unit of assignment, pausing, offsets and commits.
public struct KafkaTopicPartition: Hashable, Sendable, CustomStringConvertible {
    /// The topic's name.
    public var topic: String
    /// The partition index within the topic, from 0.
    public var partition: Int32

    public init(topic: String, partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    /// `topic[partition]`, the form librdkafka's own logs use.
    public var description: String { "\(topic)[\(partition)]" }
}
