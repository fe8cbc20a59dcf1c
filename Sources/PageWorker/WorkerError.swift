import Kafka

/// Why a worker could not start or had to stop. Page-level failures are not worker errors: those
/// pages go to the dead-letter topic and the worker moves on.
public struct WorkerError: Error, Sendable, CustomStringConvertible {
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
