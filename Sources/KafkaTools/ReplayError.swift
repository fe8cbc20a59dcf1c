import Kafka

/// Why a replay could not be planned or carried out; the message says what to do.
public struct ReplayError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var underlying: KafkaError?

    public init(_ message: String, underlying: KafkaError? = nil) {
        self.message = message
        self.underlying = underlying
    }

    public var description: String {
        if let underlying { return "\(message): \(underlying)" }
        return message
    }
}
