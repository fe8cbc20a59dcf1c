/// UTF-8 answers from bytes rather than grapheme clusters: a string's bytes without a copy,
/// scalars, and prefix, suffix, equality and substring tests against literals (`StaticString`),
/// byte arrays and buffers. Each test has one implementation (`matches` and `contains` on
/// `UnsafeBufferPointer<UInt8>`); the overloads only say where the other side's bytes are.
public enum UTF8Bytes {
    /// Runs `body` on a string's UTF-8 bytes, borrowed when the string is contiguous (native
    /// Swift strings, small ones included, always are); only a bridged string is copied first.
    /// Copying the string into a `var` for `withUTF8` instead would cost a retain and a release.
    @inlinable @inline(__always)
    public static func withBytes<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var contiguous = text
        return contiguous.withUTF8(body)
    }

    // MARK: Scalars

    @inlinable @inline(__always)
    public static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    /// The number of scalars, counting stops once it passes `limit` (returns `limit + 1` then).
    @inlinable
    public static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>, upTo limit: Int = .max) -> Int {
        // A scalar takes at most four bytes: long paragraphs are answered without a scan.
        if bytes.count / 4 > limit { return limit + 1 }
        var count = 0
        for byte in bytes where !isContinuation(byte) {
            count += 1
            if count > limit { return count }
        }
        return count
    }

    @inlinable
    public static func scalarCount(_ text: String, upTo limit: Int = .max) -> Int {
        withBytes(text) { scalarCount($0, upTo: limit) }
    }

    /// The scalar starting at `index` (which must be a lead byte) and the index after it. The
    /// bytes come from a `String`, so they are valid UTF-8; a sequence cut off by the end of a
    /// slice (a caller's mistake) reads as its lead byte rather than past the end.
    @inlinable @inline(__always)
    public static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, next: Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), index + 1) }
        let width = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard bytes.count - index >= width else { return (UInt32(lead), index + 1) }
        if lead < 0xE0 { return ((UInt32(lead & 0x1F) << 6) | UInt32(bytes[index + 1] & 0x3F), index + 2) }
        if lead < 0xF0 {
            return ((UInt32(lead & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F), index + 3)
        }
        let value = (UInt32(lead & 0x07) << 18) | (UInt32(bytes[index + 1] & 0x3F) << 12) | (UInt32(bytes[index + 2] & 0x3F) << 6)
            | UInt32(bytes[index + 3] & 0x3F)
        return (value, index + 4)
    }

    /// Where the scalar that ends right before `end` starts (0 when nothing but continuation
    /// bytes precede it).
    @inlinable
    public static func scalarStart(in bytes: UnsafeBufferPointer<UInt8>, before end: Int) -> Int {
        var start = end - 1
        while start > 0, isContinuation(bytes[start]) { start -= 1 }
        return start
    }

    // MARK: ASCII case

    @inlinable @inline(__always)
    public static func asciiLower(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }

    // MARK: Prefix, suffix, equality, substring

    /// `bytes[index..<end]` starts with `word` (`end` defaults to the end of `bytes`).
    @inlinable @inline(__always)
    public static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ word: UnsafeBufferPointer<UInt8>, at index: Int = 0, end: Int? = nil) -> Bool {
        bytes.matches(word, at: index, end: end ?? bytes.count)
    }

    /// `bytes` ends with `word`.
    @inlinable @inline(__always)
    public static func hasSuffix(_ bytes: UnsafeBufferPointer<UInt8>, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.matches(word, at: bytes.count - word.count, end: bytes.count)
    }

    /// `bytes` is exactly `word`.
    @inlinable @inline(__always)
    public static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count == word.count && bytes.matches(word, at: 0, end: bytes.count)
    }

    /// `word` occurs in `bytes[range]` (all of `bytes` by default); an empty word does.
    @inlinable
    public static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ word: UnsafeBufferPointer<UInt8>, in range: Range<Int>? = nil) -> Bool {
        let range = range ?? 0..<bytes.count
        return bytes.contains(word, from: range.lowerBound, to: range.upperBound)
    }

    // The same four with the word as a literal (`StaticString`, the common case) or a byte array.
    @inlinable @inline(__always) public static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString, at index: Int = 0, end: Int? = nil) -> Bool { hasPrefix(bytes, buffer(word), at: index, end: end) }
    @inlinable @inline(__always) public static func hasSuffix(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool { hasSuffix(bytes, buffer(word)) }
    @inlinable @inline(__always) public static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool { equals(bytes, buffer(word)) }
    @inlinable public static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString, in range: Range<Int>? = nil) -> Bool { contains(bytes, buffer(word), in: range) }

    @inlinable @inline(__always) public static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ word: [UInt8], at index: Int = 0) -> Bool { word.withUnsafeBufferPointer { hasPrefix(bytes, $0, at: index) } }
    @inlinable @inline(__always) public static func hasSuffix(_ bytes: UnsafeBufferPointer<UInt8>, _ word: [UInt8]) -> Bool { word.withUnsafeBufferPointer { hasSuffix(bytes, $0) } }
    @inlinable @inline(__always) public static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ word: [UInt8]) -> Bool { word.withUnsafeBufferPointer { equals(bytes, $0) } }
    @inlinable public static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ word: [UInt8]) -> Bool { word.withUnsafeBufferPointer { contains(bytes, $0) } }

    /// A literal's UTF-8, where the compiler put it.
    @inlinable @inline(__always)
    public static func buffer(_ word: StaticString) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
    }
}

extension String {
    /// Substring test on UTF-8 bytes. `String.contains(_:)` walks grapheme clusters, which would be
    /// the top cost of filtering every line and link for navigation words.
    @inlinable
    public func containsUTF8(_ needle: String) -> Bool {
        UTF8Bytes.withBytes(self) { text in UTF8Bytes.withBytes(needle) { text.contains($0, from: 0, to: text.count) } }
    }
}
