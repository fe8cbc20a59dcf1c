/// Where and how the worker exports its page spans (`--otel-endpoint`). Tracing is off when the
/// worker's configuration holds none of these.
public struct TracingConfiguration: Sendable, Equatable {
    /// The OTLP/HTTP collector, `http://host:port[/base]`; spans are POSTed to `<base>/v1/traces`,
    /// as `OTEL_EXPORTER_OTLP_ENDPOINT` specifies. Plain HTTP only: run a collector beside the worker.
    public var endpoint: OTLPEndpoint
    /// The resource's `service.name`. Default: `pagepipe` (`OTEL_SERVICE_NAME`).
    public var serviceName: String = "pagepipe"
    /// How often finished spans are sent. Default: 1000 ms.
    public var exportIntervalMs: Int = 1000
    /// Spans sent in one request at most; a full batch is sent at once. Default: 512.
    public var maxBatchSpans: Int = 512
    /// Finished spans held while the collector is slow or away; beyond it new spans are dropped
    /// (and counted), so a missing collector never grows the worker's memory. Default: 8192.
    public var maxQueuedSpans: Int = 8192
    /// Connect, send and answer timeout of one export. Default: 5000 ms.
    public var exportTimeoutMs: Int = 5000

    public init(endpoint: OTLPEndpoint) {
        self.endpoint = endpoint
    }
}

/// `http://host[:port][/path]`, the traces URL being `path` + `/v1/traces`.
public struct OTLPEndpoint: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    /// The full request path, e.g. `/v1/traces`.
    public var tracesPath: String

    /// nil for anything but `http://`: TLS would need a TLS stack this worker does not link.
    public init?(_ text: String) {
        guard text.hasPrefix("http://") else { return nil }
        let rest = text.dropFirst("http://".count)
        let authority = rest.prefix { $0 != "/" }
        var base = String(rest.dropFirst(authority.count))
        while base.hasSuffix("/") { base.removeLast() }
        let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
        guard let hostPart = parts.first, !hostPart.isEmpty, parts.count <= 2 else { return nil }
        host = String(hostPart)
        if parts.count == 2 {
            guard let number = Int(parts[1]), (1...65535).contains(number) else { return nil }
            port = number
        } else {
            port = 4318
        }
        tracesPath = base + "/v1/traces"
    }

    public var description: String { "http://\(host):\(port)\(tracesPath)" }
}
