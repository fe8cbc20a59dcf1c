#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the operations endpoints (`/metrics`, `/healthz`, `/readyz`) are served, what the
/// liveness probe tolerates, and how much any one client may take of the server. The CLI maps
/// `--metrics-port`, `--metrics-address` and `--liveness-timeout-ms` (and their `PAGEPIPE_*`
/// variables) onto this struct; the bounds keep their defaults there.
public struct OperationsConfiguration: Sendable {
    /// TCP port (0: one the system chooses, for tests). Default: none, required (no endpoints without it).
    public var port: UInt16
    /// IPv4 address to listen on. Default: 0.0.0.0, every interface, as a pod's probes and a
    /// Prometheus scraper from another host need.
    public var address: String = "0.0.0.0"
    /// `/healthz` fails once the worker's poll loop has not turned for this long. A revoke holds
    /// the loop while it drains, so keep this above the drain timeout. Default: 120000.
    public var livenessTimeoutMs: Int = 120_000

    /// The largest request head (request line and headers) read; a larger one is answered 431 and
    /// the connection closed. A probe's head is under 200 bytes, a browser's under 2 KB. Default: 8192.
    public var maxRequestHeadBytes: Int = 8192
    /// Open connections at most; one more closes the oldest (see `ConnectionCap`). Lowered to a
    /// quarter of the process's file-descriptor limit when that is smaller, so the server never
    /// takes the descriptors librdkafka needs. Default: 64.
    public var maxConnections: Int = 64
    /// A connection that sends nothing for this long is closed. Default: 2000.
    public var readTimeoutMs: Int = 2000
    /// Every connection is closed this long after it was accepted, whatever it is doing: the bound
    /// on slow senders (slowloris) and on clients that never read the answer. Default: 5000.
    public var connectionDeadlineMs: Int = 5000
    /// How long `stop()` waits for connections and the event loop to close. Default: 2000.
    public var stopTimeoutMs: Int = 2000

    public init(port: UInt16, address: String = "0.0.0.0", livenessTimeoutMs: Int = 120_000) {
        self.port = port
        self.address = address
        self.livenessTimeoutMs = livenessTimeoutMs
    }

    /// `maxConnections`, or a quarter of the open-file limit when that is lower (at least 4).
    var effectiveConnectionLimit: Int {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max /* RLIM_INFINITY */ else { return maxConnections }
        return min(maxConnections, max(4, Int(limit.rlim_cur / 4)))
    }
}
