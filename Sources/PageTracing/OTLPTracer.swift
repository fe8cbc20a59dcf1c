import Synchronization
import Tracing

/// A swift-distributed-tracing `Tracer` whose finished spans go to an `OTLPExporter`.
///
/// Written here instead of taking swift-otel: swift-otel's first debug build (its gRPC, protobuf
/// and TLS dependencies) took over 4 minutes on the CI's two cores, against a test run that must
/// stay under 20 minutes (BENCHMARKS.md, "Tracing"). The worker needs only this much: spans with
/// W3C ids that continue a `traceparent`, attributes and a status, sent in batches over OTLP/HTTP.
/// Span events, links and recorded errors are not exported (pagepipe records none; an error's
/// stage and reason are attributes).
public struct OTLPTracer: Tracer {
    public let exporter: OTLPExporter

    public init(exporter: OTLPExporter) {
        self.exporter = exporter
    }

    public func startSpan<Instant: TracerInstant>(
        _ operationName: String, context: @autoclosure () -> InstrumentationContext, ofKind kind: SpanKind,
        at instant: @autoclosure () -> Instant, function: String, file fileID: String, line: UInt
    ) -> OTLPSpan {
        var context = context()
        let parent = context.otlpSpanContext
        var random = SystemRandomNumberGenerator()
        let spanContext = OTLPSpanContext(
            traceID: parent?.traceID ?? Self.randomID(16, using: &random), spanID: Self.randomID(8, using: &random),
            parentSpanID: parent?.spanID, flags: parent?.flags ?? 0x01, traceState: parent?.traceState)
        context.otlpSpanContext = spanContext
        // A parent that was not sampled upstream is not recorded here either (W3C's sampled flag).
        return OTLPSpan(
            operationName: operationName, context: context, spanContext: spanContext, kind: kind,
            startNanoseconds: instant().nanosecondsSinceEpoch, exporter: spanContext.sampled ? exporter : nil)
    }

    public func forceFlush() { exporter.flush() }

    /// Reads `traceparent` (and `tracestate`) from the carrier: the span started next in this
    /// context is the remote span's child, in its trace. A missing or malformed value leaves the
    /// context as it was, so the next span starts a new trace.
    public func extract<Carrier, Extract: Extractor>(
        _ carrier: Carrier, into context: inout InstrumentationContext, using extractor: Extract
    ) where Extract.Carrier == Carrier {
        guard let value = extractor.extract(key: "traceparent", from: carrier), let parent = TraceParent(value) else { return }
        context.otlpSpanContext = OTLPSpanContext(
            traceID: parent.traceID, spanID: parent.spanID, parentSpanID: nil, flags: parent.flags,
            traceState: extractor.extract(key: "tracestate", from: carrier))
    }

    public func inject<Carrier, Inject: Injector>(
        _ context: InstrumentationContext, into carrier: inout Carrier, using injector: Inject
    ) where Inject.Carrier == Carrier {
        guard let spanContext = context.otlpSpanContext else { return }
        injector.inject(
            TraceParent(traceID: spanContext.traceID, spanID: spanContext.spanID, flags: spanContext.flags).header,
            forKey: "traceparent", into: &carrier)
        if let state = spanContext.traceState { injector.inject(state, forKey: "tracestate", into: &carrier) }
    }

    /// `count` (8 or 16) random bytes, eight per draw: on Linux every draw of the system generator
    /// is a getrandom call, and a byte per draw made tracing cost 24 system calls a span.
    static func randomID(_ count: Int, using random: inout SystemRandomNumberGenerator) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        repeat {
            bytes.removeAll(keepingCapacity: true)
            while bytes.count < count { withUnsafeBytes(of: random.next() as UInt64) { bytes.append(contentsOf: $0) } }
        } while bytes.allSatisfy { $0 == 0 }  // all-zero ids are invalid in W3C and OTLP
        return bytes
    }
}

/// The ids of one span, kept in its `InstrumentationContext`.
public struct OTLPSpanContext: Sendable, Hashable {
    public var traceID: [UInt8]
    public var spanID: [UInt8]
    public var parentSpanID: [UInt8]?
    public var flags: UInt8
    public var traceState: String?

    public var sampled: Bool { flags & 0x01 != 0 }
}

private enum OTLPSpanContextKey: InstrumentationContextKey {
    typealias Value = OTLPSpanContext
}

extension InstrumentationContext {
    public var otlpSpanContext: OTLPSpanContext? {
        get { self[OTLPSpanContextKey.self] }
        set { self[OTLPSpanContextKey.self] = newValue }
    }
}

/// One span: mutable until it ends, then handed to the exporter once.
public final class OTLPSpan: Span {
    public let context: InstrumentationContext
    public let spanContext: OTLPSpanContext
    let kind: SpanKind
    let startNanoseconds: UInt64
    /// nil: not recording (an unsampled parent).
    private let exporter: OTLPExporter?

    private struct State {
        var operationName: String
        var attributes = SpanAttributes()
        var status: SpanStatus?
        var ended = false
    }
    private let state: Mutex<State>

    init(
        operationName: String, context: InstrumentationContext, spanContext: OTLPSpanContext, kind: SpanKind,
        startNanoseconds: UInt64, exporter: OTLPExporter?
    ) {
        self.context = context
        self.spanContext = spanContext
        self.kind = kind
        self.startNanoseconds = startNanoseconds
        self.exporter = exporter
        self.state = Mutex(State(operationName: operationName, ended: exporter == nil))
    }

    public var isRecording: Bool { state.withLock { !$0.ended } }

    public var operationName: String {
        get { state.withLock { $0.operationName } }
        set { state.withLock { if !$0.ended { $0.operationName = newValue } } }
    }

    public var attributes: SpanAttributes {
        get { state.withLock { $0.attributes } }
        set { state.withLock { if !$0.ended { $0.attributes = newValue } } }
    }

    public func setStatus(_ status: SpanStatus) {
        state.withLock { if !$0.ended { $0.status = status } }
    }

    public func addEvent(_ event: SpanEvent) {}
    public func recordError<Instant: TracerInstant>(_ error: any Error, attributes: SpanAttributes, at instant: @autoclosure () -> Instant) {}
    public func addLink(_ link: SpanLink) {}

    public func end<Instant: TracerInstant>(at instant: @autoclosure () -> Instant) {
        let finished: FinishedSpan? = state.withLock { state in
            guard !state.ended else { return nil }
            state.ended = true
            return FinishedSpan(
                context: spanContext, name: state.operationName, kind: kind, startNanoseconds: startNanoseconds,
                endNanoseconds: instant().nanosecondsSinceEpoch, attributes: state.attributes, status: state.status)
        }
        if let finished { exporter?.enqueue(finished) }
    }
}

/// What the exporter sends of a span.
public struct FinishedSpan: Sendable {
    public var context: OTLPSpanContext
    public var name: String
    public var kind: SpanKind
    public var startNanoseconds: UInt64
    public var endNanoseconds: UInt64
    public var attributes: SpanAttributes
    public var status: SpanStatus?
}
