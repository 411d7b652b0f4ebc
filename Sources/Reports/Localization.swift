import Foundation
import Allocation
import Scheduling

/// The language of every text a user sees: German by default for the report, the workbook
/// and the planner; the terminal follows `--lang` and the environment (`terminal(_:)`).
/// The words themselves are in one table, `Words` (Lexicon.swift).
public enum ReportLanguage: String, Sendable, CaseIterable {
    case de, en

    /// The terminal's language: `--lang` when given, else German when `LC_ALL`, `LC_MESSAGES`
    /// or `LANG` (the first one set, in this order, as POSIX reads them) says `de`, else English.
    /// nil for a `--lang` other than de or en.
    public static func terminal(_ flag: String?, environment: ProcessEnvironment = .current) -> ReportLanguage? {
        if let flag { return ReportLanguage(rawValue: flag.lowercased()) }
        return fromEnvironment(environment)
    }

    /// The value of the last `--lang X` or `--lang=X` among `arguments` (the command line as
    /// given, for what is decided before or without the parser: usage errors, help screens).
    public static func flag(in arguments: [String]) -> String? {
        var lang: String?
        for (i, a) in arguments.enumerated() {
            if a == "--lang", i + 1 < arguments.count { lang = arguments[i + 1] }
            if a.hasPrefix("--lang=") { lang = String(a.dropFirst("--lang=".count)) }
        }
        return lang
    }

    /// The environment's language alone (no `--lang`): German when `LC_ALL`, `LC_MESSAGES` or
    /// `LANG` (the first one set) says `de`, else English.
    public static func fromEnvironment(_ environment: ProcessEnvironment = .current) -> ReportLanguage {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("de") ? .de : .en
        }
        return .en
    }
}

/// The one escaper for HTML, SVG and XML text and attribute values (report, charts, workbook):
/// `& < > "` escaped, characters XML 1.0 cannot hold dropped.
public enum Markup {
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case _ where u.value < 0x20 && u != "\n" && u != "\t" && u != "\r": continue
            case _ where u.value == 0xFFFE || u.value == 0xFFFF: continue
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}

/// Dates as a reader expects them: "1. Dezember 2026, 23:32 Uhr UTC" / "1 December 2026,
/// 23:32 UTC", days "1. Dezember 2026" / "01.12.2026". Computed in UTC without a locale
/// database, so that the output is the same everywhere; the audit keeps ISO 8601 beside it.
public struct DateText: Sendable {
    public let language: ReportLanguage
    public init(_ language: ReportLanguage) { self.language = language }

    static let monthsDE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"]
    static let monthsEN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    func monthName(_ m: Int) -> String { (language == .de ? Self.monthsDE : Self.monthsEN)[m - 1] }

    /// A moment, with its time zone named (UTC): "1. Dezember 2026, 23:32 Uhr UTC".
    public func moment(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let time = "\(two(c.hour!)):\(two(c.minute!))"
        return language == .de ? "\(c.day!). \(monthName(c.month!)) \(c.year!), \(time) Uhr UTC"
                               : "\(c.day!) \(monthName(c.month!)) \(c.year!), \(time) UTC"
    }

    /// An ISO 8601 time stamp as `moment`; the text itself where it is not one.
    public func moment(iso: String) -> String {
        AuditRecord.parseISO8601(iso).map(moment) ?? iso
    }

    /// "1. Dezember 2026" / "1 December 2026".
    public func long(_ d: Day) -> String {
        let c = d.components
        return language == .de ? "\(c.day). \(monthName(c.month)) \(c.year)" : "\(c.day) \(monthName(c.month)) \(c.year)"
    }

    /// "01.12.2026" / "2026-12-01" (tables).
    public func short(_ d: Day) -> String {
        let c = d.components
        return language == .de ? "\(two(c.day)).\(two(c.month)).\(c.year)" : d.iso
    }

    /// A run's time in tables (the run history): "02.12.2026 07:36:12 UTC" / "2026-12-02 07:36:12 UTC";
    /// the text itself where it is not an ISO 8601 time stamp.
    public func stamp(iso: String) -> String {
        let p = iso.replacingOccurrences(of: "Z", with: "").split(separator: "T")
        guard p.count == 2 else { return iso }
        let d = p[0].split(separator: "-")
        guard d.count == 3 else { return iso }
        return (language == .de ? "\(d[2]).\(d[1]).\(d[0])" : String(p[0])) + " " + p[1] + " UTC"
    }

    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

/// Numbers as a council reads them: de-DE "6.100.000,00 €" and "87,5 %", or English
/// "6,100,000.00 €" and "87.5 %". Locale-free code, so the output is the same everywhere.
/// `nonBreaking`: the space before € and % is U+00A0, so that a figure never wraps (HTML,
/// SVG); plain for the terminal and CSV.
public struct NumberStyle: Sendable {
    public let language: ReportLanguage
    public let nonBreaking: Bool
    public init(_ language: ReportLanguage, nonBreaking: Bool = false) { self.language = language; self.nonBreaking = nonBreaking }

