import ByteText

/// The parser's byte-level judgements of text (is it simple, plain, normalized already), for the
/// line helpers (`PageLabel`, `Byline`, `NavigationResidue`, `ArticleBody`): every plain-text line
/// and most HTML blocks pass through them, so they answer from UTF-8 bytes instead of walking
/// grapheme clusters. The generic byte operations they build on are `ByteText`'s `UTF8Bytes`.
enum UTF8Text {
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
            // U+5000–U+9FFF (leads E5–E9), the bulk of Chinese text, is simple throughout; so is
            // U+4000–U+4FFF (lead E4) but for the hexagrams U+4DC0–U+4DFF (E4 B7 xx).
            if byte >= 0xE5 && byte <= 0xE9 || (byte == 0xE4 && index + 1 < bytes.count && bytes[index + 1] != 0xB7) {
                index += 3
                continue
            }
            let (value, next) = UTF8Bytes.scalar(in: bytes, at: index)
            if !isSimple(value) { return false }
            index = next
        }
        return true
    }

    // MARK: Whitespace normalization shortcuts

    /// `TextBuilder.normalize(text)` without the builder when the text is normalized already
    /// (visible text, lone inner ASCII spaces, no outer whitespace): link texts, table cells and
    /// plain-text lines mostly are.
    static func normalized(_ text: String) -> String {
        UTF8Bytes.withBytes(text, isNormalized) ? text : TextBuilder.normalize(text)
    }

    /// The bytes are what `TextBuilder.normalize` would return for them (see `normalized`).
    static func isNormalized(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.isEmpty || (spaceWidth(bytes, at: 0, end: bytes.count) == nil
            && spaceWidthBefore(bytes, bytes.count, start: 0) == nil && plainness(bytes, 0..<bytes.count) == .asIs)
    }

    /// Runs `body` on the normalized form of `bytes`, building it only when it differs.
    static func withNormalized<R>(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        isNormalized(bytes) ? body(bytes) : UTF8Bytes.withBytes(TextBuilder.normalize(String(decoding: bytes, as: UTF8.self)), body)
    }

    /// The width of an ASCII space or tab, NBSP or ideographic space at `index`, else nil.
    @inline(__always)
    static func spaceWidth(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> Int? {
        switch buffer[index] {
        case 0x20, 0x09: return 1
        case 0xC2: return end - index >= 2 && buffer[index + 1] == 0xA0 ? 2 : nil
        case 0xE3: return end - index >= 3 && buffer[index + 1] == 0x80 && buffer[index + 2] == 0x80 ? 3 : nil
        default: return nil
        }
    }

    /// `spaceWidth` for the whitespace that ends right before `end`.
    @inline(__always)
    static func spaceWidthBefore(_ buffer: UnsafeBufferPointer<UInt8>, _ end: Int, start: Int) -> Int? {
        let last = buffer[end - 1]
        if last == 0x20 || last == 0x09 { return 1 }
        if last == 0xA0, end - start >= 2, buffer[end - 2] == 0xC2 { return 2 }
        if last == 0x80, end - start >= 3, buffer[end - 3] == 0xE3, buffer[end - 2] == 0x80 { return 3 }
        return nil
    }

    enum Plainness {
        /// Normalized already: visible text and lone ASCII spaces.
        case asIs
        /// Visible text with other spaces or runs of them.
        case collapsingSpaces
        /// Holds something only `TextBuilder` should judge.
        case other
    }

    /// Printable ASCII, the four spaces of `spaceWidth` and visible non-ASCII text only: nothing
    /// from the ranges where Unicode keeps its other spaces and invisible format characters
    /// (U+0080–U+00A0, U+00AD, U+1xxx, U+2000–U+200F, U+2028–U+202F, U+2040–U+207F, U+3000,
    /// U+E000–U+FEFF, U+FF80–U+FFDF, U+FFF0–U+FFFF, U+40000 and up). The byte after a
    /// lead is checked only where the lead alone does not decide.
    static func plainness(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Plainness {
        var result = Plainness.asIs
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            if let width = spaceWidth(buffer, at: index, end: end) {
                // Outer spaces are cut off already, so a space has text after it.
                if width > 1 || buffer[index] != 0x20 || index + 1 == end || spaceWidth(buffer, at: index + 1, end: end) != nil {
                    result = .collapsingSpaces
                }
                index += width
                continue
            }
            let byte = buffer[index]
            if byte < 0x80 {
                if byte < 0x21 || byte == 0x7F { return .other }
                index += 1
                continue
            }
            if byte >= 0xE4 && byte <= 0xE9 {
                index += 3  // U+4000–U+9FFF, the bulk of the text: always three bytes
                continue
            }
            guard end - index >= 2 else { return .other }
            let second = buffer[index + 1]
            switch byte {
            case 0xC2: if second < 0xA1 || second == 0xAD { return .other }
            case 0xC3...0xDF, 0xE0, 0xEA...0xED, 0xF0: break
            case 0xE2:
                if second == 0x80 {
                    guard end - index >= 3 else { return .other }
                    let third = buffer[index + 2]
                    if !(0x90...0xA7).contains(third) && third < 0xB0 { return .other }
                } else if second == 0x81 {
                    return .other
                }
            case 0xE3: break  // U+3000 is a space above
            case 0xEF:
                if second != 0xBC && second != 0xBD && !(second == 0xBF && end - index >= 3 && (0xA0...0xAF).contains(buffer[index + 2])) {
                    return .other
                }
            default: return .other
            }
            index += 1
            while index < end, UTF8Bytes.isContinuation(buffer[index]) { index += 1 }
        }
        return result
    }
}
