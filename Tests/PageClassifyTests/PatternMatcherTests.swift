import PageModel
import Testing

@testable import PageClassify

@Suite struct PatternMatcherTests {
    @Test func prefersLeftmostThenLongest() {
        let matcher = PatternMatcher(patterns: ["五角场", "五角场镇", "浦东", "浦东新区", "角场镇党委"].map { Array($0.utf8) })
        let found = matcher.matches(in: "五角场镇党委在浦东新区").map(\.pattern)
        #expect(found == [1, 3])
        #expect(matcher.matches(in: "五角场街道").map(\.pattern) == [0])
        #expect(matcher.matches(in: "").isEmpty)
    }

    @Test func duplicatesReportTheFirstIndexAndEmptyPatternsNeverMatch() {
        let matcher = PatternMatcher(patterns: ["", "杨浦", "杨浦区", "杨浦", "杨浦区"].map { Array($0.utf8) })
        #expect(matcher.matches(in: "杨浦区和杨浦") == [
            .init(pattern: 2, start: 0, end: 9), .init(pattern: 1, start: 12, end: 18),
        ])
        #expect(PatternMatcher(patterns: [[UInt8]()]).matches(in: "abc").isEmpty)
        #expect(PatternMatcher(patterns: [[UInt8]]()).matches(in: "abc").isEmpty)
    }

    @Test func matchesAtTheVeryEndOfShortAndLongTexts() {
        let matcher = PatternMatcher(patterns: ["闸北", "闸北区"].map { Array($0.utf8) })
        #expect(matcher.matches(in: "闸北") == [.init(pattern: 0, start: 0, end: 6)])
        #expect(matcher.matches(in: "原闸北区") == [.init(pattern: 1, start: 3, end: 12)])
        #expect(matcher.matches(in: "原闸") == [])
        #expect(matcher.matches(in: String(repeating: "a", count: 100) + "闸北区").map(\.start) == [100])
    }

    /// The definition the matcher must agree with: from each resume point, the earliest start
    /// with any match, the longest pattern there (the first index among equal ones), then resume
    /// after it.
    static func naiveMatches(_ patterns: [[UInt8]], in text: [UInt8]) -> [PatternMatcher.Match] {
        var found: [PatternMatcher.Match] = []
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

    /// Characters of every UTF-8 length, several sharing leading bytes, so that patterns overlap,
    /// nest and share prefixes, and windows straddle character boundaries.
    static let alphabet: [String] = ["a", "b", "é", "Ж", "镇", "区", "闸", "浦", "𠀋", "𠀀"]

    static func randomString(_ random: inout SplitMix64, maxLength: Int) -> String {
        (0..<Int(random.next() % UInt64(maxLength + 1))).map { _ in
            alphabet[Int(random.next() % UInt64(alphabet.count))]
        }.joined()
    }

    /// Texts glued from pieces of the patterns (whole, prefixes, suffixes) and random characters,
    /// so that near-misses and back-to-back matches are common.
    static func randomText(_ random: inout SplitMix64, from patterns: [String], pieces: Int) -> String {
        var text = ""
        for _ in 0..<Int(random.next() % UInt64(pieces + 1)) {
            let pattern = patterns.isEmpty ? [] : Array(patterns[Int(random.next() % UInt64(patterns.count))])
            switch random.next() % 4 {
            case 0: text += String(pattern)
            case 1: text += String(pattern.prefix(Int(random.next() % UInt64(pattern.count + 1))))
            case 2: text += String(pattern.suffix(Int(random.next() % UInt64(pattern.count + 1))))
            default: text += randomString(&random, maxLength: 3)
            }
        }
        return text
    }

    /// The same greedy definition by dictionary lookup of every length at every position: as
    /// obviously right as `naiveMatches`, and fast enough for the national gazetteer's patterns.
    static func lookupMatches(_ patterns: [[UInt8]], in text: [UInt8]) -> [PatternMatcher.Match] {
        var first: [[UInt8]: Int] = [:]
        for (index, pattern) in patterns.enumerated() where !pattern.isEmpty && first[pattern] == nil { first[pattern] = index }
        let lengths = Set(first.keys.map(\.count)).sorted(by: >)
        var found: [PatternMatcher.Match] = []
        var start = 0
        while start < text.count {
            let match = lengths.lazy.filter { $0 <= text.count - start }.compactMap { length in
                first[Array(text[start..<(start + length)])].map { PatternMatcher.Match(pattern: $0, start: start, end: start + length) }
            }.first
            if let match {
                found.append(match)
                start = match.end
            } else {
                start += 1
            }
        }
        return found
    }

    static func expectAgreement(_ patterns: [String], _ text: String, _ matcher: PatternMatcher, _ label: String) -> Bool {
        let expected = naiveMatches(patterns.map { Array($0.utf8) }, in: Array(text.utf8))
        let actual = matcher.matches(in: text)
        #expect(actual == expected, "\(label): patterns \(patterns) text \(text)")
        return actual == expected
    }

    @Test func agreesWithNaiveMatcherOnRandomInputs() {
        var random = SplitMix64(seed: 0x5EED)
        for round in 0..<3000 {
            // Duplicates and empty patterns are kept on purpose.
            let patterns = (0..<(1 + Int(random.next() % 12))).map { _ in Self.randomString(&random, maxLength: 5) }
            let matcher = PatternMatcher(patterns: patterns.map { Array($0.utf8) })
            for sample in 0..<5 {
                let text = Self.randomText(&random, from: patterns, pieces: 12)
                guard Self.expectAgreement(patterns, text, matcher, "round \(round).\(sample)") else { return }
            }
        }
    }

    /// Enough patterns that hash buckets are shared and filter bits collide.
    @Test func agreesWithNaiveMatcherWhenBucketsAreCrowded() {
        var random = SplitMix64(seed: 0xB0C4E7)
        let patterns = (0..<1500).map { _ in Self.randomString(&random, maxLength: 4) + "镇" }
        let matcher = PatternMatcher(patterns: patterns.map { Array($0.utf8) })
        for sample in 0..<40 {
            let text = Self.randomText(&random, from: patterns, pieces: 20)
            guard Self.expectAgreement(patterns, text, matcher, "sample \(sample)") else { return }
        }
    }

    @Test func agreesWithNaiveMatcherOnTheBundledGazetteer() throws {
        let gazetteer = try Gazetteer.bundled()
        let patterns = gazetteer.patternTerms
        var random = SplitMix64(seed: 0x6A2E)
        let filler = ["的", "在", "上", "海", "新", "区", "镇", "路", "，", "1", " ", "街道"]
        for sample in 0..<300 {
            var text = ""
            for _ in 0..<Int(random.next() % 30) {
                let pattern = Array(patterns[Int(random.next() % UInt64(patterns.count))])
                switch random.next() % 4 {
                case 0: text += String(pattern)
                case 1: text += String(pattern.dropLast())
                case 2: text += String(pattern.dropFirst())
                default: text += filler[Int(random.next() % UInt64(filler.count))]
                }
            }
            let expected = Self.lookupMatches(patterns.map { Array($0.utf8) }, in: Array(text.utf8))
            let actual = gazetteer.matcher.matches(in: text)
            #expect(actual == expected, "sample \(sample): text \(text)")
            guard actual == expected else { return }
        }
    }
}

