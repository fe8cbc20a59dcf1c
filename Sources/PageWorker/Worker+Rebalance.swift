import Kafka

extension Worker {
    /// An assignment change, on the polling thread inside `poll`, before librdkafka applies it
    /// (the Kafka layer has logged it). A revoke waits for its partitions' pages in flight and
    /// commits their watermark first, so the next owner starts exactly after the last page this
    /// worker finished; a loss commits nothing (the group has already moved the partitions; a
    /// commit would be refused), and its pages are redelivered to the next owner.
    func rebalanced(_ event: KafkaRebalance) {
        switch event {
        case .assigned(let partitions):
            control.with { $0.assigned(partitions, now: .now) }
        case .revoked(let partitions):
            let deadline = control.with { $0.revokeStarted(partitions, now: .now) }
            if !control.wait(until: deadline, for: { $0.isDrained(partitions) }) {
                logger.warning("revoke deadline passed with pages in flight; the next owner will redo them",
                               metadata: [LogKey.count: "\(partitions.count)"])
            }
            commit(control.with { $0.revokeCommit(partitions) }, by: deadline)
            control.with { $0.revoked(partitions, now: .now) }
        case .lost(let partitions):
            logger.warning("partitions lost without a handover (session timeout or fenced): their pages in flight will be redelivered",
                           metadata: [LogKey.count: "\(partitions.count)"])
            control.with { $0.lost(partitions, now: .now) }
        }
        stats.update { $0.rebalances += 1 }
        metrics.rebalanced()
    }
}
