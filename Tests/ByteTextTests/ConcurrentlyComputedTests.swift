import Testing

import ByteText

@Suite struct ConcurrentlyComputedTests {
    /// Results come back in index order whatever the number of threads and however uneven the
    /// work (early indices are the slow ones, so later ones finish first).
    @Test func keepsIndexOrder() {
        for lanes in [1, 2, 3, 8] {
            for count in [0, 1, 2, 7, 50] {
                let squares = [Int](concurrentlyComputing: count, lanes: lanes) { index in
                    var spin = 0
                    for step in 0..<((count - index) * 2_000) { spin &+= step }
                    return index * index + (spin == -1 ? 1 : 0)
                }
                #expect(squares == (0..<count).map { $0 * $0 }, "lanes \(lanes), count \(count)")
            }
        }
    }
}
