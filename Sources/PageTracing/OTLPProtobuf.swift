import Tracing

/// `ExportTraceServiceRequest` in protobuf's binary form, the encoding every OTLP/HTTP receiver
/// must accept, written by hand for the few fields pagepipe sets (field numbers from
/// opentelemetry-proto's `trace.proto`, `common.proto` and `resource.proto`; the contract test
/// decodes what this writes with opentelemetry-proto's own classes).
enum OTLPProtobuf {
    static func exportRequest(_ spans: [FinishedSpan], serviceName: String) -> [UInt8] {
        var resource = Writer()
        resource.message(1, keyValue("service.name", .string(serviceName)))  // Resource.attributes
        var scope = Writer()
        scope.string(1, "pagepipe")  // InstrumentationScope.name
        var scopeSpans = Writer()
        scopeSpans.message(1, scope.bytes)  // ScopeSpans.scope
        for span in spans { scopeSpans.message(2, self.span(span)) }  // ScopeSpans.spans
        var resourceSpans = Writer()
        resourceSpans.message(1, resource.bytes)  // ResourceSpans.resource
        resourceSpans.message(2, scopeSpans.bytes)  // ResourceSpans.scope_spans
        var request = Writer()
        request.message(1, resourceSpans.bytes)  // ExportTraceServiceRequest.resource_spans
        return request.bytes
    }

    static func span(_ span: FinishedSpan) -> [UInt8] {
        var out = Writer()
        out.bytes(1, span.context.traceID)
        out.bytes(2, span.context.spanID)
        if let state = span.context.traceState, !state.isEmpty { out.string(3, state) }
        if let parent = span.context.parentSpanID { out.bytes(4, parent) }
        out.string(5, span.name)
        out.varint(6, kind(span.kind))
        out.fixed64(7, span.startNanoseconds)
        out.fixed64(8, span.endNanoseconds)
        var attributes: [(String, SpanAttribute)] = []
        span.attributes.forEach { attributes.append(($0, $1)) }
        for (key, value) in attributes.sorted(by: { $0.0 < $1.0 }) { out.message(9, keyValue(key, value)) }
        if let status = span.status {
            var encoded = Writer()
            if let message = status.message { encoded.string(2, message) }
            encoded.varint(3, status.code == .error ? 2 : 1)  // STATUS_CODE_OK = 1, ERROR = 2
            out.message(15, encoded.bytes)
        }
        out.fixed32(16, UInt32(span.context.flags))
        return out.bytes
    }

    /// SpanKind: INTERNAL 1, SERVER 2, CLIENT 3, PRODUCER 4, CONSUMER 5.
    static func kind(_ kind: SpanKind) -> UInt64 {
        switch kind {
        case .server: 2
        case .client: 3
        case .producer: 4
        case .consumer: 5
        default: 1
        }
    }

    static func keyValue(_ key: String, _ value: SpanAttribute) -> [UInt8] {
        var any = Writer()
        switch value {
        case .string(let text): any.string(1, text)
        case .bool(let flag): any.varint(2, flag ? 1 : 0)
        case .int32(let number): any.varint(3, UInt64(bitPattern: Int64(number)))
        case .int64(let number): any.varint(3, UInt64(bitPattern: number))
        case .double(let number): any.fixed64(4, number.bitPattern)
        default: any.string(1, "\(value)")  // arrays: pagepipe sets none; kept readable rather than lost
        }
        var pair = Writer()
        pair.string(1, key)
        pair.message(2, any.bytes)
        return pair.bytes
    }

    struct Writer {
        var bytes: [UInt8] = []

        mutating func tag(_ field: Int, _ wireType: UInt8) { rawVarint(UInt64(field) << 3 | UInt64(wireType)) }

        mutating func rawVarint(_ value: UInt64) {
            var value = value
            while value >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
                value >>= 7
            }
            bytes.append(UInt8(value))
        }

        mutating func varint(_ field: Int, _ value: UInt64) {
            tag(field, 0)
            rawVarint(value)
        }

        mutating func fixed64(_ field: Int, _ value: UInt64) {
            tag(field, 1)
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
        }

        mutating func fixed32(_ field: Int, _ value: UInt32) {
            tag(field, 5)
            for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
        }

        mutating func bytes(_ field: Int, _ value: [UInt8]) {
            tag(field, 2)
            rawVarint(UInt64(value.count))
            bytes.append(contentsOf: value)
        }

        mutating func string(_ field: Int, _ value: String) { bytes(field, Array(value.utf8)) }
        mutating func message(_ field: Int, _ value: [UInt8]) { bytes(field, value) }
    }
}
