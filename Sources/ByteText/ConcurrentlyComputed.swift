import Dispatch
import Synchronization

extension Array where Element: Sendable {
    /// `[element(0), element(1), …, element(count - 1)]`, computed on up to `lanes` threads that
    /// each take the next index (items differ in cost, so a fixed split would leave threads idle).
    /// For work on many independent pages whose results must keep their order: `pagepipe parse`
    /// over a window of files, the corpus writer over a window of pages.
    public init(concurrentlyComputing count: Int, lanes: Int, _ element: @Sendable (Int) -> Element) {
        guard lanes > 1, count > 1 else {
            self = (0..<count).map(element)
            return
        }
        let next = Atomic<Int>(0)
        let results = Mutex<[Element?]>(Array<Element?>(repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: Swift.min(lanes, count)) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < count else { return }
                let result = element(index)
                results.withLock { $0[index] = result }
            }
        }
        self = results.withLock { $0.map { $0! } }
    }
}
