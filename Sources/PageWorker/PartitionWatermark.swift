/// Tracks one partition's pages from the moment they are taken until their events are acknowledged,
/// and answers the only question a commit may ask: up to where is *everything* done?
///
/// Pages are taken in offset order but finish in any order (they run concurrently), so the
/// committable offset is the first unfinished offset, or one past the last taken offset when all
/// are done. Offsets may have gaps (compacted topics, transaction markers); only taken offsets count.
/// Not thread-safe: the worker guards it with its own lock.
struct PartitionWatermark {
    /// Taken offsets in order, with whether each is done; `head` skips the finished prefix without
    /// shifting the array on every completion.
    private var offsets: [Int64] = []
    private var done: [Bool] = []
    private var head = 0
    /// One past the highest offset taken so far, or the committed start when nothing was taken.
    private(set) var nextOffset: Int64?

    init(startingAt committed: Int64? = nil) {
        nextOffset = committed
    }

    /// Pages taken and not yet finished.
    private(set) var inFlight = 0
    var isIdle: Bool { head == offsets.count }

    /// Records that the page at `offset` was taken. Offsets must increase; a repeated or older
    /// offset (a redelivery after a seek) is refused so it cannot move the watermark backwards.
    mutating func take(_ offset: Int64) -> Bool {
        if let last = offsets.last, offset <= last { return false }
        offsets.append(offset)
        done.append(false)
        nextOffset = offset + 1
        inFlight += 1
        return true
    }

    /// Marks the page at `offset` finished (its events or its dead letter acknowledged).
    mutating func finish(_ offset: Int64) {
        // Binary search: completions arrive out of order over the live window.
        var low = head, high = offsets.count
        while low < high {
            let mid = (low + high) / 2
            if offsets[mid] < offset { low = mid + 1 } else { high = mid }
        }
        guard low < offsets.count, offsets[low] == offset, !done[low] else { return }
        done[low] = true
        inFlight -= 1
        while head < offsets.count, done[head] { head += 1 }
        if head > 1024, head * 2 > offsets.count {
            offsets.removeFirst(head)
            done.removeFirst(head)
            head = 0
        }
    }

    /// The offset to commit (the next one to consume): every page before it is finished.
    var committable: Int64? {
        head < offsets.count ? offsets[head] : nextOffset
    }
}
