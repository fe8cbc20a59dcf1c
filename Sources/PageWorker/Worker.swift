import Dispatch
import Kafka
import Logging
import PageCore
import PageDecode
import PageModel
import PageTracing
import Synchronization
import TopicContract

/// The long-running worker: consumes raw pages, processes them on lane threads, publishes
/// events, and commits an offset only when that page and every earlier page of its partition
/// have been acknowledged by the broker (at-least-once; event ids make redeliveries identical).
///
/// Threads: the caller's thread polls the consumer, throttles and commits (`run`); `concurrency`
/// lanes take pages from one shared queue (`PageLanes`), decode, parse, classify and enqueue to
/// the producer; one Dispatch queue
/// serves the producer's delivery reports, which finish pages in the `OffsetBook`.
public final class Worker: Sendable {
    let configuration: WorkerConfiguration
    let processor: PageProcessor
    let logger: Logger
    let producer: KafkaProducer
    let consumer: KafkaConsumer
    let book = OffsetBook()
    let stats = WorkerStats()
    let contact = BrokerContact()
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
    /// When the poll loop last turned (uptime nanoseconds; 0 before it started), for liveness.
    private let loopTurned = Atomic<UInt64>(0)
    private let loopEnded = Atomic<Bool>(false)
    private let assignedPartitions = Atomic<Int>(0)
    private let groupSettled = Atomic<Bool>(false)
    let idle = IdleWatch()
    private let lanes: PageLanes
    private let stopRequested = Atomic<Bool>(false)
    private let assignmentChanged = Atomic<Bool>(false)
    private let fatalMessage = Mutex<String?>(nil)
    /// Set once the worker begins to stop: every wait of the shutdown (the drain, the revoke that
    /// closing the consumer triggers, the flush) ends by it, so a stop spends `drainTimeout` once.
    private let shutdownDeadline = Mutex<ContinuousClock.Instant?>(nil)
    private let deliveryQueue = DispatchQueue(label: "pagepipe.delivery")
    /// Dead letters decided inside delivery reports are sent from here, off the delivery thread.
    let deadLetters = DispatchQueue(label: "pagepipe.dead-letters")
    private let deliveryRunning = Atomic<Bool>(true)
    private let deliveryDone = DispatchSemaphore(value: 0)
    private let rebalance: RebalanceRelay

