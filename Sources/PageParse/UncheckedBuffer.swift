/// Append-only storage of plain values with unchecked access, for the tree builder's inner loop,
/// which appends or updates a node several times per tag: an Array checks uniqueness, capacity
/// and bounds on each of those. Not copyable, so exactly one value owns the storage and its
/// `deinit` frees it: a copy could free it twice or leave it to nobody.
struct UncheckedBuffer<Element: BitwiseCopyable>: ~Copyable {
    private var storage: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        storage = .allocate(capacity: self.capacity)
    }

    /// The elements are plain values (`BitwiseCopyable`), so nothing needs deinitializing first.
    deinit { storage.deallocate() }

    var isEmpty: Bool { count == 0 }

    var last: Element? { count > 0 ? storage[count - 1] : nil }

    @inline(__always)
    subscript(index: Int) -> Element {
        get { storage[index] }
        nonmutating set { storage[index] = newValue }
    }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { grow() }
        (storage + count).initialize(to: element)
        count += 1
    }

    @inline(__always)
    @discardableResult
    mutating func removeLast() -> Element {
        count -= 1
        return storage[count]
    }

    /// The elements as an Array (one copy).
    func array() -> [Element] { Array(UnsafeBufferPointer(start: storage, count: count)) }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: storage, count: count)
        storage.deallocate()
        storage = larger
        capacity *= 2
    }
}
