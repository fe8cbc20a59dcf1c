import ByteText

/// `content_hash`: what an article says, apart from how it was laid out. The title, then the body
/// (paragraphs, then sub-headings), with every whitespace character left out, hashed with the
/// event ids' 128-bit FNV-1a. A redelivered page gives the same hash; a re-crawl that corrected
/// one character of the body gives another, under the same `id` when the page has its own id.
public enum ContentHash {
    public static func of(title: String, paragraphs: [String], subheadings: [String]) -> String {
        var hash = EventID.FNV1a128()
        hash.add(normalized: title)
        hash.addSeparator()
        for paragraph in paragraphs {
            hash.add(normalized: paragraph)
            hash.addSeparator()
        }
        hash.addSeparator()
        for subheading in subheadings {
            hash.add(normalized: subheading)
            hash.addSeparator()
        }
        return EventID.hex(hash.value)
    }
}

extension EventID.FNV1a128 {
    /// Adds `text` without its whitespace: ASCII, NBSP, U+2000…U+200B, U+3000 and U+FEFF, the
    /// spaces pages indent and pad with, skipped as bytes.
    mutating func add(normalized text: String) {
        UTF8Bytes.withBytes(text) { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                // Most bytes of Chinese text: continuation bytes and the leads E4…E9 of ideographs.
                if byte & 0xC0 == 0x80 || byte &- 0xE4 < 6 {
                    add(byte)
                    index += 1
                    continue
                }
                if byte <= 0x20 || byte == 0x7F { index += 1; continue }
                if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xA0 { index += 2; continue }
                if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] <= 0x8B { index += 3; continue }
                if byte == 0xE3, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x80 { index += 3; continue }
                if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF { index += 3; continue }
                add(byte)
                index += 1
            }
        }
    }
}
