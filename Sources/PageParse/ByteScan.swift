import Glibc
import PageModel

/// Byte-level searches over a page's UTF-8, for the HTML side's hot paths: Swift's `String` and
/// `Collection` searches compare grapheme clusters or go through generic code, which profiles
/// showed costing more than the parsing around them.
extension UnsafeBufferPointer where Element == UInt8 {
    /// The first index of `byte` in `from..<to` (glibc's vectorized `memchr`), or `to`.
    @inline(__always)
    func index(of byte: UInt8, from: Int, to: Int) -> Int {
        guard from < to, let base = baseAddress else { return to }
        guard let found = memchr(base + from, Int32(byte), to - from) else { return to }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// The first index in `from..<to` holding `first`, `second` or `third`, or `to`, eight bytes
    /// at a time (`WordBytes`: the lowest flagged byte is the match).
    @inline(__always)
    func index(ofAny first: UInt8, _ second: UInt8, _ third: UInt8, from: Int, to: Int) -> Int {
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

    /// True when `pattern` occurs at `position` (and fits before `end`).
    @inline(__always)
    func matches(_ pattern: UnsafeBufferPointer<UInt8>, at position: Int, end: Int) -> Bool {
        guard position >= 0, end - position >= pattern.count else { return false }
        for offset in 0..<pattern.count where self[position + offset] != pattern[offset] { return false }
        return true
    }

    /// Whether `pattern` occurs in `from..<to`. Candidates are found by the pattern's last byte
    /// (memchr): for Chinese words that is a continuation byte, one of sixty-four, while a lead
    /// byte is shared by a sixth of all characters and would stop the search at most of them.
    func contains(_ pattern: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Bool {
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
    func equalsIgnoringASCIICase(_ lowercased: StaticString, from: Int, to: Int) -> Bool {
        guard to - from == lowercased.utf8CodeUnitCount else { return false }
        let pattern = lowercased.utf8Start
        for offset in 0..<(to - from) where asciiLower(self[from + offset]) != pattern[offset] { return false }
        return true
    }

    /// ASCII case-insensitive prefix test of `from..<to` against `lowercased`.
    func hasPrefixIgnoringASCIICase(_ lowercased: StaticString, from: Int, to: Int) -> Bool {
        let count = lowercased.utf8CodeUnitCount
        guard to - from >= count else { return false }
        return equalsIgnoringASCIICase(lowercased, from: from, to: from + count)
    }
}

@inline(__always)
func asciiLower(_ byte: UInt8) -> UInt8 {
    byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// Case-sensitive prefix test of `from..<to` against `prefix`.
    func hasPrefix(_ prefix: StaticString, from: Int, to: Int) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard to - from >= count else { return false }
        let pattern = prefix.utf8Start
        for offset in 0..<count where self[from + offset] != pattern[offset] { return false }
        return true
    }

    /// Unicode scalars in `from..<to` (valid UTF-8): every byte that is not a continuation byte.
    func scalarCount(from: Int, to: Int) -> Int {
        var count = 0
        for index in from..<to where self[index] & 0xC0 != 0x80 { count += 1 }
        return count
    }
}
