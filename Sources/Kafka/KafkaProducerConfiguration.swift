/// How a ``KafkaProducer`` connects and batches. Rendered once into librdkafka properties
/// (``properties``); anything not modelled here goes into ``extra``.
public struct KafkaProducerConfiguration: Sendable {
    /// Comma-separated `host:port` list (`bootstrap.servers`). Default: none, required.
    public var bootstrapServers: String
    /// `client.id`, shown in broker logs. Default: "pagepipe".
    public var clientID: String = "pagepipe"
    /// `enable.idempotence=true` with `acks=all`: retries never duplicate or reorder records
    /// within a partition. Default: true.
    public var idempotent: Bool = true
    /// `linger.ms`: how long to wait to fill a batch. Default: nil (librdkafka's 5).
    public var lingerMs: Int? = nil
    /// `compression.codec` (none, gzip, snappy, lz4, zstd). Default: nil (librdkafka's none).
    public var compressionCodec: String? = nil
    /// `queue.buffering.max.messages`: local queue size; `send` throws `.queueFull` beyond it.
    /// Default: nil (librdkafka's 100000).
    public var queueBufferingMaxMessages: Int? = nil
    /// `message.max.bytes`: the largest record librdkafka accepts in `send` (larger ones fail with
    /// ``KafkaError/Code/messageTooLarge``). Default: nil (librdkafka's 1000000).
    public var messageMaxBytes: Int? = nil
    /// `statistics.interval.ms`: how often librdkafka hands a ``KafkaStatistics`` snapshot to the
    /// client's `onStatistics`. Default: nil (librdkafka's 0, no statistics).
    public var statisticsIntervalMs: Int? = nil
    /// Any librdkafka property, applied last so it overrides everything above. Default: empty.
    public var extra: [String: String] = [:]

    public init(
        bootstrapServers: String, clientID: String = "pagepipe", idempotent: Bool = true,
        lingerMs: Int? = nil, compressionCodec: String? = nil, queueBufferingMaxMessages: Int? = nil,
        extra: [String: String] = [:]
    ) {
        self.bootstrapServers = bootstrapServers
        self.clientID = clientID
        self.idempotent = idempotent
        self.lingerMs = lingerMs
        self.compressionCodec = compressionCodec
        self.queueBufferingMaxMessages = queueBufferingMaxMessages
        self.extra = extra
    }

    /// The librdkafka properties this configuration stands for, `extra` included.
    public var properties: [String: String] {
        var properties: [String: String] = [
            "bootstrap.servers": bootstrapServers,
            "client.id": clientID,
            "enable.idempotence": idempotent ? "true" : "false",
        ]
        if idempotent { properties["acks"] = "all" }
        properties["linger.ms"] = lingerMs.map(String.init)
        properties["compression.codec"] = compressionCodec
        properties["queue.buffering.max.messages"] = queueBufferingMaxMessages.map(String.init)
        properties["message.max.bytes"] = messageMaxBytes.map(String.init)
        properties["statistics.interval.ms"] = statisticsIntervalMs.map(String.init)
        properties.merge(extra) { _, override in override }
        return properties
    }
}
