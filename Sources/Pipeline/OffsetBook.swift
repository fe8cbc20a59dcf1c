import Kafka
import Synchronization

/// The worker's ledger of in-flight pages: one `PartitionWatermark` per owned partition plus the
/// global in-flight budget that decides when consumption pauses. Shared by the polling thread,
/// the processing lanes and the delivery thread, so every access goes through one lock.
final class OffsetBook: Sendable {
    private struct State {
        var partitions: [KafkaTopicPartition: PartitionWatermark] = [:]
        var revoking: Set<KafkaTopicPartition> = []
        var lastCommitted: [KafkaTopicPartition: Int64] = [:]
        var inFlightPages = 0
        var inFlightBytes = 0
    }

    private let state = Mutex(State())

    /// Registers a page taken from Kafka. Returns false for a page that must not be processed: its
    /// partition is being revoked, or the offset is not past what was already taken (a redelivery).
    func take(_ partition: KafkaTopicPartition, offset: Int64, bytes: Int) -> Bool {
        state.withLock { state in
            guard !state.revoking.contains(partition) else { return false }
            guard state.partitions[partition, default: PartitionWatermark()].take(offset) else { return false }
            state.inFlightPages += 1
            state.inFlightBytes += bytes
            return true
        }
    }

    /// Marks a page finished: its events, or its dead letter, were acknowledged by the broker.
    func finish(_ partition: KafkaTopicPartition, offset: Int64, bytes: Int) {
        state.withLock { state in
            state.partitions[partition]?.finish(offset)
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

    /// Stops taking pages from `partitions`; their in-flight pages still finish.
    func beginRevoke(_ partitions: [KafkaTopicPartition]) {
        state.withLock { $0.revoking.formUnion(partitions) }
    }

    /// True when none of `partitions` has a page in flight.
    func isIdle(_ partitions: [KafkaTopicPartition]) -> Bool {
        state.withLock { state in partitions.allSatisfy { state.partitions[$0]?.isIdle ?? true } }
    }

    /// Forgets revoked partitions; a later assignment starts them afresh from the committed offset.
    func endRevoke(_ partitions: [KafkaTopicPartition]) {
        state.withLock { state in
            for partition in partitions {
                state.partitions[partition] = nil
                state.revoking.remove(partition)
                state.lastCommitted[partition] = nil
            }
        }
    }
}
