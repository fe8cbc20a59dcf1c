import Kafka

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
struct IdleWatch: Sendable {
    private var joined = false
    private var assigned: Set<KafkaTopicPartition> = []
    /// Assigned partitions not read to their end since they were assigned or last gave a page.
    private var unread: Set<KafkaTopicPartition> = []
    private var lastActivity: ContinuousClock.Instant

    init(now: ContinuousClock.Instant = .now) {
        lastActivity = now
    }

    /// The group assigned these partitions (an empty list still means the worker has joined).
    mutating func assigned(_ partitions: [KafkaTopicPartition], now: ContinuousClock.Instant) {
        joined = true
        assigned.formUnion(partitions)
        unread.formUnion(partitions)
        lastActivity = now
    }

    /// These partitions were revoked or lost: their end is no longer this worker's concern.
    mutating func removed(_ partitions: [KafkaTopicPartition], now: ContinuousClock.Instant) {
        assigned.subtract(partitions)
        unread.subtract(partitions)
        lastActivity = now
    }

    /// A page arrived from `partition`; more may follow until its end is reported. (A stray page
    /// of a partition no longer assigned must not wait for an end that will never be reported.)
    mutating func tookPage(from partition: KafkaTopicPartition, now: ContinuousClock.Instant) {
        if assigned.contains(partition) { unread.insert(partition) }
        lastActivity = now
    }

    /// The consumer reached the end of `partition` (everything before it was handed over).
    mutating func reachedEnd(of partition: KafkaTopicPartition) {
        unread.remove(partition)
    }

    /// True once everything assigned is read, nothing is in flight, and `quiet` has passed
    /// without a page or an assignment change.
    func isIdle(quiet: Duration, inFlightPages: Int, now: ContinuousClock.Instant) -> Bool {
        joined && unread.isEmpty && inFlightPages == 0 && lastActivity.duration(to: now) >= quiet
    }
}
