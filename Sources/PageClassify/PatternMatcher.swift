/// A multi-pattern matcher over UTF-8 text that reports leftmost-longest, non-overlapping matches:
/// `五角场镇` wins over `五角场`, `浦东新区` over `浦东`, and a match that starts earlier wins over
/// one that starts later. Duplicate patterns report the first index; empty patterns never match.
///
/// Written by hand because no package in this project's mirror provides a multi-pattern matcher,
/// and the greedy definition above is all the classifier needs. It replaced a dense Aho–Corasick
/// automaton whose few hundred KB of transitions missed the cache on almost every byte; here the
/// per-character work touches only an 8 KB bitset.
///
/// How: every pattern is at least `keyLength` bytes long (the shortest pattern's length, at most
/// 6, i.e. two CJK characters). At each character boundary the next `keyLength` bytes are hashed
/// and looked up in a bitset of the patterns' first `keyLength` bytes; only on a hit (about 2% of
/// positions in news text) are the patterns of that hash bucket compared, longest first, so the
/// first full match is the longest one starting there. The scan then resumes after the match.
///
/// Only character boundaries are tried, which is exact because the patterns and the text are
/// valid UTF-8 (Swift strings always are): a pattern starts with a leading byte and so cannot
/// match in the middle of a character. Immutable after `init`, hence `Sendable`.
struct PatternMatcher: Sendable {
    struct Match: Sendable, Hashable {
        /// Index into the `patterns` the matcher was built with.
        var pattern: Int
        /// Byte offsets into the searched text, `start..<end`.
        var start: Int
        var end: Int
    }

    private struct Candidate: Sendable {
        /// The pattern's first `keyLength` bytes, little-endian, as the text window is read.
        var key: UInt64
        var pattern: Int32
        /// The pattern's bytes are `bytes[offset..<(offset + length)]`.
        var offset: Int32
        var length: Int32
    }

    static let filterBits = 16
    static let bucketBits = 12

    let patternCount: Int
    /// 1...6, or 0 when no pattern can match.
    private let keyLength: Int
    private let keyMask: UInt64
    /// One bit per hash of a pattern's key; a clear bit rules a position out.
    private let filter: [UInt64]
    /// Candidates of bucket b are `candidates[bucketStart[b]..<bucketStart[b + 1]]`, longest first,
    /// then by pattern index so that a duplicate reports the first index.
    private let bucketStart: [Int32]
    private let candidates: [Candidate]
    private let bytes: [UInt8]

    init(patterns: [[UInt8]]) {
        patternCount = patterns.count
        let shortest = patterns.lazy.map(\.count).filter { $0 > 0 }.min()
        keyLength = min(shortest ?? 0, 6)
        keyMask = keyLength == 0 ? 0 : (1 << UInt64(8 * keyLength)) - 1

        var storage: [UInt8] = []
        var entries: [(bucket: Int, candidate: Candidate)] = []
        var bits = [UInt64](repeating: 0, count: (1 << Self.filterBits) / 64)
        for (index, pattern) in patterns.enumerated() where !pattern.isEmpty {
            var key: UInt64 = 0
            for (shift, byte) in pattern.prefix(keyLength).enumerated() { key |= UInt64(byte) << UInt64(8 * shift) }
            let hash = Self.hash(key)
            bits[Int(hash >> 6)] |= 1 << (hash & 63)
            entries.append((Int(hash >> UInt64(Self.filterBits - Self.bucketBits)),
                            Candidate(key: key, pattern: Int32(index), offset: Int32(storage.count), length: Int32(pattern.count))))
            storage.append(contentsOf: pattern)
        }
        entries.sort { left, right in
            if left.bucket != right.bucket { return left.bucket < right.bucket }
            if left.candidate.length != right.candidate.length { return left.candidate.length > right.candidate.length }
            return left.candidate.pattern < right.candidate.pattern
        }
        var starts = [Int32](repeating: 0, count: (1 << Self.bucketBits) + 1)
        for entry in entries { starts[entry.bucket + 1] += 1 }
        for bucket in 0..<(1 << Self.bucketBits) { starts[bucket + 1] += starts[bucket] }

        filter = bits
        bucketStart = starts
        candidates = entries.map(\.candidate)
        bytes = storage
    }

    /// The top `filterBits` bits of a multiplicative (Fibonacci) hash; the bucket is its top
    /// `bucketBits`, so a set filter bit always leads to a non-empty bucket.
    @inline(__always)
    private static func hash(_ key: UInt64) -> UInt64 {
        (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - filterBits)
    }

    /// Calls `body` for each leftmost-longest non-overlapping match, in text order. `text` must be
    /// valid UTF-8 (see the type's comment); other bytes are scanned safely but may miss matches.
    func forEachMatch(in text: UnsafeBufferPointer<UInt8>, _ body: (Match) -> Void) {
        guard keyLength > 0 else { return }
        let count = text.count
        let raw = UnsafeRawBufferPointer(text)
        let mask = keyMask
        filter.withUnsafeBufferPointer { filter in
            var position = 0
            while position &+ 8 <= count {
                let window = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self)) & mask
                let hash = Self.hash(window)
                if filter[Int(hash &>> 6)] &>> (hash & 63) & 1 != 0, let match = longestMatch(at: position, window: window, hash: hash, in: text) {
                    body(match)
                    position = match.end
                } else {
                    position &+= Self.characterLength(leadingByte: UInt8(truncatingIfNeeded: window))
                }
            }
            while position &+ keyLength <= count {
                var window: UInt64 = 0
                for offset in 0..<keyLength { window |= UInt64(text[position &+ offset]) &<< UInt64(8 &* offset) }
                let hash = Self.hash(window)
                if filter[Int(hash &>> 6)] &>> (hash & 63) & 1 != 0, let match = longestMatch(at: position, window: window, hash: hash, in: text) {
                    body(match)
                    position = match.end
                } else {
                    position &+= Self.characterLength(leadingByte: text[position])
                }
            }
        }
    }

    /// Bytes in the UTF-8 sequence a byte starts (1 for a stray continuation byte), from a table
    /// of one nibble per value of the byte's high nibble.
    @inline(__always)
    private static func characterLength(leadingByte byte: UInt8) -> Int {
        Int(truncatingIfNeeded: (0x4322_1111_1111_1111 as UInt64) >> (UInt64(byte >> 4) << 2)) & 0xF
    }

    @inline(never)
    private func longestMatch(at position: Int, window: UInt64, hash: UInt64, in text: UnsafeBufferPointer<UInt8>) -> Match? {
        let bucket = Int(hash >> UInt64(Self.filterBits - Self.bucketBits))
        let available = text.count - position
        for index in Int(bucketStart[bucket])..<Int(bucketStart[bucket + 1]) {
            let candidate = candidates[index]
            let length = Int(candidate.length)
            guard candidate.key == window, length <= available else { continue }
            let offset = Int(candidate.offset)
            var equal = true
            for index in keyLength..<length where bytes[offset + index] != text[position + index] {
                equal = false
                break
            }
            if equal { return Match(pattern: Int(candidate.pattern), start: position, end: position + length) }
        }
        return nil
    }

    /// All matches in a string, for callers off the hot path and tests.
    func matches(in string: String) -> [Match] {
        var found: [Match] = []
        var text = string
        text.withUTF8 { bytes in forEachMatch(in: bytes) { found.append($0) } }
        return found
    }
}
