/// Dates as pages print them, normalized to `YYYY-MM-DD`: `2013-06-27`, `2013-06-27 00:00:00.0`,
/// `2013/6/27`, `2013年06月27日`, `2017 年 10 月 9 日` (split over elements, so spaced once
/// flattened) and `2017-October-16`.
enum DateText {
    /// The first plausible date in `text`, or nil.
    static func first(in text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if isDigit(scalars[index]), index == 0 || !isDigit(scalars[index - 1]), let date = date(at: index, in: scalars) {
                return date
            }
            index += 1
        }
        return nil
    }

    private static func date(at start: Int, in scalars: [Unicode.Scalar]) -> String? {
        var index = start
        guard let year = number(scalars, &index, maxDigits: 4), year >= 1900, year <= 2100, index - start == 4 else { return nil }
        skipSpaces(scalars, &index)
        guard index < scalars.count else { return nil }
        let separator = scalars[index]
        guard separator == "-" || separator == "/" || separator == "." || separator == "年" else { return nil }
        index += 1
        skipSpaces(scalars, &index)
        var month: Int
        if let value = number(scalars, &index, maxDigits: 2) {
            month = value
        } else if separator == "-", let value = monthName(scalars, &index) {
            month = value
        } else {
            return nil
        }
        skipSpaces(scalars, &index)
        guard index < scalars.count else { return nil }
        let second = scalars[index]
        if separator == "年" {
            guard second == "月" else { return nil }
        } else if second != separator {
            return nil
        }
        index += 1
        skipSpaces(scalars, &index)
        guard let day = number(scalars, &index, maxDigits: 2) else { return nil }
        if separator == "年" {
            skipSpaces(scalars, &index)
            guard index < scalars.count, scalars[index] == "日" || scalars[index] == "号" else { return nil }
        } else if index < scalars.count, isDigit(scalars[index]) {
            return nil
        }
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        return "\(year)-\(pad(month))-\(pad(day))"
    }

    private static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ]

    private static func monthName(_ scalars: [Unicode.Scalar], _ index: inout Int) -> Int? {
        let start = index
        while index < scalars.count, scalars[index].isASCII, scalars[index].properties.isAlphabetic { index += 1 }
        let word = String(String.UnicodeScalarView(scalars[start..<index])).lowercased()
        guard word.count >= 3, let position = months.firstIndex(where: { $0 == word || $0.hasPrefix(word) }) else {
            index = start
            return nil
        }
        return position + 1
    }

    private static func number(_ scalars: [Unicode.Scalar], _ index: inout Int, maxDigits: Int) -> Int? {
        let start = index
        var value = 0
        while index < scalars.count, index - start < maxDigits, isDigit(scalars[index]) {
            value = value * 10 + Int(scalars[index].value - 48)
            index += 1
        }
        return index > start ? value : nil
    }

    private static func skipSpaces(_ scalars: [Unicode.Scalar], _ index: inout Int) {
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\u{3000}" { index += 1 }
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
