import Synchronization

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
    /// Article events by section slug and by primary district (`-` when none).
    public var sections: [String: Int] = [:]
    public var districts: [String: Int] = [:]
    /// The last offsets this worker committed, `topic/partition` → next offset.
    public var committed: [String: Int64] = [:]
    public var elapsedSeconds: Double = 0

    public init() {}

    /// The one-line summary printed at shutdown.
    public var line: String {
        let rate = elapsedSeconds > 0 ? Double(pagesIn) / elapsedSeconds : 0
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
}
