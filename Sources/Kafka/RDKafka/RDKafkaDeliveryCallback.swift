/// Carries a `send`'s completion through librdkafka as the message's opaque pointer.
/// Retained when enqueued, released by the delivery callback, so it runs exactly once.
final class RDKafkaDeliveryCallback: Sendable {
    private let completion: @Sendable (Result<KafkaDeliveryReport, KafkaError>) -> Void

    init(_ completion: @escaping @Sendable (Result<KafkaDeliveryReport, KafkaError>) -> Void) {
        self.completion = completion
    }

    func deliver(_ result: Result<KafkaDeliveryReport, KafkaError>) {
        completion(result)
    }
}
