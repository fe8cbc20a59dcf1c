import Kafka
import Synchronization

/// Decides when a worker run with `exitWhenIdle` has drained its input and may stop.
///
/// Time since the last page is not enough. A worker that is still joining its group, or that was
/// just handed partitions by a member that left, has seen no page for a while only because it has
/// not fetched any yet: stopping then leaves those pages to no one. (A 1 → 3 → 1 scale-down got
/// the remaining worker four partitions back two seconds before its quiet period ran out; it
/// stopped without reading them and left partition 3's offsets 373–496 unprocessed.)
///
/// So the worker is idle only when it holds an assignment (possibly empty), has read every
/// assigned partition to its end since it was assigned or last gave a page, has nothing in flight,
/// and has seen neither a page nor an assignment change for the quiet period. "Read to its end"
/// is librdkafka's partition-EOF event, so the consumer needs `enable.partition.eof`.
final class IdleWatch: Sendable {
    private struct State {
        var joined = false
        var assigned: Set<KafkaTopicPartition> = []
        /// Assigned partitions not read to their end since they were assigned or last gave a page.
        var unread: Set<KafkaTopicPartition> = []
        var lastActivity: ContinuousClock.Instant
    }

    private let state: Mutex<State>

    init(now: ContinuousClock.Instant = .now) {
        state = Mutex(State(lastActivity: now))
    }

    /// The group assigned these partitions (an empty list still means the worker has joined).
    func assigned(_ partitions: [KafkaTopicPartition], now: ContinuousClock.Instant = .now) {
        state.withLock { state in
            state.joined = true
            state.assigned.formUnion(partitions)
            state.unread.formUnion(partitions)
            state.lastActivity = now
        }
    }

    /// These partitions were revoked or lost: their end is no longer this worker's concern.
    func removed(_ partitions: [KafkaTopicPartition], now: ContinuousClock.Instant = .now) {
        state.withLock { state in
            state.assigned.subtract(partitions)
            state.unread.subtract(partitions)
            state.lastActivity = now
        }
    }

    /// A page arrived from `partition`; more may follow until its end is reported. (A stray page
    /// of a partition no longer assigned must not wait for an end that will never be reported.)
    func tookPage(from partition: KafkaTopicPartition, now: ContinuousClock.Instant = .now) {
        state.withLock { state in
            if state.assigned.contains(partition) { state.unread.insert(partition) }
            state.lastActivity = now
        }
    }

    /// The consumer reached the end of `partition` (everything before it was handed over).
    func reachedEnd(of partition: KafkaTopicPartition) {
        _ = state.withLock { $0.unread.remove(partition) }
    }

    /// True once everything assigned is read, nothing is in flight, and `quietMs` have passed
    /// without a page or an assignment change.
    func isIdle(quietMs: Int, inFlightPages: Int, now: ContinuousClock.Instant = .now) -> Bool {
        state.withLock { state in
            state.joined && state.unread.isEmpty && inFlightPages == 0
                && state.lastActivity.duration(to: now) >= .milliseconds(quietMs)
        }
    }
}
