import Logging
import Synchronization

/// What librdkafka's callbacks need from the Swift side. One per client; the client keeps it alive
/// until after `rd_kafka_destroy` returns, so callbacks receive it unretained as the `opaque`.
final class RDKafkaClientContext: Sendable {
    let logger: Logger
    /// Runs inside `poll` before the wrapper applies the assignment change (consumers only).
    let rebalanceHandler: (@Sendable (KafkaRebalance) -> Void)?
    /// Runs inside `poll` with each statistics snapshot (`statistics.interval.ms`).
    let statisticsHandler: (@Sendable (KafkaStatistics) -> Void)?
    /// Consumers report non-fatal errors from `poll`; producers and admin clients only log them.
    let reportsErrorsFromPoll: Bool
    private let pendingErrors = Mutex<[KafkaError]>([])
    /// Holds back the copies of a line librdkafka repeats while no broker answers.
    let repeatedLines = RepeatedLogLines()

    init(
        logger: Logger, reportsErrorsFromPoll: Bool,
        rebalanceHandler: (@Sendable (KafkaRebalance) -> Void)? = nil,
        statisticsHandler: (@Sendable (KafkaStatistics) -> Void)? = nil
    ) {
        self.statisticsHandler = statisticsHandler
        self.logger = logger
        self.reportsErrorsFromPoll = reportsErrorsFromPoll
        self.rebalanceHandler = rebalanceHandler
    }

    /// Called from librdkafka's error callback (on the polling thread).
    func record(_ error: KafkaError) {
        if error.isFatal {
            logger.critical("fatal Kafka client error", metadata: [LogKey.error: "\(error)"])
        } else if !reportsErrorsFromPoll {
            logger.log(level: .warning, "Kafka client error", metadata: [LogKey.error: "\(error)"], unlessRepeatedIn: repeatedLines)
        }
        // Fatal errors are thrown by poll through rd_kafka_fatal_error, never buffered twice.
        guard reportsErrorsFromPoll, !error.isFatal else { return }
        pendingErrors.withLock { $0.append(error) }
    }

    /// The oldest error not yet handed out, if any.
    func takePendingError() -> KafkaError? {
        pendingErrors.withLock { $0.isEmpty ? nil : $0.removeFirst() }
    }
}
