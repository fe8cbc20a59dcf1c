import Synchronization
import Testing

@testable import Kafka

/// Behaviour against librdkafka's built-in mock cluster: fast, no broker process.
@Suite struct MockClusterTests {
    @Test func deliveryReportsCarryConsecutiveOffsets() throws {
        let cluster = try MockCluster()
        let topic = try cluster.topic()
        let producer = try cluster.producer()
        let messages = (0..<10).map { KafkaOutgoingMessage(topic: topic, partition: 1, value: Array("m\($0)".utf8)) }
        let reports = try KafkaTestSupport.produce(producer, messages).map { try $0.get() }
        #expect(reports.map(\.offset) == Array(0..<10))
        #expect(reports.allSatisfy { $0.topic == topic && $0.partition == 1 })
        #expect(producer.outstandingCount == 0)
    }

    @Test func recordsComeBackWithKeysHeadersAndTimestamps() throws {
        let cluster = try MockCluster()
        let topic = try cluster.topic()
        let producer = try cluster.producer()
        let headers = [
            KafkaHeader(key: "content-encoding", value: Array("gzip".utf8)),
            KafkaHeader(key: "empty", value: []),
            KafkaHeader(key: "null", value: nil),
            KafkaHeader(key: "content-encoding", value: Array("identity".utf8)),
        ]
        let sent = [
            KafkaOutgoingMessage(topic: topic, partition: 0, key: [1, 2, 0, 3], value: Array("页面".utf8), headers: headers, timestampMs: 1_700_000_000_123),
            KafkaOutgoingMessage(topic: topic, partition: 0, key: nil, value: [], headers: []),
        ]
        _ = try KafkaTestSupport.produce(producer, sent).map { try $0.get() }

        let consumer = try cluster.consumer()
        try consumer.assign([KafkaTopicPartition(topic: topic, partition: 0): 0])
        let records = try KafkaTestSupport.consume(consumer, count: 2)
        try #require(records.count == 2)
        #expect(records[0].key == [1, 2, 0, 3])
        #expect(records[0].value == Array("页面".utf8))
        #expect(records[0].headers == headers)
        #expect(records[0].header("content-encoding") == Array("identity".utf8), "the last repeated header wins")
        #expect(records[0].header("null") == nil)
        #expect(records[0].header("empty") == [])
        #expect(records[0].timestampMs == 1_700_000_000_123)
        #expect(records[0].offset == 0 && records[0].partition == 0 && records[0].topic == topic)
        #expect(records[1].key == nil)
        #expect(records[1].value == [])
        #expect(records[1].headers.isEmpty)
        #expect(records[1].timestampMs != nil)
    }

    @Test func commitThenCommittedReturnsTheNextOffsets() throws {
        let cluster = try MockCluster()
        let topic = try cluster.topic()
        let consumer = try cluster.consumer()
        let first = KafkaTopicPartition(topic: topic, partition: 0)
        let second = KafkaTopicPartition(topic: topic, partition: 1)
        #expect(try consumer.committed([first, second], timeoutMs: 5_000).isEmpty, "nothing committed yet")
        try consumer.commit([first: 42, second: 7])
        #expect(try consumer.committed([first, second], timeoutMs: 5_000) == [first: 42, second: 7])
    }

    @Test func watermarksFollowProducedRecords() throws {
        let cluster = try MockCluster()
        let topic = try cluster.topic()
        let producer = try cluster.producer()
        _ = try KafkaTestSupport.produce(producer, (0..<5).map { _ in KafkaOutgoingMessage(topic: topic, partition: 1, value: [0]) })
        let consumer = try cluster.consumer()
        let watermarks = try consumer.watermarks(KafkaTopicPartition(topic: topic, partition: 1), timeoutMs: 5_000)
        #expect(watermarks.low == 0 && watermarks.high == 5)
        #expect(try consumer.partitions(ofTopic: topic, timeoutMs: 5_000) == [0, 1, 2, 3])
        #expect(try producer.partitions(ofTopic: topic, timeoutMs: 5_000) == [0, 1, 2, 3])
    }

