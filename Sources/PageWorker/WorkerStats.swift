import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one worker did, for its progress log, its final summary and the demo.
public struct WorkerSummary: Sendable, Equatable {
    /// Input records taken from Kafka.
    public var pagesIn = 0
    public var bytesIn = 0
    /// Pages whose events were all acknowledged by the broker.
    public var pagesPublished = 0
    /// Event records acknowledged (one event on three topics counts three).
    public var recordsOut = 0
    public var articleEvents = 0
    public var pageEvents = 0
    /// Pages passed over by a reprocessing range (Kafka timestamp or page date).
    public var filtered = 0
    /// Pages sent to the dead-letter topic, by `stage/reason`.
    public var deadLettered = 0
    public var deadLetterReasons: [String: Int] = [:]
    /// Of those, dead letters sent as a reference because the whole record was over the limit.
    public var deadLetterReferences = 0
    /// Article events by section slug, by primary county-level district and by the province of
    /// the article's place (`-` when none).
    public var sections: [String: Int] = [:]
    public var districts: [String: Int] = [:]
    /// Assignment changes (assigned, revoked or lost) this worker went through.
    public var rebalances = 0
    public var provinces: [String: Int] = [:]
    /// The last offsets this worker committed, `topic/partition` → next offset.
    public var committed: [String: Int64] = [:]
    public var elapsedSeconds: Double = 0
    /// Wall-clock times (ms since the epoch) of the first page taken and the last page finished,
    /// so throughput leaves out group joins and idle waits, and several workers' windows can be merged.
    public var firstPageMs: Int64?
    public var lastPageMs: Int64?
    /// Re-drive only: by the `stage/reason` each letter was written for, what became of the letters.
    public var redrive: [String: RedriveTally] = [:]

    /// Seconds from the first page taken to the last page finished.
    public var activeSeconds: Double {
        guard let first = firstPageMs, let last = lastPageMs, last > first else { return 0 }
        return Double(last - first) / 1000
    }

    public init() {}

    /// The one-line summary printed at shutdown.
    public var line: String {
        let rate = activeSeconds > 0 ? Double(pagesIn) / activeSeconds : 0
        let offsets = committed.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        return "pages_in=\(pagesIn) published=\(pagesPublished) events=\(articleEvents + pageEvents) "
            + "records_out=\(recordsOut) dlq=\(deadLettered) filtered=\(filtered) pages_per_s=\(Int(rate.rounded())) "
            + "committed=[\(offsets)]"
    }
}

/// Thread-safe accumulation of a `WorkerSummary`.
final class WorkerStats: Sendable {
    private let state = Mutex(WorkerSummary())

    func update(_ body: (inout WorkerSummary) -> Void) {
        state.withLock { body(&$0) }
    }

    var snapshot: WorkerSummary { state.withLock { $0 } }

    static var nowMs: Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }
}
