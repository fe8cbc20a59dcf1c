import PageModel
import Testing

@testable import PageClassify

@Suite struct ByteSearchTests {
    static func naiveContains(_ needle: [UInt8], _ haystack: [UInt8]) -> Bool {
        needle.isEmpty || (0..<max(0, haystack.count - needle.count + 1)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    @Test func agreesWithNaiveSearch() {
        var random = SplitMix64(seed: 0xB17E)
        for round in 0..<5000 {
            let haystack = (0..<Int(random.next() % 12)).map { _ in UInt8(random.next() % 3) }
            let needle = (0..<Int(random.next() % 5)).map { _ in UInt8(random.next() % 3) }
            let found = haystack.withUnsafeBufferPointer { ByteSearch.contains(needle, in: $0) }
            let equal = haystack.withUnsafeBufferPointer { ByteSearch.equal(needle, $0) }
            #expect(found == Self.naiveContains(needle, haystack), "round \(round): \(needle) in \(haystack)")
            #expect(equal == (needle == haystack), "round \(round): \(needle) == \(haystack)")
            if found != Self.naiveContains(needle, haystack) || equal != (needle == haystack) { return }
        }
    }
}
