@testable import PageWorker
import Testing

@Suite struct PartitionWatermarkTests {
    @Test func commitsOnlyTheContiguousFinishedPrefix() {
        var watermark = PartitionWatermark()
        for offset in Int64(10)...14 { let taken = watermark.take(offset); #expect(taken) }
        #expect(watermark.committable == 10)
        watermark.finish(12)
        watermark.finish(11)
        #expect(watermark.committable == 10, "offset 10 is still in flight")
        watermark.finish(10)
        #expect(watermark.committable == 13)
        watermark.finish(14)
        #expect(watermark.committable == 13)
        watermark.finish(13)
        #expect(watermark.committable == 15)
        #expect(watermark.isIdle && watermark.inFlight == 0)
    }

    @Test func gapsInOffsetsDoNotBlock() {
        var watermark = PartitionWatermark()
        let taken = [watermark.take(3), watermark.take(7)]  // 4…6 were compacted away or are transaction markers
        #expect(taken == [true, true])
        watermark.finish(3)
        #expect(watermark.committable == 7)
        watermark.finish(7)
        #expect(watermark.committable == 8)
    }

    @Test func redeliveredOrOlderOffsetsAreRefused() {
        var watermark = PartitionWatermark()
        let first = watermark.take(5), again = watermark.take(5), older = watermark.take(4)
        #expect(first && !again && !older)
        #expect(watermark.inFlight == 1)
    }

    @Test func finishingTwiceOrUnknownOffsetsChangesNothing() {
        var watermark = PartitionWatermark()
        _ = watermark.take(1)
        _ = watermark.take(2)
        watermark.finish(2)
        watermark.finish(2)
        watermark.finish(99)
        #expect(watermark.inFlight == 1)
        #expect(watermark.committable == 1)
    }

    @Test func randomCompletionOrderAlwaysMatchesANaiveModel() {
        var generator = SplitMix(seed: 42)
        for _ in 0..<50 {
            var watermark = PartitionWatermark()
            let count = 2000
            var order = Array(Int64(0)..<Int64(count))
            for offset in order { _ = watermark.take(offset) }
            order.shuffle(using: &generator)
            var finished = Set<Int64>()
            for offset in order {
                watermark.finish(offset)
                finished.insert(offset)
                var expected: Int64 = 0
                while finished.contains(expected) { expected += 1 }
                #expect(watermark.committable == expected)
                if watermark.committable != expected { return }
            }
        }
    }
}

/// A seedable generator so the randomized test is reproducible.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
