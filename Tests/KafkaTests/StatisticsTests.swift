import Synchronization
import Testing

@testable import Kafka

/// librdkafka's statistics document reaches `onStatistics` through `poll`, decoded: the worker's
/// broker contact, readiness and lag metrics stand on these fields.
@Suite struct StatisticsTests {
    @Test func statisticsArriveThroughPollWithBrokersAndPartitionOffsets() throws {
        let cluster = try MockCluster()
        let topic = try cluster.topic()
        let producer = try cluster.producer()
        let messages = (0..<3).map { KafkaOutgoingMessage(topic: topic, partition: 0, value: [UInt8($0)]) }
        _ = try KafkaTestSupport.produce(producer, messages).map { try $0.get() }

        let snapshots = Mutex<[KafkaStatistics]>([])
        var clusterConfiguration = cluster.configuration
        clusterConfiguration.statisticsInterval = .milliseconds(100)
        let consumer = try KafkaConsumer(
            cluster: clusterConfiguration,
            configuration: KafkaConsumerConfiguration(consumptionStrategy: .manualAssignment(groupID: KafkaTestSupport.uniqueName("group"))),
            logger: KafkaTestSupport.logger,
            onStatistics: { statistics in snapshots.withLock { $0.append(statistics) } })
        let partition = KafkaTopicPartition(topic: topic, partition: 0)
        try consumer.assign([partition: 0])
        #expect(try KafkaTestSupport.consume(consumer, count: 3).count == 3)
        try consumer.commit([partition: 3])

        var latest: KafkaStatistics.Partition?
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline, latest?.consumerLag != 0 {
            _ = try consumer.poll(timeoutMs: 100)
            latest = snapshots.withLock { $0.last }?.topics[topic]?.partitions["0"]
        }
        #expect(snapshots.withLock { $0.allSatisfy { $0.type == "consumer" } && $0.contains(where: \.anyBrokerUp) })
        #expect(latest?.hiOffset == 3)
        #expect(latest?.committedOffset == 3)
        #expect(latest?.consumerLag == 0, "end 3 minus committed 3")
    }
}
