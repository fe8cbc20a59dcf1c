import BrokerTestSupport
import Foundation
import Kafka
import Testing

/// `pagepipe replay` against the local broker: the dry-run plan, and that executing it makes the
/// next worker run reprocess exactly the planned pages, counted per partition.
extension RealBrokerTests {
@Suite(.serialized) struct ReplayTests {
    /// Runs a worker until the input is drained.
    func drain(_ brokers: String, group: String, input: String, suffix: String) throws {
        let worker = try WorkerProcess(brokers: brokers, group: group, input: input, suffix: suffix, extra: ["--exit-when-idle", "5"])
        #expect(worker.waitForExit(seconds: 180) == 0, "worker: \(worker.log.suffix(2000))")
    }

    /// Output records per input partition written since `marks` (the output's end offsets before the run).
    func reprocessed(_ reader: TopicReader, suffix: String, since marks: [String: [KafkaTopicPartition: Int64]]) throws -> [Int32: [Int64]] {
        var result: [Int32: [Int64]] = [:]
        for topic in ["articles\(suffix)", "pages.index\(suffix)", "pages.dlq\(suffix)"] {
            for record in try reader.records(topic) {
                let partition = KafkaTopicPartition(topic: topic, partition: record.partition)
                guard record.offset >= marks[topic]?[partition] ?? 0, let source = record.header("pagepipe-source") else { continue }
                let parts = String(decoding: source, as: UTF8.self).split(separator: "/")
                guard parts.count >= 3, let inputPartition = Int32(parts[parts.count - 2]), let offset = Int64(parts[parts.count - 1]) else { continue }
                result[inputPartition, default: []].append(offset)
            }
        }
        return result.mapValues { $0.sorted() }
    }

    func outputMarks(_ reader: TopicReader, suffix: String) throws -> [String: [KafkaTopicPartition: Int64]] {
        var marks: [String: [KafkaTopicPartition: Int64]] = [:]
        for topic in ["articles\(suffix)", "pages.index\(suffix)", "pages.dlq\(suffix)"] {
            marks[topic] = (try? reader.endOffsets(topic)) ?? [:]
        }
        return marks
    }

    func replay(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try runTool(pagepipeBinary, ["replay", "--log-level", "warning"] + arguments)
    }

    @Test func replayToOffsetsAndEarliestReprocessesExactlyThePlannedPages() throws {
        let scenario = try Scenario("replay", pages: 240, seed: 303, partitions: 3)
        let (brokers, input, suffix, group, reader, ends) = (scenario.brokers, scenario.input, scenario.suffix, scenario.group, scenario.reader, scenario.ends)
        try drain(brokers, group: group, input: input, suffix: suffix)
        #expect(try reader.committed(group: group, topic: input) == ends)

        // Dry run: a plan, and nothing moves.
        let common = ["--brokers", brokers, "--group", group, "--topic", input]
        let dry = try replay(common + ["--to-offset", "0=10", "--to-offset", "1=0"])
        #expect(dry.status == 0, "\(dry.output)")
        let end0 = ends[KafkaTopicPartition(topic: input, partition: 0)]!, end1 = ends[KafkaTopicPartition(topic: input, partition: 1)]!
        #expect(dry.output.contains("total pages to process: \(end0 - 10 + end1)"), "partition 2 keeps its offset: \(dry.output)")
        #expect(dry.output.contains("dry run"))
        #expect(try reader.committed(group: group, topic: input) == ends)

        let executed = try replay(common + ["--to-offset", "0=10", "--to-offset", "1=0", "--execute"])
        #expect(executed.status == 0, "\(executed.output)")
        var marks = try outputMarks(reader, suffix: suffix)
        try drain(brokers, group: group, input: input, suffix: suffix)
        var again = try reprocessed(reader, suffix: suffix, since: marks)
        #expect(again[0] == Array(10..<end0))
        #expect(again[1] == Array(0..<end1))
        #expect(again[2] == nil)

        #expect(try replay(common + ["--to-earliest", "--execute"]).status == 0)
        marks = try outputMarks(reader, suffix: suffix)
        try drain(brokers, group: group, input: input, suffix: suffix)
        again = try reprocessed(reader, suffix: suffix, since: marks)
        for (partition, end) in ends { #expect(again[partition.partition] == Array(0..<end)) }
    }

    @Test func replayToATimestampStartsAtTheFirstBatchWrittenAfterIt() throws {
        let brokers = try TestBroker.bootstrap()
        let unique = UUID().uuidString.prefix(8).lowercased()
        let input = "it.time.\(unique)", group = "time-\(unique)"
        let reader = TopicReader(brokers: brokers)
        try loadCorpus(brokers: brokers, topic: input, count: 60, seed: 404, partitions: 2)
        let firstBatchEnds = try reader.endOffsets(input)
        // Tansu compares offsets-for-times against batch write times: put a clear second between batches.
        usleep(1_200_000)
        let boundary = Date()
        usleep(1_200_000)
        try loadCorpus(brokers: brokers, topic: input, count: 60, seed: 405, partitions: 2)
        let ends = try reader.endOffsets(input)

        let formatter = ISO8601DateFormatter()
        let stamp = formatter.string(from: boundary.addingTimeInterval(1).rounded())
        let dry = try replay(["--brokers", brokers, "--group", group, "--topic", input, "--to-datetime", stamp])
        #expect(dry.status == 0, "\(dry.output)")
        let expected = ends.reduce(Int64(0)) { $0 + ($1.value - firstBatchEnds[$1.key]!) }
        #expect(dry.output.contains("total pages to process: \(expected)"), "\(dry.output)")
    }

    @Test func replayIsRefusedWhileTheGroupHasMembers() throws {
        let scenario = try Scenario("busy", pages: 20, seed: 505, partitions: 2)
        let worker = try scenario.worker()
        defer {
            worker.signal(SIGTERM)
            _ = worker.waitForExit(seconds: 40)
        }
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, !worker.log.contains("assigned") { usleep(100_000) }
        usleep(2_500_000)  // let it commit: some brokers list only groups with committed offsets
        let refused = try replay(["--brokers", scenario.brokers, "--group", scenario.group, "--topic", scenario.input, "--to-earliest", "--execute"])
        #expect(refused.status != 0)
        #expect(refused.output.contains("active member"), "\(refused.output)")
    }
}
}

extension Date {
    /// Rounded down to a whole second, as ISO 8601 strings without fractions are.
    fileprivate func rounded() -> Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}
