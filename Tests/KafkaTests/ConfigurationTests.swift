import Logging
import Testing

@testable import Kafka

@Suite struct ConfigurationTests {
    @Test func consumerRendersDefaultsAndAlwaysCommitsManually() {
        let properties = KafkaConsumerConfiguration(bootstrapServers: "b:1", groupID: "g").properties
        #expect(properties["bootstrap.servers"] == "b:1")
        #expect(properties["group.id"] == "g")
        #expect(properties["client.id"] == "pagepipe")
        #expect(properties["auto.offset.reset"] == "earliest")
        #expect(properties["partition.assignment.strategy"] == "cooperative-sticky")
        #expect(properties["enable.auto.commit"] == "false")
        #expect(properties["enable.auto.offset.store"] == "false")
        #expect(properties["enable.partition.eof"] == "false")
        // Unset optionals leave librdkafka's defaults alone.
        #expect(properties["session.timeout.ms"] == nil)
        #expect(properties["group.instance.id"] == nil)
    }

    @Test func consumerOptionalsAndExtraOverride() {
        let configuration = KafkaConsumerConfiguration(
            bootstrapServers: "b:1", groupID: "g", autoOffsetReset: .latest, sessionTimeoutMs: 6000,
            heartbeatIntervalMs: 1000, maxPollIntervalMs: 60000, groupInstanceID: "w1", enablePartitionEOF: true,
            extra: ["client.id": "override", "fetch.min.bytes": "1"])
        let properties = configuration.properties
        #expect(properties["auto.offset.reset"] == "latest")
        #expect(properties["session.timeout.ms"] == "6000")
        #expect(properties["heartbeat.interval.ms"] == "1000")
        #expect(properties["max.poll.interval.ms"] == "60000")
        #expect(properties["group.instance.id"] == "w1")
        #expect(properties["enable.partition.eof"] == "true")
        #expect(properties["client.id"] == "override")
        #expect(properties["fetch.min.bytes"] == "1")
    }

    @Test func producerRendersIdempotenceWithAcksAll() {
        let idempotent = KafkaProducerConfiguration(bootstrapServers: "b:1", lingerMs: 20, compressionCodec: "lz4").properties
        #expect(idempotent["enable.idempotence"] == "true")
        #expect(idempotent["acks"] == "all")
        #expect(idempotent["linger.ms"] == "20")
        #expect(idempotent["compression.codec"] == "lz4")
        #expect(idempotent["queue.buffering.max.messages"] == nil)
        let plain = KafkaProducerConfiguration(bootstrapServers: "b:1", idempotent: false).properties
        #expect(plain["enable.idempotence"] == "false")
        #expect(plain["acks"] == nil)
    }

    @Test func unknownPropertyFailsNamingIt() {
        let configuration = KafkaProducerConfiguration(bootstrapServers: "b:1", extra: ["no.such.property": "1"])
        #expect {
            _ = try KafkaProducer(configuration: configuration, logger: KafkaTestSupport.logger)
        } throws: { error in
            guard let error = error as? KafkaError else { return false }
            return error.code == .configuration && error.message.contains("no.such.property")
        }
    }

    @Test func invalidValueFailsNamingPropertyAndLibrdkafkasReason() throws {
        let configuration = KafkaConsumerConfiguration(
            bootstrapServers: "b:1", groupID: "g", extra: ["session.timeout.ms": "banana"])
        let error = try #require(throws: KafkaError.self) {
            _ = try KafkaConsumer(configuration: configuration, logger: KafkaTestSupport.logger)
        }
        #expect(error.code == .configuration)
        #expect(error.message.contains("session.timeout.ms"))
        #expect(error.message.contains("banana"))
        #expect(error.description.contains("configuring the Kafka consumer"))
    }

    @Test func effectiveConfigurationReachesLibrdkafka() throws {
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: "127.0.0.1:1", lingerMs: 7),
            logger: Logger(label: "silent", factory: { _ in SwiftLogNoOpLogHandler() }))
        #expect(producer.configurationValue("linger.ms") == "7")
        #expect(producer.configurationValue("enable.idempotence") == "true")
        #expect(producer.configurationValue("acks") == "-1")
    }
}
