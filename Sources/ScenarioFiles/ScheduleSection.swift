import Foundation
import Allocation
import Scheduling

/// The scenario's `schedule` section (see docs/schedule.md):
///
///     schedule:
///       periods: {every: week, from: 2020-11-16, until: 2021-05-02}   # or a list of {label, start, end}
///       supply: {cumulative: true, spread: even, by: {2020-12-31: 3500, 2021-04-30: rest}}
///       imaging: {schoolsPerPeriod: 8, except: {2020-12-21: 4}}
///       deadlines: {sofort: 2021-12-31}
///       earliest: {"100001": 2021-01-04}
///       teacherDevices: first            # first | last | mixed (default mixed)
extension ScenarioLoader {
    static func readSchedule(_ v: YAMLValue, scenario: Scenario) throws(ScenarioError) -> ScheduleRules {
        let f = try v.fields(keysOf: "schedule")
        func require(_ key: String, _ what: String) throws(ScenarioError) -> YAMLValue {
            guard let x = f[key] else { throw v.fail("missing '\(key)' (\(what))") }
            return x
        }
        let (periods, unit) = try readPeriods(try require("periods", "the planning periods, e.g. {every: week, from: 2020-11-16, until: 2021-05-02}"))
        let supply = try require("supply", "what the supplier delivers, e.g. {cumulative: true, by: {2020-12-31: 3500, 2021-04-30: rest}}")
        let (entries, cumulative, spread) = try readSupply(supply)
        let capacity = try readImaging(try require("imaging", "schools the IT service can image per period, e.g. {schoolsPerPeriod: 8}"),
                                       periods: periods)
        var deadlines: [String: Day] = [:]
        if let d = f["deadlines"] {
            let allowed = scenario.pools.map(\.id)
            for (id, dv) in try d.mapping(allowed: nil) {
                guard allowed.contains(id) else {
                    throw dv.fail("unknown pool '\(id.prefix(40))'; the scenario's pools: \(allowed.joined(separator: ", "))")
                }
                deadlines[id] = try day(dv)
            }
        }
        var earliest: [String: Day] = [:]
        if let e = f["earliest"] {
            let ids = Set(scenario.schools.map(\.id))
            for (id, dv) in try e.mapping(allowed: nil) {
                guard ids.contains(id) else {
                    let sorted = ids.sorted()
                    let examples = sorted.prefix(3).joined(separator: ", ") + (sorted.count > 3 ? ", …" : "")
                    throw dv.fail("unknown school number '\(id.prefix(40))'; allowed: the \(sorted.count) school numbers of the scenario (\(examples))")
                }
                earliest[id] = try day(dv)
            }
        }
        var policy = ScheduleRules.TeacherPolicy.mixed
        if let t = f["teacherDevices"] {
            policy = try t.choice(ScheduleRules.TeacherPolicy.self,
                                  allowed: "first (teacher devices before pupil devices), last (after), mixed (by weight)")
        }
        return ScheduleRules(periods: periods, periodUnit: unit, supply: entries, supplyCumulative: cumulative,
                             supplySpread: spread, imagingCapacity: capacity, deadlines: deadlines, earliest: earliest,
                             teacherDevices: policy)
    }

    /// A date written yyyy-mm-dd.
    static func day(_ v: YAMLValue) throws(ScenarioError) -> Day {
        let text = try v.string()
        guard let d = Day(iso: text.trimmingCharacters(in: .whitespaces)) else {
            throw v.fail("found '\(text.prefix(40))', expected a date written yyyy-mm-dd (e.g. 2020-12-31) between 1900 and 2199")
        }
        return d
    }

    /// A mapping key that must be a date; the error names the key's path and the value's line.
    static func day(key: String, of v: YAMLValue) throws(ScenarioError) -> Day {
        guard let d = Day(iso: key) else {
            throw v.fail("the key '\(key.prefix(40))' is not a date; write yyyy-mm-dd (e.g. 2020-12-31)")
        }
        return d
    }

    // MARK: periods

