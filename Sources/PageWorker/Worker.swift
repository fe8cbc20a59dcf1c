import Dispatch
import Kafka
import Logging
import PageCore
import PageModel
import PageTracing
import Synchronization
import TopicContract

/// The long-running worker: consumes raw pages, processes them on lane threads, publishes
/// events, and commits an offset only when that page and every earlier page of its partition
/// have been acknowledged by the broker (at-least-once; event ids make redeliveries identical).
///
/// Every decision (what to take, when to pause, what to commit, when to stop) is the
/// `WorkerStateMachine`'s, behind one lock (`WorkerControl`); this type feeds it events and
/// carries out its actions. Threads: the caller's thread polls the source and carries out the
/// loop's actions (`run`); rebalance callbacks run on it too, inside `poll`; `concurrency` lanes
/// take pages from one shared queue (`PageLanes`), decode, parse, classify and enqueue to the
/// sink; one Dispatch queue serves the sink's delivery reports, which finish pages.
public final class Worker: Sendable {
    let configuration: WorkerConfiguration
    let processor: PageProcessor
    let logger: Logger
    let source: any RecordSource
    let sink: any RecordSink
    let control: WorkerControl
    let stats = WorkerStats()
    let metrics = WorkerMetrics()
    /// How large a record may be; fixed at start (see `RecordSizePolicy`).
    let recordSize: RecordSizePolicy
    /// nil when tracing is off: then a page costs one nil check for it (`PageTrace`).
    let tracer: OTLPTracer?
    /// The consumer repeats its errors while no broker answers; one copy per 10 s is logged.
    private let repeatedKafkaErrors = RepeatedLogLines()
    /// A crawler that sends one oversized propagated header usually sends it on every page: the
    /// first page says it, then one line a minute with the count.
    let repeatedOversizedHeaders = RepeatedLogLines(window: .seconds(60))
    private let lanes: PageLanes
    private let deliveryQueue = DispatchQueue(label: "pagepipe.delivery")
    /// Dead letters decided inside delivery reports are sent from here, off the delivery thread.
    let deadLetters = DispatchQueue(label: "pagepipe.dead-letters")
    private let deliveryRunning = Atomic<Bool>(true)
    private let deliveryDone = DispatchSemaphore(value: 0)
    private let relay: ClientEventRelay

    /// A worker on a Kafka cluster: checks the topics (`TopicCheck`), reads the record-size limit
    /// from the cluster (`RecordSizePolicy`) and connects a consumer and a producer.
    public convenience init(configuration: WorkerConfiguration, processor: PageProcessor, logger: Logger) throws(WorkerError) {
        // One admin client for the start-up questions: each client repeats its own connection
        // errors while no broker answers, and a cluster that did not answer the topic listing is
        // not asked for record sizes too (another 5 s for the same silence).
        var admin: KafkaAdmin?
        do {
            admin = try KafkaAdmin(cluster: configuration.cluster, logger: logger)
        } catch {
            logger.notice("cannot make an admin client for the start-up checks (topics, record sizes); skipping them", metadata: [LogKey.error: "\(error)"])
        }
        var clusterAnswered = admin != nil
        if let admin {
            let plan = TopicPlan(
                inputTopics: configuration.consumer.topics, router: configuration.router, sectionSlugs: processor.sections.slugs, settings: TopicSettings())
            clusterAnswered = try TopicCheck.verify(plan.names, mode: configuration.topicCheck, admin: admin, logger: logger)
        }
        let recordSize = Self.recordSizePolicy(
            configuration, sectionSlugs: processor.sections.slugs, admin: clusterAnswered ? admin : nil, logger: logger)
        try self.init(configuration: configuration, processor: processor, logger: logger, recordSize: recordSize) { relay throws(WorkerError) in
            try Self.connectKafka(configuration, recordSize: recordSize, relay: relay, logger: logger)
        }
    }

