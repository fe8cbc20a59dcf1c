/// How a ``KafkaProducer`` batches and delivers. The cluster it writes to is a
/// ``KafkaClusterConfiguration`` given beside it; together they render once into librdkafka
/// properties (``properties(in:)``), and anything not modelled here goes into ``extra``.
public struct KafkaProducerConfiguration: Sendable {
    /// `enable.idempotence=true` with `acks=all`: retries never duplicate or reorder records
    /// within a partition. Default: true.
    public var idempotent: Bool = true
    /// `linger.ms`: how long to wait to fill a batch. Default: nil (librdkafka's 5 ms).
    public var linger: Duration? = nil
    /// `compression.codec` (none, gzip, snappy, lz4, zstd). Default: nil (librdkafka's none).
    public var compressionCodec: String? = nil
    /// `queue.buffering.max.messages`: local queue size; `send` throws `.queueFull` beyond it.
    /// Default: nil (librdkafka's 100000).
    public var queueBufferingMaxMessages: Int? = nil
    /// `message.max.bytes`: the largest record librdkafka accepts in `send` (larger ones fail with
    /// ``KafkaError/Code/messageTooLarge``). Default: nil (librdkafka's 1000000).
    public var messageMaxBytes: Int? = nil
    /// Any librdkafka property for the producer only, applied last so it overrides everything,
    /// the cluster's properties included. Default: empty.
    public var extra: [String: String] = [:]

    public init(
        idempotent: Bool = true, linger: Duration? = nil, compressionCodec: String? = nil,
        queueBufferingMaxMessages: Int? = nil, messageMaxBytes: Int? = nil, extra: [String: String] = [:]
    ) {
        self.idempotent = idempotent
        self.linger = linger
        self.compressionCodec = compressionCodec
        self.queueBufferingMaxMessages = queueBufferingMaxMessages
        self.messageMaxBytes = messageMaxBytes
        self.extra = extra
    }

    /// The librdkafka properties of this producer on `cluster`, every `extra` included.
    public func properties(in cluster: KafkaClusterConfiguration) -> [String: String] {
        var settings = ["enable.idempotence": idempotent ? "true" : "false"]
        if idempotent { settings["acks"] = "all" }
        settings["linger.ms"] = linger?.librdkafkaMilliseconds
        settings["compression.codec"] = compressionCodec
        settings["queue.buffering.max.messages"] = queueBufferingMaxMessages.map(String.init)
        settings["message.max.bytes"] = messageMaxBytes.map(String.init)
        return cluster.properties(clientID: cluster.clientID, statistics: true, clientSettings: settings, extra: extra)
    }
}
