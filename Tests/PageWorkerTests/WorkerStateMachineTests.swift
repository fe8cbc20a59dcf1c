import Kafka
import Testing

@testable import PageWorker

/// The state machine alone: events in, actions out, time given, nothing else running.
@Suite struct WorkerStateMachineTests {
    let t0 = ContinuousClock.now
    let p0 = KafkaTopicPartition(topic: "pages.raw", partition: 0)
    let p1 = KafkaTopicPartition(topic: "pages.raw", partition: 1)

    func at(_ milliseconds: Int) -> ContinuousClock.Instant { t0 + .milliseconds(milliseconds) }

    func machine(
        pages: Int = 4, bytes: Int = 1 << 20, commitEvery: Duration = .seconds(1), drain: Duration = .seconds(30),
        brokerDown: Duration? = nil
    ) -> WorkerStateMachine {
        WorkerStateMachine(
            limits: .init(
                maxInFlightPages: pages, maxInFlightBytes: bytes, commitInterval: commitEvery, drainTimeout: drain,
                brokerDownTimeout: brokerDown, exitWhenIdle: nil, progressInterval: nil, brokers: "b:9092"),
            now: t0)
    }

    @Test func aFullBudgetHoldsTheLoopThenPausesAndResumesAtHalf() throws {
        var actions: [WorkerStateMachine.LoopAction]
        var taken: Int?
        var state = machine()
        state.assigned([p0], now: t0)
        actions = state.tick(now: t0)
        #expect(actions == [.resumeAssignment(.reassigned)], "a new assignment gets the standing decision")
        var generations: [Int64: Int] = [:]
        for offset in Int64(0)..<4 {
            taken = state.recordTaken(p0, offset: offset, bytes: 10, now: t0)
            generations[offset] = try #require(taken)
        }
        actions = state.tick(now: at(10))
        #expect(actions == [.waitForRoom(until: at(260))], "a full budget first holds the loop")
        actions = state.tick(now: at(100))
        #expect(actions == [.waitForRoom(until: at(260))], "the hold does not restart")
        actions = state.tick(now: at(260))
        #expect(actions == [.pauseAssignment(.budgetFull)])
        actions = state.tick(now: at(300))
        #expect(actions.isEmpty, "paused, and nothing freed")
        state.pageFinished(p0, offset: 0, bytes: 10, generation: generations[0]!)
        actions = state.tick(now: at(310))
        #expect(actions.isEmpty, "3 of 4 in flight is over half")
        state.pageFinished(p0, offset: 1, bytes: 10, generation: generations[1]!)
        actions = state.tick(now: at(320))
        #expect(actions == [.resumeAssignment(.budgetHalfFree)])
    }

    @Test func theByteBudgetCountsToo() throws {
        var actions: [WorkerStateMachine.LoopAction]
        var taken: Int?
        var state = machine(pages: 100, bytes: 1_000)
        state.assigned([p0], now: t0)
        _ = state.tick(now: t0)
        taken = state.recordTaken(p0, offset: 0, bytes: 1_000, now: t0)
        _ = try #require(taken)
        #expect(state.isOverBudget)
        actions = state.tick(now: at(1))
        #expect(actions == [.waitForRoom(until: at(251))])
    }

    @Test func everyAssignmentChangeReappliesTheStandingDecisionToTheWholeAssignment() throws {
        var actions: [WorkerStateMachine.LoopAction]
        var taken: Int?
        var state = machine(pages: 1)
        state.assigned([p0], now: t0)
        _ = state.tick(now: t0)
        taken = state.recordTaken(p0, offset: 0, bytes: 1, now: t0)
        let generation = try #require(taken)
        _ = state.tick(now: at(1))
        actions = state.tick(now: at(300))
        #expect(actions == [.pauseAssignment(.budgetFull)])
        state.lost([p0], now: at(400))
        actions = state.tick(now: at(401))
        #expect(actions == [.pauseAssignment(.reassigned)], "still over budget: the rest stays paused")
        state.pageFinished(p0, offset: 0, bytes: 1, generation: generation)
        actions = state.tick(now: at(402))
        #expect(actions == [.resumeAssignment(.budgetHalfFree)])
        state.assigned([p0], now: at(500))
        actions = state.tick(now: at(501))
        #expect(actions == [.resumeAssignment(.reassigned)], "the regained partition is resumed explicitly")
    }

    @Test func commitsOnlyWhatChangedAtTheInterval() throws {
        var actions: [WorkerStateMachine.LoopAction]
        var taken: Int?
        var state = machine(commitEvery: .milliseconds(100))
        state.assigned([p0, p1], now: t0)
        _ = state.tick(now: t0)
        taken = state.recordTaken(p0, offset: 7, bytes: 1, now: t0)
        let g0 = try #require(taken)
        taken = state.recordTaken(p1, offset: 3, bytes: 1, now: t0)
        _ = try #require(taken)
        actions = state.tick(now: at(50))
        #expect(actions.isEmpty, "before the interval")
        actions = state.tick(now: at(100))
        #expect(actions == [.commit([p0: 7, p1: 3])], "the first unfinished offsets")
        state.committed([p0: 7, p1: 3], now: at(101))
        state.pageFinished(p0, offset: 7, bytes: 1, generation: g0)
        actions = state.tick(now: at(200))
        #expect(actions == [.commit([p0: 8])], "only the partition that moved")
        state.committed([p0: 8], now: at(201))
        actions = state.tick(now: at(300))
        #expect(actions.isEmpty)
    }

