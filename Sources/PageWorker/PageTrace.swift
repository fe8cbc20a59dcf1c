import Kafka
import PageCore
import PageTracing
import Tracing

/// The spans of one page when tracing is on (`--otel-endpoint`): `page`, a consumer span that
/// continues the input's `traceparent` (a new trace without one), with `decode`, `parse`,
/// `classify` and `publish` as its children. The first three come from the page core's
/// `StageTimings`, laid end to end from the page's start, so the page core stays free of tracing
/// and costs the same whether tracing is on or off. A dead-lettered page's span carries the
/// error's stage and reason and an error status.
struct PageTrace: Sendable {
    let tracer: OTLPTracer
    let page: OTLPSpan
    let startNanoseconds: UInt64

    init(tracer: OTLPTracer, record: KafkaRecord) {
        self.tracer = tracer
        var context = InstrumentationContext.topLevel
        tracer.extract(record.headers, into: &context, using: KafkaHeaderExtractor())
        let start = DefaultTracerClock.now
        startNanoseconds = start.nanosecondsSinceEpoch
        page = tracer.startSpan("page", context: context, ofKind: .consumer, at: start)
        page.updateAttributes { attributes in
            // OpenTelemetry's messaging conventions, and pagepipe's own spelling of the same place.
            attributes["messaging.system"] = "kafka"
            attributes["messaging.operation.type"] = "process"
            attributes["messaging.destination.name"] = record.topic
            attributes["messaging.destination.partition.id"] = "\(record.partition)"
            attributes["messaging.kafka.offset"] = record.offset
            attributes["pagepipe.source"] = "\(record.topic)/\(record.partition)/\(record.offset)"
        }
    }

    /// The page core's stages as children, from its timings, laid end to end. The core times a
    /// stage only once it succeeds: for a page it refused, the stage that failed (`failedIn`)
    /// runs from the last timed stage's end to now, with the error.
    func stages(_ timings: StageTimings, failedIn failure: (stage: String, reason: String)? = nil) {
        var at = startNanoseconds
        var timed: [String] = []
        for (name, duration) in [("decode", timings.decode), ("parse", timings.parse), ("classify", timings.classify)]
        where duration > .zero {
            let span = tracer.startSpan(name, context: page.context, at: DefaultTracerClock.Timestamp(nanosecondsSinceEpoch: at))
            at += Self.nanoseconds(duration)
            span.end(at: DefaultTracerClock.Timestamp(nanosecondsSinceEpoch: at))
            timed.append(name)
        }
        guard let failure, !timed.contains(failure.stage) else { return }
        let span = tracer.startSpan(failure.stage, context: page.context, at: DefaultTracerClock.Timestamp(nanosecondsSinceEpoch: at))
        Self.markFailed(span, stage: failure.stage, reason: failure.reason)
        span.end()
    }

    /// From the first record handed to the producer to the last acknowledgement.
    func startPublishing(records: Int) -> OTLPSpan {
        let span = tracer.startSpan("publish", context: page.context, ofKind: .producer)
        span.attributes["pagepipe.records"] = records
        return span
    }

    /// The page's records are all acknowledged, or one failed (`failure`: the page is dead-lettered).
    func published(_ span: OTLPSpan, failure: (stage: String, reason: String)?) {
        if let failure { Self.markFailed(span, stage: failure.stage, reason: failure.reason) }
        span.end()
        if let failure { return failed(stage: failure.stage, reason: failure.reason) }
        page.end()
    }

    /// The page goes to the dead-letter topic.
    func failed(stage: String, reason: String) {
        Self.markFailed(page, stage: stage, reason: reason)
        page.end()
    }

    /// Finished without output (outside `--pages-dated`, or routed nowhere).
    func passedOver() {
        page.attributes["pagepipe.filtered"] = true
        page.end()
    }

    private static func markFailed(_ span: OTLPSpan, stage: String, reason: String) {
        span.updateAttributes { attributes in
            attributes["pagepipe.error.stage"] = stage
            attributes["pagepipe.error.reason"] = reason
        }
        span.setStatus(SpanStatus(code: .error, message: "\(stage)/\(reason)"))
    }

    static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        return UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds) / 1_000_000_000)
    }
}

/// Reads trace context from a Kafka record's headers (the last value of a repeated header).
struct KafkaHeaderExtractor: Extractor {
    func extract(key: String, from headers: [KafkaHeader]) -> String? {
        headers.last { $0.key == key }?.value.map { String(decoding: $0, as: UTF8.self) }
    }
}
