import Kafka
@testable import PageWorker
import Testing

/// When a worker run with --exit-when-idle may stop. The old rule, "no page for the quiet period
/// and nothing in flight", stopped a worker that was handed partitions just before its quiet period
/// ran out, before it had fetched a page from them (a 1 → 3 → 1 scale-down left offsets 373–496 of
/// one partition unprocessed and the group short of the end).
@Suite struct IdleWatchTests {
    let start = ContinuousClock.now
    let quiet = Duration.seconds(15)
    let partitions = (0..<4).map { KafkaTopicPartition(topic: "pages.raw", partition: $0) }

    func at(_ seconds: Int) -> ContinuousClock.Instant { start + .seconds(seconds) }

    @Test func partitionsHandedOverAfterALongSilenceAreReadBeforeTheWorkerStops() {
        var watch = IdleWatch(now: start)
        watch.assigned([partitions[0]], now: at(0))
        watch.tookPage(from: partitions[0], now: at(1))
        watch.reachedEnd(of: partitions[0])
        // 14 s later the members that leave hand over three partitions with pages left in them.
        watch.assigned(Array(partitions[1...3]), now: at(15))
        for seconds in [16, 31, 60, 600] {
            #expect(!watch.isIdle(quiet: quiet, inFlightPages: 0, now: at(seconds)),
                    "stopped \(seconds) s in with handed-over partitions never read")
        }
        watch.reachedEnd(of: partitions[1])
        watch.reachedEnd(of: partitions[2])
        #expect(!watch.isIdle(quiet: quiet, inFlightPages: 0, now: at(600)), "partition 3 is still unread")
        watch.reachedEnd(of: partitions[3])
        #expect(watch.isIdle(quiet: quiet, inFlightPages: 0, now: at(600)))
    }

    @Test func aWorkerStillJoiningItsGroupIsNotIdle() {
        var watch = IdleWatch(now: start)
        #expect(!watch.isIdle(quiet: quiet, inFlightPages: 0, now: at(600)))
        watch.assigned([], now: at(600))
        #expect(!watch.isIdle(quiet: quiet, inFlightPages: 0, now: at(614)))
        #expect(watch.isIdle(quiet: quiet, inFlightPages: 0, now: at(615)), "an empty assignment has nothing to read")
    }

    @Test func aPageAfterTheEndMeansMoreMayFollow() {
        var watch = IdleWatch(now: start)
        watch.assigned([partitions[0]], now: at(0))
        watch.reachedEnd(of: partitions[0])
        watch.tookPage(from: partitions[0], now: at(20))
        #expect(!watch.isIdle(quiet: quiet, inFlightPages: 0, now: at(100)))
        watch.reachedEnd(of: partitions[0])
        #expect(watch.isIdle(quiet: quiet, inFlightPages: 0, now: at(100)))
    }

    @Test func pagesInFlightAndTheQuietPeriodBothHoldTheWorker() {
        var watch = IdleWatch(now: start)
        watch.assigned([partitions[0]], now: at(0))
        watch.tookPage(from: partitions[0], now: at(10))
        watch.reachedEnd(of: partitions[0])
        #expect(!watch.isIdle(quiet: quiet, inFlightPages: 1, now: at(100)))
        #expect(!watch.isIdle(quiet: quiet, inFlightPages: 0, now: at(24)))
        #expect(watch.isIdle(quiet: quiet, inFlightPages: 0, now: at(25)))
    }

    @Test func revokedOrLostPartitionsNoLongerNeedReadingButRestartTheQuietPeriod() {
        var watch = IdleWatch(now: start)
        watch.assigned(partitions, now: at(0))
        for partition in partitions.dropLast() { watch.reachedEnd(of: partition) }
        watch.removed([partitions[3]], now: at(30))
        #expect(!watch.isIdle(quiet: quiet, inFlightPages: 0, now: at(44)))
        #expect(watch.isIdle(quiet: quiet, inFlightPages: 0, now: at(45)))
        watch.tookPage(from: partitions[3], now: at(46))  // a stray page of the partition that left
        #expect(watch.isIdle(quiet: quiet, inFlightPages: 0, now: at(61)), "no end is reported for a partition no longer assigned")
    }
}
