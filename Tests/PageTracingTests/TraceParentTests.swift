import Testing
import Tracing

@testable import PageTracing

/// W3C `traceparent` parsing, the tracer's parent rules and the OTLP endpoint forms.
struct TraceParentTests {
    static let valid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

    @Test func aValidValueRoundTrips() throws {
        let parent = try #require(TraceParent(Self.valid))
        #expect(TraceParent.hex(parent.traceID) == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(TraceParent.hex(parent.spanID) == "00f067aa0ba902b7")
        #expect(parent.sampled)
        #expect(parent.header == Self.valid)
    }

    @Test(arguments: [
        "", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",  // too short
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",  // upper case
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",  // zero trace id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",  // zero span id
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",  // forbidden version
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",  // version 00 has no more fields
        "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    ])
    func aMalformedValueIsRefused(_ text: String) {
        #expect(TraceParent(text) == nil)
    }

    @Test func aLaterVersionMayAddFields() {
        #expect(TraceParent("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-comes") != nil)
    }

    struct Headers: Extractor {
        func extract(key: String, from carrier: [String: String]) -> String? { carrier[key] }
    }

    @Test func aSpanContinuesTheExtractedTraceAndItsChildrenFollow() throws {
        let exporter = OTLPExporter(
            configuration: TracingConfiguration(endpoint: try #require(OTLPEndpoint("http://127.0.0.1:9"))), logger: .init(label: "test"))
        defer { exporter.shutdown() }
        let tracer = OTLPTracer(exporter: exporter)
        var context = InstrumentationContext.topLevel
        tracer.extract(["traceparent": Self.valid, "tracestate": "a=b"], into: &context, using: Headers())
        let page = tracer.startSpan("page", context: context)
        #expect(TraceParent.hex(page.spanContext.traceID) == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(page.spanContext.parentSpanID.map(TraceParent.hex) == "00f067aa0ba902b7")
        #expect(page.spanContext.traceState == "a=b")
        let child = tracer.startSpan("decode", context: page.context)
        #expect(child.spanContext.traceID == page.spanContext.traceID)
        #expect(child.spanContext.parentSpanID == page.spanContext.spanID)
        #expect(child.spanContext.spanID != page.spanContext.spanID)

        var fresh = InstrumentationContext.topLevel
        tracer.extract(["traceparent": "garbage"], into: &fresh, using: Headers())
        let root = tracer.startSpan("page", context: fresh)
        #expect(root.spanContext.parentSpanID == nil, "a malformed traceparent starts a new trace")
        #expect(root.isRecording)
    }

    @Test func anUnsampledParentIsNotRecorded() throws {
        let exporter = OTLPExporter(
            configuration: TracingConfiguration(endpoint: try #require(OTLPEndpoint("http://127.0.0.1:9"))), logger: .init(label: "test"))
        defer { exporter.shutdown() }
        let tracer = OTLPTracer(exporter: exporter)
        var context = InstrumentationContext.topLevel
        tracer.extract(["traceparent": String(Self.valid.dropLast(2)) + "00"], into: &context, using: Headers())
        let span = tracer.startSpan("page", context: context)
        #expect(!span.isRecording)
        span.end()
        exporter.flush()
        #expect(exporter.totals.exported == 0 && exporter.totals.failedRequests == 0, "nothing was even attempted")
    }

    @Test func endpointsFollowOTELExporterOTLPEndpoint() throws {
        let plain = try #require(OTLPEndpoint("http://collector:4318"))
        #expect(plain.host == "collector" && plain.port == 4318 && plain.tracesPath == "/v1/traces")
        let based = try #require(OTLPEndpoint("http://127.0.0.1:5000/otlp/"))
        #expect(based.port == 5000 && based.tracesPath == "/otlp/v1/traces")
        #expect(OTLPEndpoint("http://collector")?.port == 4318)
        #expect(OTLPEndpoint("https://collector:4318") == nil, "no TLS here: refused, not sent in clear")
        #expect(OTLPEndpoint("http://collector:0") == nil)
        #expect(OTLPEndpoint("collector:4318") == nil)
    }
}
