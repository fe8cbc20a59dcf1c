import BrokerTestSupport
import Foundation
import Kafka
import PageCorpus
import PageDecode
import PageWorker
import Synchronization
import Testing

/// Hostile records at the Kafka level, interleaved with good pages, into a two-worker group on the
/// real broker (issue 18): records around every size cap, huge keys and headers, a tombstone, a
/// bomb, valid pages whose events are over the record limit. An independent reader then accounts
/// for every input offset (events or a dead letter), checks that the group committed the input's
/// end and that neither worker stopped.
extension RealBrokerTests {
@Suite(.serialized) struct PoisonRecordTests {
    /// What the test put at one offset of the hostile partition, and what must come of it.
    struct Planted {
        let name: String
        let message: KafkaOutgoingMessage
        /// nil: events expected; else the dead letter's reason and form.
        let deadLetter: (reason: String, form: String)?
    }

    static let limit = RecordSizePolicy.defaultMaxRecordBytes

    static func random(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        var bytes = [UInt8](repeating: 0, count: count)
        for index in bytes.indices {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            bytes[index] = UInt8(truncatingIfNeeded: state >> 56)
        }
        return bytes
    }

    /// A valid Founder-style article page with `paragraphs` paragraphs of plain prose.
    static func article(paragraphs: Int, id: Int) -> [UInt8] {
        var html = """
            <html><head><meta charset="utf-8"><title>东江晚报</title></head><body>
            <table><tr><td class=px12>第03版：综合新闻</td></tr></table>
            <table><tr><td class=font01><founder-title>春耕时节第\(id)篇</founder-title></td></tr></table>
            <div id=ozoom><founder-content>

            """
        for index in 0..<paragraphs {
            html += "<p>　　第\(index)段：春耕时节，农民在田里忙着插秧，一派繁忙景象，机械化作业让效率成倍提高，大家都说今年会有好收成。</p>\n"
        }
        html += """
            </founder-content></div></body></html>
            <!--enpproperty <founder-date>2024-03-05</founder-date><founder-pagenum>03</founder-pagenum><founder-papername>东江晚报</founder-papername><founder-title>春耕时节第\(id)篇</founder-title> /enpproperty-->
            """
        return Array(html.utf8)
    }

    func good(_ page: CorpusPage, topic: String, partition: Int32) -> KafkaOutgoingMessage {
        var headers: [KafkaHeader] = []
        if let encoding = page.hints.contentEncoding { headers.append(KafkaHeader(key: "content-encoding", value: Array(encoding.utf8))) }
        if let type = page.hints.contentType { headers.append(KafkaHeader(key: "content-type", value: Array(type.utf8))) }
        return KafkaOutgoingMessage(topic: topic, partition: partition, key: Array(page.fileName.utf8), value: page.blob, headers: headers)
    }

    /// Rounds of the hostile set: 1 in the suite; `PAGEPIPE_ATTACK_ROUNDS=N` for a longer run.
    static var rounds: Int {
        ProcessInfo.processInfo.environment["PAGEPIPE_ATTACK_ROUNDS"].flatMap(Int.init).map { max(1, $0) } ?? 1
    }

