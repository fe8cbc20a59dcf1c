import Foundation
import Testing

/// The built `pagepipe` binary as a user meets it: help, exit codes, one-line errors, and the
/// refusal of a librdkafka too old to talk to current brokers.
@Suite struct CLITests {
    func run(_ arguments: [String], environment: [String: String] = [:], stdin: Data? = nil) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pagepipeBinary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    @Test func refusesLibrdkafkaOlderThan2_2WithAFix() throws {
        // Debian's librdkafka 2.0.2 (from librdkafka-dev) put ahead of the project-local 2.16.
        let debian = "/usr/lib/x86_64-linux-gnu"
        try #require(FileManager.default.fileExists(atPath: debian + "/librdkafka.so.1"), "Debian's librdkafka1 is not installed (Tools/setup installs it)")
        let result = try run(["run", "--brokers", "127.0.0.1:1"], environment: ["LD_LIBRARY_PATH": debian])
        #expect(result.status == 78)
        #expect(result.err.contains("librdkafka 2.0.2 is loaded, but pagepipe needs 2.2.0 or newer"))
        #expect(result.err.contains("Tools/setup"))
    }

    @Test func everySubcommandHasHelp() throws {
        for command in ["parse", "run", "produce", "replay", "reprocess", "redrive", "stats", "corpus"] {
            let result = try run([command, "--help"])
            #expect(result.status == 0, "\(command)")
            #expect(result.out.contains("USAGE: pagepipe \(command)"), "\(command)")
        }
        #expect(try run(["run", "--help"]).out.contains("--drain-timeout-ms"))
    }

    @Test func parseReportsEachBadInputOnOneLineAndFails() throws {
        let result = try run(["parse", "-"], stdin: Data([0x1F, 0x8B, 0x08, 0x00, 0x01]))
        #expect(result.status == 1)
        #expect(result.out.isEmpty)
        let lines = result.err.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("pagepipe: -: decode failed (truncated)"), "\(result.err)")
    }

    /// Pages are parsed on several threads; what comes out, and in which order, must not depend on it.
    @Test func parseOutputDoesNotDependOnConcurrency() throws {
        let corpus = FileManager.default.temporaryDirectory.appendingPathComponent("parse-lanes-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: corpus) }
        let written = try run(["corpus", "--count", "300", "--seed", "17", "--broken-fraction", "0.1", "--out", corpus])
        try #require(written.status == 0, "\(written.err)")

        let one = try run(["parse", "--concurrency", "1", corpus])
        let three = try run(["parse", "--concurrency", "3", corpus])
        #expect(one.status == 1, "the corpus has broken pages")
        #expect(three.status == one.status)
        #expect(three.out == one.out)
        #expect(three.err == one.err)
        let failed = one.err.split(separator: "\n")
        #expect(failed.count >= 10 && failed.allSatisfy { $0.hasPrefix("pagepipe: \(corpus)/") }, "\(one.err)")
        #expect(one.out.split(separator: "\n").count + failed.count == 300)
        #expect(try run(["parse", "--concurrency", "0", corpus]).status == 64)
    }

    @Test func anEmptyBrokerListIsAUsageError() throws {
        for brokers in ["", ",,,", " , ", "127.0.0.1:1,"] {
            let result = try run(["run", "--brokers", brokers, "--broker-down-timeout-ms", "1000"])
            #expect(result.status == 64, "--brokers '\(brokers)': \(result.err)")
            #expect(result.err.contains("has an empty entry: give host:port"), "\(result.err)")
        }
        let fromEnvironment = try run(["run", "--broker-down-timeout-ms", "1000"], environment: ["PAGEPIPE_BROKERS": ",,,"])
        #expect(fromEnvironment.status == 64, "\(fromEnvironment.err)")
    }

    @Test func aMetricsPortOutsideOneTo65535IsRefusedBeforeAnythingStarts() throws {
        for port in ["99999", "65536", "0", "-1"] {
            let result = try run(["run", "--brokers", "127.0.0.1:1", "--broker-down-timeout-ms", "1000", "--metrics-port=\(port)"])
            #expect(result.status == 64, "port \(port): \(result.err)")
            #expect(result.err.contains("must be between 1 and 65535"), "\(result.err)")
            #expect(!result.err.contains("librdkafka"), "refused only after starting: \(result.err)")
        }
        let fromEnvironment = try run(["run", "--brokers", "127.0.0.1:1"], environment: ["PAGEPIPE_METRICS_PORT": "99999"])
        #expect(fromEnvironment.status == 64 && fromEnvironment.err.contains("not 99999"), "\(fromEnvironment.err)")
    }

    /// With no broker to answer, librdkafka and the consumer repeat the same few lines about 75
    /// times a second; one copy per 10 s goes out, and the next one counts the copies held back.
    @Test func repeatedLinesWhileNoBrokerAnswersAreRateLimited() throws {
        let result = try run(["run", "--brokers", "127.0.0.1:1", "--broker-down-timeout-ms", "4000", "--progress-interval-ms", "0"])
        #expect(result.status == 1, "the worker exits once the broker-down timeout passes: \(result.err)")
        let lines = result.err.split(separator: "\n")
        let refused = lines.filter { $0.contains("Connection refused") }
        #expect(!refused.isEmpty, "the failure must still be logged: \(result.err)")
        // Seen before: about 300 lines in 4 s, 230 of them "Connection refused". Now one copy of
        // each distinct line per client (consumer, producer) and per path (log, error callback).
        #expect(refused.count <= 12, "\(refused.count) 'Connection refused' lines in 4 s: \(result.err)")
        #expect(lines.count < 40, "\(lines.count) lines in 4 s: \(result.err)")
    }

    /// `--config` and `-X` keys prefixed `consumer.` or `producer.` reach that client only, and a
    /// later key for every client wins over an earlier prefixed one, as later entries always win.
    @Test func clientPrefixedPropertiesReachOnlyTheirClientAndLaterEntriesWin() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pagepipe-config-\(getpid()).properties")
        try "consumer.session.timeout.ms=banana\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let base = ["run", "--brokers", "127.0.0.1:1", "--broker-down-timeout-ms", "1000", "--topic-check", "off", "--config", file.path]

        let consumerOnly = try run(base)
        #expect(consumerOnly.status == 1, "\(consumerOnly.err)")
        #expect(consumerOnly.err.contains("cannot create the Kafka consumer"), "the producer, made first, took no consumer. key: \(consumerOnly.err)")
        #expect(consumerOnly.err.contains("session.timeout.ms' = 'banana'"), "\(consumerOnly.err)")

        let overridden = try run(base + ["-X", "session.timeout.ms=6000"])
        #expect(overridden.status == 1, "\(overridden.err)")
        #expect(!overridden.err.contains("banana"), "-X after --config wins for every client: \(overridden.err)")
        #expect(overridden.err.contains("no Kafka broker of 127.0.0.1:1 has answered"), "\(overridden.err)")

        let producerOnly = try run(base + ["-X", "session.timeout.ms=6000", "-X", "producer.linger.ms=banana"])
        #expect(producerOnly.err.contains("cannot create the Kafka producer"), "\(producerOnly.err)")
        #expect(producerOnly.err.contains("linger.ms' = 'banana'"), "\(producerOnly.err)")
    }

    @Test func missingBrokersIsAUsageErrorThatSaysWhatToDo() throws {
        let result = try run(["run"], environment: ["PAGEPIPE_BROKERS": ""])
        #expect(result.status == 64)
        #expect(result.err.contains("--brokers host:port or PAGEPIPE_BROKERS"))
    }
}
