import ByteText

/// Dates as pages print them, normalized to `YYYY-MM-DD`: `2013-06-27`, `2013-06-27 00:00:00.0`,
/// `2013/6/27`, `2013年06月27日`, `2017 年 10 月 9 日` (split over elements, so spaced once
/// flattened) and `2017-October-16`.
///
/// Read from UTF-8 bytes: every character the grammar looks at is ASCII or one of 年月日号 and
/// U+3000, and HTML pages pass their whole visible text here.
enum DateText {
    /// The first plausible date in `text`, or nil.
    static func first(in text: String) -> String? {
        UTF8Bytes.withBytes(text) { first(utf8: $0) }
    }

    /// `first(in:)` for text given as UTF-8, such as a document's whole visible text.
    static func first(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard case .found(let date) = first(utf8: bytes, from: 0, textIsComplete: true) else { return nil }
        return date
    }

    /// What a search over text that may still grow found.
    enum Search: Equatable {
        case found(String)
        /// No date starts before the end of the text so far.
        case notFound
        /// The candidate at this offset reads to the end of the text so far: more text decides it.
        case undecided(at: Int)
    }

    /// The first date starting at or after `start`, in text that is complete or still growing at
    /// its end (a page's visible text while it is built). A growing text's answer is final only
    /// where it did not depend on a byte past the end: resuming from `undecided(at:)` or, after
    /// `notFound`, from the old end once more text is appended gives what one search over the
    /// whole text gives. Only ASCII digits start a date; the byte before an ASCII digit is a
    /// digit exactly when the scalar before it is.
    static func first(utf8 bytes: UnsafeBufferPointer<UInt8>, from start: Int, textIsComplete: Bool) -> Search {
        var index = start
        while index < bytes.count {
            if isDigit(bytes[index]), index == 0 || !isDigit(bytes[index - 1]) {
                var reader = Reader(bytes: bytes, index: index)
                let date = date(&reader)
                if reader.ranOut, !textIsComplete { return .undecided(at: index) }
                if let date { return .found(date) }
            }
            index += 1
        }
        return .notFound
    }

    /// Reads a date's bytes one at a time, noting when it needed one past the end.
    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index: Int
        private(set) var ranOut = false

        init(bytes: UnsafeBufferPointer<UInt8>, index: Int) {
            self.bytes = bytes
            self.index = index
        }

        mutating func peek(_ offset: Int = 0) -> UInt8? {
            guard index + offset < bytes.count else {
                ranOut = true
                return nil
            }
            return bytes[index + offset]
        }

        /// True when the bytes at `index` are `character`'s UTF-8; reads no further than the
        /// first byte that differs.
        mutating func hasPrefix(_ character: StaticString) -> Bool {
            for offset in 0..<character.utf8CodeUnitCount {
                guard peek(offset) == character.utf8Start[offset] else { return false }
            }
            return true
        }
    }

    private static func date(_ reader: inout Reader) -> String? {
        let start = reader.index
        guard let year = number(&reader, maxDigits: 4), year >= 1900, year <= 2100, reader.index - start == 4 else { return nil }
        skipSpaces(&reader)
        guard let separatorByte = reader.peek() else { return nil }
        let separator: UInt8
        switch separatorByte {
        case UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "."):
            separator = separatorByte
            reader.index += 1
        default:
            guard reader.hasPrefix("年") else { return nil }
            separator = 0  // 年
            reader.index += 3
        }
        skipSpaces(&reader)
        var month: Int
        if let value = number(&reader, maxDigits: 2) {
            month = value
        } else if separator == UInt8(ascii: "-"), let value = monthName(&reader) {
            month = value
        } else {
            return nil
        }
        skipSpaces(&reader)
        if separator == 0 {
            guard reader.hasPrefix("月") else { return nil }
            reader.index += 3
        } else {
            guard reader.peek() == separator else { return nil }
            reader.index += 1
        }
        skipSpaces(&reader)
        guard let day = number(&reader, maxDigits: 2) else { return nil }
        if separator == 0 {
            skipSpaces(&reader)
            guard reader.hasPrefix("日") || reader.hasPrefix("号") else { return nil }
        } else if let next = reader.peek(), isDigit(next) {
            return nil
        }
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        return "\(year)-\(pad(month))-\(pad(day))"
    }

    private static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ]

    /// A month's name or its prefix of three letters or more. A word of ten letters or more
    /// names no month, so reading stops at the tenth: a growing text's undecided candidate is
    /// read again after each text node, and an unbounded word would make that quadratic.
    private static func monthName(_ reader: inout Reader) -> Int? {
        let start = reader.index
        while reader.index - start < 10, let byte = reader.peek(), (byte | 0x20) >= UInt8(ascii: "a"), (byte | 0x20) <= UInt8(ascii: "z") {
            reader.index += 1
        }
        let word = String(decoding: UnsafeBufferPointer(rebasing: reader.bytes[start..<reader.index]), as: UTF8.self).lowercased()
        guard word.utf8.count >= 3, let position = months.firstIndex(where: { $0 == word || $0.hasPrefix(word) }) else {
            reader.index = start
            return nil
        }
        return position + 1
    }

    private static func number(_ reader: inout Reader, maxDigits: Int) -> Int? {
        let start = reader.index
        var value = 0
        while reader.index - start < maxDigits, let byte = reader.peek(), isDigit(byte) {
            value = value * 10 + Int(byte - 48)
            reader.index += 1
        }
        return reader.index > start ? value : nil
    }

    private static func skipSpaces(_ reader: inout Reader) {
        while let byte = reader.peek() {
            if byte == 0x20 {
                reader.index += 1
            } else if reader.hasPrefix("\u{3000}") {
                reader.index += 3
            } else {
                return
            }
        }
    }

    @inline(__always) private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
