import Foundation
import Kafka
import Testing

/// Real `pagepipe run` processes in one consumer group on the local broker: scale-out, SIGKILL,
/// a late joiner, SIGTERM drains. Serialized: they share two cores and the broker's group timing.
extension RealBrokerTests {
@Suite(.serialized) struct ScaleOutTests {
    /// Input offsets that produced output, keyed by partition, read from every output topic's
    /// `pagepipe-source` header; and, per source, whether all its copies were byte-identical.
    func outputs(_ reader: TopicReader, suffix: String) throws -> (sources: [String: Int], allIdentical: Bool) {
        var copies: [String: [[UInt8]]] = [:]
        for topic in ["articles\(suffix)", "pages.index\(suffix)", "pages.dlq\(suffix)"] {
            for record in try reader.records(topic) {
                guard let source = record.header("pagepipe-source") else { continue }
                copies["\(topic)|" + String(decoding: source, as: UTF8.self), default: []].append(record.value)
            }
        }
        var sources: [String: Int] = [:]
        var identical = true
        for (key, values) in copies {
            let source = String(key.split(separator: "|")[1])
            sources[source, default: 0] += values.count
            if Set(values).count != 1 { identical = false }
        }
        return (sources, identical)
    }

    func expectEveryInputHasOutput(_ sources: [String: Int], input: String, ends: [KafkaTopicPartition: Int64]) {
        var missing: [String] = []
        for (partition, end) in ends {
            for offset in 0..<end where sources["\(input)/\(partition.partition)/\(offset)"] == nil {
                missing.append("\(partition.partition)/\(offset)")
            }
        }
        #expect(missing.isEmpty, "input pages with no output at all: \(missing.prefix(20))")
    }

    @Test func killedWorkerAndLateJoinerLoseNothingAndDuplicatesAreIdentical() throws {
        let brokers = try testBrokers()
        let unique = UUID().uuidString.prefix(8).lowercased()
        let input = "it.scale.\(unique)", suffix = ".scale-\(unique)", group = "scale-\(unique)"
        try loadCorpus(brokers: brokers, topic: input, count: 3000, seed: 101, partitions: 6)
        let reader = TopicReader(brokers: brokers)
        let ends = try reader.endOffsets(input)
        #expect(ends.values.reduce(0, +) == 3000)

        let idle = ["--exit-when-idle", "12"]
        let first = try WorkerProcess(brokers: brokers, group: group, input: input, suffix: suffix, extra: idle + ["--concurrency", "1"])
        let second = try WorkerProcess(brokers: brokers, group: group, input: input, suffix: suffix, extra: idle + ["--concurrency", "1"])
        // Kill the first worker once output is flowing, mid-stream.
        let deadline = Date().addingTimeInterval(90)
        var produced: Int64 = 0
        while Date() < deadline {
            produced = (try? reader.endOffsets("articles\(suffix)").values.reduce(0, +)) ?? 0
            if produced >= 150 { break }
            usleep(100_000)
        }
        first.signal(SIGKILL)
        #expect(first.waitForExit(seconds: 10) != nil)
        let late = try WorkerProcess(brokers: brokers, group: group, input: input, suffix: suffix, extra: idle)
        let secondStatus = second.waitForExit(seconds: 240)
        let lateStatus = late.waitForExit(seconds: 240)
        #expect(secondStatus == 0, "second worker: \(second.log.suffix(2000))")
        #expect(lateStatus == 0, "late worker: \(late.log.suffix(2000))")
        #expect(produced < 2900, "the kill should land mid-stream (output was \(produced) records)")

        let (sources, identical) = try outputs(reader, suffix: suffix)
        expectEveryInputHasOutput(sources, input: input, ends: ends)
        #expect(identical, "a redelivered page produced different bytes")
        #expect(try reader.committed(group: group, topic: input) == ends)
    }