    /// The live clients: a group consumer and a producer, their callbacks fed to `relay`.
    private static func connectKafka(
        _ configuration: WorkerConfiguration, recordSize: RecordSizePolicy, relay: ClientEventRelay, logger: Logger
    ) throws(WorkerError) -> RecordClients {
        var producerConfiguration = configuration.producer
        producerConfiguration.messageMaxBytes = recordSize.producerMessageMaxBytes
        let producer: KafkaProducer
        do {
            producer = try KafkaProducer(cluster: configuration.cluster, configuration: producerConfiguration, logger: logger) { relay.handle($0) }
        } catch {
            throw WorkerError("cannot create the Kafka producer", underlying: error)
        }
        var consumerConfiguration = configuration.consumer
        if configuration.exitWhenIdle != nil { consumerConfiguration.enablePartitionEOF = true }  // see IdleWatch
        do {
            let consumer = try KafkaConsumer(
                cluster: configuration.cluster, configuration: consumerConfiguration, logger: logger,
                onRebalance: { relay.handle($0) }, onStatistics: { relay.handle($0) })
            return RecordClients(source: consumer, sink: producer)
        } catch {
            throw WorkerError("cannot create the Kafka consumer", underlying: error)
        }
    }

    /// A worker on any record source and sink. `connect` makes them, feeding their assignment
    /// changes and statistics to the relay it is given (an in-memory cluster in tests).
    /// Sources that report partition ends must do so when `exitWhenIdle` is set (`IdleWatch`).
    public init(
        configuration: WorkerConfiguration, processor: PageProcessor, logger: Logger, recordSize: RecordSizePolicy,
        connect: (ClientEventRelay) throws(WorkerError) -> RecordClients
    ) throws(WorkerError) {
        if configuration.consumer.topics.contains(configuration.router.resolvedDeadLetterTopic) {
            throw WorkerError(
                "the dead-letter topic \(configuration.router.resolvedDeadLetterTopic) is also an input topic: pages that fail "
                    + "would be written back onto the topic being read and read again for ever; "
                    + "use another --dlq-topic (pagepipe redrive reads dead letters and writes the ones that still fail to --redrive-topic)")
        }
        self.configuration = configuration
        self.processor = processor
        self.logger = logger
        self.recordSize = recordSize
        self.tracer = configuration.tracing.map { OTLPTracer(exporter: OTLPExporter(configuration: $0, logger: logger)) }
        let relay = ClientEventRelay()
        let clients = try connect(relay)
        self.source = clients.source
        self.sink = clients.sink
        self.control = WorkerControl(WorkerStateMachine(limits: .init(configuration), now: .now))
        self.lanes = PageLanes(count: configuration.concurrency, label: "pagepipe.lane")
        self.relay = relay
        relay.attach(self)
    }

    /// `--max-record-bytes` when given, else what the cluster says of the output topics. A
    /// `message.max.bytes` set with `-X` is librdkafka's own hard limit, so the policy stays under it.
    private static func recordSizePolicy(
        _ configuration: WorkerConfiguration, sectionSlugs: [String], admin: KafkaAdmin?, logger: Logger
    ) -> RecordSizePolicy {
        var policy = configuration.maxRecordBytes.map { RecordSizePolicy(maxRecordBytes: $0, origin: "--max-record-bytes") }
            ?? RecordSizePolicy.discover(topics: configuration.router.allTopics(sectionSlugs: sectionSlugs), admin: admin, logger: logger)
        if let text = configuration.producer.properties(in: configuration.cluster)["message.max.bytes"], let librdkafkaLimit = Int(text),
            librdkafkaLimit - (64 << 10) < policy.maxRecordBytes
        {
            policy = RecordSizePolicy(
                maxRecordBytes: max(RecordSizePolicy.minimumMaxRecordBytes, librdkafkaLimit - (64 << 10)),
                origin: "-X message.max.bytes=\(librdkafkaLimit)")
        }
        return policy
    }

    /// A worker that never ran still has lane threads waiting for pages.
    deinit {
        lanes.close()
    }

    /// Asks the worker to drain and stop; safe from any thread or a signal source. The shutdown's
    /// deadline starts here.
    public func stop() {
        control.with { _ = $0.stop(now: .now) }
    }

