import Logging
import Testing

@testable import Kafka

@Suite struct ConfigurationTests {
    static let cluster = KafkaClusterConfiguration(bootstrapServers: "b:1")

    @Test func consumerRendersDefaultsAndAlwaysCommitsManually() {
        let properties = KafkaConsumerConfiguration(consumptionStrategy: .group(id: "g", topics: ["t"])).properties(in: Self.cluster)
        #expect(properties["bootstrap.servers"] == "b:1")
        #expect(properties["group.id"] == "g")
        #expect(properties["client.id"] == "pagepipe")
        #expect(properties["auto.offset.reset"] == "earliest")
        #expect(properties["partition.assignment.strategy"] == "cooperative-sticky")
        #expect(properties["enable.auto.commit"] == "false")
        #expect(properties["enable.auto.offset.store"] == "false")
        #expect(properties["enable.partition.eof"] == "false")
        #expect(properties["statistics.interval.ms"] == "0")
        // Unset optionals leave librdkafka's defaults alone.
        #expect(properties["session.timeout.ms"] == nil)
        #expect(properties["group.instance.id"] == nil)
    }

    @Test func manualAssignmentStillNamesTheGroupItsOffsetsBelongTo() {
        let configuration = KafkaConsumerConfiguration(consumptionStrategy: .manualAssignment(groupID: "offsets-of"))
        #expect(configuration.properties(in: Self.cluster)["group.id"] == "offsets-of")
        #expect(configuration.groupID == "offsets-of")
        #expect(configuration.topics.isEmpty)
    }

    @Test func consumerOptionalsAndExtraOverride() {
        let configuration = KafkaConsumerConfiguration(
            consumptionStrategy: .group(id: "g", topics: ["t"]), autoOffsetReset: .latest, sessionTimeout: .seconds(6),
            heartbeatInterval: .seconds(1), maxPollInterval: .seconds(60), groupInstanceID: "w1", enablePartitionEOF: true,
            extra: ["client.id": "override", "fetch.min.bytes": "1"])
        let properties = configuration.properties(in: Self.cluster)
        #expect(properties["auto.offset.reset"] == "latest")
        #expect(properties["session.timeout.ms"] == "6000")
        #expect(properties["heartbeat.interval.ms"] == "1000")
        #expect(properties["max.poll.interval.ms"] == "60000")
        #expect(properties["group.instance.id"] == "w1")
        #expect(properties["enable.partition.eof"] == "true")
        #expect(properties["client.id"] == "override")
        #expect(properties["fetch.min.bytes"] == "1")
    }

    @Test func durationsBecomeWholeMillisecondsRoundedUp() {
        #expect(Duration.milliseconds(1500).librdkafkaMilliseconds == "1500")
        #expect(Duration.seconds(1.5).librdkafkaMilliseconds == "1500")
        #expect(Duration.seconds(300).librdkafkaMilliseconds == "300000")
        #expect(Duration.zero.librdkafkaMilliseconds == "0")
        // A positive duration never renders as 0, which librdkafka often reads as "off".
        #expect(Duration.microseconds(1).librdkafkaMilliseconds == "1")
        #expect(Duration.microseconds(1500).librdkafkaMilliseconds == "2")
    }

    @Test func clusterPropertiesOverrideClientSettingsAndClientExtraOverridesThem() {
        let cluster = KafkaClusterConfiguration(
            bootstrapServers: "b:1", clientID: "w7", statisticsInterval: .milliseconds(250),
            properties: ["linger.ms": "9", "session.timeout.ms": "7000", "security.protocol": "SSL"])
        let producer = KafkaProducerConfiguration(linger: .milliseconds(50), extra: ["security.protocol": "SASL_SSL"]).properties(in: cluster)
        #expect(producer["client.id"] == "w7")
        #expect(producer["statistics.interval.ms"] == "250")
        #expect(producer["linger.ms"] == "9", "-X linger.ms wins over the modelled linger")
        #expect(producer["security.protocol"] == "SASL_SSL", "the producer's own extra wins over the cluster's")
        let consumer = KafkaConsumerConfiguration(consumptionStrategy: .group(id: "g", topics: ["t"]), sessionTimeout: .seconds(6))
            .properties(in: cluster)
        #expect(consumer["session.timeout.ms"] == "7000")
        #expect(consumer["security.protocol"] == "SSL")
    }

    @Test func producerRendersIdempotenceWithAcksAll() {
        let idempotent = KafkaProducerConfiguration(linger: .milliseconds(20), compressionCodec: "lz4").properties(in: Self.cluster)
        #expect(idempotent["enable.idempotence"] == "true")
        #expect(idempotent["acks"] == "all")
        #expect(idempotent["linger.ms"] == "20")
        #expect(idempotent["compression.codec"] == "lz4")
        #expect(idempotent["queue.buffering.max.messages"] == nil)
        let plain = KafkaProducerConfiguration(idempotent: false).properties(in: Self.cluster)
        #expect(plain["enable.idempotence"] == "false")
        #expect(plain["acks"] == nil)
    }

    @Test func subscribingAManuallyAssignedConsumerFailsSayingWhatToDo() throws {
        let consumer = try KafkaConsumer(
            cluster: KafkaClusterConfiguration(bootstrapServers: "127.0.0.1:1"),
            configuration: KafkaConsumerConfiguration(consumptionStrategy: .manualAssignment(groupID: "g")),
            logger: Logger(label: "silent", factory: { _ in SwiftLogNoOpLogHandler() }))
        let error = try #require(throws: KafkaError.self) { try consumer.subscribe() }
        #expect(error.code == .state)
        #expect(error.message.contains(".group(id:topics:)"))
    }

    @Test func unknownPropertyFailsNamingIt() {
        let configuration = KafkaProducerConfiguration(extra: ["no.such.property": "1"])
        #expect {
            _ = try KafkaProducer(cluster: Self.cluster, configuration: configuration, logger: KafkaTestSupport.logger)
        } throws: { error in
            guard let error = error as? KafkaError else { return false }
            return error.code == .configuration && error.message.contains("no.such.property")
        }
    }

    @Test func invalidValueFailsNamingPropertyAndLibrdkafkasReason() throws {
        let configuration = KafkaConsumerConfiguration(
            consumptionStrategy: .group(id: "g", topics: ["t"]), extra: ["session.timeout.ms": "banana"])
        let error = try #require(throws: KafkaError.self) {
            _ = try KafkaConsumer(cluster: Self.cluster, configuration: configuration, logger: KafkaTestSupport.logger)
        }
        #expect(error.code == .configuration)
        #expect(error.message.contains("session.timeout.ms"))
        #expect(error.message.contains("banana"))
        #expect(error.description.contains("configuring the Kafka consumer"))
    }

    @Test func effectiveConfigurationReachesLibrdkafka() throws {
        let producer = try KafkaProducer(
            cluster: KafkaClusterConfiguration(bootstrapServers: "127.0.0.1:1"), configuration: KafkaProducerConfiguration(linger: .milliseconds(7)),
            logger: Logger(label: "silent", factory: { _ in SwiftLogNoOpLogHandler() }))
        #expect(producer.configurationValue("linger.ms") == "7")
        #expect(producer.configurationValue("enable.idempotence") == "true")
        #expect(producer.configurationValue("acks") == "-1")
    }
}
