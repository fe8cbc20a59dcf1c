/// Byte-level building blocks for the line helpers (`PageLabel`, `Byline`, `NavigationResidue`,
/// `ArticleBody`): every plain-text line and most HTML blocks pass through them, so they answer
/// from UTF-8 bytes instead of walking grapheme clusters or copying scalars into arrays.
enum UTF8Text {
    /// Runs `body` on the string's UTF-8 without copying native strings.
    @inline(__always)
    static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var copy = text
        return copy.withUTF8(body)
    }

    @inline(__always)
    static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    /// The number of scalars, counting stops once it passes `limit` (returns `limit + 1` then).
    static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>, upTo limit: Int) -> Int {
        // A scalar takes at most four bytes: long paragraphs are answered without a scan.
        if bytes.count / 4 > limit { return limit + 1 }
        var count = 0
        for byte in bytes where !isContinuation(byte) {
            count += 1
            if count > limit { return count }
        }
        return count
    }

    static func scalarCount(_ text: String, upTo limit: Int) -> Int {
        withBytes(text) { scalarCount($0, upTo: limit) }
    }

    /// The scalar starting at `index` (which must be a lead byte) and the index after it.
    @inline(__always)
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, next: Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), index + 1) }
        if lead < 0xE0 { return ((UInt32(lead & 0x1F) << 6) | UInt32(bytes[index + 1] & 0x3F), index + 2) }
        if lead < 0xF0 {
            return ((UInt32(lead & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F), index + 3)
        }
        let value = (UInt32(lead & 0x07) << 18) | (UInt32(bytes[index + 1] & 0x3F) << 12) | (UInt32(bytes[index + 2] & 0x3F) << 6)
            | UInt32(bytes[index + 3] & 0x3F)
        return (value, index + 4)
    }

    /// Where the text starts once `TextBuilder` normalization would have dropped its leading
    /// whitespace: ASCII controls and spaces, NBSP and the ideographic space. Other leading
    /// format characters are left in place, so callers must treat what follows as unknown
    /// unless it is plainly visible text (see `isPlainLead`).
    static func afterLeadingSpace(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte <= 0x20 {
                index += 1
            } else if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xA0 {
                index += 2
            } else if byte == 0xE3, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x80 {
                index += 3
            } else {
                break
            }
        }
        return index
    }

    /// True for a lead byte whose scalar is visible text that normalization keeps as is and that
    /// is not whitespace to `Character` either: printable ASCII, U+00C0–U+0FFF, U+4000–U+EFFF
    /// and beyond the BMP. Not plain: leads C2 (NBSP, NEL, soft hyphen), E1 (U+1680, U+180E),
    /// E2 (U+2000–U+206F spaces and format characters), E3 (U+3000) and EF (the BOM), whatever
    /// `TextBuilder` does or will do with them.
    @inline(__always)
    static func isPlainLead(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x21...0x7E, 0xC3...0xE0, 0xE4...0xEE, 0xF0...0xF4: true
        default: false
        }
    }

    /// Scalars that are a whole `Character` whatever their neighbours, are in NFC and have no
    /// canonical equivalent but themselves, and (but for U+0020) are not whitespace. In a string
    /// made only of these, `Character` comparison, `hasPrefix`, `count` and `trimmingWhitespace`
    /// agree with plain byte and scalar operations. Deliberately narrow: anything else takes the
    /// `String` path. `SimpleScalarTests` checks the list against the standard library.
    @inline(__always)
    static func isSimple(_ value: UInt32) -> Bool {
        switch value {
        case 0x20...0x7E, 0xA1...0xAC, 0xAE...0xFF: true
        case 0x2010...0x2027, 0x2030...0x205E: true
        case 0x2460...0x24FF, 0x2500...0x27BF: true
        case 0x3001...0x3029, 0x3030...0x303F, 0x3041...0x3096, 0x309B...0x30FF: true
        case 0x3400...0x4DBF, 0x4E00...0x9FFF: true
        case 0xFF01...0xFF60, 0xFFE0...0xFFE6: true
        default: false
        }
    }

    static func isSimple(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte < 0x20 || byte == 0x7F { return false }
                index += 1
                continue
            }
            let (value, next) = scalar(in: bytes, at: index)
            if !isSimple(value) { return false }
            index = next
        }
        return true
    }

    /// `needle` occurs in `bytes[range]`.
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: StaticString, in range: Range<Int>? = nil) -> Bool {
        let range = range ?? 0..<bytes.count
        let count = needle.utf8CodeUnitCount
        guard count > 0 else { return true }
        guard range.count >= count else { return false }
        let word = UnsafeBufferPointer(start: needle.utf8Start, count: count)
        let first = word[0]
        var index = range.lowerBound
        let last = range.upperBound - count
        while index <= last {
            if bytes[index] == first {
                var offset = 1
                while offset < count, bytes[index + offset] == word[offset] { offset += 1 }
                if offset == count { return true }
            }
            index += 1
        }
        return false
    }

    /// `bytes[index...]` starts with `word`.
    @inline(__always)
    static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString, at index: Int = 0) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let start = word.utf8Start
        for offset in 0..<count where bytes[index + offset] != start[offset] { return false }
        return true
    }

    /// `bytes` ends with `word`.
    @inline(__always)
    static func hasSuffix(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        return count <= bytes.count && hasPrefix(bytes, word, at: bytes.count - count)
    }

    /// `bytes` is exactly `word`.
    @inline(__always)
    static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        bytes.count == word.utf8CodeUnitCount && hasPrefix(bytes, word)
    }
}
