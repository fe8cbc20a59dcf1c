import Logging
import Synchronization
import Testing

@testable import Kafka

/// One copy of a repeated librdkafka line per window, and the count of the copies held back.
@Suite struct RepeatedLogLinesTests {
    let start = ContinuousClock.now

    @Test func repeatsWithinTheWindowAreHeldBackAndCountedOnTheNextCopy() {
        let lines = RepeatedLogLines(window: .seconds(10))
        let refused = "127.0.0.1:1/bootstrap: Connect to ipv4#127.0.0.1:1 failed: Connection refused"
        #expect(lines.decide(refused, now: start) == .log(suppressed: 0))
        for tick in 1...749 {  // 75 a second for ten seconds
            #expect(lines.decide(refused, now: start + .milliseconds(tick * 13)) == .suppress)
        }
        #expect(lines.decide(refused, now: start + .seconds(10)) == .log(suppressed: 749))
        #expect(lines.decide(refused, now: start + .seconds(11)) == .suppress)
        #expect(lines.decide(refused, now: start + .seconds(30)) == .log(suppressed: 1))
    }

    @Test func differentLinesAreNeverMerged() {
        let lines = RepeatedLogLines(window: .seconds(10))
        #expect(lines.decide("broker a down", now: start) == .log(suppressed: 0))
        #expect(lines.decide("broker b down", now: start) == .log(suppressed: 0))
        #expect(lines.decide("broker a down", now: start + .seconds(1)) == .suppress)
    }

    @Test func aStreamOfDistinctLinesDoesNotGrowWithoutBound() {
        let lines = RepeatedLogLines(window: .seconds(10))
        for number in 0..<(RepeatedLogLines.remembered * 3) {
            #expect(lines.decide("line \(number)", now: start) == .log(suppressed: 0))
        }
        #expect(lines.rememberedCount <= RepeatedLogLines.remembered)
    }

    /// Each line's message and metadata, kept instead of printed.
    final class KeptLines: Sendable {
        let lines = Mutex<[(message: String, metadata: Logger.Metadata)]>([])

        var logger: Logger { Logger(label: "test") { _ in Handler(kept: self) } }

        struct Handler: LogHandler {
            let kept: KeptLines
            var logLevel: Logger.Level = .trace
            var metadata: Logger.Metadata = [:]
            subscript(metadataKey key: String) -> Logger.Metadata.Value? {
                get { metadata[key] }
                set { metadata[key] = newValue }
            }
            func log(
                level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
                function: String, line: UInt
            ) {
                kept.lines.withLock { $0.append((message.description, metadata ?? [:])) }
            }
        }
    }

    /// With constant messages the values live in the metadata: two errors under one message are two
    /// lines, and only a copy with the same values is held back.
    @Test func aLoggerLineIsComparedWithItsMetadata() {
        let kept = KeptLines()
        let logger = kept.logger
        let repeats = RepeatedLogLines(window: .seconds(10))
        let refused: Logger.Metadata = [LogKey.error: "broker a: Connection refused"]
        logger.log(level: .warning, "Kafka client error", metadata: refused, unlessRepeatedIn: repeats)
        logger.log(level: .warning, "Kafka client error", metadata: [LogKey.error: "broker b: Connection refused"], unlessRepeatedIn: repeats)
        logger.log(level: .warning, "Kafka client error", metadata: refused, unlessRepeatedIn: repeats)
        let lines = kept.lines.withLock { $0 }
        #expect(lines.map { $0.metadata[LogKey.error]?.description } == ["broker a: Connection refused", "broker b: Connection refused"])
        #expect(lines.allSatisfy { $0.message == "Kafka client error" && $0.metadata[LogKey.suppressedRepeats] == nil })
    }
}
