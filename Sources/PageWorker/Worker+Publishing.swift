import Kafka
import PageCore
import PageModel
import PageTracing
import TopicContract

extension Worker {
    /// Runs on a lane: the page core, then one output record per (event, topic).
    func process(_ ticket: PageTicket) {
        let record = ticket.record
        if let until = configuration.untilTimestampMs, let timestamp = record.timestampMs, timestamp > until {
            return passOver(ticket)
        }
        switch configuration.redrive?.decision(for: record, letter: ticket.letter) {
        case nil, .process: break
        case .passOver: return passOver(ticket)
        case .forward(let reason, let message): return deadLetter(ticket, stage: RedriveDecision.stage, reason: reason, message: message)
        }
        let trace = tracer.map { PageTrace(tracer: $0, record: ticket.page) }
        var timings = StageTimings()
        defer { metrics.processed(timings) }
        let output: PageOutput
        do {
            output = try PageOutput(
                record: ticket.page, processor: processor, router: configuration.router, pagesDated: configuration.pagesDated,
                propagation: configuration.propagation,
                annotations: configuration.redrive == nil ? [] : RedriveLetter.eventAnnotations(reading: record), timings: &timings)
        } catch {
            trace?.stages(timings, failedIn: (error.stage.rawValue, error.reason))
            trace?.failed(stage: error.stage.rawValue, reason: error.reason)
            deadLetter(ticket, stage: error.stage.rawValue, reason: error.reason, message: error.detail)
            return
        }
        trace?.stages(timings)
        for name in output.oversizedHeaders { warnOversizedHeader(name) }
        // Outside the dates asked for, or routing sends this kind nowhere.
        guard !output.messages.isEmpty else {
            trace?.passedOver()
            return passOver(ticket)
        }
        let messages = output.messages
        // A record over the limit would be refused after the page's other records went out; such a
        // page is dead-lettered at once, and none of its events is published.
        if let oversized = messages.first(where: { !recordSize.fits($0) }) {
            let size = RecordSizePolicy.recordBytes(oversized)
            trace?.failed(stage: "publish", reason: "eventTooLarge")
            return deadLetter(
                ticket, stage: "publish", reason: "eventTooLarge",
                message: "the event for \(oversized.topic) is \(size) bytes, over the \(recordSize.maxRecordBytes)-byte record limit "
                    + "(\(recordSize.origin)); raise max.message.bytes on the output topics, or --max-record-bytes with it")
        }
        if configuration.redrive?.dryRun == true {
            tally(ticket) { $0.succeeded += 1 }
            return finished(ticket)
        }
        ticket.expect(messages.count)
        // What the summary needs once the page is acknowledged, taken now: keeping the events
        // themselves until then would hold every page's text in memory across the broker's round trip.
        let published = PublishedPage(events: output.events, records: messages.count)
        let sending = ContinuousClock.now
        let publishing = trace?.startPublishing(records: messages.count)
        for message in messages {
            // The report needs the topic only: capturing the whole message would keep its event
            // bytes alive until delivery and free them on the delivery thread.
            let topic = message.topic
            send(message) { result in
                let failure: DeliveryFailure? = switch result {
                case .success: nil
                case .failure(let error):
                    DeliveryFailure(
                        reason: error.code == .messageTooLarge ? "eventTooLarge" : "deliveryFailed",
                        message: "publishing to \(topic) failed: \(error)")
                }
                if case .success = result {
                    self.contact.heard()
                    self.metrics.eventPublished(topic: topic)
                }
                guard ticket.acknowledge(error: failure) else { return }
                if let trace, let publishing {
                    trace.published(publishing, failure: ticket.firstFailure.map { ("publish", $0.reason) })
                }
                self.metrics.pagePublished(after: sending.duration(to: .now))
                self.published(ticket, page: published)
            }
        }
    }

    /// A propagated input header was too large to copy onto the page's events (`HeaderPropagation`).
    private func warnOversizedHeader(_ name: String) {
        logger.log(
            level: .warning, "propagated input header over its size cap: left off the events",
            metadata: ["header": "\(name)", "max_bytes": "\(configuration.propagation.maxValueBytes)"],
            unlessRepeatedIn: repeatedOversizedHeaders)
    }

    /// A page outside the reprocessing range: finished without output, so its offset commits.
    private func passOver(_ ticket: PageTicket) {
        stats.update { $0.filtered += 1 }
        tally(ticket) { $0.passedOver += 1 }
        finished(ticket)
    }

    /// Counts an outcome for a re-driven letter under the reason it was written for.
    private func tally(_ ticket: PageTicket, _ outcome: (inout RedriveTally) -> Void) {
        guard configuration.redrive != nil else { return }
        let reason = ticket.letter?.reasonKey ?? "\(RedriveDecision.stage)/\(RedriveDecision.notADeadLetter)"
        stats.update { outcome(&$0.redrive[reason, default: RedriveTally()]) }
    }

    private func tallyFailure(_ ticket: PageTicket, reason: String) {
        tally(ticket) { if reason == RedriveDecision.originalNeeded { $0.originalNeeded += 1 } else { $0.stillFailing += 1 } }
    }

