/// Dates as pages print them, normalized to `YYYY-MM-DD`: `2013-06-27`, `2013-06-27 00:00:00.0`,
/// `2013/6/27`, `2013年06月27日`, `2017 年 10 月 9 日` (split over elements, so spaced once
/// flattened) and `2017-October-16`.
///
/// Read from UTF-8 bytes: every character the grammar looks at is ASCII or one of 年月日号 and
/// U+3000, and HTML pages pass their whole visible text here.
enum DateText {
    /// The first plausible date in `text`, or nil.
    static func first(in text: String) -> String? {
        UTF8Text.withBytes(text) { first(utf8: $0) }
    }

    /// `first(in:)` for text given as UTF-8, such as a document's whole visible text.
    static func first(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String? {
        // Only ASCII digits start a date; the byte before an ASCII digit is a digit exactly
        // when the scalar before it is.
        var index = 0
        while index < bytes.count {
            if isDigit(bytes[index]), index == 0 || !isDigit(bytes[index - 1]), let date = date(at: index, in: bytes) {
                return date
            }
            index += 1
        }
        return nil
    }

    private static func date(at start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var index = start
        guard let year = number(bytes, &index, maxDigits: 4), year >= 1900, year <= 2100, index - start == 4 else { return nil }
        skipSpaces(bytes, &index)
        guard index < bytes.count else { return nil }
        let separator: UInt8
        switch bytes[index] {
        case UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "."):
            separator = bytes[index]
            index += 1
        default:
            guard UTF8Text.hasPrefix(bytes, "年", at: index) else { return nil }
            separator = 0  // 年
            index += 3
        }
        skipSpaces(bytes, &index)
        var month: Int
        if let value = number(bytes, &index, maxDigits: 2) {
            month = value
        } else if separator == UInt8(ascii: "-"), let value = monthName(bytes, &index) {
            month = value
        } else {
            return nil
        }
        skipSpaces(bytes, &index)
        guard index < bytes.count else { return nil }
        if separator == 0 {
            guard UTF8Text.hasPrefix(bytes, "月", at: index) else { return nil }
            index += 3
        } else {
            guard bytes[index] == separator else { return nil }
            index += 1
        }
        skipSpaces(bytes, &index)
        guard let day = number(bytes, &index, maxDigits: 2) else { return nil }
        if separator == 0 {
            skipSpaces(bytes, &index)
            guard UTF8Text.hasPrefix(bytes, "日", at: index) || UTF8Text.hasPrefix(bytes, "号", at: index) else { return nil }
        } else if index < bytes.count, isDigit(bytes[index]) {
            return nil
        }
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        return "\(year)-\(pad(month))-\(pad(day))"
    }

    private static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ]

    private static func monthName(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> Int? {
        let start = index
        while index < bytes.count, (bytes[index] | 0x20) >= UInt8(ascii: "a"), (bytes[index] | 0x20) <= UInt8(ascii: "z") { index += 1 }
        let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self).lowercased()
        guard word.utf8.count >= 3, let position = months.firstIndex(where: { $0 == word || $0.hasPrefix(word) }) else {
            index = start
            return nil
        }
        return position + 1
    }

    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, maxDigits: Int) -> Int? {
        let start = index
        var value = 0
        while index < bytes.count, index - start < maxDigits, isDigit(bytes[index]) {
            value = value * 10 + Int(bytes[index] - 48)
            index += 1
        }
        return index > start ? value : nil
    }

    private static func skipSpaces(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) {
        while index < bytes.count {
            if bytes[index] == 0x20 {
                index += 1
            } else if UTF8Text.hasPrefix(bytes, "\u{3000}", at: index) {
                index += 3
            } else {
                return
            }
        }
    }

    @inline(__always) private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
