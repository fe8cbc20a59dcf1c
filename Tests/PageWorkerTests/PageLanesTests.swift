import Dispatch
@testable import PageWorker
import Synchronization
import Testing

/// The lanes' scheduling: a page that does not finish must not hold up the pages queued after it
/// while another lane is free. Progress is observed through events (semaphores and the order of
/// completions), never through elapsed time; the waits' limits only turn a stall into a failure
/// instead of a hung test.
@Suite struct PageLanesTests {
    @Test func aSlowPageDoesNotStallThePagesBehindIt() {
        let lanes = PageLanes(count: 2, label: "test.lanes")
        defer { lanes.close() }
        let slowStarted = DispatchSemaphore(value: 0)
        let releaseSlow = DispatchSemaphore(value: 0)
        let slowFinished = Atomic<Bool>(false)
        let smallDone = DispatchSemaphore(value: 0)
        let finishedWhileSlowRan = Atomic<Int>(0)

        lanes.submit {
            slowStarted.signal()
            releaseSlow.wait()
            slowFinished.store(true, ordering: .sequentiallyConsistent)
        }
        #expect(slowStarted.wait(timeout: .now() + .seconds(60)) == .success)
        let smallPages = 50
        for _ in 0..<smallPages {
            lanes.submit {
                if !slowFinished.load(ordering: .sequentiallyConsistent) {
                    finishedWhileSlowRan.add(1, ordering: .sequentiallyConsistent)
                }
                smallDone.signal()
            }
        }
        var completed = 0
        while completed < smallPages, smallDone.wait(timeout: .now() + .seconds(60)) == .success { completed += 1 }

        let whileSlowRan = finishedWhileSlowRan.load(ordering: .sequentiallyConsistent)
        let slowIsDone = slowFinished.load(ordering: .sequentiallyConsistent)
        #expect(completed == smallPages, "only \(completed) of \(smallPages) small pages finished while the slow page ran")
        #expect(whileSlowRan == smallPages)
        #expect(!slowIsDone)
        releaseSlow.signal()
    }

    @Test func oneLaneRunsPagesInTheOrderTheyCame() {
        let lanes = PageLanes(count: 1, label: "test.lanes")
        defer { lanes.close() }
        let order = Mutex<[Int]>([])
        let done = DispatchSemaphore(value: 0)
        let count = 3000  // past the queue's compaction threshold
        for index in 0..<count {
            lanes.submit {
                order.withLock { $0.append(index) }
                if index == count - 1 { done.signal() }
            }
        }
        #expect(done.wait(timeout: .now() + .seconds(60)) == .success)
        #expect(order.withLock { $0 } == Array(0..<count))
    }

    @Test func closingDropsQueuedPagesAndRefusesNewOnes() {
        let lanes = PageLanes(count: 1, label: "test.lanes")
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        let ran = Atomic<Int>(0)
        lanes.submit {
            started.signal()
            release.wait()
            ran.add(1, ordering: .sequentiallyConsistent)
            finished.signal()
        }
        #expect(started.wait(timeout: .now() + .seconds(60)) == .success)
        for _ in 0..<5 { lanes.submit { ran.add(1, ordering: .sequentiallyConsistent) } }
        #expect(lanes.waiting == 5)

        lanes.close()
        #expect(lanes.waiting == 0)
        #expect(!lanes.submit { ran.add(1, ordering: .sequentiallyConsistent) })
        release.signal()
        #expect(finished.wait(timeout: .now() + .seconds(60)) == .success)
        // The running page finished; nothing queued behind it or submitted after closing ran.
        lanes.submit { ran.add(100, ordering: .sequentiallyConsistent) }
        let pagesRun = ran.load(ordering: .sequentiallyConsistent)
        #expect(pagesRun == 1)
    }
}
