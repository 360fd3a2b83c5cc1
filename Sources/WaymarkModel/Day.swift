// Day: a calendar date as written in content (YYYY-MM-DD). No time zone, so no surprises:
// review dates and verified dates compare the same on every machine.

import Foundation

public struct Day: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...Day.daysIn(month: m, year: y)).contains(d)
        else { return nil }
        year = y
        month = m
        day = d
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The same day `years` later (28 February for 29 February in a year that has none).
    public func addingYears(_ years: Int) -> Day {
        var result = self
        result.year += years
        result.day = Swift.min(day, Day.daysIn(month: month, year: result.year))
        return result
    }

    /// Today in UTC, for review dates.
    public static func today(_ now: Date = Date()) -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        var day = Day("2000-01-01")!
        day.year = parts.year ?? 2000
        day.month = parts.month ?? 1
        day.day = parts.day ?? 1
        return day
    }

    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                                     "August", "September", "October", "November", "December"]

    /// "29 November 2026": the form UK readers expect.
    public var longForm: String { "\(day) \(Day.monthNames[month - 1]) \(year)" }
}
