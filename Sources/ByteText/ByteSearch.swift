#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level searches over UTF-8, for the hot paths of parsing and classifying: Swift's `String`
/// and `Collection` searches compare grapheme clusters or go through generic code that is not
/// specialised across module boundaries, and cost more than the parsing and matching around them.
/// Everything is `@inlinable` so that the page core's loops, in other modules, inline it.
extension UnsafeBufferPointer where Element == UInt8 {
    /// The first index of `byte` in `from..<to`, or `to`. Short ranges are scanned in place; longer
    /// ones go to the C library's vectorized `memchr`, whose call costs more than a short loop.
    @inlinable @inline(__always)
    public func index(of byte: UInt8, from: Int, to: Int) -> Int {
        guard from < to, let base = baseAddress else { return to }
        if to - from < 16 {
            var index = from
            while index < to, base[index] != byte { index += 1 }
            return index
        }
        guard let found = memchr(base + from, Int32(byte), to - from) else { return to }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// The first index in `from..<to` holding `first`, `second` or `third`, or `to`, eight bytes
    /// at a time (`WordBytes`: the lowest flagged byte is the match).
    @inlinable @inline(__always)
    public func index(ofAny first: UInt8, _ second: UInt8, _ third: UInt8, from: Int, to: Int) -> Int {
        var index = from
        if let base = baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= to {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let found = WordBytes.equal(word, first) | WordBytes.equal(word, second) | WordBytes.equal(word, third)
                if found != 0 { return index + found.trailingZeroBitCount / 8 }
                index += 8
            }
        }
        while index < to, self[index] != first, self[index] != second, self[index] != third { index += 1 }
        return index
    }

    /// True when `pattern` occurs at `position` and fits before `end`: the one prefix, suffix and
    /// equality test that the `UTF8Bytes` forms build on.
    @inlinable @inline(__always)
    public func matches(_ pattern: UnsafeBufferPointer<UInt8>, at position: Int, end: Int) -> Bool {
        guard position >= 0, end - position >= pattern.count else { return false }
        for offset in 0..<pattern.count where self[position + offset] != pattern[offset] { return false }
        return true
    }

    /// Whether `pattern` occurs in `from..<to`; an empty pattern does. Candidates are found by the
    /// pattern's last byte: for Chinese words that is a continuation byte, one of sixty-four, while
    /// a lead byte is shared by a sixth of all characters and would stop the search at most of them.
    @inlinable
    public func contains(_ pattern: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Bool {
        guard let last = pattern.last else { return true }
        var end = from + pattern.count - 1
        while true {
            end = index(of: last, from: end, to: to)
            guard end < to else { return false }
            if matches(pattern, at: end + 1 - pattern.count, end: to) { return true }
            end += 1
        }
    }

    /// ASCII case-insensitive comparison of `from..<to` with `lowercased` (which must be lower case).
    @inlinable
    public func equalsIgnoringASCIICase(_ lowercased: StaticString, from: Int, to: Int) -> Bool {
        guard to - from == lowercased.utf8CodeUnitCount else { return false }
        let pattern = lowercased.utf8Start
        for offset in 0..<(to - from) where UTF8Bytes.asciiLower(self[from + offset]) != pattern[offset] { return false }
        return true
    }

    /// ASCII case-insensitive prefix test of `from..<to` against `lowercased`.
    @inlinable
    public func hasPrefixIgnoringASCIICase(_ lowercased: StaticString, from: Int, to: Int) -> Bool {
        let count = lowercased.utf8CodeUnitCount
        guard to - from >= count else { return false }
        return equalsIgnoringASCIICase(lowercased, from: from, to: from + count)
    }
}
