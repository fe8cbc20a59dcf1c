import Kafka
import Synchronization

/// Connects the consumer's rebalance callback, which must exist before the worker does, to the
/// worker. On revoke it drains and commits the revoked partitions before librdkafka lets them go,
/// so the next owner starts exactly after the last page this worker finished.
final class RebalanceRelay: Sendable {
    private let worker = Mutex<Worker?>(nil)

    func attach(_ worker: Worker) {
        self.worker.withLock { $0 = worker }
    }

    /// Breaks the worker → consumer → callback → worker cycle once the consumer has closed.
    func detach() {
        worker.withLock { $0 = nil }
    }

    func handle(_ event: KafkaRebalance) {
        guard let worker = worker.withLock({ $0 }) else { return }
        switch event {
        case .assigned(let partitions):
            worker.logger.info("assigned \(partitions.count) partitions: \(partitions.map(\.description).sorted().joined(separator: " "))")
            worker.noteAssignmentChanged()
        case .revoked(let partitions):
            worker.logger.info("revoking \(partitions.count) partitions: draining their in-flight pages")
            worker.book.beginRevoke(partitions)
            let deadline = ContinuousClock.now + .milliseconds(worker.configuration.drainTimeoutMs)
            while !worker.book.isIdle(partitions), ContinuousClock.now < deadline {
                usleepMilliseconds(5)
            }
            if !worker.book.isIdle(partitions) {
                worker.logger.warning("revoke deadline passed with pages in flight; the next owner will redo them")
            }
            worker.commit(worker.book.commitCandidates(partitions))
            worker.book.endRevoke(partitions)
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif

func usleepMilliseconds(_ milliseconds: Int) {
    usleep(UInt32(milliseconds * 1000))
}
