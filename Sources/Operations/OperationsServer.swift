import Dispatch
import FlyingFox
import FlyingSocks
import Foundation
import Logging
import Pipeline
import Prometheus

/// Serves, over HTTP (FlyingFox), what an operator and an orchestrator ask of a running worker:
/// `/metrics` (Prometheus text), `/healthz` (liveness: the poll loop turns) and `/readyz`
/// (readiness: assigned, or settled with nothing to do, and in contact with the brokers).
public final class OperationsServer: Sendable {
    private let server: HTTPServer
    private let configuration: OperationsConfiguration
    private let logger: Logger
    private let running = Mutex<Task<Void, any Error>?>(nil)
    private let stopping = StopFlag()

    public init(
        configuration: OperationsConfiguration, registry: PrometheusCollectorRegistry,
        health: @escaping @Sendable () -> WorkerHealth, logger: Logger
    ) throws {
        self.configuration = configuration
        self.logger = logger
        let stopping = self.stopping
        let address = try sockaddr_in.inet(ip4: configuration.address, port: configuration.port)
        server = HTTPServer(address: address, logger: SwiftLogBridge(logger: logger, stopping: { stopping.isSet }))
        let livenessTimeoutMs = configuration.livenessTimeoutMs
        Task { [server] in
            await server.appendRoute("GET /metrics") { _ in
                HTTPResponse(
                    statusCode: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                    body: Data(registry.emitToBuffer()))
            }
            await server.appendRoute("GET /healthz") { _ in
                let state = health()
                guard state.isLive(limitMs: livenessTimeoutMs) else {
                    return Self.text(.serviceUnavailable, "the poll loop has not turned for \(state.pollLoopSilentMs ?? 0) ms (limit \(livenessTimeoutMs))")
                }
                return Self.text(.ok, "ok")
            }
            await server.appendRoute("GET /readyz") { _ in
                guard let reason = health().unreadyReason else { return Self.text(.ok, "ready") }
                return Self.text(.serviceUnavailable, "not ready: \(reason)")
            }
        }.waitSynchronously()
    }

    /// Starts listening; returns once the port is bound, or throws saying why it could not be.
    public func start() throws {
        let task = Task { [server] in try await server.run() }
        running.withLock { $0 = task }
        let listening = Task { [server] in try await server.waitUntilListening(timeout: 10) }
        do {
            try listening.waitSynchronously()
        } catch {
            task.cancel()
            throw OperationsError(
                "cannot serve metrics and probes on \(configuration.address):\(configuration.port) (\(error)); "
                    + "choose a free port with --metrics-port or PAGEPIPE_METRICS_PORT")
        }
        logger.info("serving /metrics, /healthz and /readyz on http://\(configuration.address):\(configuration.port)")
    }

    public func stop() {
        stopping.set()
        Task { [server] in await server.stop(timeout: 1) }.waitSynchronously()
        running.withLock { $0?.cancel() }
    }

    private static func text(_ status: HTTPStatusCode, _ body: String) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: [.contentType: "text/plain; charset=utf-8"], body: Data((body + "\n").utf8))
    }
}

public struct OperationsError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

import Synchronization

/// Set once the server is being stopped, read by its log bridge.
final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    func set() { flag.store(true, ordering: .relaxed) }
    var isSet: Bool { flag.load(ordering: .relaxed) }
}

extension Task where Failure == any Error {
    /// Blocks the calling (non-async) thread until the task finishes. Only for the CLI's
    /// synchronous start and stop, never from inside the cooperative pool.
    func waitSynchronously() throws {
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<Success, any Error>?>(nil)
        Task<Void, Never> {
            let result = await self.result
            outcome.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        _ = try outcome.withLock { $0! }.get()
    }
}

extension Task where Failure == Never {
    func waitSynchronously() {
        let done = DispatchSemaphore(value: 0)
        Task<Void, Never> {
            _ = await self.value
            done.signal()
        }
        done.wait()
    }
}

/// FlyingFox's log lines go to the process's logger; its per-connection chatter only at debug,
/// and the error its listener reports when `stop` closes it too.
struct SwiftLogBridge: FlyingSocks.Logging {
    let logger: Logger
    let stopping: @Sendable () -> Bool
    func logDebug(_ debug: @autoclosure () -> String) { logger.debug("http: \(debug())") }
    func logInfo(_ info: @autoclosure () -> String) { logger.debug("http: \(info())") }
    func logWarning(_ warning: @autoclosure () -> String) { logger.warning("http: \(warning())") }
    func logError(_ error: @autoclosure () -> String) { log(.error, error()) }
    func logCritical(_ critical: @autoclosure () -> String) { log(.critical, critical()) }

    private func log(_ level: Logger.Level, _ message: String) {
        logger.log(level: stopping() ? .debug : level, "http: \(message)")
    }
}
