import Kafka

/// Every decision a running worker makes, in one value: what happened goes in as an event, what
/// to do comes out as an action for the caller to carry out. The machine itself never touches
/// Kafka, threads or clocks (the time is an argument), so each decision is tested on its own
/// (`WorkerStateMachineTests`); `WorkerControl` holds it under the worker's one lock.
///
/// The invariants it keeps:
/// - an offset is committed only when that page and every earlier page of its partition are
///   finished (events or dead letter acknowledged), and only for partitions still owned;
/// - in-flight pages stay within the budget: a full budget holds the poll loop for `stall`, then
///   pauses the whole assignment, which is resumed once half the budget is free;
/// - the pause decision is re-applied to the whole assignment after every assignment change
///   (librdkafka keeps a lost partition's pause flag when it is assigned again);
/// - one shutdown deadline, set by the first stop, bounds the drain, every revoke and the close.
struct WorkerStateMachine: Sendable {
    /// The limits the decisions are made against (from `WorkerConfiguration`).
    struct Limits: Sendable {
        var maxInFlightPages: Int
        var maxInFlightBytes: Int
        /// How long a full budget holds the poll loop before consumption pauses. Lanes free slots
        /// within milliseconds while the broker keeps up; pausing at every full budget would drop
        /// librdkafka's prefetched records each time (BENCHMARKS.md, "Backpressure").
        var stall: Duration = .milliseconds(250)
        var commitInterval: Duration
        var drainTimeout: Duration
        /// nil: wait for the brokers for ever.
        var brokerDownTimeout: Duration?
        /// Broker silence that earns one warning before the deadline.
        var silenceWarning: Duration = .seconds(10)
        /// nil: never stop by itself.
        var exitWhenIdle: Duration?
        /// nil: no progress lines.
        var progressInterval: Duration?
        /// The bootstrap servers, for messages.
        var brokers: String = ""
    }

    /// Why the poll loop stops.
    enum StopReason: Equatable, Sendable {
        /// `stop()`: a signal, or the caller.
        case requested
        /// Every assigned partition read to its end, nothing in flight, quiet for `exitWhenIdle`.
        case idle
        /// The worker cannot go on; the message says why and what to do.
        case failed(String)
    }

    /// Why consumption is paused or resumed.
    enum PauseCause: Equatable, Sendable {
        /// The in-flight budget stayed full for `stall`.
        case budgetFull
        /// Half the budget is free again.
        case budgetHalfFree
        /// The assignment changed: the standing decision is applied to all of it again.
        case reassigned
    }

    /// What the poll loop does next, in order.
    enum LoopAction: Equatable, Sendable {
        /// Stop consuming and drain; comes alone.
        case drain(StopReason)
        case pauseAssignment(PauseCause)
        case resumeAssignment(PauseCause)
        /// Wait until the budget has room or `until`, then poll again.
        case waitForRoom(until: ContinuousClock.Instant)
        case commit([KafkaTopicPartition: Int64])
        case warnBrokerSilent(for: Duration)
        case logProgress
    }

    /// What becomes of a page whose records all have their delivery reports.
    enum DeliveredAction: Equatable, Sendable {
        case finish
        case deadLetter(reason: String, message: String)
    }

    /// What becomes of a page whose dead letter has its delivery report.
    enum DeadLetterAction: Equatable, Sendable {
        case finish
        /// The cluster refused the whole page for its size: send a reference instead.
        case sendReference
        /// Nowhere left to put the page: stop without committing past it.
        case stop(message: String)
    }

    /// Why the worker stops, once it does.
    enum Phase: Equatable, Sendable {
        case running
        case draining(deadline: ContinuousClock.Instant)
    }

    let limits: Limits
    private(set) var phase: Phase = .running
    private var book = OffsetBook()
    private var idle: IdleWatch
    /// The one record of whether consumption should be paused (see the type's invariants).
    private var consumptionPaused = false
    private var stallStarted: ContinuousClock.Instant?
    private var assignmentChanged = false
    private var stopRequested = false
    private var fatal: String?
    private var lastHeard: ContinuousClock.Instant
    private var warnedAboutSilence = false
    private var lastCommit: ContinuousClock.Instant
    private var lastProgress: ContinuousClock.Instant
    private(set) var loopTurned: ContinuousClock.Instant?
    private(set) var assignedPartitions = 0
    private(set) var groupSettled = false

    init(limits: Limits, now: ContinuousClock.Instant) {
        self.limits = limits
        idle = IdleWatch(now: now)
        lastHeard = now
        lastCommit = now
        lastProgress = now
    }

    // MARK: Pages

    /// A record came from the source. Returns the ownership generation to process it under, or
    /// nil when it must be skipped (its partition is being revoked, or it was already taken).
    mutating func recordTaken(_ partition: KafkaTopicPartition, offset: Int64, bytes: Int, now: ContinuousClock.Instant) -> Int? {
        idle.tookPage(from: partition, now: now)
        heard(now)
        return book.take(partition, offset: offset, bytes: bytes)
    }