    public var summary: WorkerSummary { stats.snapshot }

    /// Runs until `stop()`, idle exit or a fatal error, then drains: finishes in-flight pages,
    /// flushes the sink, commits, and leaves the group. Throws when the worker had to stop on a
    /// fatal error.
    public func run() throws(WorkerError) -> WorkerSummary {
        let started = ContinuousClock.now
        metrics.inFlightBudget(pages: configuration.maxInFlightPages)
        do {
            try source.subscribe()
        } catch {
            throw WorkerError("cannot subscribe to \(configuration.consumer.topics.joined(separator: ","))", underlying: error)
        }
        startDeliveryLoop()
        logger.info("worker started", metadata: [
            LogKey.group: "\(configuration.consumer.groupID)", LogKey.topics: "\(configuration.consumer.topics.joined(separator: ","))",
            "lanes": "\(lanes.count)", "librdkafka": "\(Librdkafka.versionString)",
            "max_record_bytes": "\(recordSize.maxRecordBytes)", "max_record_bytes_from": "\(recordSize.origin)",
        ])
        var stopReason = WorkerStateMachine.StopReason.requested
        polling: while true {
            let now = ContinuousClock.now
            let (actions, inFlight) = control.with { ($0.tick(now: now), $0.inFlightPages) }
            metrics.inFlight(inFlight)
            for action in actions {
                if case .drain(let reason) = action {
                    stopReason = reason
                    break polling
                }
                carryOut(action, started: started)
            }
            do {
                try take(source.poll(timeout: Self.pollTimeout))
            } catch {
                stopReason = .failed("the consumer failed: \(error)")
                break
            }
        }
        if stopReason == .idle {
            logger.info("every assigned partition read to its end, nothing in flight and no pages for the quiet period: stopping",
                        metadata: ["quiet": "\(configuration.exitWhenIdle ?? .zero)"])
        }
        drain()
        metrics.inFlight(control.with { $0.inFlightPages })
        stats.update { $0.elapsedSeconds = started.duration(to: .now) / .seconds(1) }
        if case .failed(let message) = stopReason { throw WorkerError(message) }
        return stats.snapshot
    }

    private func carryOut(_ action: WorkerStateMachine.LoopAction, started: ContinuousClock.Instant) {
        switch action {
        case .drain:
            break  // the loop's own
        case .pauseAssignment(let cause):
            if cause == .budgetFull {
                logger.info("in-flight budget full: pausing consumption until half of it is free", metadata: [
                    "held_ms": "\(control.with { $0.limits.stall }.wholeMilliseconds)", "max_in_flight_pages": "\(configuration.maxInFlightPages)",
                ])
            }
            setConsumption(paused: true)
        case .resumeAssignment(let cause):
            if cause == .budgetHalfFree { logger.info("half of the in-flight budget is free: resuming consumption") }
            setConsumption(paused: false)
        case .waitForRoom(let deadline):
            control.wait(until: deadline) { !$0.isOverBudget }
        case .commit(let offsets):
            commit(offsets)
        case .warnBrokerSilent(let silence):
            logger.warning("no Kafka broker has answered; waiting (the worker exits after --broker-down-timeout-ms, 0 = never)", metadata: [
                "silent_s": "\(Int(silence / .seconds(1)))", "broker_down_timeout": "\(configuration.brokerDownTimeout.map { "\($0)" } ?? "never")",
            ])
        case .logProgress:
            logProgress(since: started)
        }
    }

    /// Pauses or resumes the whole assignment; on failure the machine applies it again next turn.
    private func setConsumption(paused: Bool) {
        do {
            let assignment = try source.assignment()
            if paused { try source.pause(assignment) } else { try source.resume(assignment) }
        } catch {
            logger.warning("cannot pause/resume partitions; trying again", metadata: [LogKey.error: "\(error)"])
            control.with { $0.pauseFailed() }
        }
    }

