import BrokerTestSupport
import Foundation
import Kafka
import PageDecode
import Synchronization
import Testing

/// `pagepipe redrive` on the real broker, the story of issue 21: pages dead-lettered under one
/// parser setting (`--max-nodes 200` refuses most corpus pages as `parse/tooComplex`) are re-driven
/// after the "fix" (the default limit), and must land where a direct run with the fix puts them,
/// byte for byte; pages that still fail land on the re-drive topic, and every letter is accounted for.
extension RealBrokerTests {
@Suite(.serialized) struct RedriveTests {
    static let session = ["--session-timeout-ms", "6000", "--heartbeat-interval-ms", "1000", "--progress-interval-ms", "0", "--log-level", "warning"]

    /// What a re-drive wrote its summary JSON as: `stage/reason` → outcome → count.
    func tallies(_ path: String) throws -> [String: [String: Int]] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        return try #require(object["redrive"] as? [String: [String: Int]])
    }

    func text(_ record: KafkaRecord, _ header: String) -> String? {
        record.header(header).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Two pages no node limit lets through, on partition 0: one small (gzip), whose letter is
    /// whole and fails again, and one of 1.2 MB, whose letter is over the 1 MB record limit and so a
    /// reference that cannot be re-processed from itself.
    func plantFloods(brokers: String, topic: String) throws {
        let configuration = KafkaProducerConfiguration(messageMaxBytes: 4 << 20)
        let producer = try KafkaProducer(cluster: .init(bootstrapServers: brokers), configuration: configuration, logger: .init(label: "test.redrive"))
        let small = BlobEncoder.compress(Array(("<html><body>" + String(repeating: "<b>", count: 300_000)).utf8), as: .gzip)
        let large = Array(("<html><body>" + String(repeating: "<b>", count: 400_000)).utf8)
        let acknowledged = Mutex(0)
        for (value, headers) in [(Array(small), [KafkaHeader(key: "content-encoding", value: Array("gzip".utf8))]), (large, [])] {
            let message = KafkaOutgoingMessage(topic: topic, partition: 0, key: Array("flood".utf8), value: value, headers: headers)
            try producer.send(message) { result in if case .success = result { acknowledged.withLock { $0 += 1 } } }
        }
        try producer.flush(timeoutMs: 60_000)
        _ = producer.poll(timeoutMs: 0)
        #expect(acknowledged.withLock { $0 } == 2, "the flood pages were not produced")
    }

    /// Runs the re-drive with `--metrics-port` and probes it while it works, as an orchestrator
    /// running it as a Job would; returns its exit status, its output, and what the port answered.
    func redriveServingMetrics(_ arguments: [String]) async throws -> (status: Int32, output: String, metrics: String?, ready: Bool) {
        let port = ProcessInfo.processInfo.environment["PAGEPIPE_TEST_REDRIVE_METRICS_PORT"].flatMap(Int.init) ?? 19690
        let logPath = FileManager.default.temporaryDirectory.appendingPathComponent("redrive-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: logPath) }
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pagepipeBinary)
        process.arguments = arguments + ["--metrics-port", String(port), "--metrics-address", "127.0.0.1"]
        process.standardOutput = FileHandle(forWritingAtPath: logPath)
        process.standardError = FileHandle(forWritingAtPath: logPath)
        try process.run()
        var metrics: String?, ready = false
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, Date() < deadline {
            if let answer = await httpGet(port: port, "/metrics"), answer.status == 200 { metrics = answer.body }
            if let answer = await httpGet(port: port, "/readyz"), answer.status == 200 { ready = true }
            try await Task.sleep(for: .milliseconds(200))
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "", metrics, ready)
    }

    @Test func redrivesTooComplexLettersAfterTheLimitIsRaised() async throws {
        let brokers = try TestBroker.bootstrap()
        var scenario = try Scenario("redrive", pages: 120, seed: 31, partitions: 2, brokers: brokers)
        try plantFloods(brokers: brokers, topic: scenario.input)
        try scenario.recordEnds()
        let suffix = scenario.suffix, dlq = "pages.dlq" + suffix, redriveTopic = "pages.dlq.redrive" + suffix
        let reader = scenario.reader

        // 1. The "old parser": a node limit most pages are over.
        let first = try runTool(pagepipeBinary, [
            "run", "--brokers", brokers, "--group", scenario.group, "--input-topic", scenario.input, "--topic-suffix", suffix,
            "--max-nodes", "200", "--exit-when-idle", "3",
        ] + Self.session)
        #expect(first.status == 0, "\(first.output)")
        let letters = try reader.records(dlq)
        let tooComplex = letters.filter { text($0, "pagepipe-error-reason") == "tooComplex" }
        let others = letters.count - tooComplex.count
        #expect(tooComplex.count >= 30, "the old limit should refuse many pages, refused \(tooComplex.count) of \(letters.count) letters")
        #expect(tooComplex.filter { text($0, "pagepipe-dead-letter-form") == "reference" }.count == 1, "the 1.2 MB flood should be a reference")
        #expect(tooComplex.allSatisfy { text($0, "pagepipe-source-timestamp") != nil }, "letters carry the input record's timestamp")
        let articlesBefore = try reader.records("articles" + suffix).count

        // 2. Dry run with the fix: counts, and nothing written or committed.
        let summaryPath = FileManager.default.temporaryDirectory.appendingPathComponent("redrive-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: summaryPath) }
        let redrive = [
            "redrive", "--brokers", brokers, "--dlq-topic", dlq, "--topic-suffix", suffix, "--reason", "parse/tooComplex",
            "--exit-when-idle", "3", "--summary-json", summaryPath,
        ] + Self.session
        let group = "pagepipe-redrive.reason-parse.tooComplex"
        let dry = try runTool(pagepipeBinary, redrive + ["--dry-run"])
        #expect(dry.status == 0, "\(dry.output)")
        let predicted = try tallies(summaryPath)
        let predictedTooComplex = try #require(predicted["parse/tooComplex"], "\(predicted)")
        #expect(predictedTooComplex["letters"] == tooComplex.count)
        #expect(predictedTooComplex["original_needed"] == 1)
        #expect(predictedTooComplex["still_failing"]! >= 1, "the small flood fails again")
        #expect(predictedTooComplex["succeeded"]! + predictedTooComplex["still_failing"]! + 1 == tooComplex.count)
        #expect(predicted.values.reduce(0) { $0 + $1["passed_over"]! } == others, "letters of other reasons are passed over")
        let row = dry.output.split(separator: "\n").first { $0.hasPrefix("parse/tooComplex ") }.map { $0.split(separator: " ").map(String.init) }
        #expect(row == ["parse/tooComplex", "\(tooComplex.count)", "0", "\(predictedTooComplex["succeeded"]!)",
                        "\(predictedTooComplex["still_failing"]!)", "1"], "the printed table: \(dry.output)")
        #expect(dry.output.contains("nothing published, nothing committed"))
        #expect(try reader.records("articles" + suffix).count == articlesBefore, "a dry run published events")
        #expect(((try? reader.records(redriveTopic)) ?? []).isEmpty, "a dry run wrote to the re-drive topic")
        #expect(try reader.committed(group: group, topic: dlq).isEmpty, "a dry run committed")

        // 3. The re-drive.
        let real = try await redriveServingMetrics(redrive)
        #expect(real.status == 0, "\(real.output)")
        #expect(real.ready, "/readyz never answered 200 while the re-drive held its partitions: \(real.output)")
        #expect(real.metrics?.contains("pagepipe_pages_consumed_total") == true, "/metrics was not served: \(real.output)")
        #expect(try tallies(summaryPath) == predicted, "the re-drive did what its dry run said")
        var named: [String: [KafkaRecord]] = [:]
        for topic in ["articles", "pages.index", "pages.dlq.redrive"] {
            for record in try reader.records(topic + suffix) {
                if let from = text(record, "pagepipe-redriven-from") { named[from, default: []].append(record) }
            }
        }
        var succeeded = 0, failing = 0
        for letter in letters {
            let outputs = named["\(dlq)/\(letter.partition)/\(letter.offset)"] ?? []
            guard text(letter, "pagepipe-error-reason") == "tooComplex" else {
                #expect(outputs.isEmpty, "a letter the filter passes over was re-driven")
                continue
            }
            // Exactly one outcome per letter taken: its events, or one letter on the re-drive topic.
            try #require(outputs.count == 1, "letter \(letter.partition)@\(letter.offset): \(outputs.count) outputs")
            let output = outputs[0]
            #expect(text(output, "pagepipe-source") == text(letter, "pagepipe-source"), "the output names the original input record")
            if output.topic == redriveTopic {
                failing += 1
                #expect(text(output, "pagepipe-redrive-attempt") == "1")
                let reason = text(output, "pagepipe-error-reason")
                if text(letter, "pagepipe-dead-letter-form") == "reference" {
                    #expect(reason == "originalNeeded")
                    #expect(output.value == letter.value, "a reference is forwarded as it is")
                } else {
                    #expect(reason != nil && reason != "originalNeeded")
                }
            } else {
                succeeded += 1
                #expect(text(output, "pagepipe-redrive-attempt") == nil, "events carry no attempt count")
            }
        }
        #expect(succeeded == predictedTooComplex["succeeded"])
        #expect(failing == predictedTooComplex["still_failing"]! + 1)
        let dlqEnds = try reader.endOffsets(dlq)
        #expect(try reader.committed(group: group, topic: dlq) == dlqEnds, "the re-drive committed every letter it read")

        // 4. A direct run with the fix gives the same events for those pages, byte for byte.
        let direct = scenario.suffix + "-direct"
        let fixed = try runTool(pagepipeBinary, [
            "run", "--brokers", brokers, "--group", scenario.group + "-direct", "--input-topic", scenario.input,
            "--topic-suffix", direct, "--exit-when-idle", "3",
        ] + Self.session)
        #expect(fixed.status == 0, "\(fixed.output)")
        var directBySource: [String: KafkaRecord] = [:]
        for topic in ["articles", "pages.index"] {
            for record in try reader.records(topic + direct) { directBySource[text(record, "pagepipe-source") ?? ""] = record }
        }
        for output in named.values.flatMap({ $0 }) where output.topic != redriveTopic {
            let same = try #require(directBySource[text(output, "pagepipe-source") ?? ""], "the direct run has no event for \(text(output, "pagepipe-source") ?? "?")")
            #expect(output.key == same.key, "ids differ")
            #expect(output.value == same.value, "re-driven event differs from the direct run's")
        }

        // 5. The same command again finds nothing new: its group committed.
        let again = try runTool(pagepipeBinary, redrive)
        #expect(again.status == 0, "\(again.output)")
        #expect(try tallies(summaryPath).isEmpty, "a second re-drive took letters again")
        #expect(try reader.records(redriveTopic).count == failing)
    }