    @Test func sigtermDrainsAndARestartProducesNoDuplicates() throws {
        let brokers = try testBrokers()
        let unique = UUID().uuidString.prefix(8).lowercased()
        let input = "it.drain.\(unique)", suffix = ".drain-\(unique)", group = "drain-\(unique)"
        try loadCorpus(brokers: brokers, topic: input, count: 2000, seed: 202, partitions: 4)
        let reader = TopicReader(brokers: brokers)
        let ends = try reader.endOffsets(input)

        let worker = try WorkerProcess(brokers: brokers, group: group, input: input, suffix: suffix,
                                       extra: ["--drain-timeout-ms", "20000", "--concurrency", "1"])
        let deadline = Date().addingTimeInterval(90)
        while Date() < deadline, ((try? reader.endOffsets("articles\(suffix)").values.reduce(0, +)) ?? 0) < 100 {
            usleep(100_000)
        }
        worker.signal(SIGTERM)
        let status = worker.waitForExit(seconds: 40)
        #expect(status == 0, "SIGTERM must drain and exit 0 within the deadline: \(worker.log.suffix(2000))")
        #expect(worker.log.contains("draining"))

        let restart = try WorkerProcess(brokers: brokers, group: group, input: input, suffix: suffix, extra: ["--exit-when-idle", "8"])
        #expect(restart.waitForExit(seconds: 240) == 0, "restart: \(restart.log.suffix(2000))")

        let (sources, _) = try outputs(reader, suffix: suffix)
        expectEveryInputHasOutput(sources, input: input, ends: ends)
        let duplicated = sources.filter { $0.value > 1 }
        #expect(duplicated.isEmpty, "pages published twice across the drain: \(duplicated.keys.sorted().prefix(10))")
        #expect(try reader.committed(group: group, topic: input) == ends)
    }

    @Test func scalingFromOneToThreeWorkersAndBackLosesNothing() throws {
        let brokers = try testBrokers()
        let unique = UUID().uuidString.prefix(8).lowercased()
        let input = "it.elastic.\(unique)", suffix = ".elastic-\(unique)", group = "elastic-\(unique)"
        try loadCorpus(brokers: brokers, topic: input, count: 3000, seed: 606, partitions: 6)
        let reader = TopicReader(brokers: brokers)
        let ends = try reader.endOffsets(input)
        func output() -> Int64 { ((try? reader.endOffsets("articles\(suffix)")) ?? [:]).values.reduce(0, +) }
        func waitForOutput(atLeast count: Int64) {
            let deadline = Date().addingTimeInterval(90)
            while Date() < deadline, output() < count { usleep(100_000) }
        }

        let slow = ["--concurrency", "1"]
        let first = try WorkerProcess(brokers: brokers, group: group, input: input, suffix: suffix, extra: slow + ["--exit-when-idle", "15"])
        waitForOutput(atLeast: 100)
        let second = try WorkerProcess(brokers: brokers, group: group, input: input, suffix: suffix, extra: slow)
        let third = try WorkerProcess(brokers: brokers, group: group, input: input, suffix: suffix, extra: slow)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, !(second.log.contains("assigned") && third.log.contains("assigned")) { usleep(100_000) }
        let beforeScaleDown = output()
        waitForOutput(atLeast: beforeScaleDown + 200)
        second.signal(SIGTERM)
        third.signal(SIGTERM)
        #expect(second.waitForExit(seconds: 60) == 0, "second: \(second.log.suffix(2000))")
        #expect(third.waitForExit(seconds: 60) == 0, "third: \(third.log.suffix(2000))")
        #expect(first.waitForExit(seconds: 240) == 0, "first: \(first.log.suffix(2000))")
        #expect(third.log.contains("assigned") && second.log.contains("assigned"), "both new workers got partitions")

        let (sources, identical) = try outputs(reader, suffix: suffix)
        expectEveryInputHasOutput(sources, input: input, ends: ends)
        #expect(identical, "a redelivered page produced different bytes")
        #expect(try reader.committed(group: group, topic: input) == ends)
    }
}
}
