import ArgumentParser
import Foundation
import PageModel

/// Parsing of the time arguments of `replay` and `reprocess`.
enum TimeArguments {
    /// `2013-06-27T08:00:00Z`, `2013-06-27T08:00:00+08:00` or a bare date (midnight UTC) → ms since the epoch.
    static func instant(_ text: String, option: String) throws -> Int64 {
        let full = ISO8601DateFormatter()
        let dateOnly = ISO8601DateFormatter()
        dateOnly.formatOptions = [.withFullDate]
        guard let date = full.date(from: text) ?? dateOnly.date(from: text) else {
            throw ValidationError("\(option) \(text): expected an ISO 8601 time such as 2026-11-25T08:00:00Z or a date such as 2026-11-25.")
        }
        return Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// `90s`, `15m`, `2h`, `3d` → milliseconds.
    static func duration(_ text: String, option: String) throws -> Int64 {
        let units: [Character: Int64] = ["s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000]
        guard let unit = text.last.flatMap({ units[$0] }), let amount = Int64(text.dropLast()), amount >= 0 else {
            throw ValidationError("\(option) \(text): expected a number and a unit, such as 90s, 15m, 2h or 3d.")
        }
        return amount * unit
    }

    static var nowMs: Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }

    /// `2013-06-01..2013-06-30` → the closed range of page dates.
    static func dateRange(_ text: String) throws -> ClosedRange<PageDate> {
        let parts = text.split(separator: "..", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw ValidationError("--pages-dated \(text): expected FROM..TO dates such as 2013-06-01..2013-06-30.")
        }
        let from: PageDate, to: PageDate
        do {
            (from, to) = (try PageDate(parts[0]), try PageDate(parts[1]))
        } catch {
            throw ValidationError("--pages-dated \(text): \(error); give FROM..TO dates such as 2013-06-01..2013-06-30.")
        }
        guard from <= to else {
            throw ValidationError("--pages-dated \(text): FROM \(from) is after TO \(to); put the earlier date first.")
        }
        return from...to
    }
}
