import Logging

/// The few admin operations pagepipe needs: creating topics and looking at a consumer group.
public final class KafkaAdmin: Sendable {
    private let client: RDKafkaClient

    /// Connects with the cluster's servers and properties as `<client id>-admin`; it reports no
    /// statistics, having no one to hand them to.
    public init(cluster: KafkaClusterConfiguration, logger: Logger = Logger(label: "pagepipe.kafka.admin")) throws(KafkaError) {
        let properties = cluster.properties(clientID: cluster.clientID + "-admin", statistics: false, clientSettings: [:], extra: [:])
        let context = RDKafkaClientContext(logger: logger, reportsErrorsFromPoll: false)
        client = try RDKafkaClient.make(kind: .producer, properties: properties, context: context)
    }

    /// Creates the topics, each with its partitions, replication and settings; topics that
    /// already exist count as success (whatever their partition count and settings: nothing
    /// existing is altered).
    public func createTopics(_ topics: [KafkaNewTopic], timeoutMs: Int) throws(KafkaError) {
        guard !topics.isEmpty else { return }
        try client.createTopics(topics, timeoutMs: timeoutMs)
    }

    /// `createTopics` with the broker's default replication and the same settings for every topic.
    public func createTopics(
        _ topics: [(name: String, partitions: Int32)], configs: [String: String] = [:], timeoutMs: Int
    ) throws(KafkaError) {
        try createTopics(topics.map { KafkaNewTopic(name: $0.name, partitions: $0.partitions, configs: configs) }, timeoutMs: timeoutMs)
    }

    /// Every topic the cluster lists, with partitions and replication. Creates nothing, even on a
    /// cluster that creates topics when a client asks for one by name.
    public func listTopics(timeoutMs: Int) throws(KafkaError) -> [String: KafkaTopicDescription] {
        try client.listTopics(timeoutMs: timeoutMs)
    }

    /// Member ids of a consumer group; empty when the group has no active members or is unknown.
    /// Uses ListGroups + DescribeGroups (`rd_kafka_list_groups`). On Tansu a group is listed only
    /// once it has committed offsets, so a group that never committed reads as empty there.
    public func groupMembers(_ groupID: String, timeoutMs: Int) throws(KafkaError) -> [String] {
        try client.groupMembers(groupID, timeoutMs: timeoutMs)
    }

    /// The settings `names` of each topic, as the cluster reports them; a topic the cluster does
    /// not know is left out, and a setting the cluster does not report is missing from its map.
    public func topicConfigs(_ topics: [String], names: Set<String>, timeoutMs: Int) throws(KafkaError) -> [String: [String: String]] {
        try client.topicConfigs(topics, names: names, timeoutMs: timeoutMs)
    }

    /// Asks for one topic by name, as a producer does before its first write: a cluster with
    /// `auto.create.topics.enable` creates a topic it does not have (the local broker always does).
    public func partitions(ofTopic topic: String, timeoutMs: Int) throws(KafkaError) -> [Int32] {
        try client.partitions(ofTopic: topic, timeoutMs: timeoutMs)
    }

    /// An effective librdkafka property, after defaults: with `test.mock.num.brokers` this is
    /// the mock cluster's address, which other clients in a test connect to.
    func configurationValue(_ name: String) -> String? { client.configurationValue(name) }
}