    /// SIGTERM in the middle of a re-drive drains and commits what it finished; the same command
    /// then takes exactly the rest: no letter twice, none skipped.
    @Test func anInterruptedRedriveResumesWhereItStopped() async throws {
        let brokers = try TestBroker.bootstrap()
        let scenario = try Scenario("redrive-resume", pages: 200, seed: 32, partitions: 1, brokers: brokers)
        let suffix = scenario.suffix, dlq = "pages.dlq" + suffix, reader = scenario.reader
        let first = try runTool(pagepipeBinary, [
            "run", "--brokers", brokers, "--group", scenario.group, "--input-topic", scenario.input, "--topic-suffix", suffix,
            "--max-nodes", "200", "--exit-when-idle", "3",
        ] + Self.session)
        #expect(first.status == 0, "\(first.output)")
        let taken = try reader.records(dlq).filter { text($0, "pagepipe-error-reason") == "tooComplex" }
        #expect(taken.count >= 30, "too few letters to interrupt a re-drive in the middle: \(taken.count)")

        let summaries = (0..<2).map { FileManager.default.temporaryDirectory.appendingPathComponent("redrive-resume-\($0)-\(UUID().uuidString).json").path }
        defer { for path in summaries { try? FileManager.default.removeItem(atPath: path) } }
        // One letter in flight at a time, each waiting for its acknowledgement: slow enough to be
        // stopped part-way, on any machine.
        let redrive = [
            "redrive", "--brokers", brokers, "--dlq-topic", dlq, "--topic-suffix", suffix, "--reason", "parse/tooComplex",
            "--group", scenario.group + "-redrive", "--exit-when-idle", "3", "--concurrency", "1", "--max-in-flight", "1",
            "-X", "linger.ms=20", "--session-timeout-ms", "6000", "--heartbeat-interval-ms", "1000", "--log-level", "info",
        ]
        let logPath = FileManager.default.temporaryDirectory.appendingPathComponent("redrive-resume-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: logPath) }
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let interrupted = Process()
        interrupted.executableURL = URL(fileURLWithPath: pagepipeBinary)
        interrupted.arguments = redrive + ["--progress-interval-ms", "100", "--summary-json", summaries[0]]
        interrupted.standardOutput = FileHandle(forWritingAtPath: logPath)
        interrupted.standardError = FileHandle(forWritingAtPath: logPath)
        try interrupted.run()
        let deadline = Date().addingTimeInterval(90)
        func started() -> Bool {
            let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            // The progress lines' page counts; any of 3 or more means letters are being re-driven.
            return log.components(separatedBy: "pages_in=").dropFirst().contains { (Int(String($0.prefix { $0.isNumber })) ?? 0) >= 3 }
        }
        while interrupted.isRunning, Date() < deadline, !started() { try await Task.sleep(for: .milliseconds(20)) }
        kill(interrupted.processIdentifier, SIGTERM)
        interrupted.waitUntilExit()
        let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        #expect(interrupted.terminationStatus == 0, "\(log.suffix(3000))")
        let before = try #require(try tallies(summaries[0])["parse/tooComplex"], "\(log.suffix(3000))")
        #expect(before["letters"]! > 0 && before["letters"]! < taken.count, "the re-drive was not stopped part-way: \(before)")

        let resumed = try runTool(pagepipeBinary, redrive + ["--progress-interval-ms", "0", "--summary-json", summaries[1]])
        #expect(resumed.status == 0, "\(resumed.output)")
        let after = try tallies(summaries[1])["parse/tooComplex"] ?? [:]
        #expect(before["letters"]! + (after["letters"] ?? 0) == taken.count, "letters taken twice or skipped: \(before) then \(after)")
        #expect(try reader.committed(group: scenario.group + "-redrive", topic: dlq) == (try reader.endOffsets(dlq)))
        var outcomes: [String: Int] = [:]
        for topic in ["articles", "pages.index", "pages.dlq.redrive"] {
            for record in try reader.records(topic + suffix) {
                if let from = text(record, "pagepipe-redriven-from") { outcomes[from, default: 0] += 1 }
            }
        }
        for letter in taken {
            #expect(outcomes["\(dlq)/\(letter.partition)/\(letter.offset)"] == 1, "letter \(letter.partition)@\(letter.offset)")
        }
    }

    @Test func refusesToWriteFailuresOntoTheTopicItReads() throws {
        let same = try runTool(pagepipeBinary, ["redrive", "--brokers", "127.0.0.1:1", "--dlq-topic", "x.dlq", "--redrive-topic", "x.dlq"])
        #expect(same.status == 64)
        #expect(same.output.contains("--redrive-topic must differ from --dlq-topic"))
        // The worker refuses it too, whichever command wires it: `run` reading its own dead letters.
        let loop = try runTool(pagepipeBinary, ["run", "--brokers", "127.0.0.1:1", "--input-topic", "pages.dlq"])
        #expect(loop.status == 1)
        #expect(loop.output.contains("is also an input topic"))
    }
}
}
