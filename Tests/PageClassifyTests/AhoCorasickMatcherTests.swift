import Testing

@testable import PageClassify

@Suite struct AhoCorasickMatcherTests {
    @Test func prefersLeftmostThenLongest() {
        let matcher = AhoCorasickMatcher(patterns: ["五角场", "五角场镇", "浦东", "浦东新区", "角场镇党委"].map { Array($0.utf8) })
        let found = matcher.matches(in: "五角场镇党委在浦东新区").map(\.pattern)
        #expect(found == [1, 3])
        #expect(matcher.matches(in: "五角场街道").map(\.pattern) == [0])
        #expect(matcher.matches(in: "").isEmpty)
    }

    /// The definition the automaton must agree with: from each resume point, the earliest start
    /// with any match, the longest pattern there, then resume after it.
    static func naiveMatches(_ patterns: [[UInt8]], in text: [UInt8]) -> [AhoCorasickMatcher.Match] {
        var found: [AhoCorasickMatcher.Match] = []
        var start = 0
        while start < text.count {
            var best: (pattern: Int, length: Int)?
            for (index, pattern) in patterns.enumerated() where !pattern.isEmpty && pattern.count <= text.count - start {
                if text[start..<(start + pattern.count)].elementsEqual(pattern), pattern.count > (best?.length ?? 0) {
                    best = (index, pattern.count)
                }
            }
            if let best {
                found.append(.init(pattern: best.pattern, start: start, end: start + best.length))
                start += best.length
            } else {
                start += 1
            }
        }
        return found
    }

    @Test func agreesWithNaiveMatcherOnRandomInputs() {
        var random = SplitMix64(seed: 0x5EED)
        let alphabet: [UInt8] = Array("abc".utf8) + Array("镇区".utf8)
        for round in 0..<500 {
            var patterns: [[UInt8]] = []
            var seen: Set<[UInt8]> = []
            for _ in 0..<(1 + Int(random.next() % 8)) {
                let length = 1 + Int(random.next() % 5)
                let pattern = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
                if seen.insert(pattern).inserted { patterns.append(pattern) }
            }
            let text = (0..<Int(random.next() % 60)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            let matcher = AhoCorasickMatcher(patterns: patterns)
            var actual: [AhoCorasickMatcher.Match] = []
            text.withUnsafeBufferPointer { bytes in matcher.forEachMatch(in: bytes) { actual.append($0) } }
            let expected = Self.naiveMatches(patterns, in: text)
            #expect(actual == expected, "round \(round): patterns \(patterns) text \(text)")
            if actual != expected { return }
        }
    }
}

/// A small deterministic generator so that a failing property case can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
