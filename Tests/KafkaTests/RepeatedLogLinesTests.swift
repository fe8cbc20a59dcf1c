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
}