    func plant(topic: String, round: Int) -> [Planted] {
        func message(_ value: [UInt8], key: [UInt8]? = nil, headers: [KafkaHeader] = []) -> KafkaOutgoingMessage {
            KafkaOutgoingMessage(topic: topic, partition: 0, key: key, value: value, headers: headers)
        }
        let megabyteHeader = KafkaHeader(key: "x-junk", value: [UInt8](repeating: 0x61, count: 1_200_000))
        let hugeURL = KafkaHeader(key: "source-url", value: Array(("http://paper.example/" + String(repeating: "a", count: 1_200_000) + "/content_7.htm").utf8))
        // 100 MiB of one byte, gzipped: over the 64 MiB inflate cap.
        let bomb = BlobEncoder.compress([UInt8](repeating: 0x20, count: 100 << 20), as: .gzip)
        return [
            Planted(name: "2 MB of random bytes", message: message(Self.random(2_000_000, seed: 1 + UInt64(round) * 100)), deadLetter: ("binary", "reference")),
            Planted(name: "random bytes just under the record limit", message: message(Self.random(Self.limit - 2_000, seed: 2 + UInt64(round) * 100)), deadLetter: ("binary", "whole")),
            Planted(name: "random bytes at the record limit", message: message(Self.random(Self.limit, seed: 3 + UInt64(round) * 100)), deadLetter: ("binary", "reference")),
            Planted(name: "31 MiB of random bytes (under the blob cap)", message: message(Self.random(31 << 20, seed: 4)), deadLetter: ("binary", "reference")),
            Planted(name: "32 MiB + 1 (over the blob cap)", message: message(Self.random((32 << 20) + 1, seed: 5)), deadLetter: ("tooLarge", "reference")),
            Planted(name: "110 bytes with a 1.2 MB header", message: message(Array(String(repeating: "x", count: 110).utf8), headers: [megabyteHeader]), deadLetter: nil),
            Planted(name: "a valid page with a 1.2 MB source-url", message: message(Self.article(paragraphs: 3, id: 1), headers: [hugeURL]), deadLetter: ("eventTooLarge", "reference")),
            Planted(name: "a valid 1 MB article whose event is just under the record limit", message: message(Self.article(paragraphs: 6_000, id: 2)), deadLetter: nil),
            Planted(name: "a valid 1.3 MB article", message: message(Self.article(paragraphs: 8_000, id: 5)), deadLetter: ("eventTooLarge", "reference")),
            Planted(name: "a tombstone", message: message([]), deadLetter: ("empty", "whole")),
            Planted(name: "a gzip bomb", message: message(Array(bomb), headers: [KafkaHeader(key: "content-encoding", value: Array("gzip".utf8))]), deadLetter: ("inflateTooLarge", "whole")),
            Planted(name: "a valid page with a 500 KB key", message: message(Self.article(paragraphs: 3, id: 3), key: [UInt8](repeating: 0x6B, count: 500_000)), deadLetter: nil),
            Planted(name: "a valid page with 10,000 headers", message: message(Self.article(paragraphs: 3, id: 4), headers: (0..<10_000).map { KafkaHeader(key: "h\($0)", value: [UInt8](repeating: 0x68, count: 100)) }), deadLetter: nil),
        ]
    }

