/// A calendar day (proleptic Gregorian), counted in whole days since 1970-01-01. Pure integer
/// arithmetic: no time zones, no locale, the same answer on every machine.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    public let number: Int

    public init(number: Int) { self.number = number }

    /// nil unless year, month and day form a real date in the years 1900...2199.
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2199).contains(year), (1...12).contains(month),
              day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        number = Day.daysFromCivil(year, month, day)
    }

    /// days_from_civil (H. Hinnant), for any valid month and day.
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Exactly "yyyy-mm-dd"; nil for anything else, including impossible dates.
    public init?(iso text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) else { return nil }
                n = n * 10 + Int(bytes[i] - UInt8(ascii: "0"))
            }
            return n
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// (year, month, day), civil_from_days (H. Hinnant).
    public var components: (year: Int, month: Int, day: Int) {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// "2020-11-16".
    public var iso: String {
        let c = components
        return "\(c.year)-\(Day.two(c.month))-\(Day.two(c.day))"
    }

    public var description: String { iso }

    public func adding(days: Int) -> Day { Day(number: number + days) }

    /// The same day of the month `months` later, or the month's last day if it is shorter.
    public func adding(months: Int) -> Day? {
        let c = components
        let index = c.year * 12 + (c.month - 1) + months
        let year = index / 12, month = index % 12 + 1
        return Day(year: year, month: month, day: min(c.day, Day.daysIn(month: month, year: year)))
    }

    /// 1 = Monday ... 7 = Sunday (1970-01-01 was a Thursday).
    public var weekday: Int { ((number + 3) % 7 + 7) % 7 + 1 }

    /// ISO 8601 week: the year of the week's Thursday and the week's number in that year.
    public var isoWeek: (year: Int, week: Int) {
        let thursday = adding(days: 4 - weekday)
        let year = thursday.components.year
        return (year, (thursday.number - Day.daysFromCivil(year, 1, 1)) / 7 + 1)
    }

    /// "2020-W47".
    public var isoWeekLabel: String {
        let w = isoWeek
        return "\(w.year)-W\(Day.two(w.week))"
    }

    public static func < (a: Day, b: Day) -> Bool { a.number < b.number }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
