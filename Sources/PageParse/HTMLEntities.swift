/// Character references (`&nbsp;`, `&#12288;`, `&#x201C;`, `&ldquo;`). Only the named entities
/// that e-paper templates and their editors actually emit are known; an unknown name is kept as
/// literal text, which is what a browser does for an undefined reference too.
enum HTMLEntities {
    /// Decodes the reference starting at `start` (which holds `&`). Returns the scalar and the
    /// index just past the reference, or nil when the bytes there are not a reference.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, end: Int) -> (Unicode.Scalar, Int)? {
        var index = start + 1
        guard index < end else { return nil }
        if bytes[index] == UInt8(ascii: "#") {
            index += 1
            var radix: UInt32 = 10
            if index < end, bytes[index] | 0x20 == UInt8(ascii: "x") { radix = 16; index += 1 }
            var value: UInt32 = 0
            var digits = 0
            while index < end, digits < 8, let digit = hexValue(bytes[index]), digit < radix {
                value = value * radix + digit
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            if index < end, bytes[index] == UInt8(ascii: ";") { index += 1 }
            // Windows-1252 code points mislabelled as numeric references are common in GBK-era pages.
            let scalar = Unicode.Scalar(value == 0 ? 0xFFFD : value) ?? "\u{FFFD}"
            return (scalar, index)
        }
        let nameStart = index
        while index < end, index - nameStart < 10, isAlphanumeric(bytes[index]) { index += 1 }
        guard index > nameStart else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<index]), as: UTF8.self)
        guard let value = named[name] ?? named[name.lowercased()] else { return nil }
        let terminated = index < end && bytes[index] == UInt8(ascii: ";")
        // Legacy pages write `&nbsp` without `;`; accept that only for the classic Latin-1 few.
        guard terminated || legacyUnterminated.contains(name) else { return nil }
        return (value, terminated ? index + 1 : index)
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static let legacyUnterminated: Set<String> = ["nbsp", "amp", "lt", "gt", "quot", "copy", "reg"]

    private static let named: [String: Unicode.Scalar] = [
        "nbsp": "\u{A0}", "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'",
        "ldquo": "\u{201C}", "rdquo": "\u{201D}", "lsquo": "\u{2018}", "rsquo": "\u{2019}",
        "bdquo": "\u{201E}", "sbquo": "\u{201A}", "laquo": "\u{AB}", "raquo": "\u{BB}",
        "middot": "\u{B7}", "hellip": "\u{2026}", "mdash": "\u{2014}", "ndash": "\u{2013}",
        "emsp": "\u{2003}", "ensp": "\u{2002}", "thinsp": "\u{2009}", "zwsp": "\u{200B}",
        "copy": "\u{A9}", "reg": "\u{AE}", "trade": "\u{2122}", "times": "\u{D7}", "divide": "\u{F7}",
        "bull": "\u{2022}", "deg": "\u{B0}", "plusmn": "\u{B1}", "yen": "\u{A5}", "sect": "\u{A7}",
        "para": "\u{B6}", "prime": "\u{2032}", "Prime": "\u{2033}", "larr": "\u{2190}", "rarr": "\u{2192}",
        "uarr": "\u{2191}", "darr": "\u{2193}", "permil": "\u{2030}", "micro": "\u{B5}", "frac12": "\u{BD}",
        "frac14": "\u{BC}", "frac34": "\u{BE}", "sup2": "\u{B2}", "sup3": "\u{B3}", "alpha": "\u{3B1}",
        "beta": "\u{3B2}", "pi": "\u{3C0}", "le": "\u{2264}", "ge": "\u{2265}", "ne": "\u{2260}",
        "shy": "\u{AD}", "iexcl": "\u{A1}", "cent": "\u{A2}", "pound": "\u{A3}", "euro": "\u{20AC}",
    ]
}
