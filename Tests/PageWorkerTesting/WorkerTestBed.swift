import Foundation
import Kafka
import KafkaTools
import Logging
import PageWorker
import TopicContract

/// Where one worker test body runs (hummingbird's testing pattern: one body, in-process or live).
public enum WorkerTestSetup: Sendable, CustomStringConvertible {
    /// An `InMemoryCluster`: no broker, no network.
    case inMemory
    /// The real broker at these bootstrap servers, on topics and a group of the test's own.
    case live(brokers: String)

    public var description: String {
        switch self {
        case .inMemory: "in memory"
        case .live(let brokers): "live on \(brokers)"
        }
    }
}

/// A worker's input, run and output, the same whichever cluster is under it.
public protocol WorkerTestBed {
    /// Appends page records to the input's `partition`.
    func append(_ records: [(value: [UInt8], headers: [KafkaHeader])], partition: Int32) throws
    /// Runs one worker until it has read every partition to its end and gone quiet.
    func runUntilIdle(_ configure: (inout WorkerConfiguration) -> Void) throws -> WorkerSummary
    /// The group's committed offsets on the input, by partition.
    func committed() throws -> [Int32: Int64]
    /// The records of an output topic, named as the router names it (`articles`, `pages.dlq`).
    func records(in topic: String) throws -> [KafkaRecord]
}

extension WorkerTestSetup {
    /// A fresh bed with an input topic of `partitions` partitions.
    public func makeBed(partitions: Int32) throws -> any WorkerTestBed {
        switch self {
        case .inMemory: InMemoryBed(partitions: partitions)
        case .live(let brokers): try LiveBed(brokers: brokers, partitions: partitions)
        }
    }
}

private final class InMemoryBed: WorkerTestBed {
    let cluster: InMemoryCluster

    init(partitions: Int32) {
        cluster = InMemoryCluster(topics: ["pages.raw": Int(partitions)])
    }

    func append(_ records: [(value: [UInt8], headers: [KafkaHeader])], partition: Int32) throws {
        for record in records { cluster.append(record.value, to: "pages.raw", partition: partition, headers: record.headers) }
    }

    func runUntilIdle(_ configure: (inout WorkerConfiguration) -> Void) throws -> WorkerSummary {
        let run = try WorkerRun(on: cluster) {
            $0.exitWhenIdle = .milliseconds(300)
            configure(&$0)
        }
        guard let outcome = run.finish(within: .seconds(60)) else { throw WorkerTestBedError("the worker did not go idle in 60 s") }
        return try outcome.get()
    }

    func committed() throws -> [Int32: Int64] {
        Dictionary(uniqueKeysWithValues: cluster.committed.map { ($0.key.partition, $0.value) })
    }

    func records(in topic: String) throws -> [KafkaRecord] {
        cluster.records(in: topic)
    }
}

private final class LiveBed: WorkerTestBed {
    let cluster: KafkaClusterConfiguration
    let suffix = ".bed-\(UInt32.random(in: 0...UInt32.max))"
    var input: String { "pages.raw" + suffix }
    var group: String { "pagepipe-bed" + suffix }
    let logger = Logger(label: "pagepipe.test.bed")

    init(brokers: String, partitions: Int32) throws {
        cluster = KafkaClusterConfiguration(bootstrapServers: brokers)
        try KafkaAdmin(cluster: cluster, logger: logger).createTopics([(name: input, partitions: partitions)], timeoutMs: 10_000)
    }

    func append(_ records: [(value: [UInt8], headers: [KafkaHeader])], partition: Int32) throws {
        let producer = try KafkaProducer(cluster: cluster, logger: logger)
        for record in records {
            let message = KafkaOutgoingMessage(topic: input, partition: partition, value: record.value, headers: record.headers)
            try producer.send(message, whenQueueFull: .pollHere) { _ in }
        }
        try producer.flush(timeoutMs: 30_000)
    }

    func runUntilIdle(_ configure: (inout WorkerConfiguration) -> Void) throws -> WorkerSummary {
        var configuration = WorkerConfiguration(cluster: cluster, groupID: group, inputTopics: [input])
        configuration.router.topicSuffix = suffix
        configuration.concurrency = 2
        configuration.exitWhenIdle = .seconds(2)
        configuration.progressInterval = nil
        configure(&configuration)
        return try Worker(configuration: configuration, processor: WorkerRun.processor, logger: logger).run()
    }

    func committed() throws -> [Int32: Int64] {
        let consumer = try KafkaConsumer(
            cluster: cluster, configuration: KafkaConsumerConfiguration(consumptionStrategy: .manualAssignment(groupID: group)), logger: logger)
        defer { consumer.close() }
        let partitions = try consumer.partitions(ofTopic: input, timeoutMs: 10_000).map { KafkaTopicPartition(topic: input, partition: $0) }
        return Dictionary(uniqueKeysWithValues: try consumer.committed(partitions, timeoutMs: 10_000).map { ($0.key.partition, $0.value) })
    }

    func records(in topic: String) throws -> [KafkaRecord] {
        var records: [KafkaRecord] = []
        try TopicScan(cluster: cluster).records(topic + suffix, logger: logger) { records.append($0) }
        return records
    }
}

public struct WorkerTestBedError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
