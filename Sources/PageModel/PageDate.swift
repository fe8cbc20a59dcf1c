/// A page's publication date on the proleptic Gregorian calendar, without a time zone: what a
/// paper prints on its page, written `YYYY-MM-DD` on the wire (`ParsedPage.date`, the events'
/// `date`). Only real dates exist: 2013-02-30 is refused, 2012-02-29 is not.
public struct PageDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Fails for a day the month does not have, a month outside 1–12, or a year outside 1–9999
    /// (the years `YYYY` can write).
    public init(year: Int, month: Int, day: Int) throws(PageDateError) {
        guard (1...9999).contains(year) else {
            throw PageDateError("year \(year) is outside 1–9999")
        }
        guard (1...12).contains(month) else {
            throw PageDateError("month \(month) is outside 1–12")
        }
        let days = Self.days(inMonth: month, ofYear: year)
        guard (1...days).contains(day) else {
            throw PageDateError("\(Self.monthNames[month - 1]) \(year) has \(days) days, not \(day)")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` exactly: four, two and two ASCII digits.
    public init(_ text: some StringProtocol) throws(PageDateError) {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10)
        else {
            throw PageDateError("'\(text)' is not a date written YYYY-MM-DD, such as 2013-06-27")
        }
        do {
            try self.init(year: year, month: month, day: day)
        } catch {
            throw PageDateError("'\(text)' is not a real date: \(error.reason)")
        }
    }

    /// `YYYY-MM-DD`, as parsed.
    public var description: String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    public static func < (lhs: PageDate, rhs: PageDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private static func days(inMonth month: Int, ofYear year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]
}

/// Why a text or a year, month and day is not a ``PageDate``.
public struct PageDateError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, for the user: names the value and the rule it breaks.
    public let reason: String

    init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}
