import Kafka
@testable import PageWorker
import Testing

@Suite struct WorkerConfigurationTests {
    static let cluster = KafkaClusterConfiguration(bootstrapServers: "127.0.0.1:1")

    @Test func producerLingersLongerThanLibrdkafkaByDefaultAndExtraPropertiesWin() {
        var configuration = WorkerConfiguration(cluster: Self.cluster, groupID: "g")
        #expect(configuration.producer.properties(in: configuration.cluster)["linger.ms"] == "50")
        #expect(WorkerConfiguration.defaultLinger > .milliseconds(5))
        // What `-X producer.linger.ms=…` and `--config` put into `extra` must override the worker's default.
        configuration.producer.extra = ["linger.ms": "5"]
        #expect(configuration.producer.properties(in: configuration.cluster)["linger.ms"] == "5")
        // So must a plain `-X linger.ms=…`, which every client shares.
        configuration.producer.extra = [:]
        configuration.cluster.properties = ["linger.ms": "6"]
        #expect(configuration.producer.properties(in: configuration.cluster)["linger.ms"] == "6")
        // Batching must not weaken delivery: the producer stays idempotent with acks=all.
        #expect(configuration.producer.properties(in: configuration.cluster)["enable.idempotence"] == "true")
        #expect(configuration.producer.properties(in: configuration.cluster)["acks"] == "all")
    }

    /// The one cluster description reaches both clients: servers, client id, statistics interval
    /// and the security settings `-X` gives every client.
    @Test func consumerAndProducerShareTheOneClusterDescription() {
        let security = ["security.protocol": "SASL_SSL", "sasl.mechanism": "SCRAM-SHA-512", "ssl.ca.location": "/etc/kafka/ca.pem"]
        let cluster = KafkaClusterConfiguration(
            bootstrapServers: "k1:9093,k2:9093", clientID: "pagepipe-7", statisticsInterval: .milliseconds(1500), properties: security)
        let configuration = WorkerConfiguration(cluster: cluster, groupID: "pagepipe", inputTopics: ["pages.raw", "pages.late"])
        let consumer = configuration.consumer.properties(in: configuration.cluster)
        let producer = configuration.producer.properties(in: configuration.cluster)
        let expected = security.merging([
            "bootstrap.servers": "k1:9093,k2:9093", "client.id": "pagepipe-7", "statistics.interval.ms": "1500",
        ]) { _, new in new }
        for (key, value) in expected {
            #expect(consumer[key] == value, "consumer \(key)")
            #expect(producer[key] == value, "producer \(key)")
        }
        #expect(consumer["group.id"] == "pagepipe")
        #expect(configuration.consumer.consumptionStrategy == .group(id: "pagepipe", topics: ["pages.raw", "pages.late"]))
        #expect(producer["group.id"] == nil)
    }

    @Test func theWorkerAlwaysHasStatisticsForBrokerContactAndLag() {
        let configuration = WorkerConfiguration(cluster: Self.cluster, groupID: "g")
        #expect(configuration.cluster.statisticsInterval == WorkerConfiguration.defaultStatisticsInterval)
        #expect(configuration.consumer.properties(in: configuration.cluster)["statistics.interval.ms"] == "5000")
        #expect(configuration.consumer.topics == WorkerConfiguration.defaultInputTopics)
    }

    @Test func durationsRenderAsLibrdkafkaMilliseconds() {
        var configuration = WorkerConfiguration(cluster: Self.cluster, groupID: "g")
        configuration.consumer.sessionTimeout = .seconds(1.5)
        configuration.consumer.heartbeatInterval = .milliseconds(500)
        configuration.consumer.maxPollInterval = .seconds(90)
        configuration.producer.linger = .seconds(0.02)
        let consumer = configuration.consumer.properties(in: configuration.cluster)
        #expect(consumer["session.timeout.ms"] == "1500")
        #expect(consumer["heartbeat.interval.ms"] == "500")
        #expect(consumer["max.poll.interval.ms"] == "90000")
        #expect(configuration.producer.properties(in: configuration.cluster)["linger.ms"] == "20")
    }
}
