/// What one ``KafkaConsumer/poll(timeoutMs:)`` produced.
public enum KafkaConsumerEvent: Sendable {
    /// A record from an assigned partition.
    case record(KafkaRecord)
    /// The consumer reached the end of a partition: `offset` is the next offset that will be
    /// written. Only with ``KafkaConsumerConfiguration/enablePartitionEOF``.
    case partitionEOF(KafkaTopicPartition, offset: Int64)
    /// A non-fatal error (broker down, topic missing, ...) that librdkafka retries by itself;
    /// reported for logging. Fatal errors are thrown by `poll` instead.
    case error(KafkaError)
}
