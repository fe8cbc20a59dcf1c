#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import Tracing

@testable import PageTracing

/// The exporter when the collector is away: a page's lane never waits, memory stays bounded.
struct OTLPExporterTests {
    /// A loopback port nothing listens on: bound, then closed, so connecting is refused at once.
    static func closedPort() -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test func aMissingCollectorCostsOneFailedRequestAndABoundedQueue() throws {
        var configuration = TracingConfiguration(endpoint: try #require(OTLPEndpoint("http://127.0.0.1:\(Self.closedPort())")))
        configuration.exportIntervalMs = 60_000  // only the flush below exports
        configuration.maxQueuedSpans = 10
        configuration.maxBatchSpans = 100
        let exporter = OTLPExporter(configuration: configuration, logger: .init(label: "test"))
        defer { exporter.shutdown() }
        let tracer = OTLPTracer(exporter: exporter)
        let started = ContinuousClock.now
        for _ in 0..<25 { tracer.startSpan("page").end() }
        #expect(started.duration(to: .now) < .milliseconds(500), "ending spans never waits for the collector")
        #expect(exporter.totals.dropped == 15, "beyond maxQueuedSpans new spans are dropped and counted")
        exporter.flush()
        #expect(exporter.totals.failedRequests == 1, "one refused request, then the rest waits for the next turn")
        #expect(exporter.totals.exported == 0)
    }

    @Test func theRequestIsAnExportTraceServiceRequestWithTheSpansFields() throws {
        let context = OTLPSpanContext(
            traceID: Array(1...16), spanID: Array(17...24), parentSpanID: Array(25...32), flags: 1, traceState: "a=b")
        var attributes = SpanAttributes()
        attributes["pagepipe.error.reason"] = "binary"
        let span = FinishedSpan(
            context: context, name: "page", kind: .consumer, startNanoseconds: 1, endNanoseconds: 2, attributes: attributes,
            status: SpanStatus(code: .error, message: "decode/binary"))
        let bytes = OTLPProtobuf.exportRequest([span], serviceName: "pagepipe")
        // Field 1 (resource_spans), length-delimited; the trace id as field 1 of the span, 16 bytes.
        #expect(bytes.first == 0x0A)
        #expect(bytes.windowed(Array([0x0A, 0x10] + (1...16))))
        #expect(bytes.windowed(Array([0x22, 0x08] + (25...32))), "parent_span_id is field 4")
        #expect(bytes.windowed([0x30, 0x05]), "kind is field 6: SPAN_KIND_CONSUMER = 5")
        #expect(bytes.windowed([0x18, 0x02]), "status code is field 3 of Status: ERROR = 2")
        #expect(bytes.windowed(Array("decode/binary".utf8)))
    }
}

extension Array where Element == UInt8 {
    func windowed(_ needle: [UInt8]) -> Bool {
        guard needle.count <= count else { return false }
        return (0...(count - needle.count)).contains { Array(self[$0..<($0 + needle.count)]) == needle }
    }
}
