import Dispatch
import Kafka
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import PageWorker
import Prometheus
import Synchronization

/// Serves, over HTTP, what an operator and an orchestrator ask of a running worker: `/metrics`
/// (Prometheus text), `/healthz` (liveness: the poll loop turns) and `/readyz` (readiness:
/// assigned, or settled with nothing to do, and in contact with the brokers).
///
/// Built on swift-nio (NIOPosix + NIOHTTP1) rather than FlyingFox or hummingbird. FlyingFox could
/// not be bounded: it re-sliced request lines per byte (one 512 KB line held a thread for
/// minutes), had no connection cap or read timeout, and its listener died on EMFILE. hummingbird 2
/// would bound it too, but it brings swift-nio plus a dozen packages (service lifecycle, tracing,
/// async algorithms, http types) and 2.5-4.5 minutes to every clean CI build, for three fixed
/// routes. swift-nio alone gives each bound directly: the request decoder's head-size limit,
/// `IdleStateHandler`, accept back-off, and a channel per connection to cap and close.
///
/// The server runs on one event-loop thread of its own, never on Swift concurrency's pool, so the
/// worker's work cannot starve the probes and the probes cannot starve the worker.
public final class OperationsServer: Sendable {
    private let configuration: OperationsConfiguration
    private let endpoints: OperationsEndpoints
    private let logger: Logger
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let connections: ConnectionCap
    private let listener = Mutex<(any Channel)?>(nil)

    public init(
        configuration: OperationsConfiguration, registry: PrometheusCollectorRegistry,
        health: @escaping @Sendable () -> WorkerHealth, logger: Logger
    ) throws {
        self.configuration = configuration
        self.logger = logger
        // What /readyz and /healthz would answer, as of each scrape: Prometheus cannot read a probe,
        // and an alert on readiness needs a series (pagepipe_ready, pagepipe_live: 1 or 0).
        let ready = registry.makeGauge(name: "pagepipe_ready", help: "1 while /readyz answers 200, else 0")
        let live = registry.makeGauge(name: "pagepipe_live", help: "1 while /healthz answers 200, else 0")
        let livenessTimeoutMs = configuration.livenessTimeoutMs
        endpoints = OperationsEndpoints(
            metrics: {
                let state = health()
                ready.set(to: state.isReady ? 1.0 : 0.0)
                live.set(to: state.isLive(limitMs: livenessTimeoutMs) ? 1.0 : 0.0)
                return registry.emitToBuffer()
            },
            health: health, livenessTimeoutMs: livenessTimeoutMs)
        connections = ConnectionCap(limit: configuration.effectiveConnectionLimit)
    }

    /// The port listened on (the configured one, or the one the system chose for port 0).
    public var boundPort: Int? { listener.withLock { $0?.localAddress?.port } }

    /// Starts listening; returns once the port is bound, or throws saying why it could not be.
    public func start() throws {
        let configuration = configuration, endpoints = endpoints, connections = connections, logger = logger
        let decoderLimits = {
            var limits = NIOHTTPDecoderLimitConfiguration()
            // The request line counts towards both: NIO checks the URL as it checks a header.
            limits.maxHeaderFieldSize = configuration.maxRequestHeadBytes
            limits.maxHeaderListSize = configuration.maxRequestHeadBytes
            limits.maxHeaderFieldCount = 100  // a probe or a scraper sends fewer than 10; NIO allows 65,534
            return limits
        }()
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    // Out of file descriptors (EMFILE), stop accepting for a moment and try again,
                    // instead of failing the listener or spinning on a socket that stays readable.
                    try channel.pipeline.syncOperations.addHandler(
                        AcceptBackoffHandler(backoffProvider: { _ in .milliseconds(200) }))
                }
            }
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let evicted = connections.admit(channel) {
                        logger.debug(
                            "http: connection cap reached, closing the oldest connection", metadata: [LogKey.count: "\(connections.limit)"])
                        evicted.close(promise: nil)
                    }
                    channel.closeFuture.whenComplete { _ in connections.remove(channel) }
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(IdleStateHandler(readTimeout: .milliseconds(Int64(configuration.readTimeoutMs))))
                    try pipeline.configureHTTPServerPipeline(
                        withPipeliningAssistance: false, withErrorHandling: false,
                        withEncoderConfiguration: .init(), withDecoderLimitConfiguration: decoderLimits)
                    try pipeline.addHandler(
                        ProbeConnectionHandler(
                            endpoints: endpoints,
                            connectionDeadline: .milliseconds(Int64(configuration.connectionDeadlineMs))))
                }
            }
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
        do {
            let channel = try bootstrap.bind(host: configuration.address, port: Int(configuration.port)).wait()
            listener.withLock { $0 = channel }
        } catch {
            try? group.syncShutdownGracefully()
            throw OperationsError(
                "cannot serve metrics and probes on \(configuration.address):\(configuration.port) (\(error)); "
                    + "choose a free port with --metrics-port or PAGEPIPE_METRICS_PORT")
        }
        logger.info(
            "serving /metrics, /healthz and /readyz",
            metadata: [
                LogKey.address: "http://\(configuration.address):\(boundPort ?? Int(configuration.port))",
                "max_connections": "\(connections.limit)", "max_request_head_bytes": "\(configuration.maxRequestHeadBytes)",
                "read_timeout_ms": "\(configuration.readTimeoutMs)", "connection_deadline_ms": "\(configuration.connectionDeadlineMs)",
            ])
    }

    /// Closes the listener and every connection, and stops the event loop, waiting at most
    /// `stopTimeoutMs`: shutdown must never hang on a client, however hostile. Whatever has not
    /// finished by then ends with the process.
    public func stop() {
        let finished = DispatchSemaphore(value: 0)
        let listening = listener.withLock { channel in
            defer { channel = nil }
            return channel
        }
        listening?.close(promise: nil)
        for connection in connections.takeAll() { connection.close(promise: nil) }
        group.shutdownGracefully(queue: .global()) { _ in finished.signal() }
        if finished.wait(timeout: .now() + .milliseconds(configuration.stopTimeoutMs)) == .timedOut {
            logger.warning(
                "the metrics server did not stop in time; exiting without it", metadata: [LogKey.timeoutMs: "\(configuration.stopTimeoutMs)"])
        }
    }
}

public struct OperationsError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
