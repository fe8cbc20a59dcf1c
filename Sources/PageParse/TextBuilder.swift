import PageModel

/// Accumulates visible text as UTF-8 and normalizes whitespace on the way in.
///
/// Normalization (the same for HTML and plain text, so both renderings of a page give equal
/// strings): every run of whitespace, whether ASCII, NBSP (U+00A0, `&nbsp;`), the ideographic
/// space (U+3000, the `　　` paragraph indent) or another Unicode space, becomes one ASCII space;
/// leading and trailing whitespace is dropped; zero-width spaces and BOMs are removed. So
/// `本报讯  日前` and `本报讯　　日前` both read `本报讯 日前`. Chinese punctuation is kept as is.
struct TextBuilder {
    private(set) var bytes: [UInt8] = []
    private var pendingSpace = false

    var isEmpty: Bool { bytes.isEmpty }

    /// Marks a word break (e.g. `<br>` inside a title): a space unless at the start or end.
    mutating func appendSpace() {
        if !bytes.isEmpty { pendingSpace = true }
    }

    mutating func append(_ scalar: Unicode.Scalar) {
        if TextBuilder.isSpace(scalar) { return appendSpace() }
        if scalar == "\u{200B}" || scalar == "\u{FEFF}" || scalar == "\u{AD}" { return }
        flushSpace()
        if let encoded = UTF8.encode(scalar) { bytes.append(contentsOf: encoded) }
    }

    mutating func append(_ string: String) {
        var copy = string
        copy.withUTF8 { append($0[...], decodeEntities: false) }
    }

    mutating func append(_ slice: ArraySlice<UInt8>, decodeEntities: Bool) {
        slice.withUnsafeBufferPointer { buffer in
            append(buffer[...], decodeEntities: decodeEntities)
        }
    }

    /// Appends raw UTF-8, optionally decoding character references.
    ///
    /// Most bytes of a page's text need no attention, so runs of them are copied in one go; only
    /// ASCII whitespace and controls, `&`, and the lead bytes of the few multi-byte whitespace and
    /// invisible code points (C2, E2, E3, EF) drop to the byte-by-byte path.
    mutating func append(_ slice: Slice<UnsafeBufferPointer<UInt8>>, decodeEntities: Bool) {
        let buffer = slice.base
        var index = slice.startIndex
        let end = slice.endIndex
        bytes.reserveCapacity(bytes.count + slice.count)
        while index < end {
            let runStart = index
            while index < end, !TextBuilder.needsAttention(buffer[index]) { index += 1 }
            if index > runStart {
                flushSpace()
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<index]))
                if index == end { break }
            }
            let byte = buffer[index]
            if byte < 0x80 {
                if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C {
                    appendSpace()
                } else if byte == UInt8(ascii: "&"), decodeEntities,
                    let (scalar, next) = HTMLEntities.decode(buffer, at: index, end: end)
                {
                    append(scalar)
                    index = next
                    continue
                } else if byte >= 0x20 {
                    flushSpace()
                    bytes.append(byte)
                }
                index += 1
                continue
            }
            // Multi-byte sequences: only the few whitespace code points need attention.
            if byte == 0xC2, index + 1 < end, buffer[index + 1] == 0xA0 {
                appendSpace(); index += 2; continue
            }
            if byte == 0xE3, index + 2 < end, buffer[index + 1] == 0x80, buffer[index + 2] == 0x80 {
                appendSpace(); index += 3; continue
            }
            if byte == 0xE2, index + 2 < end, buffer[index + 1] == 0x80 {
                let third = buffer[index + 2]
                if third <= 0x8A || third == 0xAF || third == 0xA8 || third == 0xA9 { appendSpace(); index += 3; continue }
                if third == 0x8B { index += 3; continue }  // zero-width space
            }
            if byte == 0xEF, index + 2 < end, buffer[index + 1] == 0xBB, buffer[index + 2] == 0xBF {
                index += 3; continue
            }
            flushSpace()
            bytes.append(byte)
            index += 1
        }
    }

    /// ASCII controls and space, `&`, and the lead bytes C2, E2, E3, EF.
    @inline(__always)
    static func needsAttention(_ byte: UInt8) -> Bool {
        if byte < 0x80 { return byte <= 0x20 || byte == UInt8(ascii: "&") }
        return byte == 0xC2 || byte == 0xE2 || byte == 0xE3 || byte == 0xEF
    }

    /// Whether appending `slice` to an empty builder would leave it non-empty, decided at the
    /// first visible character instead of building the text (same rules as `append`).
    static func hasVisibleText(_ slice: Slice<UnsafeBufferPointer<UInt8>>, decodeEntities: Bool) -> Bool {
        let buffer = slice.base
        var index = slice.startIndex
        let end = slice.endIndex
        while index < end {
            let byte = buffer[index]
            if byte < 0x80 {
                if byte > 0x20, byte != UInt8(ascii: "&") { return true }
                if byte == UInt8(ascii: "&") {
                    guard decodeEntities, let (scalar, next) = HTMLEntities.decode(buffer, at: index, end: end) else { return true }
                    if !isSpace(scalar), scalar != "\u{200B}", scalar != "\u{FEFF}", scalar != "\u{AD}" { return true }
                    index = next
                    continue
                }
                index += 1
                continue
            }
            if byte == 0xC2, index + 1 < end, buffer[index + 1] == 0xA0 { index += 2; continue }
            if byte == 0xE3, index + 2 < end, buffer[index + 1] == 0x80, buffer[index + 2] == 0x80 { index += 3; continue }
            if byte == 0xE2, index + 2 < end, buffer[index + 1] == 0x80 {
                let third = buffer[index + 2]
                if third <= 0x8B || third == 0xAF || third == 0xA8 || third == 0xA9 { index += 3; continue }
            }
            if byte == 0xEF, index + 2 < end, buffer[index + 1] == 0xBB, buffer[index + 2] == 0xBF { index += 3; continue }
            return true
        }
        return false
    }

    /// The text so far (never with a trailing space) and a reset builder.
    mutating func take() -> String {
        // Valid by construction: whole runs of valid input cut at ASCII bytes, and encoded scalars.
        let text = String(validUTF8: bytes)
        bytes.removeAll(keepingCapacity: true)
        pendingSpace = false
        return text
    }

    private mutating func flushSpace() {
        if pendingSpace {
            bytes.append(0x20)
            pendingSpace = false
        }
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0C, 0x0D, 0x20, 0xA0, 0x3000, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F: true
        default: false
        }
    }

    /// Normalizes a whole string with the rules above.
    static func normalize(_ text: String) -> String {
        var builder = TextBuilder()
        builder.append(text)
        return builder.take()
    }
}
