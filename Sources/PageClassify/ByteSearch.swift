/// Substring tests over UTF-8 bytes for the short names the classifier looks into (page names,
/// paper names: a few dozen bytes).
///
/// Hand-written because the only library search at hand, Foundation's `DataProtocol.firstRange(of:)`,
/// is generic and unspecialised across the module boundary: it cost tens of thousands of
/// instructions per page name, more than matching the whole article. `memmem` would need a C call
/// per rule for haystacks this short.
enum ByteSearch {
    /// Whether `needle` occurs in `haystack` as a contiguous run of bytes; an empty needle does.
    static func contains(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = needle.first else { return true }
        let needleCount = needle.count
        guard needleCount <= haystack.count else { return false }
        var start = 0
        let lastStart = haystack.count - needleCount
        while start <= lastStart {
            if haystack[start] == first {
                var offset = 1
                while offset < needleCount, haystack[start + offset] == needle[offset] { offset += 1 }
                if offset == needleCount { return true }
            }
            start += 1
        }
        return false
    }

    /// Runs `body` on a string's UTF-8 bytes, borrowed when the string is contiguous (a native
    /// Swift string always is): copying it into a `var` for `withUTF8` costs a retain and a release.
    static func withBytes<Result>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var contiguous = text
        return contiguous.withUTF8(body)
    }

    static func contains(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        needle.withUnsafeBufferPointer { contains($0, in: haystack) }
    }

    static func hasSuffix(_ suffix: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard suffix.count <= bytes.count else { return false }
        return equal(suffix, UnsafeBufferPointer(rebasing: bytes[(bytes.count - suffix.count)...]))
    }

    static func equal(_ left: [UInt8], _ right: UnsafeBufferPointer<UInt8>) -> Bool {
        left.withUnsafeBufferPointer { equal($0, right) }
    }

    static func equal(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
        guard left.count == right.count else { return false }
        for index in 0..<left.count where left[index] != right[index] { return false }
        return true
    }
}
