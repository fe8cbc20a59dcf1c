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
                if case .success = result { self.metrics.eventPublished(topic: topic) }
                guard ticket.acknowledge(error: failure) else { return }
                if let trace, let publishing {
                    trace.published(publishing, failure: ticket.firstFailure.map { ("publish", $0.reason) })
                }
                self.metrics.pagePublished(after: sending.duration(to: .now))
                switch self.control.with({ $0.pageDelivered(failure: ticket.firstFailure, now: .now) }) {
                case .finish:
                    self.published(ticket, page: published)
                case .deadLetter(let reason, let message):
                    // Off the delivery thread: sending may wait for the queue only that thread drains.
                    self.deadLetters.async { self.deadLetter(ticket, stage: "publish", reason: reason, message: message) }
                }
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

    /// All of a page's records are acknowledged.
    private func published(_ ticket: PageTicket, page: PublishedPage) {
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
        control.with { $0.pageFinished(ticket.partition, offset: ticket.record.offset, bytes: ticket.record.value.count, generation: ticket.generation) }
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
        logger.notice("dead-lettering a page", metadata: [
            LogKey.topic: "\(record.topic)", LogKey.partition: "\(record.partition)", LogKey.offset: "\(record.offset)",
            LogKey.stage: "\(stage)", LogKey.reason: "\(reason)", LogKey.error: "\(message.prefix(DeadLetter.keptBytes))",
        ])
        let letter = DeadLetter.make(
            for: ticket.page, topic: configuration.router.resolvedDeadLetterTopic, stage: stage, reason: reason, error: message,
            policy: recordSize, annotations: letterAnnotations(ticket))
        send(letter, of: ticket, stage: stage, reason: reason, error: message)
    }

    private func send(_ letter: DeadLetter, of ticket: PageTicket, stage: String, reason: String, error message: String) {
        send(letter.message) { result in
            let outcome = self.control.with {
                $0.deadLetterDelivered(result.map { _ in () }, form: letter.form, topic: letter.message.topic, now: .now)
            }
            switch outcome {
            case .finish:
                self.metrics.pageDeadLettered(stage: stage, reason: reason)
                self.stats.update {
                    $0.deadLettered += 1
                    $0.deadLetterReasons["\(stage)/\(reason)", default: 0] += 1
                    if letter.form == .reference { $0.deadLetterReferences += 1 }
                }
                self.tallyFailure(ticket, reason: reason)
                self.finished(ticket)
            case .sendReference:
                // Off the delivery thread: sending may wait for the queue only that thread drains.
                self.deadLetters.async {
                    let reference = DeadLetter.make(
                        .reference, for: ticket.page, topic: letter.message.topic, stage: stage, reason: reason, error: message,
                        annotations: self.letterAnnotations(ticket))
                    self.send(reference, of: ticket, stage: stage, reason: reason, error: message)
                }
            case .stop(let why):
                self.logger.error("stopping: the dead-letter topic refused a page", metadata: [LogKey.error: "\(why)"])
            }
        }
    }

    /// Enqueues one record; a record the sink refuses gets its failed delivery report at once.
    /// Never called on the delivery thread: the sink may wait for that thread to make room.
    private func send(_ message: KafkaOutgoingMessage, onDelivery: @escaping @Sendable (Result<KafkaDeliveryReport, KafkaError>) -> Void) {
        do {
            try sink.enqueue(message, onDelivery: onDelivery)
        } catch {
            onDelivery(.failure(error))
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
