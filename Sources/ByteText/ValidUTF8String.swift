extension String {
    /// A String over bytes the caller knows are valid UTF-8, copied without validating them again.
    ///
    /// `String(decoding:as:)` re-validates every byte, which for Chinese text costs many times a
    /// plain copy (figures in BENCHMARKS.md, "Why the page core's shortcuts exist"). Text cut from an already valid String at ASCII boundaries (tags, quotes,
    /// entity ends, line breaks) or written by a UTF-8 encoder is valid by construction; only such
    /// bytes may come here. Debug builds, and so the test suite, still check every call.
    @inlinable
    public init(validUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        assert(String(validating: bytes, as: UTF8.self) != nil, "String(validUTF8:) was given invalid UTF-8")
        // The ASCII flag matters: without it lower-casing, comparing and appending take the
        // Unicode paths even for an ASCII href or class name.
        self = String(copying: UTF8Span(unchecked: bytes.span, isKnownASCII: String.isASCII(bytes)))
    }

    @usableFromInline
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let raw = UnsafeRawBufferPointer(bytes)
        var index = 0
        while index + 8 <= raw.count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < raw.count {
            if raw[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    /// The same for an array's bytes.
    @inlinable
    public init(validUTF8 bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { String(validUTF8: $0) }
    }
}
