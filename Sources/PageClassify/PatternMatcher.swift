import ByteText

/// A multi-pattern matcher over UTF-8 text that reports leftmost-longest, non-overlapping matches:
/// `五角场镇` wins over `五角场`, `浦东新区` over `浦东`, and a match that starts earlier wins over
/// one that starts later. Duplicate patterns report the first index; empty patterns never match.
///
/// Written by hand because no package in this project's mirror provides a multi-pattern matcher,
/// and the greedy definition above is all the classifier needs. It replaced a dense Aho–Corasick
/// automaton whose few hundred KB of transitions missed the cache on almost every byte; here the
/// per-character work touches only a bitset (8 KB, 128 KB for the national gazetteer).
///
/// How: every pattern is at least `keyLength` bytes long (the shortest pattern's length, at most
/// 6, i.e. two CJK characters). At each character boundary the next `keyLength` bytes are hashed
/// and looked up in a bitset of the patterns' first `keyLength` bytes; only on a hit (about 2% of
/// positions in news text) are the patterns of that hash bucket compared, longest first, so the
/// first full match is the longest one starting there. The scan then resumes after the match.
/// Boundaries are found eight bytes at a time from the bytes' high bits rather than by decoding
/// each character's length, so consecutive tries do not wait on one another.
///
/// Only character boundaries are tried, which is exact because the patterns and the text are
/// valid UTF-8 (Swift strings always are): a pattern starts with a leading byte and so cannot
/// match in the middle of a character. Immutable after `init`, hence `Sendable`.
final class PatternMatcher: Sendable {
    struct Match: Sendable, Hashable {
        /// Index into the `patterns` the matcher was built with.
        var pattern: Int
        /// Byte offsets into the searched text, `start..<end`.
        var start: Int
        var end: Int
    }

    fileprivate struct Candidate: Sendable {
        /// The pattern's first `keyLength` bytes, little-endian, as the text window is read.
        var key: UInt64
        var pattern: Int32
        /// The pattern's bytes are `bytes[offset..<(offset + length)]`.
        var offset: Int32
        var length: Int32
    }

    /// Filter and bucket sizes grow with the pattern count, so that the share of set filter bits
    /// (the positions that must look into a bucket) and the bucket length stay small: the national
    /// gazetteer's 85,000 patterns filled a third of a 16-bit filter, and classification spent
    /// most of its time walking crowded buckets.
    let filterBits: Int
    let bucketBits: Int

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

    /// `patterns` as byte collections: the gazetteer passes its names' `utf8` views, which copy
    /// straight into the matcher's storage without an array per name.
    init<Pattern: Collection<UInt8>>(patterns: [Pattern]) {
        patternCount = patterns.count
        // A closure, not `\.count`: the key path went through the runtime for every pattern.
        let shortest = patterns.lazy.map { $0.count }.filter { $0 > 0 }.min()
        let keyLength = min(shortest ?? 0, 6)
        self.keyLength = keyLength
        keyMask = keyLength == 0 ? 0 : (1 << UInt64(8 * keyLength)) - 1
        let filterBits = patterns.count > 4096 ? 20 : 16
        let bucketBits = patterns.count > 4096 ? 16 : 12
        self.filterBits = filterBits
        self.bucketBits = bucketBits

        var storage: [UInt8] = []
        var entries: [(bucket: Int, candidate: Candidate)] = []
        entries.reserveCapacity(patterns.count)
        var bits = [UInt64](repeating: 0, count: (1 << filterBits) / 64)
        for (index, pattern) in patterns.enumerated() where !pattern.isEmpty {
            // Over the pattern's contiguous bytes (a name's UTF-8 view has them): iterating the
            // view a byte at a time was a sixth of building the matcher. The key goes out of the
            // closure rather than the tables into it: a closure that writes captured arrays pays a
            // dynamic exclusivity check per access.
            let key = pattern.withContiguousStorageIfAvailable { Self.key(of: $0, length: keyLength) }
                ?? Self.key(of: Array(pattern), length: keyLength)
            let hash = Self.hash(key, filterBits: filterBits)
            bits[Int(hash >> 6)] |= 1 << (hash & 63)
            entries.append((Int(hash >> UInt64(filterBits - bucketBits)),
                            Candidate(key: key, pattern: Int32(index), offset: Int32(storage.count), length: Int32(pattern.count))))
            storage.append(contentsOf: pattern)
        }
        // Grouped by bucket with a counting sort, which keeps pattern order, then each bucket
        // (one or two entries, typically) ordered longest first by insertion: linear in the number
        // of patterns, where sorting all entries with a comparison closure would dominate the load.
        var starts = [Int32](repeating: 0, count: (1 << bucketBits) + 1)
        for entry in entries { starts[entry.bucket + 1] += 1 }
        for bucket in 0..<(1 << bucketBits) { starts[bucket + 1] += starts[bucket] }
        var fill = starts
        var sorted = [Candidate](repeating: Candidate(key: 0, pattern: 0, offset: 0, length: 0), count: entries.count)
        for (bucket, candidate) in entries {
            var slot = Int(fill[bucket])
            fill[bucket] += 1
            while slot > Int(starts[bucket]), sorted[slot - 1].length < candidate.length {
                sorted[slot] = sorted[slot - 1]
                slot -= 1
            }
            sorted[slot] = candidate
        }

        filter = bits
        bucketStart = starts
        candidates = sorted
        bytes = storage
    }

    /// The first `length` bytes of `pattern`, little-endian, as the scan reads a text window.
    private static func key(of pattern: some Collection<UInt8>, length: Int) -> UInt64 {
        var key: UInt64 = 0
        for (shift, byte) in pattern.prefix(length).enumerated() { key |= UInt64(byte) << UInt64(8 * shift) }
        return key
    }

