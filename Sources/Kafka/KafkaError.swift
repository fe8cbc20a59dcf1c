/// The one error type of the Kafka layer: what librdkafka said, and what we were doing.
public struct KafkaError: Error, Sendable, CustomStringConvertible {
    /// A coarse classification for callers to branch on; extensible without breaking `switch`es.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        public init(_ name: String) { self.name = name }
        public var description: String { name }

        /// librdkafka's local queue is full: serve delivery reports with `poll` and retry.
        public static let queueFull = Code("queueFull")
        /// A request or flush did not finish in time.
        public static let timedOut = Code("timedOut")
        /// A property was unknown or invalid, or the client could not be created from it.
        public static let configuration = Code("configuration")
        /// The client hit an unrecoverable error (fenced, idempotence broken): recreate it.
        public static let fatal = Code("fatal")
        /// The librdkafka loaded at runtime is too old for the broker.
        public static let unsupportedVersion = Code("unsupportedVersion")
        /// The topic or partition does not exist.
        public static let unknownTopic = Code("unknownTopic")
        /// A create-topics request named a topic that is already there.
        public static let topicAlreadyExists = Code("topicAlreadyExists")
        /// A record is larger than the producer's `message.max.bytes` or the topic's
        /// `max.message.bytes`: send something smaller, retrying will not help.
        public static let messageTooLarge = Code("messageTooLarge")
        /// The cluster refused the client access to a topic or group (ACLs, SASL identity).
        public static let unauthorized = Code("unauthorized")
        /// The consumer reached the end of a partition (only with partition EOF enabled).
        public static let partitionEOF = Code("partitionEOF")
        /// No connection to the brokers (down, unreachable, refused).
        public static let transport = Code("transport")
        /// The call is not valid in the client's state (closed, not subscribed, ...).
        public static let state = Code("state")
        /// Anything else; see ``KafkaError/rawCode`` and ``KafkaError/message``.
        public static let other = Code("other")
    }

    public var code: Code
    /// librdkafka's `rd_kafka_resp_err_t` (0 when the error did not come from librdkafka).
    public var rawCode: Int32
    /// librdkafka's explanation, or ours.
    public var message: String
    /// The client cannot continue: close it and create a new one.
    public var isFatal: Bool
    /// Trying the same operation again may succeed.
    public var isRetriable: Bool
    /// What we were doing, e.g. "committing offsets".
    public var context: String

    public init(
        code: Code, rawCode: Int32 = 0, message: String, isFatal: Bool = false,
        isRetriable: Bool = false, context: String
    ) {
        self.code = code
        self.rawCode = rawCode
        self.message = message
        self.isFatal = isFatal
        self.isRetriable = isRetriable
        self.context = context
    }

    public var description: String {
        var text = "Kafka error while \(context): \(message) [\(code)"
        if rawCode != 0 { text += ", librdkafka code \(rawCode)" }
        if isFatal { text += ", fatal" }
        if isRetriable { text += ", retriable" }
        return text + "]"
    }
}