    private func take(_ event: KafkaConsumerEvent?) {
        switch event {
        case .record(let record):
            dispatch(record)
        case .error(let error):
            logger.log(level: .warning, "the consumer reported an error", metadata: [LogKey.error: "\(error)"], unlessRepeatedIn: repeatedKafkaErrors)
        case .partitionEOF(let partition, _):
            control.with { $0.reachedEnd(of: partition) }
        case nil:
            break
        }
    }

    /// How long one poll waits for a record: the loop's tick, so its actions are at most this late.
    static let pollTimeout = Duration.milliseconds(100)
    /// How long a commit in the poll loop waits for its answer before the loop carries on (the
    /// offsets are committed again at the next interval). Well under any session timeout: while
    /// the coordinator is silent the loop must still pause on a full budget before the group
    /// declares the session lost.
    static let commitAnswer = Duration.seconds(2)

    /// Called with each statistics snapshot, on the thread that polled that client.
    func statisticsArrived(_ statistics: KafkaStatistics) {
        let groupSteady = statistics.cgrp.map { $0.state == "up" && $0.joinState == "steady" }
        let committed = control.with { machine in
            machine.statistics(anyBrokerUp: statistics.anyBrokerUp, groupSteady: groupSteady, now: .now)
            return machine.committed
        }
        metrics.client(statistics)
        if statistics.cgrp != nil { metrics.consumerLag(statistics, committed: committed) }
    }

    /// What the liveness and readiness probes need, now; safe from any thread.
    public var health: WorkerHealth {
        let now = ContinuousClock.now
        return control.with { machine in
            WorkerHealth(
                pollLoopSilentMs: machine.loopTurned.map { $0.duration(to: now).wholeMilliseconds },
                brokerSilentMs: machine.silence(now: now).wholeMilliseconds,
                assignedPartitions: machine.assignedPartitions,
                groupSettled: machine.groupSettled,
                stopping: machine.isStopping,
                contactLimitMs: max(15_000, (configuration.cluster.statisticsInterval * 3).wholeMilliseconds))
        }
    }

    private func dispatch(_ record: KafkaRecord) {
        let partition = record.topicPartition
        let generation = control.with { $0.recordTaken(partition, offset: record.offset, bytes: record.value.count, now: .now) }
        guard let generation else {
            logger.debug("skipping a record already taken or of a partition being revoked", metadata: [
                LogKey.topic: "\(record.topic)", LogKey.partition: "\(record.partition)", LogKey.offset: "\(record.offset)",
            ])
            return
        }
        metrics.pageConsumed()
        stats.update {
            $0.pagesIn += 1
            $0.bytesIn += record.value.count
            if $0.firstPageMs == nil { $0.firstPageMs = WorkerStats.nowMs }
        }
        let ticket = PageTicket(record: record, generation: generation, letter: configuration.redrive != nil ? RedriveLetter(record) : nil)
        lanes.submit { self.process(ticket) }
    }

    /// Commits, waiting for the answer until `deadline` (a stop's or a revoke's), else at most
    /// `commitAnswer`: the poll loop must go on turning, and a stop must end, while the group
    /// coordinator does not answer.
    func commit(_ offsets: [KafkaTopicPartition: Int64], by deadline: ContinuousClock.Instant? = nil) {
        // A dry run leaves the group where it was, so the real run that follows takes the same letters.
        guard !offsets.isEmpty, configuration.redrive?.dryRun != true else { return }
        let timeout = deadline.map { max(.milliseconds(100), ContinuousClock.now.duration(to: $0)) } ?? Self.commitAnswer
        do {
            try source.commit(offsets, timeout: timeout)
            control.with { $0.committed(offsets, now: .now) }
            stats.update { summary in
                for (partition, offset) in offsets { summary.committed["\(partition.topic)/\(partition.partition)"] = offset }
            }
        } catch {
            logger.warning("commit failed, will retry", metadata: [LogKey.error: "\(error)"])
        }
    }

    private func startDeliveryLoop() {
        deliveryQueue.async {
            while self.deliveryRunning.load(ordering: .sequentiallyConsistent) {
                self.sink.serveDeliveries(for: Self.pollTimeout)
            }
            self.deliveryDone.signal()
        }
    }

