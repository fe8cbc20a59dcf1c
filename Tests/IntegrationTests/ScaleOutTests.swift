import Foundation
import Kafka
import Testing

extension RealBrokerTests {
/// Real `pagepipe run` processes in one consumer group on the local broker: scale-out, SIGKILL,
/// a late joiner, scaling back down, SIGTERM drains.
@Suite(.serialized) struct ScaleOutTests {
    @Test func killedWorkerAndLateJoinerLoseNothingAndDuplicatesAreIdentical() throws {
        let scenario = try Scenario("scale", pages: 3000, seed: 101, partitions: 6)
        #expect(scenario.ends.values.reduce(0, +) == 3000)
        let idle = ["--exit-when-idle", "12"]
        let first = try scenario.worker(idle + ["--concurrency", "1"])
        let second = try scenario.worker(idle + ["--concurrency", "1"])
        let atKill = scenario.waitForArticles(atLeast: 150)
        first.signal(SIGKILL)
        #expect(first.waitForExit(seconds: 10) != nil)
        let late = try scenario.worker(idle)
        #expect(second.waitForExit(seconds: 240) == 0, "second worker: \(second.log.suffix(2000))")
        #expect(late.waitForExit(seconds: 240) == 0, "late worker: \(late.log.suffix(2000))")
        #expect(atKill < 2900, "the kill should land mid-stream (output was \(atKill) records)")

        let (sources, identical) = try scenario.outputs()
        try scenario.expectNothingLost(sources)
        #expect(identical, "a redelivered page produced different bytes")
    }

    @Test func sigtermDrainsAndARestartProducesNoDuplicates() throws {
        let scenario = try Scenario("drain", pages: 2000, seed: 202, partitions: 4)
        let worker = try scenario.worker(["--drain-timeout-ms", "20000", "--concurrency", "1"])
        scenario.waitForArticles(atLeast: 100)
        worker.signal(SIGTERM)
        #expect(worker.waitForExit(seconds: 40) == 0, "SIGTERM must drain and exit 0 within the deadline: \(worker.log.suffix(2000))")
        #expect(worker.log.contains("draining"))

        let restart = try scenario.worker(["--exit-when-idle", "8"])
        #expect(restart.waitForExit(seconds: 240) == 0, "restart: \(restart.log.suffix(2000))")

        let (sources, _) = try scenario.outputs()
        try scenario.expectNothingLost(sources)
        let duplicated = sources.filter { $0.value > 1 }
        #expect(duplicated.isEmpty, "pages published twice across the drain: \(duplicated.keys.sorted().prefix(10))")
    }

    /// The first worker runs until signalled: with --exit-when-idle it could stop (rightly) once its
    /// own partitions were read, before the other two leave, and then nobody would finish theirs.
    /// 6000 pages, so that joining (several seconds on the local broker) leaves work to hand back.
    @Test func scalingFromOneToThreeWorkersAndBackLosesNothing() throws {
        let scenario = try Scenario("elastic", pages: 6000, seed: 606, partitions: 6)
        let slow = ["--concurrency", "1"]
        let first = try scenario.worker(slow)
        scenario.waitForArticles(atLeast: 100)
        let second = try scenario.worker(slow)
        let third = try scenario.worker(slow)
        // A cooperative join first assigns nothing (count=0), then the partitions.
        let ownsPartitions = { (worker: WorkerProcess) in worker.log.contains(/count=[1-9][0-9]* .*partitions assigned/) }
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, !(ownsPartitions(second) && ownsPartitions(third)) { usleep(100_000) }
        scenario.waitForArticles(atLeast: scenario.articlesOut + 200)
        second.signal(SIGTERM)
        third.signal(SIGTERM)
        #expect(second.waitForExit(seconds: 60) == 0, "second: \(second.log.suffix(2000))")
        #expect(third.waitForExit(seconds: 60) == 0, "third: \(third.log.suffix(2000))")
        #expect(ownsPartitions(second) && ownsPartitions(third), "both new workers got partitions")
        let caughtUp = scenario.waitForCommittedEnds()
        #expect(caughtUp, "the remaining worker stopped committing short of the end: \(first.log.suffix(2000))")
        first.signal(SIGTERM)
        #expect(first.waitForExit(seconds: 60) == 0, "first: \(first.log.suffix(2000))")

        let (sources, identical) = try scenario.outputs()
        try scenario.expectNothingLost(sources)
        #expect(identical, "a redelivered page produced different bytes")
    }

    /// A quiet period shorter than joining the group (the broker holds a join for half the session
    /// timeout): the worker must not take "no pages yet" for "nothing left", before or after its
    /// partitions arrive. It used to stop before it was assigned anything.
    @Test func aWorkerExitingWhenIdleReadsEveryPartitionItIsGivenToTheEnd() throws {
        let scenario = try Scenario("idle", pages: 600, seed: 707, partitions: 4)
        let worker = try scenario.worker(["--exit-when-idle", "1"])
        #expect(worker.waitForExit(seconds: 240) == 0, "worker: \(worker.log.suffix(2000))")

        let (sources, _) = try scenario.outputs()
        try scenario.expectNothingLost(sources)
    }
}
}
