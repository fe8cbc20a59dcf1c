@testable import PageWorker
import Testing

/// What the probes answer for the states a worker goes through.
@Suite struct WorkerHealthTests {
    func health(
        loop: Int? = 10, silent: Int = 1_000, assigned: Int = 4, settled: Bool = true, stopping: Bool = false
    ) -> WorkerHealth {
        WorkerHealth(
            pollLoopSilentMs: loop, brokerSilentMs: silent, assignedPartitions: assigned, groupSettled: settled,
            stopping: stopping, contactLimitMs: 15_000)
    }

    @Test func readyOnlyWhenAssignedOrSettledWithNothingAndInContact() {
        #expect(health().isReady)
        #expect(health(assigned: 0, settled: true).isReady, "more workers than partitions: idle, not stuck")
        #expect(health(assigned: 0, settled: false).unreadyReason == "waiting for a partition assignment")
        #expect(health(silent: 15_000).unreadyReason == "no broker has answered for 15 s")
        #expect(health(loop: nil).unreadyReason == "not started")
        #expect(health(stopping: true).unreadyReason == "stopping")
    }

    @Test func liveWhileTheLoopTurnsWithinTheLimit() {
        #expect(health(loop: nil).isLive(limitMs: 1_000), "starting up is not a stuck loop")
        #expect(health(loop: 999).isLive(limitMs: 1_000))
        #expect(!health(loop: 1_000).isLive(limitMs: 1_000))
        #expect(health(loop: 10, silent: 600_000).isLive(limitMs: 1_000), "a broker outage is not a reason to restart")
    }
}
