import Testing

@testable import PageParse

/// The tree builder's storage: elements survive growth and moves, and the buffer frees itself
/// (a leak or double free here would show up under a sanitizer as the suites run).
@Suite struct UncheckedBufferTests {
    @Test func keepsEveryElementAcrossGrowthAndMoves() {
        var buffer = UncheckedBuffer<Int>(capacity: 1)
        for value in 0..<100 { buffer.append(value * 3) }
        buffer[7] = -1
        let removed = buffer.removeLast()
        #expect(removed == 297)
        // Values are read out first: `#expect` cannot take a non-copyable value apart itself.
        let moved = buffer
        let (count, last, elements) = (moved.count, moved.last, moved.array())
        #expect(count == 99)
        #expect(last == 294)
        #expect(elements == (0..<99).map { $0 == 7 ? -1 : $0 * 3 })
    }

    @Test func startsEmpty() {
        let buffer = UncheckedBuffer<UInt8>(capacity: 0)
        let (isEmpty, last, elements) = (buffer.isEmpty, buffer.last, buffer.array())
        #expect(isEmpty)
        #expect(last == nil)
        #expect(elements.isEmpty)
    }
}
