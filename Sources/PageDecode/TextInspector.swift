import PageModel

/// Byte-level check on inflated page bytes: is this text at all, and is it plain ASCII. One pass
/// answers both, so a page that is ASCII needs no UTF-8 validation afterwards.
enum TextInspector {
    struct Inspection {
        /// Why the bytes are not text, or nil when they look like text.
        var binaryReason: String?
        /// No byte is 0x80 or above: the bytes are valid UTF-8 and read the same in every charset here.
        var isASCII: Bool
    }

    /// A NUL in the first 1 KB, or more than 1% C0 control bytes other than tab, newline, carriage
    /// return, form feed and escape, marks binary data. No byte of a GBK/GB18030 or UTF-8 multibyte
    /// sequence is below 0x20, so counting on bytes equals counting control characters in the decoded
    /// text, without decoding first.
    static func inspect(_ bytes: UnsafeRawBufferPointer) -> Inspection {
        var controls = 0
        var firstNUL: Int?
        var highBits: UInt64 = 0
        func inspect(_ offset: Int) {
            switch bytes[offset] {
            case 0x20...: return
            case 0x09, 0x0A, 0x0C, 0x0D, 0x1B: return
            case 0: if firstNUL == nil { firstNUL = offset }; controls += 1
            default: controls += 1
            }
        }
        var offset = 0
        // Eight bytes at a time: `WordBytes.below` is non-zero exactly when some byte is < 0x20.
        while offset + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            highBits |= word
            if WordBytes.below(word, 0x20) != 0 {
                for index in offset..<offset + 8 { inspect(index) }
            }
            offset += 8
        }
        while offset < bytes.count {
            highBits |= UInt64(bytes[offset])
            inspect(offset)
            offset += 1
        }
        let isASCII = highBits & 0x8080_8080_8080_8080 == 0

        if let firstNUL, firstNUL < 1024 {
            return Inspection(binaryReason: "NUL byte at offset \(firstNUL) (\(controls) control bytes in \(bytes.count))", isASCII: isASCII)
        }
        if controls * 100 > bytes.count {
            return Inspection(binaryReason: "\(controls) control bytes in \(bytes.count) (over 1%)", isASCII: isASCII)
        }
        return Inspection(binaryReason: nil, isASCII: isASCII)
    }
}