    public init(configuration: WorkerConfiguration, processor: PageProcessor, logger: Logger) throws(WorkerError) {
        self.configuration = configuration
        self.processor = processor
        self.logger = logger
        if configuration.consumer.topics.contains(configuration.router.resolvedDeadLetterTopic) {
            throw WorkerError(
                "the dead-letter topic \(configuration.router.resolvedDeadLetterTopic) is also an input topic: pages that fail "
                    + "would be written back onto the topic being read and read again for ever; "
                    + "use another --dlq-topic (pagepipe redrive reads dead letters and writes the ones that still fail to --redrive-topic)")
        }
        self.tracer = configuration.tracing.map { OTLPTracer(exporter: OTLPExporter(configuration: $0, logger: logger)) }
        let rebalance = RebalanceRelay()
        // One admin client for the start-up questions: each client repeats its own connection
        // errors while no broker answers, and a cluster that did not answer the topic listing is
        // not asked for record sizes too (another 5 s for the same silence).
        var admin: KafkaAdmin?
        do {
            admin = try KafkaAdmin(cluster: configuration.cluster, logger: logger)
        } catch {
            logger.notice("cannot make an admin client for the start-up checks (topics, record sizes); skipping them: \(error)")
        }
        var clusterAnswered = admin != nil
        if let admin {
            let plan = TopicPlan(
                inputTopics: configuration.consumer.topics, router: configuration.router, sectionSlugs: processor.sections.slugs, settings: TopicSettings())
            clusterAnswered = try TopicCheck.verify(plan.names, mode: configuration.topicCheck, admin: admin, logger: logger)
        }
        var producerConfiguration = configuration.producer
        let recordSize = Self.recordSizePolicy(
            configuration, sectionSlugs: processor.sections.slugs, admin: clusterAnswered ? admin : nil, logger: logger)
        self.recordSize = recordSize
        producerConfiguration.messageMaxBytes = recordSize.producerMessageMaxBytes
        do {
            self.producer = try KafkaProducer(cluster: configuration.cluster, configuration: producerConfiguration, logger: logger) { statistics in
                rebalance.handle(statistics)
            }
        } catch {
            throw WorkerError("cannot create the Kafka producer", underlying: error)
        }
        var consumerConfiguration = configuration.consumer
        if configuration.exitWhenIdle != nil { consumerConfiguration.enablePartitionEOF = true }  // see IdleWatch
        do {
            self.consumer = try KafkaConsumer(
                cluster: configuration.cluster, configuration: consumerConfiguration, logger: logger,
                onRebalance: { event in rebalance.handle(event) },
                onStatistics: { statistics in rebalance.handle(statistics) })
        } catch {
            throw WorkerError("cannot create the Kafka consumer", underlying: error)
        }
        self.lanes = PageLanes(count: configuration.concurrency, label: "pagepipe.lane")
        self.rebalance = rebalance
        rebalance.attach(self)
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

    /// Asks the worker to drain and stop; safe from any thread or a signal source.
    /// The shutdown's deadline starts here, not when the poll loop notices: the loop may be
    /// waiting out a commit the coordinator does not answer.
    public func stop() {
        beginShutdown()
        stopRequested.store(true, ordering: .sequentiallyConsistent)
    }

    /// The one deadline of this shutdown: set by the first call, returned by every call.
    @discardableResult
    private func beginShutdown() -> ContinuousClock.Instant {
        shutdownDeadline.withLock { deadline in
            if deadline == nil { deadline = ContinuousClock.now + configuration.drainTimeout }
            return deadline!
        }
    }

    public var summary: WorkerSummary { stats.snapshot }

    /// Runs until `stop()` (or idle exit), then drains: finishes in-flight pages, flushes the
    /// producer, commits, and leaves the group. Throws when the worker had to stop on a fatal error.
    public func run() throws(WorkerError) -> WorkerSummary {
        let started = ContinuousClock.now
        metrics.inFlightBudget(pages: configuration.maxInFlightPages)
        do {
            try consumer.subscribe()
        } catch {
            throw WorkerError("cannot subscribe to \(configuration.consumer.topics.joined(separator: ","))", underlying: error)
        }
        startDeliveryLoop()
        logger.info("worker started", metadata: [
            "group": "\(configuration.consumer.groupID)", "topics": "\(configuration.consumer.topics.joined(separator: ","))",
            "lanes": "\(lanes.count)", "librdkafka": "\(Librdkafka.versionString)",
            "max_record_bytes": "\(recordSize.maxRecordBytes)", "max_record_bytes_from": "\(recordSize.origin)",
        ])

        var throttled = false
        var lastCommit = ContinuousClock.now
        var lastProgress = ContinuousClock.now
        var failure: WorkerError?
        var warnedAboutSilence = false
        while !stopRequested.load(ordering: .sequentiallyConsistent) {
            loopTurned.store(DispatchTime.now().uptimeNanoseconds, ordering: .relaxed)
            metrics.inFlight(book.inFlight.pages)
            if let message = fatalMessage.withLock({ $0 }) {
                failure = WorkerError(message)
                break
            }
            let silentMs = contact.silentMs
            if let limit = configuration.brokerDownTimeout, .milliseconds(silentMs) >= limit {
                failure = WorkerError(
                    "no Kafka broker of \(configuration.cluster.bootstrapServers) has answered for \(silentMs / 1000) s "
                        + "(the limit is --broker-down-timeout-ms / PAGEPIPE_BROKER_DOWN_TIMEOUT_MS = \(Int(limit / .milliseconds(1)))): "
                        + "check that the brokers run and that this host reaches them; exiting so the worker is restarted or someone is alerted")
                break
            }
            if silentMs >= Self.silenceWarningMs, !warnedAboutSilence {
                logger.warning("no Kafka broker has answered for \(silentMs / 1000) s; waiting (the worker exits after --broker-down-timeout-ms=\(configuration.brokerDownTimeout.map { Int($0 / .milliseconds(1)) } ?? 0), 0 = never)")
            }
            warnedAboutSilence = silentMs >= Self.silenceWarningMs
            let event: KafkaConsumerEvent?
            do {
                event = try consumer.poll(timeoutMs: 100)
            } catch {
                failure = WorkerError("the consumer failed", underlying: error)
                break
            }
            switch event {
            case .record(let record):
                idle.tookPage(from: KafkaTopicPartition(topic: record.topic, partition: record.partition))
                contact.heard()
                dispatch(record)
            case .error(let error):
                logger.log(level: .warning, "kafka: \(error)", unlessRepeatedIn: repeatedKafkaErrors)
            case .partitionEOF(let partition, _):
                idle.reachedEnd(of: partition)
            case nil:
                break
            }

            throttled = applyBackpressure(throttled: throttled)
            if lastCommit.duration(to: .now) >= configuration.commitInterval {
                commit(book.commitCandidates())
                lastCommit = .now
            }
            if let interval = configuration.progressInterval, lastProgress.duration(to: .now) >= interval {
                logProgress(since: started)
                lastProgress = .now
            }
            if let quiet = configuration.exitWhenIdle, idle.isIdle(quietMs: Int(quiet / .milliseconds(1)), inFlightPages: book.inFlight.pages) {
                logger.info("every assigned partition read to its end, nothing in flight and no pages for \(quiet): stopping")
                break
            }
        }
        loopEnded.store(true, ordering: .relaxed)
        drain()
        metrics.inFlight(book.inFlight.pages)
        stats.update { $0.elapsedSeconds = Self.seconds(started.duration(to: .now)) }
        if let failure { throw failure }
        return stats.snapshot
    }

    /// Keeps in-flight work within the budget. A full budget first holds the polling thread for
    /// up to `stallMs` (lanes free slots within milliseconds when the broker keeps up; librdkafka's
    /// own prefetch queue is bounded); only if the budget stays full, because the producer or broker
    /// is slow, are the owned partitions paused, and resumed once half the budget is free.
    /// Pausing at every full budget would thrash: a pause drops librdkafka's prefetched records and
    /// each resume waits for a new fetch (measured: 525 instead of 4400 pages/s).
    ///
    /// `throttled` is the only record of whether consumption should be paused. librdkafka keeps a
    /// partition's pause flag when the partition is lost and assigned again, while the worker, its
    /// pages gone with the partition, may have resumed in between: the partitions came back paused
    /// and nothing ever resumed them (issue 11). So every assignment change re-applies the decision
    /// to the whole assignment, resuming as explicitly as pausing.
    private func applyBackpressure(throttled: Bool) -> Bool {
        let reassigned = assignmentChanged.exchange(false, ordering: .sequentiallyConsistent)
        do {
            if reassigned {
                let assignment = try consumer.assignment()
                if throttled { try consumer.pause(assignment) } else { try consumer.resume(assignment) }
            }
            if !throttled, isOverBudget {
                let deadline = ContinuousClock.now + .milliseconds(Self.stallMs)
                while isOverBudget, ContinuousClock.now < deadline { usleepMilliseconds(1) }
                guard isOverBudget else { return false }
                logger.info("in-flight budget full for \(Self.stallMs) ms: pausing consumption until half of it is free")
                try consumer.pause(try consumer.assignment())
                return true
            }
            if throttled, isUnderHalfBudget {
                logger.info("half of the in-flight budget is free: resuming consumption")
                try consumer.resume(try consumer.assignment())
                return false
            }
        } catch {
            // The decision stands; the next assignment change applies it again.
            logger.warning("cannot pause/resume partitions: \(error)")
            noteAssignmentChanged()
        }
        return throttled
    }

    static let stallMs = 250
    /// How long a commit in the poll loop waits for its answer before the loop carries on (the
    /// offsets are committed again at the next interval). Well under any session timeout: while
    /// the coordinator is silent the loop must still pause on a full budget before the group
    /// declares the session lost.
    static let commitAnswerMs = 2_000
    /// Silence from the brokers that earns one warning before the deadline.
    static let silenceWarningMs = 10_000

    private var isOverBudget: Bool {
        let inFlight = book.inFlight
        return inFlight.pages >= configuration.maxInFlightPages || inFlight.bytes >= configuration.maxInFlightBytes
    }

    private var isUnderHalfBudget: Bool {
        let inFlight = book.inFlight
        return inFlight.pages <= configuration.maxInFlightPages / 2 && inFlight.bytes <= configuration.maxInFlightBytes / 2
    }

    /// Called with each librdkafka statistics snapshot, on the thread that polled that client.
    func noteStatistics(_ statistics: KafkaStatistics) {
        if statistics.anyBrokerUp { contact.heard() }
        metrics.client(statistics)
        if let group = statistics.cgrp {
            groupSettled.store(group.state == "up" && group.joinState == "steady", ordering: .relaxed)
            metrics.consumerLag(statistics, committed: book.committed)
        }
    }

    /// Called by the rebalance relay once partitions were assigned (`gained` > 0) or revoked or
    /// lost (`gained` < 0); the poll loop then re-applies its pause decision.
    func noteAssignmentChange(gained: Int) {
        assignedPartitions.add(gained, ordering: .relaxed)
        if gained < 0 { groupSettled.store(false, ordering: .relaxed) }
        stats.update { $0.rebalances += 1 }
        metrics.rebalanced()
        noteAssignmentChanged()
    }

    private func noteAssignmentChanged() {
        assignmentChanged.store(true, ordering: .sequentiallyConsistent)
    }

    /// What the liveness and readiness probes need, now; safe from any thread.
    public var health: WorkerHealth {
        let turned = loopTurned.load(ordering: .relaxed)
        let now = DispatchTime.now().uptimeNanoseconds
        return WorkerHealth(
            pollLoopSilentMs: turned == 0 ? nil : Int((now > turned ? now - turned : 0) / 1_000_000),
            brokerSilentMs: contact.silentMs,
            assignedPartitions: assignedPartitions.load(ordering: .relaxed),
            groupSettled: groupSettled.load(ordering: .relaxed),
            stopping: stopRequested.load(ordering: .relaxed) || loopEnded.load(ordering: .relaxed),
            contactLimitMs: max(15_000, 3 * Int(configuration.cluster.statisticsInterval / .milliseconds(1))))
    }

    private func dispatch(_ record: KafkaRecord) {
        let partition = KafkaTopicPartition(topic: record.topic, partition: record.partition)
        guard let generation = book.take(partition, offset: record.offset, bytes: record.value.count) else {
            logger.debug("skipping \(partition)@\(record.offset): already taken or partition revoked")
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
    /// `commitAnswerMs`: the poll loop must go on turning, and a stop must end, while the group
    /// coordinator does not answer.
    func commit(_ offsets: [KafkaTopicPartition: Int64], by deadline: ContinuousClock.Instant? = nil) {
        // A dry run leaves the group where it was, so the real run that follows takes the same letters.
        guard !offsets.isEmpty, configuration.redrive?.dryRun != true else { return }
        let timeoutMs = deadline.map { max(100, Int(Self.seconds(ContinuousClock.now.duration(to: $0)) * 1000)) } ?? Self.commitAnswerMs
        do {
            try consumer.commit(offsets, timeoutMs: timeoutMs)
            contact.heard()
            book.markCommitted(offsets)
            stats.update { summary in
                for (partition, offset) in offsets { summary.committed["\(partition.topic)/\(partition.partition)"] = offset }
            }
        } catch {
            logger.warning("commit failed, will retry: \(error)")
        }
    }

    private func startDeliveryLoop() {
        deliveryQueue.async {
            while self.deliveryRunning.load(ordering: .sequentiallyConsistent) {
                _ = self.producer.poll(timeoutMs: 100)
            }
            self.deliveryDone.signal()
        }
    }

    /// Stops taking pages, lets in-flight ones finish within the drain deadline, flushes the
    /// producer, commits what is finished and leaves the group.
    private func drain() {
        let deadline = beginShutdown()
        if let assignment = try? consumer.assignment() { try? consumer.pause(assignment) }
        while book.inFlight.pages > 0, ContinuousClock.now < deadline {
            _ = try? consumer.poll(timeoutMs: 10)
        }
        lanes.close()
        let remaining = ContinuousClock.now.duration(to: deadline)
        do {
            try producer.flush(timeoutMs: max(100, Int(Self.seconds(remaining) * 1000)))
        } catch {
            logger.error("producer flush did not finish; unacknowledged pages stay uncommitted and will be redelivered: \(error)")
        }
        deliveryRunning.store(false, ordering: .sequentiallyConsistent)
        deliveryDone.wait()
        _ = producer.poll(timeoutMs: 0)
        // Every page's span has ended with its last delivery report: send them before exiting (at
        // most one export timeout when the collector is away).
        tracer?.exporter.shutdown()
        commit(book.commitCandidates(), by: deadline)
        if book.inFlight.pages > 0 {
            logger.warning("\(book.inFlight.pages) pages still in flight at the drain deadline; they will be redelivered")
        }
        closeConsumer(by: deadline)
    }

    /// Leaves the group, waiting until `deadline` + `closeGraceMs`. librdkafka's close waits for
    /// outstanding commits and the LeaveGroup answer with no limit of its own, so with a frozen
    /// coordinator it would hold the process for ever: it runs on a thread of its own, and past
    /// the wait the worker stops without it (the group moves the partitions once the session
    /// times out; nothing past the last acknowledged commit was committed).
    private func closeConsumer(by deadline: ContinuousClock.Instant) {
        let closed = DispatchSemaphore(value: 0)
        let consumer = self.consumer
        DispatchQueue(label: "pagepipe.consumer-close").async {
            consumer.close()
            closed.signal()
        }
        let waitMs = max(0, Int(Self.seconds(ContinuousClock.now.duration(to: deadline)) * 1000)) + Self.closeGraceMs
        if closed.wait(timeout: .now() + .milliseconds(waitMs)) == .timedOut {
            logger.warning(
                "the consumer did not leave the group within \(waitMs) ms (no answer from the group coordinator); stopping without it: its partitions move to other members when the session times out")
            return
        }
        rebalance.detach()
    }

    /// What leaving the group may take past the drain deadline: a LeaveGroup round trip.
    static let closeGraceMs = 5_000

    /// How long a revoke may wait for its partitions' in-flight pages: `drainTimeout`, but never
    /// past the shutdown's own deadline.
    func revokeDeadline() -> ContinuousClock.Instant {
        let own = ContinuousClock.now + configuration.drainTimeout
        return shutdownDeadline.withLock { $0.map { min($0, own) } } ?? own
    }

    func recordFatal(_ message: String) {
        fatalMessage.withLock { if $0 == nil { $0 = message } }
    }

    private func logProgress(since started: ContinuousClock.Instant) {
        let summary = stats.snapshot
        let seconds = Self.seconds(started.duration(to: .now))
        let inFlight = book.inFlight
        logger.info("progress", metadata: [
            "pages_in": "\(summary.pagesIn)", "published": "\(summary.pagesPublished)", "dlq": "\(summary.deadLettered)",
            "in_flight": "\(inFlight.pages)", "pages_per_s": "\(seconds > 0 ? Int(Double(summary.pagesIn) / seconds) : 0)",
        ])
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
