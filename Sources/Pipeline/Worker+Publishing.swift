import Kafka
import PageCore
import PageModel

extension Worker {
    /// Runs on a lane: the page core, then one output record per (event, topic).
    func process(_ ticket: PageTicket) {
        let record = ticket.record
        if let until = configuration.untilTimestampMs, let timestamp = record.timestampMs, timestamp > until {
            return passOver(ticket)
        }
        var timings = StageTimings()
        defer { metrics.processed(timings) }
        let output: PageOutput
        do {
            output = try PageOutput(
                record: record, processor: processor, router: configuration.router, pagesDated: configuration.pagesDated,
                timings: &timings)
        } catch {
            deadLetter(ticket, stage: error.stage.rawValue, reason: error.reason, message: error.detail)
            return
        }
        // Outside the dates asked for, or routing sends this kind nowhere.
        guard !output.messages.isEmpty else { return passOver(ticket) }
        let messages = output.messages
        ticket.expect(messages.count)
        // What the summary needs once the page is acknowledged, taken now: keeping the events
        // themselves until then would hold every page's text in memory across the broker's round trip.
        let published = PublishedPage(events: output.events, records: messages.count)
        let sending = ContinuousClock.now
        for message in messages {
            // The report needs the topic only: capturing the whole message would keep its event
            // bytes alive until delivery and free them on the delivery thread.
            let topic = message.topic
            send(message) { result in
                let failure: String? = switch result {
                case .success: nil
                case .failure(let error): "publishing to \(topic) failed: \(error)"
                }
                if case .success = result {
                    self.contact.heard()
                    self.metrics.eventPublished(topic: topic)
                }
                guard ticket.acknowledge(error: failure) else { return }
                self.metrics.pagePublished(after: sending.duration(to: .now))
                self.published(ticket, page: published)
            }
        }
    }

    /// A page outside the reprocessing range: finished without output, so its offset commits.
    private func passOver(_ ticket: PageTicket) {
        stats.update { $0.filtered += 1 }
        finished(ticket)
    }

    /// All of a page's records are acknowledged (or some failed, which dead-letters the page).
    /// Runs inside a delivery report, so the dead letter is sent from another queue: sending may
    /// wait for the producer's queue, which only the delivery thread (this one) drains.
    private func published(_ ticket: PageTicket, page: PublishedPage) {
        if let failure = ticket.firstFailure {
            deadLetters.async { self.deadLetter(ticket, stage: "publish", reason: "deliveryFailed", message: failure) }
            return
        }
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

    /// Sends the input record unchanged, with headers naming the error, to the dead-letter topic.
    /// The page counts as finished only once the dead letter is acknowledged; if even that fails
    /// the worker stops without committing past it, so the page is redelivered rather than lost.
    func deadLetter(_ ticket: PageTicket, stage: String, reason: String, message: String) {
        let record = ticket.record
        logger.notice("dead-lettering \(record.topic)/\(record.partition)@\(record.offset): \(stage) \(reason): \(message)")
        var headers = record.headers
        headers.append(KafkaHeader(key: PagepipeHeader.errorStage, value: Array(stage.utf8)))
        headers.append(KafkaHeader(key: PagepipeHeader.errorReason, value: Array(reason.utf8)))
        headers.append(KafkaHeader(key: PagepipeHeader.error, value: Array(message.utf8)))
        headers.append(KafkaHeader(key: PagepipeHeader.source, value: Array("\(record.topic)/\(record.partition)/\(record.offset)".utf8)))
        let letter = KafkaOutgoingMessage(
            topic: configuration.router.resolvedDeadLetterTopic, key: record.key, value: record.value, headers: headers
        )
        send(letter) { result in
            switch result {
            case .success:
                self.metrics.pageDeadLettered(stage: stage, reason: reason)
                self.stats.update {
                    $0.deadLettered += 1
                    $0.deadLetterReasons["\(stage)/\(reason)", default: 0] += 1
                }
                self.finished(ticket)
            case .failure(let error):
                self.recordFatal("cannot publish to the dead-letter topic \(letter.topic): \(error)")
            }
        }
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
