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
        func require(_ key: String, _ what: LoaderPhrase) throws(ScenarioError) -> YAMLValue {
            guard let x = f[key] else { throw v.fail(.missing(key: key, why: .loader(what))) }
            return x
        }
        let (periods, unit) = try readPeriods(try require("periods", .periods))
        let supply = try require("supply", .supply)
        let (entries, cumulative, spread) = try readSupply(supply)
        let capacity = try readImaging(try require("imaging", .imaging), periods: periods)
        var deadlines: [String: Day] = [:]
        if let d = f["deadlines"] {
            let allowed = scenario.pools.map(\.id)
            for (id, dv) in try d.mapping(allowed: nil) {
                guard allowed.contains(id) else {
                    throw dv.fail(.schedule(.unknownPool(excerpt(id, limit: 40), pools: allowed)))
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
                    throw dv.fail(.schedule(.unknownSchool(excerpt(id, limit: 40), count: sorted.count, examples: Array(sorted.prefix(3)))))
                }
                earliest[id] = try day(dv)
            }
        }
        var policy = ScheduleRules.TeacherPolicy.mixed
        if let t = f["teacherDevices"] {
            policy = try t.choice(ScheduleRules.TeacherPolicy.self, explained: .teacherDevices)
        }
        return ScheduleRules(periods: periods, periodUnit: unit, supply: entries, supplyCumulative: cumulative,
                             supplySpread: spread, imagingCapacity: capacity, deadlines: deadlines, earliest: earliest,
                             teacherDevices: policy)
    }

    /// A date written yyyy-mm-dd.
    static func day(_ v: YAMLValue) throws(ScenarioError) -> Day {
        let text = try v.string()
        guard let d = Day(iso: text.trimmingCharacters(in: .whitespaces)) else {
            throw v.fail(.found(.text(excerpt(text, limit: 40)), expected: .loader(.date)))
        }
        return d
    }

    /// A mapping key that must be a date; the error names the key's path and the value's line.
    static func day(key: String, of v: YAMLValue) throws(ScenarioError) -> Day {
        guard let d = Day(iso: key) else {
            throw v.fail(.schedule(.keyNotADate(excerpt(key, limit: 40))))
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
                guard let sv = f["start"], let ev = f["end"] else { throw item.fail(.schedule(.periodNeedsStartAndEnd)) }
                let start = try day(sv), end = try day(ev)
                guard start <= end else { throw ev.fail(.schedule(.endBeforeStart(end: end.iso, start: start.iso))) }
                if let previous = periods.last, start <= previous.end {
                    throw sv.fail(.schedule(.periodsOverlap(start: start.iso, previousEnd: previous.end.iso)))
                }
                periods.append(.init(label: try f["label"]?.string() ?? start.iso, start: start, end: end))
            }
            if periods.isEmpty { throw v.fail(.schedule(.noPeriods)) }
            if periods.count > maximum { throw v.fail(.schedule(.tooManyPeriods(periods.count, limit: maximum))) }
            return (periods, .custom)
        }
        let f = try v.fields(keysOf: "schedule.periods")
        guard let ev = f["every"], let fv = f["from"], let uv = f["until"] else {
            throw v.fail(.schedule(.periodsShape))
        }
        let every = try ev.string()
        guard let unit = ScheduleRules.PeriodUnit(rawValue: every), unit != .custom else {
            throw ev.fail(.notAllowed(found: excerpt(every, limit: 40), allowed: "week, month"))
        }
        let from = try day(fv), until = try day(uv)
        guard from <= until else { throw uv.fail(.schedule(.untilBeforeFrom(until: until.iso, from: from.iso))) }
        var periods: [ScheduleRules.Period] = []
        var start = from
        while start <= until {
            guard periods.count < maximum else {
                throw uv.fail(.schedule(.spanTooLong(from: from.iso, until: until.iso, limit: maximum)))
            }
            guard let next = unit == .week ? start.adding(days: 7) : from.adding(months: periods.count + 1) else {
                throw uv.fail(.schedule(.monthsBeyond(until: until.iso)))
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
            throw v.fail(.schedule(.missingCumulative))
        }
        let cumulative = try cv.bool()
        var spread = ScheduleRules.SupplySpread.even
        if let sv = f["spread"] {
            spread = try sv.choice(ScheduleRules.SupplySpread.self, explained: .supplySpread)
        }
        guard let by = f["by"] else { throw v.fail(.schedule(.missingSupplyBy)) }
        // In date order, whatever the order in the file (a scenario that extends another adds
        // its dates after the base's).
        var figures: [(date: Day, value: YAMLValue)] = []
        for (key, value) in try by.mapping(allowed: nil) { figures.append((try day(key: key, of: value), value)) }
        if figures.isEmpty { throw by.fail(.schedule(.noSupplyFigures)) }
        figures.sort { $0.date < $1.date }
        var entries: [ScheduleRules.SupplyEntry] = []
        for (i, (date, value)) in figures.enumerated() {
            if let previous = entries.last, date == previous.date {
                throw value.fail(.schedule(.dateTwice(date.iso)))
            }
            if (try? value.string()) == "rest" {
                guard i == figures.count - 1 else {
                    throw value.fail(.schedule(.restNotLast(latest: figures.last!.date.iso)))
                }
                entries.append(.init(date: date, devices: nil))
                continue
            }
            let n = try value.integer(key: "schedule.supply.by.<date>")
            if cumulative, let previous = entries.last?.devices, n < previous {
                throw value.fail(.schedule(.cumulativeFalls(devices: n, date: date.iso, previous: previous, previousDate: entries.last!.date.iso)))
            }
            entries.append(.init(date: date, devices: n))
        }
        return (entries, cumulative, spread)
    }

    // MARK: imaging

    static func readImaging(_ v: YAMLValue, periods: [ScheduleRules.Period]) throws(ScenarioError) -> [Int] {
        let f = try v.fields(keysOf: "schedule.imaging")
        guard let nv = f["schoolsPerPeriod"] else { throw v.fail(.missing(key: "schoolsPerPeriod", why: .loader(.schoolsPerPeriod))) }
        var capacity = Array(repeating: try nv.integer(key: "schedule.imaging.schoolsPerPeriod"), count: periods.count)
        var seen = Set<Int>()
        for (key, value) in try f["except"]?.mapping(allowed: nil) ?? [] {
            let date = try day(key: key, of: value)
            guard let t = periods.firstIndex(where: { $0.start <= date && date <= $0.end }) else {
                throw value.fail(.schedule(.dateInNoPeriod(date.iso, first: periods.first!.start.iso, last: periods.last!.end.iso)))
            }
            guard seen.insert(t).inserted else { throw value.fail(.schedule(.periodTwice(label: periods[t].label))) }
            capacity[t] = try value.integer(key: "schedule.imaging.except.<date>")
        }
        return capacity
    }
}
