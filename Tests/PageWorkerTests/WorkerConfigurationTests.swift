import Kafka
@testable import PageWorker
import Testing

@Suite struct WorkerConfigurationTests {
    @Test func producerLingersLongerThanLibrdkafkaByDefaultAndExtraPropertiesWin() {
        var configuration = WorkerConfiguration(bootstrapServers: "127.0.0.1:1", groupID: "g")
        #expect(configuration.producer.properties["linger.ms"] == String(WorkerConfiguration.defaultLingerMs))
        #expect(WorkerConfiguration.defaultLingerMs > 5)
        // What `-X linger.ms=…` and `--config` put into `extra` must override the worker's default.
        configuration.producer.extra = ["linger.ms": "5"]
        #expect(configuration.producer.properties["linger.ms"] == "5")
        // Batching must not weaken delivery: the producer stays idempotent with acks=all.
        #expect(configuration.producer.properties["enable.idempotence"] == "true")
        #expect(configuration.producer.properties["acks"] == "all")
    }
}
