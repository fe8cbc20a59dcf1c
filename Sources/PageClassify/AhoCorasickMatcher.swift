/// A multi-pattern matcher over UTF-8 bytes that reports leftmost-longest, non-overlapping
/// matches: `五角场镇` wins over `五角场`, `浦东新区` over `浦东`, and a match that starts earlier wins
/// over one that starts later.
///
/// Written by hand because no package in this project's mirror provides Aho–Corasick and the whole
/// automaton is about 150 lines. It is a dense DFA (every state has a transition for every byte
/// class), so searching costs one table load per byte with no failure-link chasing; bytes that occur
/// in no pattern share one class, which keeps the table small (a few hundred KB for the gazetteer).
///
/// Leftmost-longest on top of a standard automaton: the current state's depth tells how far back
/// the earliest still-possible match can start. The best candidate so far (leftmost, then
/// longest) is final as soon as that point has moved past its start; the search then resumes right
/// after it, rescanning at most one pattern's length of bytes.
///
/// Patterns and texts must be valid UTF-8 for matches to fall on character boundaries, which Swift
/// strings always are. Immutable after `init`, hence `Sendable` and shareable across threads.
struct AhoCorasickMatcher: Sendable {
    struct Match: Sendable, Hashable {
        /// Index into the `patterns` the matcher was built with.
        var pattern: Int
        /// Byte offsets into the searched text, `start..<end`.
        var start: Int
        var end: Int
    }

    let patternCount: Int
    private let byteClass: [UInt16]
    private let classCount: Int
    private let transitions: [Int32]
    private let depth: [Int32]
    /// The longest pattern that ends at each state, or -1.
    private let longestOutput: [Int32]
    private let patternLength: [Int32]

    /// Builds the automaton. Empty patterns never match; duplicates report the first index.
    init(patterns: [[UInt8]]) {
        patternCount = patterns.count
        var classes = [UInt16](repeating: 0, count: 256)
        var nextClass: UInt16 = 1
        for pattern in patterns {
            for byte in pattern where classes[Int(byte)] == 0 {
                classes[Int(byte)] = nextClass
                nextClass += 1
            }
        }
        let width = Int(nextClass)
        var table = [Int32](repeating: -1, count: width)
        var depths: [Int32] = [0]
        var terminal: [Int32] = [-1]

        for (index, pattern) in patterns.enumerated() where !pattern.isEmpty {
            var state = 0
            for byte in pattern {
                let slot = state * width + Int(classes[Int(byte)])
                if table[slot] < 0 {
                    table[slot] = Int32(depths.count)
                    depths.append(depths[state] + 1)
                    terminal.append(-1)
                    table.append(contentsOf: repeatElement(-1, count: width))
                }
                state = Int(table[slot])
            }
            if terminal[state] < 0 { terminal[state] = Int32(index) }
        }

        // Breadth-first, so a state's failure target is complete before the state is filled in.
        let stateCount = depths.count
        var failure = [Int32](repeating: 0, count: stateCount)
        var output = terminal
        var queue: [Int32] = []
        queue.reserveCapacity(stateCount)
        for symbol in 0..<width {
            let child = table[symbol]
            if child < 0 {
                table[symbol] = 0
            } else {
                queue.append(child)
            }
        }
        var head = 0
        while head < queue.count {
            let state = Int(queue[head])
            head += 1
            let fallback = Int(failure[state])
            if output[state] < 0 { output[state] = output[fallback] }
            for symbol in 0..<width {
                let slot = state * width + symbol
                let child = table[slot]
                if child < 0 {
                    table[slot] = table[fallback * width + symbol]
                } else {
                    failure[Int(child)] = table[fallback * width + symbol]
                    queue.append(child)
                }
            }
        }

        byteClass = classes
        classCount = width
        transitions = table
        depth = depths
        longestOutput = output
        patternLength = patterns.map { Int32($0.count) }
    }

    /// Calls `body` for each leftmost-longest non-overlapping match, in text order.
    func forEachMatch(in text: UnsafeBufferPointer<UInt8>, _ body: (Match) -> Void) {
        let count = text.count
        let width = classCount
        byteClass.withUnsafeBufferPointer { classes in
            transitions.withUnsafeBufferPointer { table in
                depth.withUnsafeBufferPointer { depths in
                    longestOutput.withUnsafeBufferPointer { outputs in
                        var position = 0
                        var state = 0
                        var bestPattern: Int32 = -1
                        var bestStart = 0
                        var bestEnd = 0
                        while true {
                            while position < count {
                                state = Int(table[state * width + Int(classes[Int(text[position])])])
                                position += 1
                                let found = outputs[state]
                                if found >= 0 {
                                    let start = position - Int(patternLength[Int(found)])
                                    if bestPattern < 0 || start <= bestStart {
                                        bestPattern = found
                                        bestStart = start
                                        bestEnd = position
                                    }
                                }
                                // Nothing that is still possible can start at or before bestStart.
                                if bestPattern >= 0, position - Int(depths[state]) > bestStart {
                                    body(Match(pattern: Int(bestPattern), start: bestStart, end: bestEnd))
                                    bestPattern = -1
                                    position = bestEnd
                                    state = 0
                                }
                            }
                            guard bestPattern >= 0 else { return }
                            body(Match(pattern: Int(bestPattern), start: bestStart, end: bestEnd))
                            bestPattern = -1
                            position = bestEnd
                            state = 0
                        }
                    }
                }
            }
        }
    }

    /// All matches in a string, for callers off the hot path and tests.
    func matches(in string: String) -> [Match] {
        var found: [Match] = []
        var text = string
        text.withUTF8 { bytes in forEachMatch(in: bytes) { found.append($0) } }
        return found
    }
}
