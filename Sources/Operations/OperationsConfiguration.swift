/// Where the operations endpoints (`/metrics`, `/healthz`, `/readyz`) are served, and what the
/// liveness probe tolerates. The CLI maps `--metrics-port`, `--metrics-address` and
/// `--liveness-timeout-ms` (and their `PAGEPIPE_*` variables) onto this struct.
public struct OperationsConfiguration: Sendable {
    /// TCP port. Default: none, required (no endpoints without it).
    public var port: UInt16
    /// IPv4 address to listen on. Default: 0.0.0.0, every interface, as a pod's probes and a
    /// Prometheus scraper from another host need.
    public var address: String = "0.0.0.0"
    /// `/healthz` fails once the worker's poll loop has not turned for this long. A revoke holds
    /// the loop while it drains, so keep this above the drain timeout. Default: 120000.
    public var livenessTimeoutMs: Int = 120_000

    public init(port: UInt16, address: String = "0.0.0.0", livenessTimeoutMs: Int = 120_000) {
        self.port = port
        self.address = address
        self.livenessTimeoutMs = livenessTimeoutMs
    }
}