    /// The source read `partition` to its current end.
    mutating func reachedEnd(of partition: KafkaTopicPartition) {
        idle.reachedEnd(of: partition)
    }

    /// The page's events, or its dead letter, are acknowledged: its offset may be committed once
    /// every earlier one is.
    mutating func pageFinished(_ partition: KafkaTopicPartition, offset: Int64, bytes: Int, generation: Int) {
        book.finish(partition, offset: offset, bytes: bytes, generation: generation)
    }

    /// Every record of a page has its delivery report; `failure` is the first that failed.
    mutating func pageDelivered(failure: DeliveryFailure?, now: ContinuousClock.Instant) -> DeliveredAction {
        guard let failure else {
            heard(now)
            return .finish
        }
        return .deadLetter(reason: failure.reason, message: failure.message)
    }

    /// A dead letter has its delivery report.
    mutating func deadLetterDelivered(
        _ result: Result<Void, KafkaError>, form: DeadLetter.Form, topic: String, now: ContinuousClock.Instant
    ) -> DeadLetterAction {
        switch result {
        case .success:
            heard(now)
            return .finish
        case .failure(let error) where form == .whole && error.code == .messageTooLarge:
            return .sendReference
        case .failure(let error):
            let message = Self.deadLetterFailure(topic: topic, error: error)
            if fatal == nil { fatal = message }
            return .stop(message: message)
        }
    }

    var inFlightPages: Int { book.inFlightPages }
    var inFlightBytes: Int { book.inFlightBytes }
    var committed: [KafkaTopicPartition: Int64] { book.committed }

    var isOverBudget: Bool {
        book.inFlightPages >= limits.maxInFlightPages || book.inFlightBytes >= limits.maxInFlightBytes
    }

    private var isUnderHalfBudget: Bool {
        book.inFlightPages <= limits.maxInFlightPages / 2 && book.inFlightBytes <= limits.maxInFlightBytes / 2
    }

    // MARK: The poll loop

    /// One turn of the poll loop: everything that is due, in the order to carry it out. A
    /// `.drain` comes alone.
    mutating func tick(now: ContinuousClock.Instant) -> [LoopAction] {
        loopTurned = now
        if stopRequested { return [.drain(.requested)] }
        if let fatal { return [.drain(.failed(fatal))] }
        let silent = lastHeard.duration(to: now)
        if let limit = limits.brokerDownTimeout, silent >= limit {
            return [.drain(.failed("no Kafka broker of \(limits.brokers) has answered for \(Int(silent / .seconds(1))) s (the limit is "
                + "--broker-down-timeout-ms / PAGEPIPE_BROKER_DOWN_TIMEOUT_MS = \(limit.wholeMilliseconds)): check that "
                + "the brokers run and that this host reaches them; exiting so the worker is restarted or someone is alerted"))]
        }
        var actions: [LoopAction] = []
        if silent >= limits.silenceWarning, !warnedAboutSilence { actions.append(.warnBrokerSilent(for: silent)) }
        warnedAboutSilence = silent >= limits.silenceWarning
        actions += backpressure(now: now)
        if lastCommit.duration(to: now) >= limits.commitInterval {
            lastCommit = now
            let offsets = book.commitCandidates()
            if !offsets.isEmpty { actions.append(.commit(offsets)) }
        }
        if let interval = limits.progressInterval, lastProgress.duration(to: now) >= interval {
            lastProgress = now
            actions.append(.logProgress)
        }
        if let quiet = limits.exitWhenIdle, idle.isIdle(quiet: quiet, inFlightPages: book.inFlightPages, now: now) {
            return [.drain(.idle)]
        }
        return actions
    }

    private mutating func backpressure(now: ContinuousClock.Instant) -> [LoopAction] {
        var actions: [LoopAction] = []
        if assignmentChanged {
            assignmentChanged = false
            actions.append(consumptionPaused ? .pauseAssignment(.reassigned) : .resumeAssignment(.reassigned))
        }
        if consumptionPaused {
            if isUnderHalfBudget {
                consumptionPaused = false
                actions.append(.resumeAssignment(.budgetHalfFree))
            }
            return actions
        }
        guard isOverBudget else {
            stallStarted = nil
            return actions
        }
        let started = stallStarted ?? now
        stallStarted = started
        if started.duration(to: now) < limits.stall {
            actions.append(.waitForRoom(until: started + limits.stall))
        } else {
            stallStarted = nil
            consumptionPaused = true
            actions.append(.pauseAssignment(.budgetFull))
        }
        return actions
    }

    /// Pausing or resuming failed: the decision stands and is applied again at the next turn.
    mutating func pauseFailed() {
        assignmentChanged = true
    }

    /// Offsets the group coordinator acknowledged.
    mutating func committed(_ offsets: [KafkaTopicPartition: Int64], now: ContinuousClock.Instant) {
        heard(now)
        book.markCommitted(offsets)
    }