    static func readPeriods(_ v: YAMLValue) throws(ScenarioError) -> ([ScheduleRules.Period], ScheduleRules.PeriodUnit) {
        let maximum = 520
        if case .sequence = v.node.kind {
            var periods: [ScheduleRules.Period] = []
            for item in try v.sequence() {
                let f = try item.fields(keysOf: "schedule.periods[]")
                guard let sv = f["start"], let ev = f["end"] else { throw item.fail("a period needs 'start' and 'end' (dates yyyy-mm-dd)") }
                let start = try day(sv), end = try day(ev)
                guard start <= end else { throw ev.fail("found \(end), expected a day on or after the period's start \(start)") }
                if let previous = periods.last, start <= previous.end {
                    throw sv.fail("found \(start), expected a day after the previous period's end \(previous.end); periods must follow each other")
                }
                periods.append(.init(label: try f["label"]?.string() ?? start.iso, start: start, end: end))
            }
            if periods.isEmpty { throw v.fail("no periods; give at least one") }
            if periods.count > maximum { throw v.fail("found \(periods.count) periods, allowed: at most \(maximum)") }
            return (periods, .custom)
        }
        let f = try v.fields(keysOf: "schedule.periods")
        guard let ev = f["every"], let fv = f["from"], let uv = f["until"] else {
            throw v.fail("expected {every: week or month, from: first day, until: last day}, or a list of {label, start, end}")
        }
        let every = try ev.string()
        guard let unit = ScheduleRules.PeriodUnit(rawValue: every), unit != .custom else {
            throw ev.fail("found '\(every.prefix(40))', allowed: week, month")
        }
        let from = try day(fv), until = try day(uv)
        guard from <= until else { throw uv.fail("found \(until), expected a day on or after 'from' (\(from))") }
        var periods: [ScheduleRules.Period] = []
        var start = from
        while start <= until {
            guard periods.count < maximum else {
                throw uv.fail("from \(from) to \(until) gives more than \(maximum) periods; shorten the span or use months")
            }
            guard let next = unit == .week ? start.adding(days: 7) : from.adding(months: periods.count + 1) else {
                throw uv.fail("found \(until), expected a day before 2199-12-01 for monthly periods")
            }
            let end = min(until, next.adding(days: -1))
            let label = unit == .week ? start.isoWeekLabel : String(start.iso.prefix(7))
            periods.append(.init(label: label, start: start, end: end))
            start = next
        }
        return (periods, unit)
    }

    // MARK: supply

    static func readSupply(_ v: YAMLValue) throws(ScenarioError)
        -> ([ScheduleRules.SupplyEntry], cumulative: Bool, spread: ScheduleRules.SupplySpread) {
        let f = try v.fields(keysOf: "schedule.supply")
        guard let cv = f["cumulative"] else {
            throw v.fail("missing 'cumulative': true (each figure is the total delivered by its date) or false (deliveries since the previous date)")
        }
        let cumulative = try cv.bool()
        var spread = ScheduleRules.SupplySpread.even
        if let sv = f["spread"] {
            spread = try sv.choice(ScheduleRules.SupplySpread.self,
                                   allowed: "even (devices arrive evenly between two dates), onDate (all on the figure's date)")
        }
        guard let by = f["by"] else { throw v.fail("missing 'by': date: devices, e.g. {2020-12-31: 3500, 2021-04-30: rest}") }
        // In date order, whatever the order in the file (a scenario that extends another adds
        // its dates after the base's).
        var figures: [(date: Day, value: YAMLValue)] = []
        for (key, value) in try by.mapping(allowed: nil) { figures.append((try day(key: key, of: value), value)) }
        if figures.isEmpty { throw by.fail("no supply figures; give at least one date: devices") }
        figures.sort { $0.date < $1.date }
        var entries: [ScheduleRules.SupplyEntry] = []
        for (i, (date, value)) in figures.enumerated() {
            if let previous = entries.last, date == previous.date {
                throw value.fail("\(date) is given twice; give each date once")
            }
            if (try? value.string()) == "rest" {
                guard i == figures.count - 1 else {
                    throw value.fail("'rest' (every planned device not delivered before) may only be the figure of the latest date, \(figures.last!.date)")
                }
                entries.append(.init(date: date, devices: nil))
                continue
            }
            let n = try value.integer(key: "schedule.supply.by.<date>")
            if cumulative, let previous = entries.last?.devices, n < previous {
                throw value.fail("found \(n) by \(date), expected at least the \(previous) by \(entries.last!.date): cumulative figures cannot fall (or set cumulative: false)")
            }
            entries.append(.init(date: date, devices: n))
        }
        return (entries, cumulative, spread)
    }

    // MARK: imaging

    static func readImaging(_ v: YAMLValue, periods: [ScheduleRules.Period]) throws(ScenarioError) -> [Int] {
        let f = try v.fields(keysOf: "schedule.imaging")
        guard let nv = f["schoolsPerPeriod"] else { throw v.fail("missing 'schoolsPerPeriod' (schools the IT service can image in one period)") }
        var capacity = Array(repeating: try nv.integer(key: "schedule.imaging.schoolsPerPeriod"), count: periods.count)
        var seen = Set<Int>()
        for (key, value) in try f["except"]?.mapping(allowed: nil) ?? [] {
            let date = try day(key: key, of: value)
            guard let t = periods.firstIndex(where: { $0.start <= date && date <= $0.end }) else {
                throw value.fail("\(date) lies in no period; the periods run from \(periods.first!.start) to \(periods.last!.end)")
            }
            guard seen.insert(t).inserted else { throw value.fail("period \(periods[t].label) is given twice under 'except'") }
            capacity[t] = try value.integer(key: "schedule.imaging.except.<date>")
        }
        return capacity
    }
}