    @Test func recordsOfARevokingPartitionAndRedeliveriesAreSkipped() throws {
        var taken: Int?
        var state = machine()
        state.assigned([p0, p1], now: t0)
        taken = state.recordTaken(p0, offset: 5, bytes: 1, now: t0)
        _ = try #require(taken)
        taken = state.recordTaken(p0, offset: 5, bytes: 1, now: t0)
        #expect(taken == nil, "the same offset twice")
        taken = state.recordTaken(p0, offset: 4, bytes: 1, now: t0)
        #expect(taken == nil, "an earlier offset")
        _ = state.revokeStarted([p1], now: t0)
        taken = state.recordTaken(p1, offset: 0, bytes: 1, now: t0)
        #expect(taken == nil)
        #expect(state.inFlightPages == 1)
    }

    @Test func aRevokeWaitsForItsOwnPartitionsAndCommitsTheirWatermarkOnly() throws {
        var taken: Int?
        var state = machine()
        state.assigned([p0, p1], now: t0)
        taken = state.recordTaken(p0, offset: 0, bytes: 1, now: t0)
        let g0 = try #require(taken)
        taken = state.recordTaken(p0, offset: 1, bytes: 1, now: t0)
        _ = try #require(taken)
        taken = state.recordTaken(p1, offset: 0, bytes: 1, now: t0)
        _ = try #require(taken)
        let revokeDeadline = state.revokeStarted([p0], now: at(10))
        #expect(revokeDeadline == at(30_010))
        #expect(!state.isDrained([p0]))
        state.pageFinished(p0, offset: 0, bytes: 1, generation: g0)
        #expect(state.revokeCommit([p0]) == [p0: 1], "below the page still in flight")
        state.revoked([p0], now: at(20))
        #expect(state.assignedPartitions == 1)
        #expect(state.finalCommit() == [p1: 0])
    }

    @Test func aRevokeDuringShutdownEndsByTheShutdownsDeadline() {
        var actions: [WorkerStateMachine.LoopAction]
        var state = machine(drain: .seconds(30))
        state.assigned([p0], now: t0)
        let deadline = state.stop(now: t0)
        #expect(deadline == at(30_000))
        let secondStop = state.stop(now: at(5_000))
        #expect(secondStop == deadline, "one deadline per shutdown")
        let revokeDuringStop = state.revokeStarted([p0], now: at(20_000))
        #expect(revokeDuringStop == deadline, "not 30 s past the revoke")
        actions = state.tick(now: at(20_001))
        #expect(actions == [.drain(.requested)])
    }

    @Test func aLossForgetsThePartitionsPages() throws {
        var taken: Int?
        var state = machine()
        state.assigned([p0], now: t0)
        taken = state.recordTaken(p0, offset: 0, bytes: 1, now: t0)
        let generation = try #require(taken)
        state.lost([p0], now: at(1))
        state.pageFinished(p0, offset: 0, bytes: 1, generation: generation)
        #expect(state.finalCommit().isEmpty, "nothing to commit for a lost partition")
        #expect(state.inFlightPages == 0, "but its budget is freed")
    }

    @Test func deliveryOutcomesDecideDeadLettersAndStops() {
        var actions: [WorkerStateMachine.LoopAction]
        var state = machine()
        let delivered = state.pageDelivered(failure: nil, now: t0)
        #expect(delivered == .finish)
        let failed = state.pageDelivered(failure: DeliveryFailure(reason: "deliveryFailed", message: "m"), now: t0)
        #expect(failed == .deadLetter(reason: "deliveryFailed", message: "m"))
        let tooLarge = KafkaError(code: .messageTooLarge, message: "too large", context: "delivery")
        let refusedWhole = state.deadLetterDelivered(.failure(tooLarge), form: .whole, topic: "pages.dlq", now: t0)
        #expect(refusedWhole == .sendReference)
        let outcome = state.deadLetterDelivered(.failure(tooLarge), form: .reference, topic: "pages.dlq", now: t0)
        guard case .stop(let message) = outcome else {
            Issue.record("a reference the topic refuses must stop the worker")
            return
        }
        #expect(message.contains("max.message.bytes"))
        actions = state.tick(now: at(1))
        #expect(actions == [.drain(.failed(message))])
    }

    @Test func theBrokerDownTimeoutWarnsOnceThenStops() {
        var actions: [WorkerStateMachine.LoopAction]
        var state = machine(brokerDown: .seconds(60))
        actions = state.tick(now: at(9_999))
        #expect(actions.isEmpty)
        actions = state.tick(now: at(10_000))
        #expect(actions == [.warnBrokerSilent(for: .seconds(10))])
        actions = state.tick(now: at(20_000))
        #expect(actions.isEmpty, "warned once per silence")
        state.heardFromCluster(now: at(30_000))
        actions = state.tick(now: at(89_000))
        #expect(actions == [.warnBrokerSilent(for: .seconds(59))])
        actions = state.tick(now: at(90_000))
        guard case .drain(.failed(let message)) = actions.first else {
            Issue.record("60 s of silence must stop the worker")
            return
        }
        #expect(message.contains("no Kafka broker of b:9092 has answered for 60 s"))

        var patient = machine(brokerDown: nil)
        actions = patient.tick(now: at(3_600_000))
        #expect(!actions.contains { if case .drain = $0 { true } else { false } }, "nil waits for ever")
    }
}
