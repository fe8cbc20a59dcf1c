/// A publication date between 2012 and 2020, with the forms pages print it in.
struct EditionDate: Sendable, Equatable {
    var year: Int
    var month: Int
    var day: Int

    static func random(_ random: inout SeededRandom) -> EditionDate {
        let year = random.int(2012...2020)
        let month = random.int(1...12)
        return EditionDate(year: year, month: month, day: random.int(1...daysIn(month: month, year: year)))
    }

    /// `2013-06-27`
    var iso: String { "\(year)-\(twoDigits(month))-\(twoDigits(day))" }
    /// `2013年06月27日`
    var chinese: String { "\(year)年\(twoDigits(month))月\(twoDigits(day))日" }
    /// `星期四`
    var weekday: String { Phrasebook.weekdays[(daysSince1970 % 7 + 4 + 7) % 7] }
    /// Founder's path segment `2013-06/27`.
    var pathSegment: String { "\(year)-\(twoDigits(month))/\(twoDigits(day))" }

    /// Days from 1970-01-01 (a Thursday), by the civil-from-days algorithm's inverse.
    var daysSince1970: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = shiftedYear / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