    /// The top `filterBits` bits of a multiplicative (Fibonacci) hash; the bucket is its top
    /// `bucketBits`, so a set filter bit always leads to a non-empty bucket.
    @inline(__always)
    fileprivate static func hash(_ key: UInt64, filterBits: Int) -> UInt64 {
        (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 &- filterBits)
    }

    /// Runs `body` with a `Scanner` over this matcher's tables. Every text of an article is
    /// scanned inside one call, so the tables are pinned once per article instead of retained
    /// and released around every paragraph.
    func withScanner<Result>(_ body: (Scanner) -> Result) -> Result {
        filter.withUnsafeBufferPointer { filter in
            bucketStart.withUnsafeBufferPointer { bucketStart in
                candidates.withUnsafeBufferPointer { candidates in
                    bytes.withUnsafeBufferPointer { bytes in
                        body(Scanner(keyLength: keyLength, keyMask: keyMask, filterBits: filterBits, bucketShift: filterBits - bucketBits,
                                     filter: filter, bucketStart: bucketStart, candidates: candidates, bytes: bytes))
                    }
                }
            }
        }
    }

    /// Calls `body` for each leftmost-longest non-overlapping match, in text order.
    func forEachMatch(in text: UnsafeBufferPointer<UInt8>, _ body: (Match) -> Void) {
        withScanner { $0.forEachMatch(in: text, body) }
    }

    /// The high bit of each byte of `block` that is not a UTF-8 continuation byte (10xxxxxx).
    @inline(__always)
    fileprivate static func characterStarts(_ block: UInt64) -> UInt64 {
        (~block | (block &<< 1)) & 0x8080_8080_8080_8080
    }

    /// The matcher's tables borrowed for the duration of `withScanner`; valid only inside it.
    struct Scanner {
        fileprivate let keyLength: Int
        fileprivate let keyMask: UInt64
        fileprivate let filterBits: Int
        fileprivate let bucketShift: Int
        fileprivate let filter: UnsafeBufferPointer<UInt64>
        fileprivate let bucketStart: UnsafeBufferPointer<Int32>
        fileprivate let candidates: UnsafeBufferPointer<Candidate>
        fileprivate let bytes: UnsafeBufferPointer<UInt8>

        /// Calls `body` for each leftmost-longest non-overlapping match, in text order. `text` must be
        /// valid UTF-8 (see the type's comment); other bytes are scanned safely but may miss matches.
        func forEachMatch(in text: UnsafeBufferPointer<UInt8>, _ body: (Match) -> Void) {
            guard keyLength > 0 else { return }
            let count = text.count
            let raw = UnsafeRawBufferPointer(text)
            var position = 0
            // Eight bytes at a time: a bit per byte that starts a character (is not 10xxxxxx)
            // gives the positions to try without decoding each character's length, so the tries
            // do not wait on one another. Each try loads its own 8-byte window, so this stops
            // 15 bytes before the end.
            while position &+ 15 <= count {
                let block = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
                position = scanBlock(PatternMatcher.characterStarts(block), at: position, in: text, body) { offset in
                    UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position &+ offset, as: UInt64.self))
                }
            }
            // The last bytes go through a zeroed copy, so that windows read past the text's end
            // read zeros instead; such a window is shorter than every pattern and never matches.
            while position &+ keyLength <= count {
                var scratch: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
                let remaining = count &- position
                let blockStart = position
                position = withUnsafeMutableBytes(of: &scratch) { scratch in
                    scratch.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[blockStart..<count]))
                    let block = UInt64(littleEndian: scratch.load(as: UInt64.self))
                    // Tries only where a whole key still fits; past the text, zeros look like ASCII.
                    let fits = remaining &- keyLength &+ 1
                    let inText: UInt64 = fits >= 8 ? ~0 : (1 &<< UInt64(8 &* fits)) &- 1
                    return scanBlock(PatternMatcher.characterStarts(block) & inText, at: blockStart, in: text, body) { offset in
                        UInt64(littleEndian: scratch.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                    }
                }
            }
        }

        /// Tries the positions `position + k` for each byte k of `starts` in order, and returns where
        /// scanning goes on: after a match, or 8 bytes on.
        @inline(__always)
        private func scanBlock(
            _ starts: UInt64, at position: Int, in text: UnsafeBufferPointer<UInt8>,
            _ body: (Match) -> Void, window load: (Int) -> UInt64
        ) -> Int {
            var starts = starts
            while starts != 0 {
                let offset = starts.trailingZeroBitCount &>> 3
                starts &= starts &- 1
                let window = load(offset) & keyMask
                let hash = PatternMatcher.hash(window, filterBits: filterBits)
                if filter[Int(hash &>> 6)] &>> (hash & 63) & 1 != 0,
                    let match = longestMatch(at: position &+ offset, window: window, hash: hash, in: text)
                {
                    body(match)
                    return match.end
                }
            }
            return position &+ 8
        }

        /// Out of line: it runs at a few percent of positions, and inlined it crowds the scan loop's
        /// registers.
        @inline(never)
        private func longestMatch(at position: Int, window: UInt64, hash: UInt64, in text: UnsafeBufferPointer<UInt8>) -> Match? {
            let bucket = Int(hash >> UInt64(bucketShift))
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
    }

    /// All matches in a string, for callers off the hot path and tests.
    func matches(in string: String) -> [Match] {
        var found: [Match] = []
        UTF8Bytes.withBytes(string) { bytes in forEachMatch(in: bytes) { found.append($0) } }
        return found
    }
}
