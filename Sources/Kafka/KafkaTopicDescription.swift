/// A topic as the cluster's metadata describes it.
public struct KafkaTopicDescription: Sendable, Equatable {
    public var name: String
    public var partitions: Int
    /// Replicas of the topic's first partition: the topic's replication factor as created.
    public var replicationFactor: Int

    public init(name: String, partitions: Int, replicationFactor: Int) {
        self.name = name
        self.partitions = partitions
        self.replicationFactor = replicationFactor
    }
}

/// A topic to create: its partitions, replication and settings.
public struct KafkaNewTopic: Sendable, Equatable {
    public var name: String
    public var partitions: Int32
    /// nil: the broker's default (`default.replication.factor`), so one call works on any cluster.
    public var replicationFactor: Int32?
    /// Topic settings (`retention.ms`, `cleanup.policy`, `max.message.bytes`, …).
    public var configs: [String: String]

    public init(name: String, partitions: Int32, replicationFactor: Int32? = nil, configs: [String: String] = [:]) {
        self.name = name
        self.partitions = partitions
        self.replicationFactor = replicationFactor
        self.configs = configs
    }
}
