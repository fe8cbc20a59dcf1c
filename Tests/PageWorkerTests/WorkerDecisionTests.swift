import Kafka
import PageWorker
import PageWorkerTesting
import Testing
import TopicContract

/// The worker's decisions, each driven through the whole worker (lanes, page core, delivery
/// thread) on an in-memory cluster: no broker, deterministic faults, seconds in all. The
/// real-broker tests (Tests/IntegrationTests) prove the live side of the same seam.
@Suite struct WorkerDecisionTests {
    let p0 = KafkaTopicPartition(topic: "pages.raw", partition: 0)
    let p1 = KafkaTopicPartition(topic: "pages.raw", partition: 1)

    /// librdkafka keeps a partition's pause flag when it is lost and assigned again. A worker
    /// that resumed while the partition was away must resume it again when it comes back, or it
    /// never reads from it again.
    @Test func aPauseDoesNotOutliveLosingAndRegainingThePartition() throws {
        let cluster = InMemoryCluster(topics: ["pages.raw": 1])
        cluster.appendPages(40)
        cluster.holdDeliveries()
        let run = try WorkerRun(on: cluster) { $0.maxInFlightPages = 4 }
        #expect(cluster.wait { $0.pausedPartitions == [p0] }, "a full budget held past the stall pauses the partition")

        cluster.lose([p0])
        #expect(cluster.waitForAssignmentChanges())
        cluster.releaseDeliveries()  // the budget frees while the partition is away: the worker resumes nothing
        #expect(cluster.wait { $0.deliveriesWaiting == 0 })
        cluster.assign([p0])
        #expect(cluster.waitForAssignmentChanges())

        #expect(cluster.wait { $0.committed[p0] == 40 }, "the regained partition must be read to its end: \(cluster.committed)")
        #expect(cluster.pausedPartitions.isEmpty)
        _ = try #require(run.stop()).get()
    }

    /// A revoke waits for the partition's pages in flight and commits exactly its watermark
    /// before the partition goes.
    @Test func aRevokeWaitsForItsPagesAndCommitsExactlyTheWatermark() throws {
        let cluster = InMemoryCluster(topics: ["pages.raw": 2])
        cluster.appendPages(10, partition: 0)
        cluster.appendPages(3, partition: 1)
        cluster.holdDeliveries()
        let run = try WorkerRun(on: cluster) { $0.commitInterval = .seconds(60) }
        #expect(cluster.wait { _ in run.worker.summary.pagesIn == 13 })
        #expect(cluster.wait { $0.deliveriesWaiting > 0 })

        cluster.revoke([p0])
        // The revoke holds the poll thread until the pages are delivered: nothing is committed yet.
        #expect(!cluster.waitForAssignmentChanges(timeout: .milliseconds(400)), "the revoke did not wait for its pages")
        #expect(cluster.commitAttempts.isEmpty)
        cluster.releaseDeliveries()
        #expect(cluster.waitForAssignmentChanges())

        #expect(cluster.commits.first == [p0: 10], "the revoke commits its own partition's watermark, and only that")
        #expect(cluster.assignedPartitions == [p1])
        _ = try #require(run.stop()).get()
        #expect(cluster.committed == [p0: 10, p1: 3])
    }

    /// A revoke whose deadline passes with a page in flight commits the watermark below it.
    @Test func aRevokePastItsDeadlineCommitsOnlyFinishedPages() throws {
        let cluster = InMemoryCluster(topics: ["pages.raw": 1])
        cluster.appendPages(6)
        cluster.holdDeliveries()
        let run = try WorkerRun(on: cluster) {
            $0.commitInterval = .seconds(60)
            $0.drainTimeout = .milliseconds(300)
        }
        #expect(cluster.wait { _ in run.worker.summary.pagesIn == 6 })
        cluster.revoke([p0])
        #expect(cluster.waitForAssignmentChanges())
        #expect(cluster.commitAttempts.allSatisfy { ($0[p0] ?? 0) == 0 }, "no page was finished: the watermark is offset 0")
        cluster.releaseDeliveries()
        _ = try #require(run.stop()).get()
        #expect(cluster.commitAttempts.allSatisfy { ($0[p0] ?? 0) == 0 }, "a revoked partition's late pages are not committed")
    }

    /// A lost partition is gone without a handover: the worker commits nothing for it, even when
    /// its pages finish afterwards.
    @Test func aLostAssignmentCommitsNothing() throws {
        let cluster = InMemoryCluster(topics: ["pages.raw": 1])
        cluster.appendPages(8)
        cluster.holdDeliveries()
        let run = try WorkerRun(on: cluster)
        #expect(cluster.wait { _ in run.worker.summary.pagesIn == 8 })
        cluster.lose([p0])
        #expect(cluster.waitForAssignmentChanges())
        cluster.releaseDeliveries()
        #expect(cluster.wait { _ in run.worker.summary.pagesPublished == 8 }, "the pages still finish")
        _ = try #require(run.stop()).get()
        #expect(cluster.commitAttempts.allSatisfy { $0[p0] == nil }, "committed for a lost partition: \(cluster.commitAttempts)")
    }