    @Test func poisonRecordsNeverStopAGroup() throws {
        let brokers = try TestBroker.bootstrap()
        var scenario = try Scenario("poison", brokers: brokers)
        try KafkaAdmin(cluster: .init(bootstrapServers: brokers)).createTopics([(name: scenario.input, partitions: 2)], timeoutMs: 10_000)
        let producerConfiguration = KafkaProducerConfiguration(messageMaxBytes: 40 << 20)
        let producer = try KafkaProducer(cluster: .init(bootstrapServers: brokers), configuration: producerConfiguration, logger: .init(label: "test.poison"))
        let corpus = CorpusGenerator(options: CorpusOptions(count: 64 * Self.rounds, seed: 18, brokenFraction: 0))
        var goodIndex = 0
        func nextGood(partition: Int32) -> KafkaOutgoingMessage {
            defer { goodIndex += 1 }
            return good(corpus.page(at: goodIndex), topic: scenario.input, partition: partition)
        }
        // Partition 0: two good pages, then each hostile record followed by a good page.
        // Partition 1: good pages only, so the second worker has work of its own.
        var sequence: [(KafkaOutgoingMessage, Planted?)] = [(nextGood(partition: 0), nil), (nextGood(partition: 0), nil)]
        for round in 0..<Self.rounds {
            for planted in plant(topic: scenario.input, round: round) {
                sequence.append((planted.message, planted))
                sequence.append((nextGood(partition: 0), nil))
            }
        }
        for _ in 0..<12 { sequence.append((nextGood(partition: 1), nil)) }
        var planted: [Int64: Planted] = [:]
        var offsets: [Int32: Int64] = [:]
        for (message, hostile) in sequence {
            let acknowledged = Mutex<Result<KafkaDeliveryReport, KafkaError>?>(nil)
            try producer.send(message) { result in acknowledged.withLock { $0 = result } }
            try producer.flush(timeoutMs: 60_000)
            _ = producer.poll(timeoutMs: 0)
            let result = try #require(acknowledged.withLock { $0 })
            let report = try result.get()
            #expect(report.offset == offsets[message.partition ?? 0, default: 0], "offsets are counted from 0 in a fresh topic")
            if let hostile, message.partition == 0 { planted[report.offset] = hostile }
            offsets[message.partition ?? 0, default: 0] = report.offset + 1
        }
        try scenario.recordEnds()

        let workers = try (0..<2).map { _ in try scenario.worker(["--drain-timeout-ms", "10000"]) }
        defer { for worker in workers where worker.process.isRunning { worker.signal(SIGKILL) } }
        let drained = scenario.waitForCommittedEnds(stallSeconds: 150)
        let logs = workers.map(\.log).joined(separator: "\n----\n").suffix(6_000)
        #expect(drained, "the group did not commit the input's end: \(logs)")
        for worker in workers { #expect(worker.process.isRunning, "a worker stopped on a poison record: \(logs)") }
        for worker in workers { worker.signal(SIGTERM) }
        for worker in workers { #expect(worker.waitForExit(seconds: 60) == 0, "a worker did not drain and exit 0: \(logs)") }

        let (sources, _) = try scenario.outputs()
        try scenario.expectNothingLost(sources)

        let letters = try scenario.reader.records("pages.dlq\(scenario.suffix)")
        var byOffset: [Int64: KafkaRecord] = [:]
        for letter in letters {
            let source = String(decoding: letter.header("pagepipe-source") ?? [], as: UTF8.self)
            #expect(source.hasPrefix(scenario.input + "/0/"), "only planted records are dead-lettered, got \(source)")
            guard let offset = Int64(source.split(separator: "/").last ?? "") else { continue }
            byOffset[offset] = letter
            let size = (letter.key?.count ?? 0) + letter.value.count
                + letter.headers.reduce(0) { $0 + $1.key.utf8.count + ($1.value?.count ?? 0) }
            #expect(size <= Self.limit, "a dead letter over the record limit: \(size) bytes at offset \(offset)")
        }
        for (offset, hostile) in planted.sorted(by: { $0.key < $1.key }) {
            guard let expected = hostile.deadLetter else {
                if !hostile.name.hasPrefix("110 bytes") {
                    #expect(byOffset[offset] == nil, "\(hostile.name) was dead-lettered, expected events")
                    #expect(sources["\(scenario.input)/0/\(offset)"] != nil, "\(hostile.name): no events")
                }
                continue
            }
            let letter = try #require(byOffset[offset], "\(hostile.name): no dead letter")
            let reason = String(decoding: letter.header("pagepipe-error-reason") ?? [], as: UTF8.self)
            let form = letter.header("pagepipe-dead-letter-form").map { String(decoding: $0, as: UTF8.self) } ?? "whole"
            #expect(reason == expected.reason, "\(hostile.name)")
            #expect(form == expected.form, "\(hostile.name)")
            if form == "reference" {
                let original = hostile.message.value
                #expect(letter.value == Array(original.prefix(1024)), "\(hostile.name)")
                #expect(letter.header("pagepipe-original-bytes") == Array(String(original.count).utf8), "\(hostile.name)")
            } else {
                #expect(letter.value == hostile.message.value, "\(hostile.name)")
            }
        }
        // The 110-byte blob: dead-lettered (it is no page) without its 1.2 MB header.
        for (tiny, _) in planted where planted[tiny]?.name.hasPrefix("110 bytes") == true {
            let tinyLetter = try #require(byOffset[tiny])
            #expect(tinyLetter.header("pagepipe-dead-letter-form") == Array("reference".utf8))
            #expect(tinyLetter.header("x-junk") == nil)
        }
    }

    /// Only a dead-letter topic that refuses everything may stop a worker: then it says so, and
    /// commits nothing past the page it could not dispose of, so the page is redelivered.
    @Test func aDeadLetterTopicThatRefusesEverythingStopsTheWorkerWithoutCommittingPastThePage() throws {
        let brokers = try TestBroker.bootstrap()
        var scenario = try Scenario("dlqrefuses", brokers: brokers)
        try KafkaAdmin(cluster: .init(bootstrapServers: brokers)).createTopics([(name: scenario.input, partitions: 1)], timeoutMs: 10_000)
        let producer = try KafkaProducer(cluster: .init(bootstrapServers: brokers), logger: .init(label: "test"))
        for value in [Self.article(paragraphs: 3, id: 1), Self.random(5_000, seed: 9), Self.article(paragraphs: 3, id: 2)] {
            try producer.send(KafkaOutgoingMessage(topic: scenario.input, partition: 0, value: value)) { _ in }
            try producer.flush(timeoutMs: 30_000)
        }
        try scenario.recordEnds()
        // Not a valid topic name: the broker refuses every record sent to it. The start-up check
        // would refuse it before any page (TopicsTests); off here, so the path a topic that exists
        // but refuses writes (an ACL) takes is the one tested.
        let worker = try scenario.worker(["--dlq-topic", "no such topic!", "--exit-when-idle", "30", "--topic-check", "off"])
        let status = worker.waitForExit(seconds: 120)
        #expect(status == 1, "\(worker.log.suffix(3_000))")
        #expect(worker.log.contains("cannot publish to the dead-letter topic"), "\(worker.log.suffix(3_000))")
        let committed = try scenario.reader.committed(group: scenario.group, topic: scenario.input)
        #expect(committed.values.allSatisfy { $0 <= 1 }, "committed past the page that was not disposed of: \(committed)")
    }

    /// The record limit comes from the cluster: a dead-letter topic created with a small
    /// `max.message.bytes` gets references for records a default topic would take whole.
    @Test func theRecordLimitIsReadFromTheTopicsSettings() throws {
        let brokers = try TestBroker.bootstrap()
        var scenario = try Scenario("topiclimit", brokers: brokers)
        let admin = try KafkaAdmin(cluster: .init(bootstrapServers: brokers))
        try admin.createTopics([(name: scenario.input, partitions: 1)], timeoutMs: 10_000)
        try admin.createTopics([(name: "pages.dlq\(scenario.suffix)", partitions: 1)], configs: ["max.message.bytes": "100000"], timeoutMs: 10_000)
        let producer = try KafkaProducer(cluster: .init(bootstrapServers: brokers), logger: .init(label: "test"))
        let blob = Self.random(300_000, seed: 11)
        try producer.send(KafkaOutgoingMessage(topic: scenario.input, partition: 0, value: blob)) { _ in }
        try producer.flush(timeoutMs: 30_000)
        try scenario.recordEnds()
        let worker = try scenario.worker(["--exit-when-idle", "3"])
        #expect(worker.waitForExit(seconds: 120) == 0, "\(worker.log.suffix(3_000))")
        #expect(worker.log.contains("max_record_bytes=\(100_000 - 256)"), "\(worker.log.prefix(3_000))")
        let letters = try scenario.reader.records("pages.dlq\(scenario.suffix)")
        #expect(letters.count == 1)
        #expect(letters.first?.header("pagepipe-dead-letter-form") == Array("reference".utf8))
        #expect(letters.first?.header("pagepipe-original-bytes") == Array("300000".utf8))
    }

    /// `pagepipe produce` sends pages up to the page core's blob cap, not librdkafka's 1 MB default:
    /// the topic's own max.message.bytes is the only other limit.
    @Test func produceSendsAPageOverAMegabyteWhole() throws {
        let brokers = try TestBroker.bootstrap()
        let scenario = try Scenario("produce2mb", brokers: brokers)
        try KafkaAdmin(cluster: .init(bootstrapServers: brokers)).createTopics([(name: scenario.input, partitions: 1)], timeoutMs: 10_000)
        let page = Self.article(paragraphs: 12_000, id: 7)
        #expect(page.count > 2_000_000)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pagepipe-2mb-\(UUID().uuidString).html")
        try Data(page).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let produced = try runTool(pagepipeBinary, ["produce", "--brokers", brokers, "--topic", scenario.input, "--log-level", "warning", file.path])
        #expect(produced.status == 0, "\(produced.output)")
        let records = try scenario.reader.records(scenario.input)
        #expect(records.count == 1)
        #expect(records.first?.value == page)
    }
}
}
