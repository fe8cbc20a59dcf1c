import ByteText
import PageModel

/// Page labels in every form the papers print: `第07版:城事·三区`, `第07版：城事·三区`, `07版:要闻`,
/// `第A01版：头版`, `第1版　　　要闻`, `第 3 版`, and (page lists only) `A01： 头版`. The one place
/// that reads them, for HTML and plain text alike.
///
/// Everything but the page name is ASCII, 第, 版 or a colon, so labels are read from UTF-8 bytes;
/// every plain-text line and many links come through here, and almost all are rejected by
/// `mayBeLabel` before anything is normalized or allocated.
enum PageLabel {
    /// Parses a string that is nothing but a label (after whitespace normalization).
    /// With `requireBanSuffix` false, `A01： 头版` (number, colon, name) is accepted too.
    static func parse(_ raw: String, requireBanSuffix: Bool = true) -> PageRef? {
        UTF8Bytes.withBytes(raw) { parse(utf8: $0, requireBanSuffix: requireBanSuffix) }
    }

    /// `parse(_:requireBanSuffix:)` for text given as UTF-8 (valid, as from a `String`), so a
    /// caller holding bytes need not build a `String` for the many texts that are no label.
    static func parse(utf8 raw: UnsafeBufferPointer<UInt8>, requireBanSuffix: Bool = true) -> PageRef? {
        guard mayBeLabel(utf8: raw, requireBanSuffix: requireBanSuffix) else { return nil }
        return UTF8Text.withNormalized(raw) { parseNormalized($0, requireBanSuffix: requireBanSuffix) }
    }

    static func mayBeLabel(_ raw: String, requireBanSuffix: Bool) -> Bool {
        UTF8Bytes.withBytes(raw) { mayBeLabel(utf8: $0, requireBanSuffix: requireBanSuffix) }
    }

    /// False only for texts `parse` rejects: a label's normalized text starts with 第 or an
    /// ASCII letter or digit, and holds 版 (or, without `requireBanSuffix`, at least a colon).
    /// A first character hidden behind something normalization might drop is not judged.
    static func mayBeLabel(utf8 bytes: UnsafeBufferPointer<UInt8>, requireBanSuffix: Bool) -> Bool {
        let start = UTF8Text.afterLeadingSpace(bytes)
        guard start < bytes.count else { return false }
        let lead = bytes[start]
        if UTF8Text.isPlainLead(lead), !isLabelByte(lead), !UTF8Bytes.hasPrefix(bytes, "第", at: start) { return false }
        let rest = start..<bytes.count
        if UTF8Bytes.contains(bytes, "版", in: rest) { return true }
        return !requireBanSuffix && (UTF8Bytes.contains(bytes, ":", in: rest) || UTF8Bytes.contains(bytes, "：", in: rest))
    }

    /// `parse` on normalized text.
    private static func parseNormalized(_ text: UnsafeBufferPointer<UInt8>, requireBanSuffix: Bool) -> PageRef? {
        guard !text.isEmpty, UTF8Bytes.scalarCount(text, upTo: 80) <= 80 else { return nil }
        var index = 0
        func skipSpaces() { while index < text.count, text[index] == 0x20 { index += 1 } }
        var hadDi = false
        if UTF8Bytes.hasPrefix(text, "第") { index = 3; hadDi = true; skipSpaces() }
        guard let number = readNumber(text, &index) else { return nil }
        skipSpaces()
        if UTF8Bytes.hasPrefix(text, "版", at: index) {
            index += 3
        } else if requireBanSuffix || hadDi {
            return nil
        } else {
            guard index < text.count, text[index] == UInt8(ascii: ":") || UTF8Bytes.hasPrefix(text, "：", at: index) else { return nil }
        }
        skipSpaces()
        if index < text.count, text[index] == UInt8(ascii: ":") {
            index += 1
        } else if UTF8Bytes.hasPrefix(text, "：", at: index) {
            index += 3
        }
        guard let name = pageName(UnsafeBufferPointer(rebasing: text[index...])) else { return nil }
        // PageRef's initializer would normalize the number through Character-based trimming and
        // matching; `normalizedNumber(_:)` gives the same for a number `readNumber` accepted.
        var page = PageRef(number: nil, name: name.isEmpty ? nil : name)
        page.number = normalizedNumber(text, number)
        return page
    }

