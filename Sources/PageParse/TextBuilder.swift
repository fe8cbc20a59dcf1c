import ByteText

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
        UTF8Bytes.withBytes(string) { append($0[...], decodeEntities: false) }
    }

    mutating func append(_ slice: ArraySlice<UInt8>, decodeEntities: Bool) {
        slice.withUnsafeBufferPointer { buffer in
            append(buffer[...], decodeEntities: decodeEntities)
        }
    }

    /// Appends raw UTF-8, optionally decoding character references.
    ///
    /// Most bytes of a page's text need no attention, so the text is copied in runs as long as
    /// possible: a run ends only at something normalization changes (whitespace, a control, a
    /// reference, an invisible code point). Candidates are found eight bytes at a time; the
    /// lead bytes C2, E2, E3 and EF also start common punctuation (`，` `。` `“`), which stays in
    /// the run once its next bytes show it is not one of the few spaces or invisibles.
    mutating func append(_ slice: Slice<UnsafeBufferPointer<UInt8>>, decodeEntities: Bool) {
        let buffer = slice.base
        var index = slice.startIndex
        let end = slice.endIndex
        guard index < end else { return }
        // Grown geometrically: `reserveCapacity` alone allocates exactly what is asked, so a builder
        // fed many text nodes (a whole page's visible text) would copy itself on every append.
        if bytes.capacity < bytes.count + slice.count { bytes.reserveCapacity(max(bytes.count + slice.count, 2 * bytes.capacity)) }
        var runStart = index
        while true {
            index = TextBuilder.nextCandidate(buffer, from: index, to: end)
            guard index < end else { break }
            let byte = buffer[index]
            let edit: (width: Int, space: Bool, scalar: Unicode.Scalar?)
            if byte < 0x80 {
                if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C {
                    edit = (1, true, nil)
                } else if byte == UInt8(ascii: "&") {
                    guard decodeEntities, let (scalar, next) = HTMLEntities.decode(buffer, at: index, end: end) else {
                        index += 1  // a bare `&` is text
                        continue
                    }
                    edit = (next - index, false, scalar)
                } else {
                    edit = (1, false, nil)  // other controls are dropped
                }
            } else if byte == 0xC2, index + 1 < end, buffer[index + 1] == 0xA0 {
                edit = (2, true, nil)
            } else if byte == 0xE3, index + 2 < end, buffer[index + 1] == 0x80, buffer[index + 2] == 0x80 {
                edit = (3, true, nil)
            } else if byte == 0xE2, index + 2 < end, buffer[index + 1] == 0x80,
                buffer[index + 2] <= 0x8B || buffer[index + 2] == 0xAF || buffer[index + 2] == 0xA8 || buffer[index + 2] == 0xA9
            {
                edit = (3, buffer[index + 2] != 0x8B, nil)  // U+200B, the zero-width space, is dropped
            } else if byte == 0xEF, index + 2 < end, buffer[index + 1] == 0xBB, buffer[index + 2] == 0xBF {
                edit = (3, false, nil)
            } else {
                index += 1  // punctuation or another ordinary character: the run goes on
                continue
            }
            if index > runStart {
                flushSpace()
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<index]))
            }
            if edit.space { appendSpace() } else if let scalar = edit.scalar { append(scalar) }
            index += edit.width
            runStart = index
        }
        if end > runStart {
            flushSpace()
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<end]))
        }
    }

    /// The first byte at or after `start` that `needsAttention` (or a C3 lead), or `end`, eight
    /// bytes at a time: the byte tests are combined into one mask, whose lowest set bit is the
    /// candidate (`WordBytes`).
    @inline(__always)
    static func nextCandidate(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var index = start
        if let base = buffer.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= end {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                // `b & 0xDE == 0xC2` holds for C2, C3, E2 and E3 in one test; C3 (Latin-1 letters,
                // rare here) is let through by `append` like other non-candidates.
                let candidates = WordBytes.below(word, 0x21) | WordBytes.equal(word, UInt8(ascii: "&"))
                    | WordBytes.equal(word & WordBytes.repeating(0xDE), 0xC2) | WordBytes.equal(word, 0xEF)
                if candidates != 0 { return index + candidates.trailingZeroBitCount / 8 }
                index += 8
            }
        }
        while index < end, !needsAttention(buffer[index]) { index += 1 }
        return index
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
