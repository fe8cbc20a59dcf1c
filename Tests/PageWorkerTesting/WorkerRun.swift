import Dispatch
import Kafka
import Logging
import PageCore
import PageCorpus
import PageWorker
import Synchronization
import TopicContract

/// A worker running on an `InMemoryCluster`, on a thread of its own, as `pagepipe run` runs one.
public final class WorkerRun: Sendable {
    public let worker: Worker
    public let cluster: InMemoryCluster
    private let outcome = Mutex<Result<WorkerSummary, WorkerError>?>(nil)
    private let ended = DispatchSemaphore(value: 0)

    /// Faults are what these tests inject: their lines would only bury a failure's own output.
    public static var quietLogger: Logger {
        var logger = Logger(label: "pagepipe.test")
        logger.logLevel = .critical
        return logger
    }

    /// The page core is loaded once per process: tables and the topic model take a while.
    public static let processor = try! PageProcessor()

    /// Starts a worker on `cluster` reading `pages.raw`. The defaults suit fast tests: a commit
    /// every 50 ms, a 5 s drain, no broker-down deadline (the in-memory cluster sends no
    /// statistics), no progress lines.
    public init(
        on cluster: InMemoryCluster, logger: Logger = WorkerRun.quietLogger,
        configure: (inout WorkerConfiguration) -> Void = { _ in }
    ) throws {
        var configuration = WorkerConfiguration(cluster: KafkaClusterConfiguration(bootstrapServers: "in-memory"), groupID: "test")
        configuration.concurrency = 2
        configuration.commitInterval = .milliseconds(50)
        configuration.drainTimeout = .seconds(5)
        configuration.brokerDownTimeout = nil
        configuration.progressInterval = nil
        configure(&configuration)
        worker = try Worker(
            configuration: configuration, processor: Self.processor, logger: logger,
            recordSize: RecordSizePolicy(maxRecordBytes: 1_000_000, origin: "test"), connect: { cluster.connect($0) })
        self.cluster = cluster
        DispatchQueue(label: "pagepipe.test.worker").async {
            let result = Result { () throws(WorkerError) in try self.worker.run() }
            self.outcome.withLock { $0 = result }
            self.ended.signal()
        }
    }

    /// The run's end: nil while it still runs after `timeout`.
    public func finish(within timeout: Duration = .seconds(20)) -> Result<WorkerSummary, WorkerError>? {
        guard ended.wait(timeout: .now() + .milliseconds(Int(timeout / .milliseconds(1)))) == .success else { return nil }
        ended.signal()  // later calls see the same end
        return outcome.withLock { $0 }
    }

    /// Stops the worker and waits for its end.
    public func stop(within timeout: Duration = .seconds(20)) -> Result<WorkerSummary, WorkerError>? {
        worker.stop()
        return finish(within: timeout)
    }

    public var isRunning: Bool { outcome.withLock { $0 == nil } }

    /// `count` synthetic pages (PageCorpus; `brokenFraction` of them damaged) as input record values with the
    /// headers a crawler sets.
    public static func pages(_ count: Int, seed: UInt64 = 20, brokenFraction: Double = 0) -> [(value: [UInt8], headers: [KafkaHeader])] {
        CorpusGenerator(options: CorpusOptions(count: count, seed: seed, brokenFraction: brokenFraction)).pages().map { page in
            var headers: [KafkaHeader] = []
            if let encoding = page.hints.contentEncoding { headers.append(KafkaHeader(key: PagepipeHeader.contentEncoding, value: Array(encoding.utf8))) }
            if let type = page.hints.contentType { headers.append(KafkaHeader(key: PagepipeHeader.contentType, value: Array(type.utf8))) }
            return (page.blob, headers)
        }
    }
}

extension InMemoryCluster {
    /// Appends `count` synthetic pages to `pages.raw` partition `partition`.
    public func appendPages(_ count: Int, partition: Int32 = 0, seed: UInt64 = 20) {
        for page in WorkerRun.pages(count, seed: seed) { append(page.value, to: "pages.raw", partition: partition, headers: page.headers) }
    }
}
