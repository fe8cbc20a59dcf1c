/// Byte-level checks on inflated page bytes: is this UTF-8, is this text at all.
enum TextInspector {
    /// True when `bytes` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
    /// Eight ASCII bytes are checked at a time: most of an HTML page is ASCII markup.
    static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let count = bytes.count
        var index = 0
        while index < count {
            if index + 8 <= count, bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                continue
            }
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return false
            }
            guard index + length <= count else { return false }
            let second = bytes[index + 1]
            guard second >= lower, second <= upper else { return false }
            for offset in 2..<max(2, length) where bytes[index + offset] & 0xC0 != 0x80 { return false }
            index += length
        }
        return true
    }

    /// Why the bytes are not text, or nil when they look like text. A NUL in the first 1 KB, or more
    /// than 1% C0 control bytes other than tab, newline, carriage return, form feed and escape, marks
    /// binary data. No byte of a GBK/GB18030 or UTF-8 multibyte sequence is below 0x20, so counting on
    /// bytes equals counting control characters in the decoded text, without decoding first.
    static func binaryReason(_ bytes: UnsafeRawBufferPointer) -> String? {
        var controls = 0
        var firstNUL: Int?
        for (offset, byte) in bytes.enumerated() where byte < 0x20 {
            switch byte {
            case 0x09, 0x0A, 0x0C, 0x0D, 0x1B: continue
            case 0: if firstNUL == nil { firstNUL = offset }; controls += 1
            default: controls += 1
            }
        }
        if let firstNUL, firstNUL < 1024 {
            return "NUL byte at offset \(firstNUL) (\(controls) control bytes in \(bytes.count))"
        }
        if controls * 100 > bytes.count {
            return "\(controls) control bytes in \(bytes.count) (over 1%)"
        }
        return nil
    }
}
