import BrokerTestSupport
import Foundation
import Kafka
import KafkaTools
import Logging
import Testing

/// The package root, found from this file so tests run from any directory.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The built CLI: `PAGEPIPE_BIN`, else the debug build beside the tests.
var pagepipeBinary: String {
    ProcessInfo.processInfo.environment["PAGEPIPE_BIN"] ?? packageRoot.appendingPathComponent(".build/debug/pagepipe").path
}

@discardableResult
func runTool(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// One `pagepipe run` process, its stderr kept in a file for failure messages.
final class WorkerProcess {
    let process = Process()
    let logPath: String

    /// - Parameter launcher: a command that execs the binary in the same process (`prlimit
    ///   --nofile=256:256`), so signals still reach the worker; none by default.
    init(brokers: String, group: String, input: String, suffix: String, extra: [String] = [], launcher: [String] = []) throws {
        logPath = FileManager.default.temporaryDirectory.appendingPathComponent("pagepipe-worker-\(UUID().uuidString).log").path
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let command = launcher + [pagepipeBinary]
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst()) + [
            "run", "--brokers", brokers, "--group", group, "--input-topic", input, "--topic-suffix", suffix,
            "--session-timeout-ms", "6000", "--heartbeat-interval-ms", "1000", "--progress-interval-ms", "0",
            "--log-level", "info",
        ] + extra
        process.standardOutput = FileHandle(forWritingAtPath: logPath)
        process.standardError = FileHandle(forWritingAtPath: logPath)
        try process.run()
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits for exit up to `seconds`; kills the process and returns nil on timeout.
    func waitForExit(seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning {
            signal(SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return process.terminationStatus
    }
}

/// Reads topics back with pagepipe's own Kafka wrapper (the Python contract tests use another client).
struct TopicReader {
    let brokers: String
    let logger = Logger(label: "test.reader")

    var scan: TopicScan { TopicScan(cluster: .init(bootstrapServers: brokers)) }

    func records(_ topic: String) throws -> [KafkaRecord] {
        var records: [KafkaRecord] = []
        try scan.records(topic, logger: logger) { records.append($0) }
        return records
    }

    /// End offsets from the fetch path (Tansu's ListOffsets lags behind the last batch).
    func endOffsets(_ topic: String) throws -> [KafkaTopicPartition: Int64] {
        try scan.bounds(topic, logger: logger).mapValues(\.end)
    }

    func committed(group: String, topic: String) throws -> [KafkaTopicPartition: Int64] {
        let consumer = try KafkaConsumer(
            cluster: .init(bootstrapServers: brokers),
            configuration: KafkaConsumerConfiguration(consumptionStrategy: .manualAssignment(groupID: group)), logger: logger)
        defer { consumer.close() }
        let partitions = try consumer.partitions(ofTopic: topic, timeoutMs: 10_000).map { KafkaTopicPartition(topic: topic, partition: $0) }
        return try consumer.committed(partitions, timeoutMs: 10_000)
    }
}

/// Creates a fresh input topic and loads `count` corpus pages into it through `pagepipe produce`.
func loadCorpus(brokers: String, topic: String, count: Int, seed: UInt64, partitions: Int32 = 4, brokenFraction: Double = 0.02) throws {
    try KafkaAdmin(cluster: .init(bootstrapServers: brokers)).createTopics([(name: topic, partitions: partitions)], timeoutMs: 10_000)
    let result = try runTool(pagepipeBinary, [
        "produce", "--brokers", brokers, "--topic", topic, "--corpus", String(count), "--seed", String(seed),
        "--broken-fraction", String(brokenFraction), "--log-level", "warning",
    ])
    #expect(result.status == 0, "pagepipe produce failed: \(result.output)")
}

/// Every suite that runs worker processes against the broker nests here, so they run one at a
/// time: they share two cores and the broker's group-join timing, and must not starve each other.
@Suite(.serialized) enum RealBrokerTests {}

/// One test's private slice of the broker: a fresh input topic loaded with corpus pages, output
/// topics under a unique suffix, and a unique group.
struct Scenario {
    let brokers: String
    let input: String
    let suffix: String
    let group: String
    let reader: TopicReader
    /// The input's end offsets after loading.
    private(set) var ends: [KafkaTopicPartition: Int64] = [:]

    /// - Parameter brokers: a test's own broker (see `PrivateBroker`); default: the shared one.
    init(_ name: String, pages: Int, seed: UInt64, partitions: Int32, brokers: String? = nil) throws {
        try self.init(name, brokers: brokers ?? TestBroker.bootstrap())
        try load(pages: pages, seed: seed, partitions: partitions)
    }

    /// Names only: nothing is created on the broker (which need not be running yet).
    init(_ name: String, brokers: String) throws {
        self.brokers = brokers
        let unique = UUID().uuidString.prefix(8).lowercased()
        input = "it.\(name).\(unique)"
        suffix = ".\(name)-\(unique)"
        group = "\(name)-\(unique)"
        reader = TopicReader(brokers: brokers)
    }

    mutating func load(pages: Int, seed: UInt64, partitions: Int32) throws {
        try loadCorpus(brokers: brokers, topic: input, count: pages, seed: seed, partitions: partitions)
        ends = try reader.endOffsets(input)
    }

    /// Reads the input's end offsets, for a test that filled the input itself.
    mutating func recordEnds() throws {
        ends = try reader.endOffsets(input)
    }

    func worker(_ extra: [String] = [], launcher: [String] = []) throws -> WorkerProcess {
        try WorkerProcess(brokers: brokers, group: group, input: input, suffix: suffix, extra: extra, launcher: launcher)
    }

    /// Records on the `articles` output topic so far.
    var articlesOut: Int64 { ((try? reader.endOffsets("articles\(suffix)")) ?? [:]).values.reduce(0, +) }

    /// Waits (at most 90 s) until the articles topic holds at least `count` records; returns the count.
    @discardableResult
    func waitForArticles(atLeast count: Int64) -> Int64 {
        let deadline = Date().addingTimeInterval(90)
        var seen = articlesOut
        while Date() < deadline, seen < count {
            usleep(100_000)
            seen = articlesOut
        }
        return seen
    }

    /// Waits while the group's committed offsets move towards the input's ends; true once they
    /// equal the ends, false when they stop moving for `stallSeconds` (a hang guard, not a deadline:
    /// a slow, busy machine keeps waiting as long as offsets advance).
    func waitForCommittedEnds(stallSeconds: Double = 120) -> Bool {
        var last: [KafkaTopicPartition: Int64] = [:]
        var lastProgress = Date()
        while true {
            let committed = (try? reader.committed(group: group, topic: input)) ?? last
            if committed == ends { return true }
            if committed != last {
                last = committed
                lastProgress = Date()
            } else if Date().timeIntervalSince(lastProgress) > stallSeconds {
                return false
            }
            usleep(500_000)
        }
    }

    /// For every input page, how many output records name it in their `pagepipe-source` header
    /// (over `articles`, `pages.index` and `pages.dlq`), and whether all copies of one page's
    /// record on one topic were byte-identical.
    func outputs() throws -> (sources: [String: Int], allIdentical: Bool) {
        var copies: [String: [[UInt8]]] = [:]
        for topic in ["articles", "pages.index", "pages.dlq"].map({ $0 + suffix }) {
            for record in try reader.records(topic) {
                guard let source = record.header("pagepipe-source") else { continue }
                copies["\(topic)|" + String(decoding: source, as: UTF8.self), default: []].append(record.value)
            }
        }
        var sources: [String: Int] = [:]
        var identical = true
        for (key, values) in copies {
            sources[String(key.split(separator: "|")[1]), default: 0] += values.count
            if Set(values).count != 1 { identical = false }
        }
        return (sources, identical)
    }

    /// Nothing lost: every input offset has output, and the group committed the input's end.
    func expectNothingLost(_ sources: [String: Int]) throws {
        var missing: [String] = []
        for (partition, end) in ends {
            for offset in 0..<end where sources["\(input)/\(partition.partition)/\(offset)"] == nil {
                missing.append("\(partition.partition)/\(offset)")
            }
        }
        #expect(missing.isEmpty, "input pages with no output at all: \(missing.prefix(20))")
        #expect(try reader.committed(group: group, topic: input) == ends)
    }
}
