import CRdKafka
import Logging

/// Owns one `rd_kafka_t`. Every other librdkafka call in this module goes through this class (its
/// extensions hold the consumer, producer and admin calls) or through the small classes that own
/// one C resource each.
final class RDKafkaClient: Sendable {
    enum Kind: Sendable {
        case producer, consumer
    }

    /// The `rd_kafka_t`. librdkafka's handle is thread-safe; only this class and its extensions use it.
    nonisolated(unsafe) let handle: OpaquePointer
    let kind: Kind
    /// Outlives `handle`: callbacks receive it unretained until `rd_kafka_destroy` returns.
    let context: RDKafkaClientContext

    private init(handle: OpaquePointer, kind: Kind, context: RDKafkaClientContext) {
        self.handle = handle
        self.kind = kind
        self.context = context
    }

    deinit {
        // Joins librdkafka's threads, so no callback can still be using `context` afterwards.
        rd_kafka_destroy(handle)
    }

    /// Creates the client from rendered properties; fails naming the property librdkafka rejected.
    static func make(
        kind: Kind, properties: [String: String], context: RDKafkaClientContext
    ) throws(KafkaError) -> RDKafkaClient {
        try Librdkafka.requireSupportedVersion()
        let conf = try makeConfiguration(properties, kind: kind, context: context)
        var errorText = [CChar](repeating: 0, count: 512)
        // On success rd_kafka_new owns conf; on failure it is still ours to destroy.
        let handle = rd_kafka_new(
            kind == .consumer ? RD_KAFKA_CONSUMER : RD_KAFKA_PRODUCER, conf, &errorText, errorText.count)
        guard let handle else {
            rd_kafka_conf_destroy(conf)
            throw KafkaError(
                code: .configuration, message: string(errorText),
                context: "creating the Kafka \(kind)")
        }
        if kind == .consumer {
            // Serve the main queue (errors, rebalances, logs) from rd_kafka_consumer_poll.
            rd_kafka_poll_set_consumer(handle)
        }
        return RDKafkaClient(handle: handle, kind: kind, context: context)
    }

    private static func makeConfiguration(
        _ properties: [String: String], kind: Kind, context: RDKafkaClientContext
    ) throws(KafkaError) -> OpaquePointer {
        let conf: OpaquePointer = rd_kafka_conf_new()
        var errorText = [CChar](repeating: 0, count: 512)
        // Sorted so that, of several bad properties, the same one is always reported.
        for (name, value) in properties.sorted(by: { $0.key < $1.key }) {
            guard rd_kafka_conf_set(conf, name, value, &errorText, errorText.count) != RD_KAFKA_CONF_OK else {
                continue
            }
            rd_kafka_conf_destroy(conf)
            let reason = string(errorText)
            let shownValue = name.contains("password") || name.contains("secret") ? "<redacted>" : value
            throw KafkaError(
                code: .configuration,
                message: "librdkafka rejected property '\(name)' = '\(shownValue)': \(reason)",
                context: "configuring the Kafka \(kind)")
        }
        rd_kafka_conf_set_opaque(conf, Unmanaged.passUnretained(context).toOpaque())
        rd_kafka_conf_set_log_cb(conf) { rdKafkaLogCallback(handle: $0, level: $1, facility: $2, text: $3) }
        rd_kafka_conf_set_error_cb(conf) { rdKafkaErrorCallback(handle: $0, code: $1, reason: $2, opaque: $3) }
        if context.statisticsHandler != nil {
            rd_kafka_conf_set_stats_cb(conf) { rdKafkaStatisticsCallback(handle: $0, json: $1, length: $2, opaque: $3) }
        }
        switch kind {
        case .producer:
            rd_kafka_conf_set_dr_msg_cb(conf) { rdKafkaDeliveryCallback(handle: $0, message: $1, opaque: $2) }
        case .consumer:
            rd_kafka_conf_set_rebalance_cb(conf) {
                rdKafkaRebalanceCallback(handle: $0, code: $1, partitions: $2, opaque: $3)
            }
        }
        return conf
    }

