import Dispatch
import Logging
import Synchronization

/// Batches finished spans and POSTs them to an OTLP/HTTP collector as protobuf, from one serial
/// queue, every `exportIntervalMs` or as soon as a batch is full. Ending a span only appends it
/// under a lock: a page's lane never waits for the collector. A collector that is away costs a
/// bounded queue (`maxQueuedSpans`, then new spans are dropped and counted) and one log line a
/// minute; spans are not retried, as traces are diagnostics and not worth a worker's memory.
public final class OTLPExporter: Sendable {
    public let configuration: TracingConfiguration
    private let logger: Logger
    private let queue = DispatchQueue(label: "pagepipe.otlp-export")
    private let stopped = Atomic<Bool>(false)
    private let pending = Mutex<[FinishedSpan]>([])
    private let counts = Mutex<(exported: Int, dropped: Int, failedRequests: Int)>((0, 0, 0))
    private let lastFailureLogged = Mutex<ContinuousClock.Instant?>(nil)

    public init(configuration: TracingConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        scheduleTurn()
    }

    /// Each turn exports what is pending and books the next, until `shutdown`.
    private func scheduleTurn() {
        queue.asyncAfter(deadline: .now() + .milliseconds(max(10, configuration.exportIntervalMs))) { [weak self] in
            guard let self, !self.stopped.load(ordering: .relaxed) else { return }
            self.exportPending()
            self.scheduleTurn()
        }
    }

    /// Spans sent, dropped for a full queue, and export requests that failed, so far.
    public var totals: (exported: Int, dropped: Int, failedRequests: Int) { counts.withLock { $0 } }

    func enqueue(_ span: FinishedSpan) {
        let batchFull: Bool? = pending.withLock { pending in
            guard pending.count < configuration.maxQueuedSpans else { return nil }
            pending.append(span)
            return pending.count == configuration.maxBatchSpans
        }
        switch batchFull {
        case nil: counts.withLock { $0.dropped += 1 }
        case true?: queue.async { self.exportPending(fullBatchesOnly: true) }
        case false?: break
        }
    }

    /// Sends everything queued now and returns when it is sent or has failed (bounded by the
    /// export timeout per batch). The worker calls it once at the end of its run.
    public func flush() {
        queue.sync { exportPending() }
    }

    /// A last flush, and no more turns; spans ended later are not sent.
    public func shutdown() {
        stopped.store(true, ordering: .relaxed)
        flush()
    }

    /// On `queue` only. A full batch's turn sends full batches only: sending whatever else had
    /// come meanwhile would, on a fast collector, send a request every few pages.
    private func exportPending(fullBatchesOnly: Bool = false) {
        while true {
            let batch: [FinishedSpan] = pending.withLock { pending in
                guard !fullBatchesOnly || pending.count >= configuration.maxBatchSpans else { return [] }
                let batch = Array(pending.prefix(configuration.maxBatchSpans))
                pending.removeFirst(batch.count)
                return batch
            }
            guard !batch.isEmpty else { return }
            let body = OTLPProtobuf.exportRequest(batch, serviceName: configuration.serviceName)
            do {
                try HTTPPost.send(
                    body, contentType: "application/x-protobuf", to: configuration.endpoint,
                    timeoutMs: configuration.exportTimeoutMs)
                counts.withLock { $0.exported += batch.count }
            } catch {
                counts.withLock { $0.failedRequests += 1 }
                logFailure(error, spans: batch.count)
                return  // the rest waits for the next turn rather than hammering a collector that is away
            }
        }
    }

    private func logFailure(_ error: HTTPPost.Failure, spans: Int) {
        let now = ContinuousClock.now
        let due = lastFailureLogged.withLock { last in
            guard last.map({ $0.duration(to: now) >= .seconds(60) }) ?? true else { return false }
            last = now
            return true
        }
        guard due else { return }
        logger.warning(
            "cannot export spans to the OTLP collector; they are dropped",
            metadata: ["endpoint": "\(configuration.endpoint)", "error": "\(error)", "spans": "\(spans)"])
    }
}
