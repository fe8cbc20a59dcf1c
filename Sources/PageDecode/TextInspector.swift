import ByteText

/// Byte-level check on inflated page bytes, in one pass: is this text at all, is it plain ASCII,
/// and is it valid UTF-8. A UTF-8 page then needs no second pass to validate before it becomes a
/// String, and an ASCII page none at all.
enum TextInspector {
    struct Inspection {
        /// Why the bytes are not text, or nil when they look like text.
        var binaryReason: String?
        /// No byte is 0x80 or above: the bytes are valid UTF-8 and read the same in every charset here.
        var isASCII: Bool
        /// The bytes are well-formed UTF-8 (as `String(validating:as:)` accepts them).
        var isUTF8: Bool
    }

    /// A NUL in the first 1 KB, or more than 1% C0 control bytes other than tab, newline, carriage
    /// return, form feed and escape, marks binary data. No byte of a GBK/GB18030 or UTF-8 multibyte
    /// sequence is below 0x20, so counting on bytes equals counting control characters in the decoded
    /// text, without decoding first.
    static func inspect(_ bytes: UnsafeRawBufferPointer) -> Inspection {
        var controls = 0
        var firstNUL: Int?
        var isASCII = true
        var isUTF8 = true
        func inspect(_ offset: Int) {
            switch bytes[offset] {
            case 0x20...: return
            case 0x09, 0x0A, 0x0C, 0x0D, 0x1B: return
            case 0: if firstNUL == nil { firstNUL = offset }; controls += 1
            default: controls += 1
            }
        }
        let count = bytes.count
        var offset = 0
        while offset < count {
            if offset + 8 <= count {
                let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                let high = word & WordBytes.highs
                if high != 0 { isASCII = false }
                // Eight bytes at a time unless a multibyte UTF-8 sequence must be checked:
                // `WordBytes.below` is non-zero exactly when some byte is < 0x20.
                if high == 0 || !isUTF8 {
                    if WordBytes.below(word, 0x20) != 0 {
                        for index in offset..<offset + 8 { inspect(index) }
                    }
                    offset += 8
                    continue
                }
            }
            let byte = bytes[offset]
            if byte < 0x80 {
                inspect(offset)
                offset += 1
            } else if isUTF8, let length = utf8SequenceLength(bytes, at: offset) {
                isASCII = false
                offset += length  // no byte of a multibyte sequence is a control byte
            } else {
                isASCII = false
                isUTF8 = false
                offset += 1
            }
        }

        var reason: String?
        if let firstNUL, firstNUL < 1024 {
            reason = "NUL byte at offset \(firstNUL) (\(controls) control bytes in \(count))"
        } else if controls * 100 > count {
            reason = "\(controls) control bytes in \(count) (over 1%)"
        }
        return Inspection(binaryReason: reason, isASCII: isASCII, isUTF8: isUTF8)
    }

    /// The length of the well-formed UTF-8 sequence whose lead byte (≥ 0x80) is at `offset`, or nil
    /// (Unicode's table 3-7: no overlong forms, surrogates or values past U+10FFFF, nothing cut off).
    @inline(__always)
    private static func utf8SequenceLength(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Int? {
        let lead = bytes[offset]
        let remaining = bytes.count - offset
        func continuation(_ index: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            let byte = bytes[offset + index]
            return byte >= low && byte <= high
        }
        switch lead {
        case 0xC2...0xDF:
            return remaining >= 2 && continuation(1) ? 2 : nil
        case 0xE0...0xEF:
            guard remaining >= 3 else { return nil }
            let second = lead == 0xE0 ? continuation(1, 0xA0) : lead == 0xED ? continuation(1, 0x80, 0x9F) : continuation(1)
            return second && continuation(2) ? 3 : nil
        case 0xF0...0xF4:
            guard remaining >= 4 else { return nil }
            let second = lead == 0xF0 ? continuation(1, 0x90) : lead == 0xF4 ? continuation(1, 0x80, 0x8F) : continuation(1)
            return second && continuation(2) && continuation(3) ? 4 : nil
        default:
            return nil
        }
    }
}
