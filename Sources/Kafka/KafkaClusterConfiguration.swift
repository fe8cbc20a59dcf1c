/// What every client of one Kafka cluster shares: where the cluster is, who is asking, how often
/// librdkafka reports statistics, and the properties that apply to every client (TLS and SASL
/// settings above all). Described once and handed to ``KafkaConsumer``, ``KafkaProducer`` and
/// ``KafkaAdmin`` beside their own settings, so the clients of one process cannot disagree on it.
public struct KafkaClusterConfiguration: Sendable {
    /// Comma-separated `host:port` list (`bootstrap.servers`). Default: none, required.
    public var bootstrapServers: String
    /// `client.id`, shown in broker logs; the admin client appends `-admin`. Default: "pagepipe".
    public var clientID: String
    /// `statistics.interval.ms`: how often librdkafka hands a ``KafkaStatistics`` snapshot to a
    /// consumer's or producer's `onStatistics`. `.zero` (librdkafka's default) reports none.
    /// Default: `.zero`.
    public var statisticsInterval: Duration
    /// Any librdkafka property for every client, applied after the settings each client models, so
    /// it overrides them; a client's own `extra` is applied after these. Default: empty.
    public var properties: [String: String]

    public init(
        bootstrapServers: String, clientID: String = "pagepipe", statisticsInterval: Duration = .zero,
        properties: [String: String] = [:]
    ) {
        self.bootstrapServers = bootstrapServers
        self.clientID = clientID
        self.statisticsInterval = statisticsInterval
        self.properties = properties
    }

    /// The librdkafka properties of one client of this cluster: the cluster's modelled settings,
    /// then the client's (`clientSettings`), then the cluster's `properties`, then the client's
    /// `extra`; each later one wins.
    func properties(
        clientID: String, statistics: Bool, clientSettings: [String: String], extra: [String: String]
    ) -> [String: String] {
        var properties = ["bootstrap.servers": bootstrapServers, "client.id": clientID]
        if statistics { properties["statistics.interval.ms"] = statisticsInterval.librdkafkaMilliseconds }
        properties.merge(clientSettings) { _, client in client }
        properties.merge(self.properties) { _, shared in shared }
        properties.merge(extra) { _, own in own }
        return properties
    }
}

extension Duration {
    /// The `*.ms` property value librdkafka expects: whole milliseconds, rounded up, so a timeout or
    /// interval is never shorter than asked and a positive one never becomes 0 (which often means
    /// "off" to librdkafka).
    var librdkafkaMilliseconds: String {
        let (seconds, attoseconds) = components
        let attosecondsPerMillisecond: Int64 = 1_000_000_000_000_000
        let (wholeMilliseconds, rest) = attoseconds.quotientAndRemainder(dividingBy: attosecondsPerMillisecond)
        return String(seconds * 1000 + wholeMilliseconds + (rest > 0 ? 1 : 0))
    }
}