    /// A page whose events the cluster does not take is dead-lettered with the reason, and the
    /// partition's watermark moves past it.
    @Test func aFailedDeliveryDeadLettersThePageAndTheWatermarkAdvances() throws {
        let cluster = InMemoryCluster(topics: ["pages.raw": 1])
        cluster.appendPages(5)
        cluster.failDeliveries(to: "articles", with: KafkaError(code: .timedOut, message: "Local: Message timed out", context: "delivery"))
        let run = try WorkerRun(on: cluster)
        #expect(cluster.wait { $0.committed[p0] == 5 }, "committed \(cluster.committed)")
        let summary = try #require(run.stop()).get()

        let letters = cluster.records(in: "pages.dlq")
        #expect(letters.count == 5 && summary.deadLettered == 5)
        for letter in letters {
            #expect(letter.header(PagepipeHeader.errorStage) == Array("publish".utf8))
            #expect(letter.header(PagepipeHeader.errorReason) == Array("deliveryFailed".utf8))
        }
        #expect(cluster.records(in: "articles").isEmpty)
    }

    /// When the dead-letter topic refuses a page too, the worker stops with a message that says
    /// what to fix, and commits nothing at or past that page.
    @Test func aFailedDeadLetterStopsTheWorkerWithoutCommittingPastThePage() throws {
        let cluster = InMemoryCluster(topics: ["pages.raw": 1])
        cluster.appendPages(4)
        cluster.failDeliveries(to: "articles", with: KafkaError(code: .timedOut, message: "Local: Message timed out", context: "delivery"))
        cluster.failDeliveries(to: "pages.dlq", with: KafkaError(code: .unknownTopic, message: "Broker: Unknown topic", context: "delivery"))
        let run = try WorkerRun(on: cluster)
        let outcome = try #require(run.finish(), "the worker must stop by itself")
        guard case .failure(let error) = outcome else {
            Issue.record("the worker ended normally")
            return
        }
        #expect(error.message.contains("cannot publish to the dead-letter topic pages.dlq"))
        #expect(error.message.contains("the topic does not exist: create it"))
        #expect(cluster.commitAttempts.allSatisfy { ($0[p0] ?? 0) == 0 }, "committed past a page with nowhere to go: \(cluster.commitAttempts)")
    }

    /// No answer from the cluster for the broker-down timeout stops the worker with an error
    /// (so an orchestrator restarts it or alerts); records arriving keep it alive.
    @Test func theBrokerDownTimeoutFiresOnlyOnSilence() throws {
        // Records every 100 ms for 2 s against an 800 ms limit: contact must restart the clock.
        let live = InMemoryCluster(topics: ["pages.raw": 1])
        let running = try WorkerRun(on: live) { $0.brokerDownTimeout = .milliseconds(800) }
        for page in WorkerRun.pages(20) {
            live.append(page.value, to: "pages.raw", headers: page.headers)
            #expect(!live.wait(timeout: .milliseconds(100)) { _ in !running.isRunning })
        }
        #expect(running.isRunning, "records kept arriving: the cluster was not silent")
        _ = try #require(running.stop()).get()

        let silent = InMemoryCluster(topics: ["pages.raw": 1])
        silent.freeze()
        let run = try WorkerRun(on: silent) { $0.brokerDownTimeout = .milliseconds(400) }
        let outcome = try #require(run.finish(within: .seconds(10)), "the broker-down timeout never fired")
        guard case .failure(let error) = outcome else {
            Issue.record("a silent cluster must end the worker with an error")
            return
        }
        #expect(error.message.contains("no Kafka broker of in-memory has answered"))
        #expect(error.message.contains("--broker-down-timeout-ms"))
    }

    /// Idle exit waits for every assigned partition's end, even one whose first fetch has not
    /// come back when the quiet period has passed.
    @Test func idleExitWaitsForEveryPartitionsEnd() throws {
        let cluster = InMemoryCluster(topics: ["pages.raw": 2])
        cluster.appendPages(4, partition: 0)
        cluster.appendPages(4, partition: 1, seed: 21)
        cluster.withhold(p1)
        let run = try WorkerRun(on: cluster) { $0.exitWhenIdle = .milliseconds(200) }
        #expect(cluster.wait { $0.committed[p0] == 4 })
        #expect(run.finish(within: .milliseconds(800)) == nil, "stopped with partition 1 never read")
        cluster.release(p1)
        let summary = try #require(run.finish(), "read everything: the worker must stop by itself").get()
        #expect(summary.pagesPublished == 8)
        #expect(cluster.committed == [p0: 4, p1: 4])
    }

    /// The dead-letter topic may not be an input topic: pages would loop for ever.
    @Test func aDeadLetterTopicThatIsAlsoAnInputIsRefused() {
        let cluster = InMemoryCluster(topics: ["pages.raw": 1])
        #expect(throws: WorkerError.self) {
            _ = try WorkerRun(on: cluster) { $0.consumer.consumptionStrategy = .group(id: "test", topics: ["pages.raw", "pages.dlq"]) }
        }
    }
}