    /// Headers on a dead letter written for the page: a re-drive's attempt count and the letter it read.
    private func letterAnnotations(_ ticket: PageTicket) -> [KafkaHeader] {
        guard configuration.redrive != nil else { return [] }
        return ticket.letter?.letterAnnotations ?? RedriveLetter.letterAnnotations(reading: ticket.record, attempts: 0)
    }

    /// All of a page's records are acknowledged (or some failed, which dead-letters the page).
    /// Runs inside a delivery report, so the dead letter is sent from another queue: sending may
    /// wait for the producer's queue, which only the delivery thread (this one) drains.
    private func published(_ ticket: PageTicket, page: PublishedPage) {
        if let failure = ticket.firstFailure {
            deadLetters.async { self.deadLetter(ticket, stage: "publish", reason: failure.reason, message: failure.message) }
            return
        }
        tally(ticket) { $0.succeeded += 1 }
        stats.update { summary in
            summary.pagesPublished += 1
            summary.recordsOut += page.records
            summary.pageEvents += page.pageEvents
            for article in page.articles {
                summary.articleEvents += 1
                summary.sections[article.section, default: 0] += 1
                summary.districts[article.district ?? "-", default: 0] += 1
                summary.provinces[article.province ?? "-", default: 0] += 1
            }
        }
        finished(ticket)
    }

    /// The page's offset may now be committed (once every earlier one is too).
    private func finished(_ ticket: PageTicket) {
        stats.update { $0.lastPageMs = WorkerStats.nowMs }
        book.finish(ticket.partition, offset: ticket.record.offset, bytes: ticket.record.value.count, generation: ticket.generation)
    }

    /// Sends the page to the dead-letter topic (`DeadLetter`: whole when it fits, else a reference).
    /// The page counts as finished only once the dead letter is acknowledged. A whole letter the
    /// cluster refuses for its size is sent again as a reference; only a dead-letter topic that
    /// refuses even that stops the worker, without committing past the page, so it is redelivered
    /// rather than lost.
    func deadLetter(_ ticket: PageTicket, stage: String, reason: String, message: String) {
        let record = ticket.record
        if configuration.redrive?.dryRun == true {
            stats.update {
                $0.deadLettered += 1
                $0.deadLetterReasons["\(stage)/\(reason)", default: 0] += 1
            }
            tallyFailure(ticket, reason: reason)
            return finished(ticket)
        }
        logger.notice("dead-lettering \(record.topic)/\(record.partition)@\(record.offset): \(stage) \(reason): \(message.prefix(DeadLetter.keptBytes))")
        let letter = DeadLetter.make(
            for: ticket.page, topic: configuration.router.resolvedDeadLetterTopic, stage: stage, reason: reason, error: message,
            policy: recordSize, annotations: letterAnnotations(ticket))
        send(letter, of: ticket, stage: stage, reason: reason, error: message)
    }

    private func send(_ letter: DeadLetter, of ticket: PageTicket, stage: String, reason: String, error message: String) {
        send(letter.message) { result in
            switch result {
            case .success:
                self.metrics.pageDeadLettered(stage: stage, reason: reason)
                self.stats.update {
                    $0.deadLettered += 1
                    $0.deadLetterReasons["\(stage)/\(reason)", default: 0] += 1
                    if letter.form == .reference { $0.deadLetterReferences += 1 }
                }
                self.tallyFailure(ticket, reason: reason)
                self.finished(ticket)
            case .failure(let error) where letter.form == .whole && error.code == .messageTooLarge:
                // Off the delivery thread: sending may wait for the queue only that thread drains.
                self.deadLetters.async {
                    let reference = DeadLetter.make(
                        .reference, for: ticket.page, topic: letter.message.topic, stage: stage, reason: reason, error: message,
                        annotations: self.letterAnnotations(ticket))
                    self.send(reference, of: ticket, stage: stage, reason: reason, error: message)
                }
            case .failure(let error):
                self.recordFatal(Self.deadLetterFailure(topic: letter.message.topic, error: error))
            }
        }
    }

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

    /// Enqueues one record; while librdkafka's local queue is full, waits for the delivery thread to
    /// drain it (bounded in-flight pages keep this rare) instead of dropping or growing without
    /// bound. It never polls the producer itself: that would serve delivery reports here, and a
    /// report that dead-letters a page would end up polling from inside a delivery callback.
    private func send(_ message: KafkaOutgoingMessage, onDelivery: @escaping @Sendable (Result<KafkaDeliveryReport, KafkaError>) -> Void) {
        while true {
            do {
                try producer.send(message, onDelivery: onDelivery)
                return
            } catch where error.code == .queueFull {
                usleepMilliseconds(1)
            } catch {
                onDelivery(.failure(error))
                return
            }
        }
    }
}

/// A published page as the run's summary counts it.
struct PublishedPage: Sendable {
    var articles: [(section: String, district: String?, province: String?)] = []
    var pageEvents = 0
    var records: Int

    init(events: [PagepipeEvent], records: Int) {
        self.records = records
        for event in events {
            switch event {
            case .article(let article): articles.append((article.section.slug, article.district, article.province))
            case .page: pageEvents += 1
            }
        }
    }
}
