import Kafka

/// The worker's ledger of in-flight pages: one `PartitionWatermark` per owned partition plus the
/// global in-flight budget that decides when consumption pauses. Part of `WorkerStateMachine`,
/// whose lock guards it.
///
/// Ownership of a partition is numbered: each assignment or loss starts a new generation, and a
/// page carries the generation it was taken in. A page that finishes after its partition was
/// revoked, lost or assigned again frees its share of the budget but cannot move the new owner's
/// watermark (its offset may have been redelivered and still be in flight there).
struct OffsetBook: Sendable {
    private var partitions: [KafkaTopicPartition: PartitionWatermark] = [:]
    private var generations: [KafkaTopicPartition: Int] = [:]
    private var revoking: Set<KafkaTopicPartition> = []
    private var lastCommitted: [KafkaTopicPartition: Int64] = [:]
    private(set) var inFlightPages = 0
    private(set) var inFlightBytes = 0

    /// Registers a page taken from Kafka; returns the ownership generation to finish it with, or
    /// nil for a page that must not be processed: its partition is being revoked, or the offset is
    /// not past what was already taken in this generation (a redelivery).
    mutating func take(_ partition: KafkaTopicPartition, offset: Int64, bytes: Int) -> Int? {
        guard !revoking.contains(partition) else { return nil }
        guard partitions[partition, default: PartitionWatermark()].take(offset) else { return nil }
        inFlightPages += 1
        inFlightBytes += bytes
        return generations[partition, default: 0]
    }

    /// Marks a page finished: its events, or its dead letter, were acknowledged by the broker.
    mutating func finish(_ partition: KafkaTopicPartition, offset: Int64, bytes: Int, generation: Int) {
        if generations[partition, default: 0] == generation {
            partitions[partition]?.finish(offset)
        }
        inFlightPages -= 1
        inFlightBytes -= bytes
    }

    /// Offsets that can be committed and differ from the last commit, for `only` (all when nil).
    func commitCandidates(_ only: [KafkaTopicPartition]? = nil) -> [KafkaTopicPartition: Int64] {
        var result: [KafkaTopicPartition: Int64] = [:]
        for (partition, watermark) in partitions {
            if let only, !only.contains(partition) { continue }
            guard let offset = watermark.committable, lastCommitted[partition] != offset else { continue }
            result[partition] = offset
        }
        return result
    }

    /// Offsets the group acknowledged; a partition forgotten meanwhile is not brought back.
    mutating func markCommitted(_ offsets: [KafkaTopicPartition: Int64]) {
        for (partition, offset) in offsets where partitions[partition] != nil { lastCommitted[partition] = offset }
    }

    var committed: [KafkaTopicPartition: Int64] { lastCommitted }

    /// The partitions were (re)assigned: they start afresh from the group's committed offset,
    /// whatever an earlier ownership left behind.
    mutating func assign(_ partitions: [KafkaTopicPartition]) {
        forget(partitions)
    }

    /// Stops taking pages from `partitions`; their in-flight pages still finish.
    mutating func beginRevoke(_ partitions: [KafkaTopicPartition]) {
        revoking.formUnion(partitions)
    }

    /// True when none of `partitions` has a page in flight.
    func isIdle(_ only: [KafkaTopicPartition]) -> Bool {
        only.allSatisfy { partitions[$0]?.isIdle ?? true }
    }

    /// Forgets the partitions (revoked, lost or newly assigned) and starts a new generation for
    /// each, so pages still in flight from the old ownership only free their budget.
    mutating func forget(_ forgotten: [KafkaTopicPartition]) {
        for partition in forgotten {
            partitions[partition] = nil
            revoking.remove(partition)
            lastCommitted[partition] = nil
            generations[partition, default: 0] += 1
        }
    }
}
