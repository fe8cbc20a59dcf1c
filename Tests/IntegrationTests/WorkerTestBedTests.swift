import BrokerTestSupport
import Kafka
import PageWorker
import PageWorkerTesting
import Testing
import TopicContract

extension RealBrokerTests {
    /// One test body, run on the in-memory cluster and on the real broker: what the in-memory
    /// tests of the worker's decisions stand on must hold live too.
    @Suite struct WorkerTestBedTests {
        @Test(arguments: [false, true])
        func everyRecordEndsAsEventsOrADeadLetterAndTheGroupCommitsToTheEnd(live: Bool) throws {
            let setup: WorkerTestSetup = live ? .live(brokers: try TestBroker.bootstrap()) : .inMemory
            let bed = try setup.makeBed(partitions: 2)
            let pages = WorkerRun.pages(24, seed: 31, brokenFraction: 0.25)
            let garbage: [(value: [UInt8], headers: [KafkaHeader])] = [(Array(repeating: 0xFF, count: 3_000), []), ([], [])]
            try bed.append(Array(pages[..<12]), partition: 0)
            try bed.append(Array(pages[12...]) + garbage, partition: 1)

            let summary = try bed.runUntilIdle { _ in }

            #expect(summary.pagesIn == 26, "\(setup)")
            #expect(summary.pagesPublished + summary.deadLettered == 26, "\(setup): every record ends one way or the other")
            #expect(summary.deadLettered >= 2, "\(setup): the garbage and the empty record are dead letters")
            #expect(try bed.committed() == [0: 12, 1: 14], "\(setup)")
            #expect(try bed.records(in: "pages.dlq").count == summary.deadLettered, "\(setup)")
            let events = try bed.records(in: "articles") + bed.records(in: "pages.index")
            let sources = Set(events.compactMap { $0.header(PagepipeHeader.source).map { String(decoding: $0, as: UTF8.self) } })
            #expect(sources.count == summary.pagesPublished, "\(setup): every published page has its events")
        }
    }
}