    @Test func pausedPartitionsDeliverNothingUntilResumed() throws {
        let cluster = try MockCluster()
        let topic = try cluster.topic()
        let producer = try cluster.producer()
        _ = try KafkaTestSupport.produce(producer, (0..<3).map { _ in KafkaOutgoingMessage(topic: topic, partition: 0, value: [1]) })
        let consumer = try cluster.consumer()
        let partition = KafkaTopicPartition(topic: topic, partition: 0)
        try consumer.assign([partition: 0])
        #expect(try consumer.assignment() == [partition])
        try consumer.pause([partition])
        #expect(try KafkaTestSupport.consume(consumer, count: 1, timeoutMs: 1_500).isEmpty)
        try consumer.resume([partition])
        #expect(try KafkaTestSupport.consume(consumer, count: 3).map(\.offset) == [0, 1, 2])
    }

    @Test func partitionEOFIsReportedWhenEnabled() throws {
        let cluster = try MockCluster()
        let topic = try cluster.topic()
        let consumer = try KafkaConsumer(
            cluster: cluster.configuration,
            configuration: KafkaConsumerConfiguration(consumptionStrategy: .manualAssignment(groupID: "eof"), enablePartitionEOF: true),
            logger: KafkaTestSupport.logger)
        let partition = KafkaTopicPartition(topic: topic, partition: 1)
        try consumer.assign([partition: 0])
        var eof: (KafkaTopicPartition, Int64)?
        for _ in 0..<100 where eof == nil {
            if case .partitionEOF(let reached, let offset) = try consumer.poll(timeoutMs: 100) { eof = (reached, offset) }
        }
        #expect(eof?.0 == partition)
        #expect(eof?.1 == 0)
    }

    @Test func fullLocalQueueThrowsQueueFullAndRecoversAfterPolling() throws {
        let cluster = try MockCluster()
        let topic = try cluster.topic()
        let producer = try cluster.producer(extra: ["queue.buffering.max.messages": "5"])
        let delivered = DeliveryCollector(count: 6)
        for index in 0..<5 {
            try producer.send(KafkaOutgoingMessage(topic: topic, value: [UInt8(index)])) { delivered.set(index, $0) }
        }
        let error = try #require(throws: KafkaError.self) {
            try producer.send(KafkaOutgoingMessage(topic: topic, value: [5])) { delivered.set(5, $0) }
        }
        #expect(error.code == .queueFull)
        #expect(error.isRetriable)
        try producer.flush(timeoutMs: 10_000)
        try producer.send(KafkaOutgoingMessage(topic: topic, value: [5])) { delivered.set(5, $0) }
        try producer.flush(timeoutMs: 10_000)
        #expect(delivered.calls == 6, "each onDelivery runs exactly once, the rejected send's never")
        #expect(delivered.all.allSatisfy { (try? $0.get()) != nil })
    }

    @Test func groupSubscriptionAssignsThroughOnRebalanceAndCloseRevokes() throws {
        let cluster = try MockCluster()
        let topic = try cluster.topic()
        let rebalances = Mutex<[KafkaRebalance]>([])
        let consumer = try KafkaConsumer(
            cluster: cluster.configuration,
            configuration: KafkaConsumerConfiguration(consumptionStrategy: .group(id: KafkaTestSupport.uniqueName("g"), topics: [topic])),
            logger: KafkaTestSupport.logger,
            onRebalance: { change in rebalances.withLock { $0.append(change) } })
        try consumer.subscribe()
        for _ in 0..<100 where rebalances.withLock({ $0.isEmpty }) { _ = try consumer.poll(timeoutMs: 100) }
        let expected = (0..<4).map { KafkaTopicPartition(topic: topic, partition: $0) }
        #expect(rebalances.withLock { $0 } == [.assigned(expected)])
        #expect(Set(try consumer.assignment()) == Set(expected))
        consumer.close()
        consumer.close()
        #expect(rebalances.withLock { $0.last } == .revoked(expected))
    }
}