    /// Stops taking pages, lets in-flight ones finish within the drain deadline, flushes the
    /// sink, commits what is finished and leaves the group.
    private func drain() {
        let deadline = control.with { $0.beginDraining(now: .now) }
        if let assignment = try? source.assignment() { try? source.pause(assignment) }
        // The source is polled (without records, all paused) so a revoke during the drain is served.
        while !control.wait(until: min(deadline, .now + Self.pollTimeout), for: { $0.inFlightPages == 0 }), ContinuousClock.now < deadline {
            _ = try? source.poll(timeout: .zero)
        }
        lanes.close()
        do {
            try sink.flush(timeout: max(.milliseconds(100), ContinuousClock.now.duration(to: deadline)))
        } catch {
            logger.error("producer flush did not finish; unacknowledged pages stay uncommitted and will be redelivered",
                         metadata: [LogKey.error: "\(error)"])
        }
        deliveryRunning.store(false, ordering: .sequentiallyConsistent)
        deliveryDone.wait()
        sink.serveDeliveries(for: .zero)
        // Every page's span has ended with its last delivery report: send them before exiting (at
        // most one export timeout when the collector is away).
        tracer?.exporter.shutdown()
        commit(control.with { $0.finalCommit() }, by: deadline)
        let left = control.with { $0.inFlightPages }
        if left > 0 {
            logger.warning("pages still in flight at the drain deadline; they will be redelivered", metadata: ["in_flight": "\(left)"])
        }
        closeSource(by: deadline)
    }

    /// Leaves the group, waiting until `deadline` + `closeGrace`. librdkafka's close waits for
    /// outstanding commits and the LeaveGroup answer with no limit of its own, so with a frozen
    /// coordinator it would hold the process for ever: it runs on a thread of its own, and past
    /// the wait the worker stops without it (the group moves the partitions once the session
    /// times out; nothing past the last acknowledged commit was committed).
    private func closeSource(by deadline: ContinuousClock.Instant) {
        let closed = DispatchSemaphore(value: 0)
        let source = self.source
        DispatchQueue(label: "pagepipe.consumer-close").async {
            source.close()
            closed.signal()
        }
        let wait = max(.zero, ContinuousClock.now.duration(to: deadline)) + Self.closeGrace
        if closed.wait(timeout: .now() + .milliseconds(wait.wholeMilliseconds)) == .timedOut {
            logger.warning(
                "the consumer did not leave the group in time (no answer from the group coordinator); stopping without it: its partitions move to other members when the session times out",
                metadata: ["waited_ms": "\(wait.wholeMilliseconds)"])
            return
        }
        relay.detach()
    }

    /// What leaving the group may take past the drain deadline: a LeaveGroup round trip.
    static let closeGrace = Duration.seconds(5)

    private func logProgress(since started: ContinuousClock.Instant) {
        let summary = stats.snapshot
        let seconds = started.duration(to: .now) / .seconds(1)
        let inFlight = control.with { $0.inFlightPages }
        logger.info("progress", metadata: [
            "pages_in": "\(summary.pagesIn)", "published": "\(summary.pagesPublished)", "dlq": "\(summary.deadLettered)",
            "in_flight": "\(inFlight)", "pages_per_s": "\(seconds > 0 ? Int(Double(summary.pagesIn) / seconds) : 0)",
        ])
    }
}

extension WorkerStateMachine.Limits {
    init(_ configuration: WorkerConfiguration) {
        self.init(
            maxInFlightPages: configuration.maxInFlightPages,
            maxInFlightBytes: configuration.maxInFlightBytes,
            commitInterval: configuration.commitInterval,
            drainTimeout: configuration.drainTimeout,
            brokerDownTimeout: configuration.brokerDownTimeout,
            exitWhenIdle: configuration.exitWhenIdle,
            progressInterval: configuration.progressInterval,
            brokers: configuration.cluster.bootstrapServers)
    }
}