    /// The name after the label, or nil when it is navigation or a sentence, not a page name.
    private static func pageName(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard UTF8Text.isSimple(bytes) else {
            // Rare text (combining marks, unusual spaces): the grapheme-aware original.
            let name = String(decoding: bytes, as: UTF8.self).trimmingWhitespace()
            guard !containsNavigation(name) else { return nil }
            if name.unicodeScalars.count > 40 || name.firstRange(of: "。") != nil { return nil }
            return name
        }
        // In simple text every scalar is a Character and U+0020 is the only whitespace.
        var lower = 0
        var upper = bytes.count
        while lower < upper, bytes[lower] == 0x20 { lower += 1 }
        while upper > lower, bytes[upper - 1] == 0x20 { upper -= 1 }
        let name = UnsafeBufferPointer(rebasing: bytes[lower..<upper])
        // `第3版 下一版` style leftovers and a sentence after the label are not page names.
        guard UTF8Bytes.scalarCount(name, upTo: 40) <= 40, !containsNavigation(name, orFullStop: true) else { return nil }
        return String(validUTF8: name)
    }

    /// Finds a label (`第07版`, `07版`) anywhere inside a longer text and returns its page number.
    static func findNumber(in text: String) -> String? {
        UTF8Bytes.withBytes(UTF8Text.normalized(text)) { text in
            // Positions inside a multi-byte scalar never start 第 or an ASCII number, and the byte
            // before an ASCII or 第 start is ASCII only when the scalar before it is.
            var start = 0
            while start < text.count {
                var index = start
                if UTF8Bytes.hasPrefix(text, "第", at: index) { index += 3 }
                while index < text.count, text[index] == 0x20 { index += 1 }
                let isBoundary = start == 0 || !isLabelByte(text[start - 1])
                if isBoundary, let number = readNumber(text, &index) {
                    while index < text.count, text[index] == 0x20 { index += 1 }
                    if UTF8Bytes.hasPrefix(text, "版", at: index) { return normalizedNumber(text, number) }
                }
                start += 1
            }
            return nil
        }
    }

    static func containsNavigation(_ text: String) -> Bool {
        UTF8Bytes.withBytes(text) { containsNavigation($0) }
    }

    /// 上一版, 下一版, 下载, PDF, 上一篇 or 下一篇, in one pass.
    static func containsNavigation(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        containsNavigation(text, orFullStop: false)
    }

    private static func containsNavigation(_ text: UnsafeBufferPointer<UInt8>, orFullStop: Bool) -> Bool {
        for index in text.indices {
            switch text[index] {
            case 0xE4 where UTF8Bytes.hasPrefix(text, "上一", at: index) || UTF8Bytes.hasPrefix(text, "下一", at: index):
                if UTF8Bytes.hasPrefix(text, "版", at: index + 6) || UTF8Bytes.hasPrefix(text, "篇", at: index + 6) { return true }
            case 0xE4 where UTF8Bytes.hasPrefix(text, "下载", at: index): return true
            case UInt8(ascii: "P") where UTF8Bytes.hasPrefix(text, "PDF", at: index): return true
            case 0xE3 where orFullStop && UTF8Bytes.hasPrefix(text, "。", at: index): return true
            default: break
            }
        }
        return false
    }

    /// `07`, `7`, `A01`, `a1`: at most two letters then one to three digits.
    private static func readNumber(_ text: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> Range<Int>? {
        let start = index
        while index < text.count, index - start < 2, isLetter(text[index]) { index += 1 }
        let digitsStart = index
        while index < text.count, index - digitsStart < 3, isDigit(text[index]) { index += 1 }
        guard index > digitsStart else { index = start; return nil }
        if index < text.count, isDigit(text[index]) { index = start; return nil }
        return start..<index
    }

    /// `PageRef.normalizedNumber` for what `readNumber` accepts (ASCII letters and digits only):
    /// digits lose their leading zeros, lettered labels are upper-cased.
    private static func normalizedNumber(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        let number = UnsafeBufferPointer(rebasing: text[range])
        if number.allSatisfy(isDigit) {
            guard let firstNonZero = number.firstIndex(where: { $0 != UInt8(ascii: "0") }) else { return "0" }
            return String(validUTF8: UnsafeBufferPointer(rebasing: number[firstNonZero...]))
        }
        return String(unsafeUninitializedCapacity: number.count) { output in
            for (position, byte) in number.enumerated() { output[position] = isLetter(byte) ? byte & ~0x20 : byte }
            return number.count
        }
    }

    @inline(__always) private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    @inline(__always) private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    @inline(__always) private static func isLabelByte(_ byte: UInt8) -> Bool { isDigit(byte) || isLetter(byte) }
}
