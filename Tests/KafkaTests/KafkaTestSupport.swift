import Foundation
import Synchronization
import Logging
import Testing

@testable import Kafka

/// Shared helpers: loggers, unique names and poll loops with deadlines (a hung test fails, not hangs).
enum KafkaTestSupport {
    static let logger: Logger = {
        var logger = Logger(label: "pagepipe.kafka.tests")
        logger.logLevel = .warning
        return logger
    }()

    static func uniqueName(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Polls until `count` records arrived or `timeoutMs` passed; returns what arrived.
    static func consume(
        _ consumer: KafkaConsumer, count: Int, timeoutMs: Int = 15_000
    ) throws -> [KafkaRecord] {
        var records: [KafkaRecord] = []
        let deadline = ContinuousClock.now + .milliseconds(timeoutMs)
        while records.count < count, ContinuousClock.now < deadline {
            if case .record(let record) = try consumer.poll(timeoutMs: 100) { records.append(record) }
        }
        return records
    }

    /// Sends one message; `false` when librdkafka's queue is full and the caller should poll first.
    static func send(
        _ message: KafkaOutgoingMessage, on producer: KafkaProducer,
        onDelivery: @escaping @Sendable (Result<KafkaDeliveryReport, KafkaError>) -> Void
    ) throws(KafkaError) -> Bool {
        do {
            try producer.send(message, onDelivery: onDelivery)
            return true
        } catch {
            if error.code == .queueFull { return false }
            throw error
        }
    }

    /// Sends all messages, then flushes; returns the delivery results in send order.
    static func produce(
        _ producer: KafkaProducer, _ messages: [KafkaOutgoingMessage]
    ) throws -> [Result<KafkaDeliveryReport, KafkaError>] {
        let results = DeliveryCollector(count: messages.count)
        for (index, message) in messages.enumerated() {
            while try !send(message, on: producer, onDelivery: { results.set(index, $0) }) {
                producer.poll(timeoutMs: 10)
            }
        }
        try producer.flush(timeoutMs: 15_000)
        return results.all
    }
}

/// Collects delivery reports from whatever thread serves them.
final class DeliveryCollector: Sendable {
    private let results: Mutex<[Result<KafkaDeliveryReport, KafkaError>?]>
    private let callCount = Mutex(0)

    init(count: Int) { results = Mutex(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ result: Result<KafkaDeliveryReport, KafkaError>) {
        results.withLock { $0[index] = result }
        callCount.withLock { $0 += 1 }
    }

    var calls: Int { callCount.withLock { $0 } }

    var all: [Result<KafkaDeliveryReport, KafkaError>] {
        results.withLock { $0.map { $0 ?? .failure(KafkaError(code: .other, message: "no delivery report", context: "test")) } }
    }
}

/// A librdkafka mock cluster (no broker process), alive as long as this value.
struct MockCluster {
    let owner: KafkaAdmin
    /// The mock cluster's listener, for the clients of a test.
    let configuration: KafkaClusterConfiguration

    init() throws {
        owner = try KafkaAdmin(
            cluster: KafkaClusterConfiguration(bootstrapServers: "unused:9092", properties: ["test.mock.num.brokers": "1"]),
            logger: KafkaTestSupport.logger)
        // librdkafka replaces bootstrap.servers with the mock cluster's listener.
        configuration = KafkaClusterConfiguration(bootstrapServers: try #require(owner.configurationValue("bootstrap.servers")))
    }

    func producer(extra: [String: String] = [:], idempotent: Bool = true) throws -> KafkaProducer {
        try KafkaProducer(
            cluster: configuration, configuration: KafkaProducerConfiguration(idempotent: idempotent, extra: extra),
            logger: KafkaTestSupport.logger)
    }

    func consumer(group: String = KafkaTestSupport.uniqueName("group")) throws -> KafkaConsumer {
        try KafkaConsumer(
            cluster: configuration, configuration: KafkaConsumerConfiguration(consumptionStrategy: .manualAssignment(groupID: group)),
            logger: KafkaTestSupport.logger)
    }

    /// A fresh topic with the mock's default of 4 partitions: the mock cluster answers
    /// CreateTopics with a controller timeout, so the topic is auto-created by a producer's
    /// metadata request instead.
    func topic() throws -> String {
        let name = KafkaTestSupport.uniqueName("mock")
        _ = try producer(idempotent: false).partitions(ofTopic: name, timeoutMs: 5_000)
        return name
    }
}