    /// The client's fatal error, if one was raised (fenced instance, broken idempotence).
    func fatalError(context: String) -> KafkaError? {
        var text = [CChar](repeating: 0, count: 512)
        let code = rd_kafka_fatal_error(handle, &text, text.count)
        guard code != RD_KAFKA_RESP_ERR_NO_ERROR else { return nil }
        return KafkaError(rawCode: code, message: Self.string(text), isFatal: true, context: context)
    }

    /// An effective configuration value (after librdkafka applied defaults and overrides).
    func configurationValue(_ name: String) -> String? {
        guard let conf = rd_kafka_conf(handle) else { return nil }
        var size = 0
        guard rd_kafka_conf_get(conf, name, nil, &size) == RD_KAFKA_CONF_OK, size > 0 else { return nil }
        var buffer = [CChar](repeating: 0, count: size)
        guard rd_kafka_conf_get(conf, name, &buffer, &size) == RD_KAFKA_CONF_OK else { return nil }
        return Self.string(buffer)
    }

    /// Partition ids of `topic` from the brokers' metadata.
    func partitions(ofTopic topic: String, timeoutMs: Int) throws(KafkaError) -> [Int32] {
        let context = "reading the partitions of topic '\(topic)'"
        guard let topicHandle = rd_kafka_topic_new(handle, topic, nil) else {
            throw KafkaError(rawCode: rd_kafka_last_error(), context: context)
        }
        defer { rd_kafka_topic_destroy(topicHandle) }
        var metadata: UnsafePointer<rd_kafka_metadata>?
        let code = rd_kafka_metadata(handle, 0, topicHandle, &metadata, Self.timeout(timeoutMs))
        guard code == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else {
            throw KafkaError(rawCode: code, context: context)
        }
        defer { rd_kafka_metadata_destroy(metadata) }
        guard metadata.pointee.topic_cnt > 0, let topics = metadata.pointee.topics else {
            throw KafkaError(rawCode: RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, context: context)
        }
        let entry = topics[0]
        guard entry.err == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(rawCode: entry.err, context: context) }
        guard let partitions = entry.partitions else { return [] }
        return (0..<Int(entry.partition_cnt)).map { partitions[$0].id }.sorted()
    }

    /// Every topic the cluster lists, from a metadata request for all topics: unlike a request
    /// naming a topic, it never makes a cluster that creates topics on demand create one.
    func listTopics(timeoutMs: Int) throws(KafkaError) -> [String: KafkaTopicDescription] {
        var metadata: UnsafePointer<rd_kafka_metadata>?
        let code = rd_kafka_metadata(handle, 1, nil, &metadata, Self.timeout(timeoutMs))
        guard code == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else {
            throw KafkaError(rawCode: code, context: "listing the cluster's topics")
        }
        defer { rd_kafka_metadata_destroy(metadata) }
        var result: [String: KafkaTopicDescription] = [:]
        guard let topics = metadata.pointee.topics else { return result }
        for index in 0..<Int(metadata.pointee.topic_cnt) {
            let entry = topics[index]
            guard entry.err == RD_KAFKA_RESP_ERR_NO_ERROR, let name = entry.topic else { continue }
            let replicas = entry.partition_cnt > 0 ? Int(entry.partitions[0].replica_cnt) : 0
            let description = KafkaTopicDescription(name: String(cString: name), partitions: Int(entry.partition_cnt), replicationFactor: replicas)
            result[description.name] = description
        }
        return result
    }

    static func string(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map(UInt8.init(bitPattern:)), as: UTF8.self)
    }

    /// librdkafka takes `int` milliseconds; clamp instead of trapping on absurd values.
    static func timeout(_ milliseconds: Int) -> Int32 { Int32(clamping: max(milliseconds, 0)) }
}
