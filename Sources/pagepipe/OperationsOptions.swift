import ArgumentParser
import Operations

/// `run`'s and `reprocess`'s operations endpoints: Prometheus metrics and the liveness and readiness probes.
struct OperationsOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Serve Prometheus metrics at /metrics and the probes /healthz and /readyz on this port. Env: PAGEPIPE_METRICS_PORT. Default: no endpoints.", valueName: "port"))
    var metricsPort: Int?

    @Option(name: .long, help: ArgumentHelp("IPv4 address the metrics port listens on. Env: PAGEPIPE_METRICS_ADDRESS. Default: 0.0.0.0.", valueName: "address"))
    var metricsAddress: String?

    @Option(name: .long, help: ArgumentHelp("/healthz fails once the poll loop has not turned for this long; keep it above --drain-timeout-ms. Env: PAGEPIPE_LIVENESS_TIMEOUT_MS. Default: 120000.", valueName: "ms"))
    var livenessTimeoutMs: Int?

    /// Refuses a bad port or timeout before anything starts (a usage error, exit 64).
    func validate() throws {
        _ = try configuration()
    }

    /// nil when no port is set: the worker then serves nothing.
    func configuration() throws -> OperationsConfiguration? {
        guard let port = try metricsPort ?? Environment.integer("PAGEPIPE_METRICS_PORT") else { return nil }
        guard (1...65535).contains(port) else {
            throw ValidationError("--metrics-port (PAGEPIPE_METRICS_PORT) must be between 1 and 65535, not \(port).")
        }
        var configuration = OperationsConfiguration(port: UInt16(port))
        if let address = metricsAddress ?? Environment.value("PAGEPIPE_METRICS_ADDRESS") { configuration.address = address }
        if let limit = try livenessTimeoutMs ?? Environment.integer("PAGEPIPE_LIVENESS_TIMEOUT_MS") {
            guard limit > 0 else { throw ValidationError("--liveness-timeout-ms must be positive.") }
            configuration.livenessTimeoutMs = limit
        }
        return configuration
    }
}
