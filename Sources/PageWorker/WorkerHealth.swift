/// What the liveness and readiness probes ask of a running worker, at one moment.
public struct WorkerHealth: Sendable {
    /// Milliseconds since the poll loop last turned; nil before it started.
    public var pollLoopSilentMs: Int?
    /// Milliseconds since the Kafka cluster last answered: a record, an acknowledged delivery or commit, or a statistics snapshot with a broker up (`WorkerStateMachine`).
    public var brokerSilentMs: Int
    /// Partitions this worker owns now.
    public var assignedPartitions: Int
    /// The group has settled with this member in it (from librdkafka's latest statistics): with no
    /// partitions, the worker is idle because there is nothing for it, not because it is stuck.
    public var groupSettled: Bool
    /// The worker is draining or has stopped.
    public var stopping: Bool
    /// Broker silence beyond this makes the worker unready.
    public var contactLimitMs: Int

    /// Alive: the poll loop keeps turning. A rebalance's drain holds it up to the drain timeout,
    /// so `limitMs` must be longer than that.
    public func isLive(limitMs: Int) -> Bool {
        (pollLoopSilentMs ?? 0) < limitMs
    }

    /// Ready: assigned partitions (or settled in the group with nothing to do) and in contact
    /// with the brokers.
    public var isReady: Bool { unreadyReason == nil }

    public var unreadyReason: String? {
        if stopping { return "stopping" }
        if pollLoopSilentMs == nil { return "not started" }
        if brokerSilentMs >= contactLimitMs { return "no broker has answered for \(brokerSilentMs / 1000) s" }
        if assignedPartitions == 0, !groupSettled { return "waiting for a partition assignment" }
        return nil
    }

    public init(
        pollLoopSilentMs: Int?, brokerSilentMs: Int, assignedPartitions: Int, groupSettled: Bool, stopping: Bool,
        contactLimitMs: Int
    ) {
        self.pollLoopSilentMs = pollLoopSilentMs
        self.brokerSilentMs = brokerSilentMs
        self.assignedPartitions = assignedPartitions
        self.groupSettled = groupSettled
        self.stopping = stopping
        self.contactLimitMs = contactLimitMs
    }
}
