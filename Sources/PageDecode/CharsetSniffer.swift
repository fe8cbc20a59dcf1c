import ByteText

/// Finds what a page says about its own charset: a byte-order mark, a `charset=` parameter, or a
/// `<meta>` declaration near the top. Works on bytes, before any decoding, as browsers do.
enum CharsetSniffer {
    /// Founder pages declare their charset in the first few lines of `<head>`; 2 KB covers that with a
    /// wide margin while keeping the scan off the rest of the page.
    static let metaScanBytes = 2048

    enum ByteOrderMark: Equatable {
        case charset(PageCharset, length: Int)
        /// UTF-16/32: not used by these sites, reported as unsupported rather than as binary.
        case unsupported(String)
    }

    static func byteOrderMark(_ bytes: UnsafeRawBufferPointer) -> ByteOrderMark? {
        if starts(bytes, [0xEF, 0xBB, 0xBF]) { return .charset(.utf8, length: 3) }
        if starts(bytes, [0x84, 0x31, 0x95, 0x33]) { return .charset(.gb18030, length: 4) }
        if starts(bytes, [0xFF, 0xFE, 0, 0]) || starts(bytes, [0, 0, 0xFE, 0xFF]) { return .unsupported("UTF-32") }
        if starts(bytes, [0xFF, 0xFE]) || starts(bytes, [0xFE, 0xFF]) { return .unsupported("UTF-16") }
        return nil
    }

    /// The `charset=` parameter of a `Content-Type` value, e.g. `gb2312` from `text/html; charset=gb2312`.
    static func charsetParameter(ofContentType value: String) -> String? {
        UTF8Bytes.withBytes(value) { charsetValue(in: UnsafeRawBufferPointer($0)) }
    }

    /// The charset named by the first `<meta …charset…>` tag in the first `metaScanBytes` bytes,
    /// covering both `<meta charset="utf-8">` and `<meta http-equiv=… content="…; charset=gb2312">`.
    static func metaCharset(_ bytes: UnsafeRawBufferPointer) -> String? {
        let head = UnsafeRawBufferPointer(rebasing: bytes[0..<min(bytes.count, metaScanBytes)])
        var index = 0
        while let tagStart = find(Array("<meta".utf8), in: head, from: index) {
            var tagEnd = tagStart + 5
            while tagEnd < head.count, head[tagEnd] != UInt8(ascii: ">") { tagEnd += 1 }
            let tag = UnsafeRawBufferPointer(rebasing: head[tagStart..<tagEnd])
            if let value = charsetValue(in: tag) { return value }
            index = tagEnd
        }
        return nil
    }

    /// The token after `charset` `=` (optionally quoted) anywhere in `bytes`, case-insensitively.
    private static func charsetValue(in bytes: UnsafeRawBufferPointer) -> String? {
        var index = 0
        while let found = find(Array("charset".utf8), in: bytes, from: index) {
            var cursor = found + 7
            index = cursor
            while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") else { continue }
            cursor += 1
            while cursor < bytes.count, [UInt8(ascii: " "), UInt8(ascii: "\""), UInt8(ascii: "'")].contains(bytes[cursor]) {
                cursor += 1
            }
            let start = cursor
            while cursor < bytes.count, isTokenByte(bytes[cursor]) { cursor += 1 }
            if cursor > start { return String(decoding: bytes[start..<cursor], as: UTF8.self) }
        }
        return nil
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: ":"),
            UInt8(ascii: "."):
            true
        default: false
        }
    }

    /// Case-insensitive search for a lower-case ASCII `needle`.
    private static func find(_ needle: [UInt8], in haystack: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard needle.count <= haystack.count, start <= haystack.count - needle.count else { return nil }
        var position = start
        while position <= haystack.count - needle.count {
            var matched = true
            for offset in 0..<needle.count where haystack[position + offset] | 0x20 != needle[offset] {
                matched = false
                break
            }
            if matched { return position }
            position += 1
        }
        return nil
    }

    private static func starts(_ bytes: UnsafeRawBufferPointer, _ prefix: [UInt8]) -> Bool {
        bytes.count >= prefix.count && zip(bytes, prefix).allSatisfy { $0 == $1 }
    }
}