    /// A statistics snapshot from either client.
    mutating func statistics(anyBrokerUp: Bool, groupSteady: Bool?, now: ContinuousClock.Instant) {
        if anyBrokerUp { heard(now) }
        if let groupSteady { groupSettled = groupSteady }
    }

    /// A record was acknowledged by the cluster (contact, for the broker-down deadline).
    mutating func heardFromCluster(now: ContinuousClock.Instant) {
        heard(now)
    }

    /// Contact with the cluster: the broker-down deadline starts again, and so does its warning.
    private mutating func heard(_ now: ContinuousClock.Instant) {
        lastHeard = now
        warnedAboutSilence = false
    }

    /// How long the cluster has been silent (since the worker started, if never heard).
    func silence(now: ContinuousClock.Instant) -> Duration { lastHeard.duration(to: now) }

    // MARK: Stopping

    /// Asks the worker to drain and stop. The shutdown's deadline starts at the first call, not
    /// when the poll loop notices (it may be waiting out an unanswered commit).
    @discardableResult
    mutating func stop(now: ContinuousClock.Instant) -> ContinuousClock.Instant {
        stopRequested = true
        return beginDraining(now: now)
    }

    /// The one deadline of this shutdown: set by the first call, returned by every call.
    mutating func beginDraining(now: ContinuousClock.Instant) -> ContinuousClock.Instant {
        if case .draining(let deadline) = phase { return deadline }
        let deadline = now + limits.drainTimeout
        phase = .draining(deadline: deadline)
        return deadline
    }

    var isStopping: Bool { phase != .running }

    /// What the drain commits at its end: every finished offset not yet committed.
    func finalCommit() -> [KafkaTopicPartition: Int64] {
        book.commitCandidates()
    }

    // MARK: Assignment changes

    /// The group assigned `partitions` (an empty list still means the worker has joined).
    mutating func assigned(_ partitions: [KafkaTopicPartition], now: ContinuousClock.Instant) {
        book.assign(partitions)
        idle.assigned(partitions, now: now)
        assignedPartitions += partitions.count
        assignmentChanged = true
    }

    /// The group takes `partitions` away with a handover: no page of theirs is taken from now
    /// on, and the caller waits until `isDrained(partitions)` or the returned deadline (the drain
    /// timeout, never past the shutdown's own deadline), then commits `revokeCommit(partitions)`.
    mutating func revokeStarted(_ partitions: [KafkaTopicPartition], now: ContinuousClock.Instant) -> ContinuousClock.Instant {
        book.beginRevoke(partitions)
        let own = now + limits.drainTimeout
        if case .draining(let deadline) = phase { return min(deadline, own) }
        return own
    }

    func isDrained(_ partitions: [KafkaTopicPartition]) -> Bool {
        book.isIdle(partitions)
    }

    /// The watermark of the revoked partitions: exactly what their finished pages allow.
    func revokeCommit(_ partitions: [KafkaTopicPartition]) -> [KafkaTopicPartition: Int64] {
        book.commitCandidates(partitions)
    }

    /// The revoke is over (committed or not): the partitions are no longer this worker's.
    mutating func revoked(_ partitions: [KafkaTopicPartition], now: ContinuousClock.Instant) {
        removed(partitions, now: now)
    }

    /// The partitions were lost without a handover (session timeout, fenced): nothing of theirs
    /// is committed, since the group has already given them to another member; their pages in
    /// flight only free their budget when they finish.
    mutating func lost(_ partitions: [KafkaTopicPartition], now: ContinuousClock.Instant) {
        removed(partitions, now: now)
    }

    private mutating func removed(_ partitions: [KafkaTopicPartition], now: ContinuousClock.Instant) {
        book.forget(partitions)
        idle.removed(partitions, now: now)
        assignedPartitions -= partitions.count
        groupSettled = false
        assignmentChanged = true
    }

    // MARK: Messages

    /// What to fix when the dead-letter topic refuses a page, by the cause.
    static func deadLetterFailure(topic: String, error: KafkaError) -> String {
        let advice = switch error.code {
        case .unknownTopic:
            "the topic does not exist: create it (Tools/broker start creates it locally; see the README's size policy "
                + "for the settings), or point --dlq-topic at one that does"
        case .unauthorized:
            "this client may not write to it: grant the worker's principal Write on the topic, or use another --dlq-topic"
        case .messageTooLarge:
            "it refuses even a reference record of a few KB: raise its max.message.bytes to at least \(RecordSizePolicy.minimumMaxRecordBytes)"
        case .timedOut, .transport:
            "no broker acknowledged it within message.timeout.ms: check that the brokers run and this host reaches them"
        default:
            "fix the cause above and restart: the page stays uncommitted and is redelivered"
        }
        return "cannot publish to the dead-letter topic \(topic) (\(error)); \(advice). Stopping without committing past the page"
    }
}
