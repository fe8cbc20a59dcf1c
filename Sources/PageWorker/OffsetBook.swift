import Kafka
import Synchronization

/// The worker's ledger of in-flight pages: one `PartitionWatermark` per owned partition plus the
/// global in-flight budget that decides when consumption pauses. Shared by the polling thread,
/// the processing lanes and the delivery thread, so every access goes through one lock.
///
/// Ownership of a partition is numbered: each assignment or loss starts a new generation, and a
/// page carries the generation it was taken in. A page that finishes after its partition was
/// revoked, lost or assigned again frees its share of the budget but cannot move the new owner's
/// watermark (its offset may have been redelivered and still be in flight there).
final class OffsetBook: Sendable {
    private struct State {
        var partitions: [KafkaTopicPartition: PartitionWatermark] = [:]
        var generations: [KafkaTopicPartition: Int] = [:]
        var revoking: Set<KafkaTopicPartition> = []
        var lastCommitted: [KafkaTopicPartition: Int64] = [:]
        var inFlightPages = 0
        var inFlightBytes = 0
    }

    private let state = Mutex(State())

    /// Registers a page taken from Kafka; returns the ownership generation to finish it with, or
    /// nil for a page that must not be processed: its partition is being revoked, or the offset is
    /// not past what was already taken in this generation (a redelivery).
    func take(_ partition: KafkaTopicPartition, offset: Int64, bytes: Int) -> Int? {
        state.withLock { state in
            guard !state.revoking.contains(partition) else { return nil }
            guard state.partitions[partition, default: PartitionWatermark()].take(offset) else { return nil }
            state.inFlightPages += 1
            state.inFlightBytes += bytes
            return state.generations[partition, default: 0]
        }
    }

    /// Marks a page finished: its events, or its dead letter, were acknowledged by the broker.
    func finish(_ partition: KafkaTopicPartition, offset: Int64, bytes: Int, generation: Int) {
        state.withLock { state in
            if state.generations[partition, default: 0] == generation {
                state.partitions[partition]?.finish(offset)
            }
            state.inFlightPages -= 1
            state.inFlightBytes -= bytes
        }
    }

    var inFlight: (pages: Int, bytes: Int) {
        state.withLock { ($0.inFlightPages, $0.inFlightBytes) }
    }

    /// Offsets that can be committed and differ from the last commit, for `partitions` (all when nil).
    func commitCandidates(_ partitions: [KafkaTopicPartition]? = nil) -> [KafkaTopicPartition: Int64] {
        state.withLock { state in
            var result: [KafkaTopicPartition: Int64] = [:]
            for (partition, watermark) in state.partitions {
                if let partitions, !partitions.contains(partition) { continue }
                guard let offset = watermark.committable, state.lastCommitted[partition] != offset else { continue }
                result[partition] = offset
            }
            return result
        }
    }

    func markCommitted(_ offsets: [KafkaTopicPartition: Int64]) {
        state.withLock { state in
            for (partition, offset) in offsets { state.lastCommitted[partition] = offset }
        }
    }

    var committed: [KafkaTopicPartition: Int64] { state.withLock { $0.lastCommitted } }

    /// The partitions were (re)assigned: they start afresh from the group's committed offset,
    /// whatever an earlier ownership left behind.
    func assign(_ partitions: [KafkaTopicPartition]) {
        forget(partitions)
    }

    /// Stops taking pages from `partitions`; their in-flight pages still finish.
    func beginRevoke(_ partitions: [KafkaTopicPartition]) {
        state.withLock { $0.revoking.formUnion(partitions) }
    }

    /// True when none of `partitions` has a page in flight.
    func isIdle(_ partitions: [KafkaTopicPartition]) -> Bool {
        state.withLock { state in partitions.allSatisfy { state.partitions[$0]?.isIdle ?? true } }
    }

    /// Forgets the partitions (revoked, lost or newly assigned) and starts a new generation for
    /// each, so pages still in flight from the old ownership only free their budget.
    func forget(_ partitions: [KafkaTopicPartition]) {
        state.withLock { state in
            for partition in partitions {
                state.partitions[partition] = nil
                state.revoking.remove(partition)
                state.lastCommitted[partition] = nil
                state.generations[partition, default: 0] += 1
            }
        }
    }
}
