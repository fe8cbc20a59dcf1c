import Kafka
import Synchronization

/// Connects the Kafka clients' callbacks (rebalances, statistics), which must exist before the
/// worker does, to the worker. On revoke it drains and commits the revoked partitions before librdkafka lets them go,
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

    /// A statistics snapshot of the consumer or the producer (served by their polls).
    func handle(_ statistics: KafkaStatistics) {
        guard let worker = worker.withLock({ $0 }) else { return }
        worker.noteStatistics(statistics)
    }

    func handle(_ event: KafkaRebalance) {
        guard let worker = worker.withLock({ $0 }) else { return }
        switch event {
        case .assigned(let partitions):
            worker.logger.info("assigned \(partitions.count) partitions: \(partitions.map(\.description).sorted().joined(separator: " "))")
            worker.book.assign(partitions)
            worker.idle.assigned(partitions)
            worker.noteAssignmentChange(gained: partitions.count)
        case .revoked(let partitions):
            worker.logger.info("revoking \(partitions.count) partitions: draining their in-flight pages")
            worker.book.beginRevoke(partitions)
            let deadline = worker.revokeDeadline()
            while !worker.book.isIdle(partitions), ContinuousClock.now < deadline {
                usleepMilliseconds(5)
            }
            if !worker.book.isIdle(partitions) {
                worker.logger.warning("revoke deadline passed with pages in flight; the next owner will redo them")
            }
            worker.commit(worker.book.commitCandidates(partitions), by: deadline)
            worker.book.forget(partitions)
            worker.idle.removed(partitions)
            worker.noteAssignmentChange(gained: -partitions.count)
        case .lost(let partitions):
            // Waiting would only delay the rejoin, and a commit would be refused: let the group
            // redeliver from its last commit (the pages give byte-identical events again).
            worker.logger.warning(
                "lost \(partitions.count) partitions without a handover (session timeout or fenced); pages in flight for them will be redelivered")
            worker.book.forget(partitions)
            worker.idle.removed(partitions)
            worker.noteAssignmentChange(gained: -partitions.count)
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func usleepMilliseconds(_ milliseconds: Int) {
    usleep(UInt32(milliseconds * 1000))
}
