import BrokerTestSupport
import Testing

@testable import Kafka

/// Measures (does not assert) produce and consume rates against the real broker, so a debug
/// build's numbers are visible in the test log. Assertions only check that everything arrived.
@Suite struct ThroughputTests {
    static let messageCount = 20_000
    static let valueSize = 3 * 1024

    @Test func idempotentProduceAndConsumeRates() throws {
        let cluster = KafkaClusterConfiguration(bootstrapServers: try TestBroker.bootstrap())
        let topic = KafkaTestSupport.uniqueName("throughput")
        try KafkaAdmin(cluster: cluster, logger: KafkaTestSupport.logger).createTopics([(topic, 4)], timeoutMs: 10_000)
        let producer = try KafkaProducer(
            cluster: cluster, configuration: KafkaProducerConfiguration(idempotent: true, linger: .milliseconds(5)),
            logger: KafkaTestSupport.logger)
        let value = [UInt8](repeating: 0x61, count: Self.valueSize)
        let delivered = DeliveryCollector(count: Self.messageCount)

        let clock = ContinuousClock()
        let produceStart = clock.now
        for index in 0..<Self.messageCount {
            let message = KafkaOutgoingMessage(topic: topic, key: Array("k\(index)".utf8), value: value)
            while try !KafkaTestSupport.send(message, on: producer, onDelivery: { delivered.set(index, $0) }) {
                producer.poll(timeoutMs: 1)
            }
            if index % 1_000 == 0 { producer.poll(timeoutMs: 0) }
        }
        try producer.flush(timeoutMs: 30_000)
        let produceTime = clock.now - produceStart
        #expect(delivered.calls == Self.messageCount)

        let consumer = try KafkaConsumer(
            cluster: cluster, configuration: KafkaConsumerConfiguration(consumptionStrategy: .manualAssignment(groupID: KafkaTestSupport.uniqueName("rate"))),
            logger: KafkaTestSupport.logger)
        try consumer.assign(Dictionary(uniqueKeysWithValues: (0..<4).map { (KafkaTopicPartition(topic: topic, partition: $0), Int64(0)) }))
        let consumeStart = clock.now
        let records = try KafkaTestSupport.consume(consumer, count: Self.messageCount, timeoutMs: 30_000)
        let consumeTime = clock.now - consumeStart
        #expect(records.count == Self.messageCount)

        func rate(_ duration: Duration) -> Int {
            Int(Double(Self.messageCount) / max(duration / .seconds(1), 1e-9))
        }
        print("[throughput] \(Self.messageCount) x \(Self.valueSize) B, idempotent: produce \(rate(produceTime)) msg/s (\(produceTime)), consume \(rate(consumeTime)) msg/s (\(consumeTime))")
    }
}