    /// The space between a number and its unit.
    public var space: String { nonBreaking ? "\u{00A0}" : " " }

    var group: String { language == .de ? "." : "," }
    var decimalMark: String { language == .de ? "," : "." }

    public func int(_ n: Int) -> String { groupDigits(n, separator: group) }

    /// Euros with cents ("6.099.843,60 €") or whole ("6.100.000 €", rounded half up).
    public func money(_ m: Money, cents: Bool = true) -> String {
        if !cents {
            let whole = (abs(m.cents) + 50) / 100
            return (m.cents < 0 ? "-" : "") + groupDigits(whole, separator: group) + space + "€"
        }
        let a = abs(m.cents)
        return (m.cents < 0 ? "-" : "") + groupDigits(a / 100, separator: group) + decimalMark
            + (a % 100 < 10 ? "0" : "") + String(a % 100) + space + "€"
    }

    public func signedMoney(_ m: Money) -> String { (m > .zero ? "+" : "") + money(m) }
    public func signedInt(_ n: Int) -> String { (n > 0 ? "+" : "") + int(n) }

    /// "87,5 %" for a fixed ratio such as a chart's tick (not a figure of a plan: those are
    /// `share`s); "–" for no value.
    public func percent(_ ratio: Double?, digits: Int = 1) -> String {
        guard let ratio, ratio.isFinite else { return "–" }
        return number(ratio * 100, digits: digits) + space + "%"
    }

    /// A share by the one rule (`Share`): "96,4 %", rounded down; "–" for no share.
    public func share(_ s: Share?) -> String {
        guard let s else { return "–" }
        let p = s.permille
        return (p < 0 ? "-" : "") + groupDigits(abs(p) / 10, separator: group) + decimalMark + String(abs(p) % 10) + space + "%"
    }

    /// A share in a sentence: "mindestens 96,4 %" / "at least 96.4 %" where it was rounded down.
    public func shareAtLeast(_ s: Share) -> String {
        (s.isExact ? "" : (language == .de ? "mindestens " : "at least ")) + share(s)
    }

    /// A change of a share, in percentage points of the shown figures: "+1,2 Pp." / "+1.2 pp";
    /// "–" where a share is missing.
    public func points(_ permille: Int?) -> String {
        guard let p = permille else { return "–" }
        let sign = p > 0 ? "+" : p < 0 ? "-" : "±"
        return sign + groupDigits(abs(p) / 10, separator: group) + decimalMark + String(abs(p) % 10) + space + (language == .de ? "Pp." : "pp")
    }

    /// A signed change of a count: "+1.234", "-56", "±0".
    public func delta(_ n: Int) -> String { n == 0 ? "±0" : signedInt(n) }
    /// A signed change of money: "+1.234,00 €", "-5,00 €", "±0,00 €".
    public func delta(_ m: Money) -> String { m == .zero ? "±" + money(m) : signedMoney(m) }

    /// Millions for an axis: 6_100_000 -> "6,1" (the unit, "Mio. €", on the axis title).
    public func millions(_ v: Double) -> String { trimmed(v / 1_000_000, digits: 3) }

    /// A number with at most `digits` decimals, trailing zeros dropped: "0,9", "12".
    public func trimmed(_ v: Double, digits: Int) -> String {
        var s = number(v, digits: digits)
        if digits > 0 {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(decimalMark) { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    /// A number with a fixed count of decimals and no grouping, for solver figures:
    /// "12345,6789" / "12345.6789" (the English text as `fixed` always wrote it).
    public func plain(_ v: Double, _ digits: Int) -> String {
        let s = fixed(v, digits)
        return language == .de ? s.replacingOccurrences(of: ".", with: ",") : s
    }

    /// A plain count: "1.234" / "1,234".
    public func count(_ n: Int) -> String { int(n) }

    public func number(_ v: Double, digits: Int) -> String {
        let scale = pow(10.0, Double(digits))
        let scaled = Int((abs(v) * scale).rounded())
        let whole = scaled / Int(scale), frac = scaled % Int(scale)
        var s = (v < 0 && scaled != 0 ? "-" : "") + groupDigits(whole, separator: group)
        if digits > 0 {
            let f = String(frac)
            s += decimalMark + String(repeating: "0", count: digits - f.count) + f
        }
        return s
    }
}

