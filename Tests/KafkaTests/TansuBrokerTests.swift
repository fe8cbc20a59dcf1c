import BrokerTestSupport
import Synchronization
import Testing

@testable import Kafka

/// Integration tests against the real (Tansu) broker from ``TestBroker``. Each test uses fresh,
/// uniquely named topics and groups, so reruns against a long-lived broker stay independent.
@Suite struct TansuBrokerTests {
    /// Tansu holds JoinGroup for half the session timeout: keep it short so a join takes ~3 s.
    static func groupConsumer(
        _ cluster: KafkaClusterConfiguration, group: String, topics: [String], onRebalance: @escaping @Sendable (KafkaRebalance) -> Void
    ) throws -> KafkaConsumer {
        try KafkaConsumer(
            cluster: cluster,
            configuration: KafkaConsumerConfiguration(
                consumptionStrategy: .group(id: group, topics: topics), sessionTimeout: .seconds(6), heartbeatInterval: .seconds(1)),
            logger: KafkaTestSupport.logger, onRebalance: onRebalance)
    }

    @Test func groupConsumerGetsEveryPartitionConsumesAllAndCommitsTheEnd() throws {
        let cluster = KafkaClusterConfiguration(bootstrapServers: try TestBroker.bootstrap())
        let admin = try KafkaAdmin(cluster: cluster, logger: KafkaTestSupport.logger)
        let topic = KafkaTestSupport.uniqueName("group-test")
        try admin.createTopics([(topic, 3)], timeoutMs: 10_000)
        let producer = try KafkaProducer(
            cluster: cluster, logger: KafkaTestSupport.logger)
        let messages = (0..<60).map { KafkaOutgoingMessage(topic: topic, key: Array("key-\($0)".utf8), value: Array("value-\($0)".utf8)) }
        let reports = try KafkaTestSupport.produce(producer, messages).map { try $0.get() }

        let group = KafkaTestSupport.uniqueName("group")
        let rebalances = Mutex<[KafkaRebalance]>([])
        let consumer = try Self.groupConsumer(cluster, group: group, topics: [topic]) { change in rebalances.withLock { $0.append(change) } }
        try consumer.subscribe()
        let records = try KafkaTestSupport.consume(consumer, count: messages.count, timeoutMs: 30_000)

        let all = (0..<3).map { KafkaTopicPartition(topic: topic, partition: $0) }
        #expect(rebalances.withLock { $0.first } == .assigned(all))
        #expect(Set(try consumer.assignment()) == Set(all))
        #expect(records.count == messages.count)
        #expect(Set(records.map { $0.value }) == Set(messages.map(\.value)))

        var next: [KafkaTopicPartition: Int64] = [:]
        for record in records { next[record.topicPartition] = max(next[record.topicPartition] ?? 0, record.offset + 1) }
        try consumer.commit(next)
        // End offsets from the broker's acks: Tansu's ListOffsets(latest) answers the last
        // batch's base offset + 1, not the partition's end, so watermarks cannot be used here.
        var ends: [KafkaTopicPartition: Int64] = [:]
        for report in reports {
            let partition = KafkaTopicPartition(topic: report.topic, partition: report.partition)
            ends[partition] = max(ends[partition] ?? 0, report.offset + 1)
        }
        #expect(ends.values.reduce(0, +) == Int64(reports.count))
        #expect(try consumer.committed(all, timeoutMs: 5_000) == ends)
        // Tansu's ListGroups only lists groups that have committed offsets, hence after the commit.
        let members = try admin.groupMembers(group, timeoutMs: 5_000)
        #expect(members.count == 1, "the one member is listed while in the group: \(members)")
        consumer.close()
        #expect(rebalances.withLock { $0.last } == .revoked(all))
    }

    @Test func idempotentProducerDeliversInOrderWithoutDuplicates() throws {
        let cluster = KafkaClusterConfiguration(bootstrapServers: try TestBroker.bootstrap())
        let topic = KafkaTestSupport.uniqueName("idempotent")
        let admin = try KafkaAdmin(cluster: cluster, logger: KafkaTestSupport.logger)
        try admin.createTopics([(topic, 1)], timeoutMs: 10_000)
        let producer = try KafkaProducer(
            cluster: cluster, configuration: KafkaProducerConfiguration(idempotent: true),
            logger: KafkaTestSupport.logger)
        #expect(producer.configurationValue("enable.idempotence") == "true")
        let messages = (0..<200).map {
            KafkaOutgoingMessage(topic: topic, partition: 0, value: Array("\($0)".utf8), headers: [KafkaHeader(key: "n", value: Array("\($0)".utf8))])
        }
        let reports = try KafkaTestSupport.produce(producer, messages).map { try $0.get() }
        #expect(reports.map(\.offset) == Array(0..<200))

        let consumer = try KafkaConsumer(
            cluster: cluster, configuration: KafkaConsumerConfiguration(consumptionStrategy: .manualAssignment(groupID: KafkaTestSupport.uniqueName("reader"))),
            logger: KafkaTestSupport.logger)
        try consumer.assign([KafkaTopicPartition(topic: topic, partition: 0): 0])
        let records = try KafkaTestSupport.consume(consumer, count: 200)
        #expect(records.map(\.offset) == Array(0..<200))
        #expect(records.map(\.value) == messages.map(\.value))
        #expect(records.allSatisfy { $0.header("n") == $0.value })
    }

    @Test func createTopicsMakesPartitionsAndAcceptsExistingTopics() throws {
        let cluster = KafkaClusterConfiguration(bootstrapServers: try TestBroker.bootstrap())
        let admin = try KafkaAdmin(cluster: cluster, logger: KafkaTestSupport.logger)
        let first = KafkaTestSupport.uniqueName("created")
        let second = KafkaTestSupport.uniqueName("created")
        try admin.createTopics([(first, 2), (second, 5)], timeoutMs: 10_000)
        try admin.createTopics([(first, 2)], timeoutMs: 10_000)
        #expect(try admin.partitions(ofTopic: first, timeoutMs: 5_000) == [0, 1])
        #expect(try admin.partitions(ofTopic: second, timeoutMs: 5_000) == [0, 1, 2, 3, 4])
        #expect(try admin.groupMembers(KafkaTestSupport.uniqueName("nobody"), timeoutMs: 5_000).isEmpty)
    }
}
