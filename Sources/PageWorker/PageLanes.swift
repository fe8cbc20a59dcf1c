import Dispatch
import Synchronization

/// The worker's processing lanes: one shared first-in-first-out queue of pages drained by `count`
/// lane threads. A lane takes the next page only when it is free, so a slow page (a 30 MB page
/// parses for about 0.4 s; the caps allow 64 MiB) holds up only its own lane while the others
/// carry on with the pages queued behind it (with a queue per lane, such a page would stall
/// every page dealt to its lane while the other lanes sat idle).
///
/// Pages of one partition therefore finish in any order; commits never depend on that order (the
/// `OffsetBook` watermarks commit only below the first unfinished offset). Memory stays bounded by
/// the worker's in-flight budget, which counts queued pages as in flight.
final class PageLanes: Sendable {
    typealias Page = @Sendable () -> Void

    private struct Queue {
        var pages: [Page] = []
        /// Index of the next page to hand out; the taken prefix is dropped in bulk, not per page.
        var head = 0
        var closed = false

        mutating func next() -> Page? {
            guard !closed, head < pages.count else { return nil }
            let page = pages[head]
            head += 1
            if head == pages.count {
                pages.removeAll(keepingCapacity: true)
                head = 0
            } else if head > 1024, head * 2 > pages.count {
                pages.removeFirst(head)
                head = 0
            }
            return page
        }
    }

    let count: Int
    private let queue = Mutex(Queue())
    /// One signal per queued page, plus one per lane at `close()`.
    private let queued = DispatchSemaphore(value: 0)

    /// Starts `count` lanes (at least one), each on its own thread labelled `label.N`.
    init(count: Int, label: String) {
        self.count = max(1, count)
        for index in 0..<self.count {
            DispatchQueue(label: "\(label).\(index)").async { self.runLane() }
        }
    }

    /// Queues a page for the next free lane; a closed queue refuses it (returns false).
    @discardableResult
    func submit(_ page: @escaping Page) -> Bool {
        let accepted = queue.withLock { queue in
            guard !queue.closed else { return false }
            queue.pages.append(page)
            return true
        }
        if accepted { queued.signal() }
        return accepted
    }

    /// Pages queued and not yet taken by a lane.
    var waiting: Int { queue.withLock { $0.pages.count - $0.head } }

    /// Stops the lanes: pages still queued are dropped (their offsets stay uncommitted, so Kafka
    /// redelivers them), pages already running finish. Safe to call more than once.
    func close() {
        let wasOpen = queue.withLock { queue in
            defer {
                queue.closed = true
                queue.pages.removeAll()
                queue.head = 0
            }
            return !queue.closed
        }
        guard wasOpen else { return }
        for _ in 0..<count { queued.signal() }
    }

    /// Each wake-up matches one queued page, so an empty queue after waking means closed.
    private func runLane() {
        while true {
            queued.wait()
            guard let page = queue.withLock({ $0.next() }) else { return }
            page()
        }
    }
}
