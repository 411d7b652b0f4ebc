import Foundation
import Allocation
import LinearProgramming
import Scheduling

/// The roll-out schedule as text (`allocate schedule`), CSV (one row per school and period
/// with deliveries) and JSON; the Gantt chart is `GanttChart`. Same schedule, same bytes: no
/// clock, no locale (the text's last line, the solve time, only with `timing: true`). Text and
/// CSV headers in the terminal's language (English by default); JSON keys stay as they are.
public enum ScheduleReport {
    // MARK: - text

    public static func text(_ r: RolloutPlan, timing: Bool = true, language: ReportLanguage = .en) -> String {
        let kinds = r.kinds, w = Words(language: language), f = w.f
        var out = "\(r.plan.scenario.name)\n"
        out += w.scheduleHeadline(periodsText(r, w), schools: w.schoolsCount(scheduledSchools(r).count), devices: f.int(totalDevices(r))) + "\n"
        out += w.scheduleRulesLine(w.policy(r.rules.teacherDevices), imaging: imagingText(r.rules, w), supply: supplyText(r, w)) + "\n\n"

        out += w.byUnit(r.rules.periodUnit) + "\n"
        var header = w.periodHeader
        header += kinds.map { w.outOfKind(w.kindHead($0)) } + w.periodHeaderTail
        var table = Table(header, rightAligned: Set(3..<header.count))
        let byKind = r.deliveredByKind
        var outTotal = 0, served = 0
        for (t, p) in r.periods.enumerated() {
            outTotal += r.delivered(inPeriod: t)
            served += r.imagedPerPeriod[t]
            var row = [w.periodName(p.label), day(p.start, w), day(p.end, w), f.int(r.supply[t])]
            row += kinds.indices.map { f.int(byKind[$0][t]) }
            row += [f.int(outTotal), f.int(r.supply[t] - outTotal), w.imagedOf(r.imagedPerPeriod[t], r.rules.imagingCapacity[t]), f.int(served)]
            table.add(row)
        }
        out += table.render()
        out += w.periodTableNote

        for (k, kind) in kinds.enumerated() where r.undelivered(kind: k) > 0 {
            out += w.notHandedOut(f.int(r.undelivered(kind: k)), of: f.int(r.plan.totalDevices(kind: k)), w.kindLabel(kind)) + "\n"
        }
        out += moneyText(r, w) + "\n"
        out += levelText(r, w) + "\n"
        out += schoolsText(r, w) + "\n"
        out += solverText(r, timing: timing, w)
        return out
    }

    /// A day in a table: ISO in English (as before), "01.12.2026" in German.
    static func day(_ d: Day, _ w: Words) -> String { w.date.short(d) }

    static func moneyText(_ r: RolloutPlan, _ w: Words) -> String {
        let f = w.f
        var t = Table(w.moneyHeader, rightAligned: [1, 3, 4])
        for d in r.pools {
            t.add([r.plan.pools[d.poolIndex].pool.name, f.money(d.planned), d.deadline.map { day($0, w) } ?? w.none,
                   f.money(d.spentInTime), f.money(d.lost), w.deadlineStatus(d.status)])
        }
        var out = w.moneyTitle + "\n" + t.render()
        let losing = r.pools.filter { $0.lost > .zero }
        if losing.isEmpty && r.pools.contains(where: { $0.open > .zero }) {
            out += w.moneyOpenNoneLost
        } else if losing.isEmpty {
            out += w.moneyNoneLost
        } else {
            out += w.moneyLostLine(f.money(r.lostMoney))
            for d in losing {
                let pool = r.plan.pools[d.poolIndex].pool
                out += w.lostPoolLine(pool.name, pool.id, f.money(d.lost), f.int(d.lateDevices), d.lateSchools.count, day(d.deadline!, w))
            }
        }
        for d in r.pools where d.open > .zero {
            let pool = r.plan.pools[d.poolIndex].pool
            out += w.openLine(pool.name, f.money(d.open), day(r.periods.last!.end, w))
        }
        return out
    }

    /// When each index level's pupil devices are out: high-need schools should come first.
    static func levelText(_ r: RolloutPlan, _ w: Words) -> String {
        let pupil = r.kinds.indices.filter { r.kinds[$0].basis == .pupils }, f = w.f
        guard !pupil.isEmpty else { return "" }
        var t = Table(w.levelHeader, rightAligned: [1, 2, 6])
        for group in levelGroups(r) {
            let total = group.rows.reduce(0) { s, row in s + pupil.reduce(0) { $0 + r.plan.schools[row.index].devices[$1] } }
            guard total > 0 else { continue }
            var cumulative = 0, first: Int?, half: Int?, all: Int?
            var weeks = 0.0
            let from = r.weeksFrom
            for tp in r.periods.indices {
                let n = group.rows.reduce(0) { s, row in s + pupil.reduce(0) { $0 + row.deliveries[$1][tp] } }
                weeks += Double(n) * from[tp]
                cumulative += n
                if first == nil && n > 0 { first = tp }
                if half == nil && 2 * cumulative >= total { half = tp }
                if all == nil && cumulative == total { all = tp }
            }
            t.add([w.groupKey(group.key), "\(group.rows.count)", f.int(total), first.map { w.periodName(r.periods[$0].label) } ?? "–",
                   half.map { w.periodName(r.periods[$0].label) } ?? "–", all.map { w.periodName(r.periods[$0].label) } ?? w.notWithinSchedule,
                   f.plain(weeks / Double(total), 1)])
        }
        return w.levelTitle + t.render()
    }

    static func levelGroups(_ r: RolloutPlan) -> [(key: String, rows: [RolloutPlan.SchoolRow])] {
        let groups = Dictionary(grouping: r.rows) { r.plan.schools[$0.index].school.socialIndex.map(String.init) ?? "none" }
        // Highest need first, schools without a level last.
        return groups.keys.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map { ($0, groups[$0]!) }
    }

    static func schoolsText(_ r: RolloutPlan, _ w: Words) -> String {
        var header = w.scheduleSchoolsHeader
        header += r.kinds.map(w.kindHead)
        var t = Table(header, rightAligned: Set(5..<header.count))
        for row in serviceOrder(r) {
            let a = r.plan.schools[row.index]
            var cells = [label(r, row.imagedIn, w), label(r, row.firstDelivery, w), complete(r, row, w), a.school.id,
                         String(a.school.name.prefix(40)), a.school.socialIndex.map(String.init) ?? "–"]
            cells += r.kinds.indices.map { w.f.int(a.devices[$0]) }
            t.add(cells)
        }
        return w.scheduleSchoolsTitle + t.render()
    }

    static func solverText(_ r: RolloutPlan, timing: Bool, _ w: Words) -> String {
        let f = w.f
        var out = w.scheduleSolverLine(r.solverVersion, gap: f.plain(r.relativeGap * 100, 4), limit: f.trimmed(r.timeLimitSeconds, digits: 3))
        for s in r.stages {
            let gap = abs(s.bestBound - s.objective)
            // The gap in the stage's own unit: euros for the money stage, else weighted device-weeks.
            let unit = s.name.contains("euros") ? "€" : w.stageName("weighted device-weeks")
            out += w.stageLine(w.stageName(s.name), f.plain(s.objective, 1), w.termination(s.status), f.plain(s.bestBound, 1),
                               gap: f.plain(gap, 1) + " " + unit)
        }
        out += weightsText(r, w)
        out += w.deviceWeeks(day(r.periods.last!.end, w), pupils: f.plain(r.deviceWeeks(basis: .pupils, weighted: false), 1),
                             weighted: f.plain(r.deviceWeeks(basis: .pupils, weighted: true), 1),
                             teachers: f.plain(r.deviceWeeks(basis: .teachers, weighted: false), 1))
        if r.stages.isEmpty {
            out += w.scheduleNothingToDecide
        } else if r.status == .optimal {
            out += w.scheduleOptimal
        } else if r.stoppedAtTimeLimit {
            out += w.scheduleStopped
        } else {
            out += w.scheduleFeasible
        }
        out += w.scheduleVerified
        if timing { out += w.solvedIn(f.plain(r.seconds, 3)) }
        return out
    }

    /// What one device-week weighs in the objective, and why.
    static func weightsText(_ r: RolloutPlan, _ w: Words) -> String {
        let pupil = r.kinds.indices.filter { r.kinds[$0].basis == .pupils }, f = w.f
        let used = r.plan.schools.indices.flatMap { s in pupil.filter { r.plan.schools[s].devices[$0] > 0 }.map { r.weights[s][$0] } }
        var parts: [String] = []
        if let lo = used.min(), let hi = used.max() {
            parts.append(w.pupilWeights(f.plain(lo, 3), lo == hi ? nil : f.plain(hi, 3)))
        }
        if let tw = r.teacherWeight { parts.append(w.teacherWeight(f.plain(tw, 3), r.rules.teacherDevices)) }
        return parts.isEmpty ? "" : w.weightLine(parts.joined(separator: "; "))
    }

    // MARK: - CSV

    /// One row per school and period in which the school's image is made or devices go out,
    /// by period, then school number. `language`: the header set (German with `--lang de`,
    /// English as before by default).
    public static func csv(_ r: RolloutPlan, dialect: CSVDialect = .rfc4180, language: ReportLanguage = .en) -> String {
        let w = Words(language: language), h = w.csvSchedule
        var header = h.fixed
        header += r.kinds.map { h.devices($0.id) } + r.kinds.map { h.cumulative($0.id) } + r.kinds.map { h.planned($0.id) }
        var rows: [[CSVDialect.Cell]] = [header.map { .text($0) }]
        for (t, p) in r.periods.enumerated() {
            for row in r.rows where row.delivered(inPeriod: t) > 0 || row.imagedIn == t {
                let s = r.plan.schools[row.index]
                var cells: [CSVDialect.Cell] = [.text(p.label), .text(p.start.iso), .text(p.end.iso), .text(s.school.id), .text(s.school.name),
                                                .text(s.school.district), .number(s.school.socialIndex.map(String.init) ?? ""),
                                                .text(row.imagedIn == t ? w.csvScheduleYes : w.csvScheduleNo)]
                cells += r.kinds.indices.map { .number(String(row.deliveries[$0][t])) }
                cells += r.kinds.indices.map { .number(String(row.delivered(kind: $0, through: t))) }
                cells += r.kinds.indices.map { .number(String(s.devices[$0])) }
                rows.append(cells)
            }
        }
        return dialect.render(rows)
    }

    // MARK: - JSON

    public static func json(_ r: RolloutPlan) -> String { document(r).render() + "\n" }

    public static func document(_ r: RolloutPlan) -> JSONValue {
        let byKind = r.deliveredByKind
        var outTotal = 0
        let periods: [JSONValue] = r.periods.enumerated().map { t, p in
            outTotal += r.delivered(inPeriod: t)
            return .object([("label", .string(p.label)), ("start", .string(p.start.iso)), ("end", .string(p.end.iso)),
                            ("weeks", .double(p.weeks, 4)), ("arrived", .int(r.supply[t])),
                            ("imagingCapacity", .int(r.rules.imagingCapacity[t])), ("imaged", .int(r.imagedPerPeriod[t])),
                            ("handedOut", .object(r.kinds.enumerated().map { ($1.id, .int(byKind[$0][t])) })),
                            ("handedOutTotal", .int(outTotal)), ("inStock", .int(r.supply[t] - outTotal))])
        }
        let pools: [JSONValue] = r.pools.map { d in
            let pool = r.plan.pools[d.poolIndex].pool
            return .object([("id", .string(pool.id)), ("name", .string(pool.name)), ("planned", .money(d.planned)),
                            ("deadline", d.deadline.map { .string($0.iso) } ?? .null), ("spentInTime", .money(d.spentInTime)),
                            ("lost", .money(d.lost)), ("open", .money(d.open)), ("status", .string(d.status.rawValue)),
                            ("lateDevices", .int(d.lateDevices)),
                            ("lateSchools", .array(d.lateSchools.map { .string(r.plan.schools[$0].school.id) }))])
        }
        let schools: [JSONValue] = r.rows.map { row in
            let a = r.plan.schools[row.index]
            return .object([
                ("schulnummer", .string(a.school.id)), ("name", .string(a.school.name)), ("district", .string(a.school.district)),
                ("socialIndex", a.school.socialIndex.map(JSONValue.int) ?? .null),
                ("imageMadeIn", row.imagedIn.map { .string(r.periods[$0].label) } ?? .null),
                ("firstDelivery", row.firstDelivery.map { .string(r.periods[$0].label) } ?? .null),
                ("lastDelivery", row.lastDelivery.map { .string(r.periods[$0].label) } ?? .null),
                ("devices", .object(r.kinds.enumerated().map { ($1.id, .int(a.devices[$0])) })),
                ("deliveries", .object(r.kinds.enumerated().map { k, kind in (kind.id, .array(row.deliveries[k].map(JSONValue.int))) })),
            ])
        }
        let solver: JSONValue = .object([
            ("status", .string(r.status.rawValue)), ("glpkVersion", .string(r.solverVersion)),
            ("relativeGap", .double(r.relativeGap, 8)), ("timeLimitSeconds", .double(r.timeLimitSeconds, 3)),
            ("stages", .array(r.stages.map { s in
                .object([("name", .string(s.name)), ("status", .string(s.status.rawValue)),
                         ("objective", .double(s.objective, 4)), ("bestBound", .double(s.bestBound, 4))])
            })),
        ])
        return .object([
            ("scenario", .string(r.plan.scenario.name)),
            ("teacherDevices", .string(r.rules.teacherDevices.rawValue)),
            ("kinds", .array(r.kinds.enumerated().map { k, kind in
                .object([("id", .string(kind.id)), ("label", .string(kind.label)), ("basis", .string(kind.basis.rawValue)),
                         ("planned", .int(r.plan.totalDevices(kind: k))), ("notHandedOut", .int(r.undelivered(kind: k)))])
            })),
            ("periods", .array(periods)),
            ("pools", .array(pools)),
            ("lostMoney", .money(r.lostMoney)),
            ("deviceWeeks", .object([
                ("pupils", .double(r.deviceWeeks(basis: .pupils, weighted: false), 4)),
                ("pupilsNeedWeighted", .double(r.deviceWeeks(basis: .pupils, weighted: true), 4)),
                ("teachers", .double(r.deviceWeeks(basis: .teachers, weighted: false), 4)),
            ])),
            ("schools", .array(schools)),
            ("solver", solver),
        ])
    }

    // MARK: - helpers

    /// Rows by the period their image is made, then first delivery, then school number;
    /// schools never served last.
    static func serviceOrder(_ r: RolloutPlan) -> [RolloutPlan.SchoolRow] {
        r.rows.filter { r.plan.schools[$0.index].devices.contains { $0 > 0 } }.sorted { a, b in
            let ka = (a.imagedIn ?? Int.max, a.firstDelivery ?? Int.max), kb = (b.imagedIn ?? Int.max, b.firstDelivery ?? Int.max)
            return ka != kb ? ka < kb : r.plan.schools[a.index].school.id < r.plan.schools[b.index].school.id
        }
    }

    static func scheduledSchools(_ r: RolloutPlan) -> [RolloutPlan.SchoolRow] { serviceOrder(r) }

    static func totalDevices(_ r: RolloutPlan) -> Int { r.kinds.indices.reduce(0) { $0 + r.plan.totalDevices(kind: $1) } }

    static func label(_ r: RolloutPlan, _ t: Int?, _ w: Words) -> String { t.map { w.periodName(r.periods[$0].label) } ?? "–" }

    static func complete(_ r: RolloutPlan, _ row: RolloutPlan.SchoolRow, _ w: Words) -> String {
        let planned = r.plan.schools[row.index].devices.reduce(0, +)
        guard row.total == planned, let t = row.lastDelivery else { return w.notWithinSchedule }
        return w.periodName(r.periods[t].label)
    }

    static func periodsText(_ r: RolloutPlan, _ w: Words) -> String {
        w.periodsPhrase(r.periods.count, unit: r.rules.periodUnit, from: day(r.periods.first!.start, w), to: day(r.periods.last!.end, w))
    }

    static func imagingText(_ rules: ScheduleRules, _ w: Words) -> String {
        let values = Set(rules.imagingCapacity)
        if values.count == 1 { return w.perPeriod(w.schoolsCount(rules.imagingCapacity[0])) }
        let common = values.max { a, b in
            let ca = rules.imagingCapacity.filter { $0 == a }.count, cb = rules.imagingCapacity.filter { $0 == b }.count
            return ca != cb ? ca < cb : a > b
        }!
        let except = rules.periods.indices.filter { rules.imagingCapacity[$0] != common }
            .map { w.inPeriod(rules.imagingCapacity[$0], w.periodName(rules.periods[$0].label)) }
        return w.perPeriod(w.schoolsCount(common)) + " (\(except.joined(separator: ", ")))"
    }

    static func supplyText(_ r: RolloutPlan, _ w: Words) -> String {
        let rules = r.rules
        var running = 0
        let items = rules.supply.map { e -> String in
            let n: Int
            if let d = e.devices { n = rules.supplyCumulative ? d : running + d } else { n = max(running, totalDevices(r)) }
            running = max(running, n)
            return w.supplyItem(w.f.int(n), rest: e.devices == nil, by: day(e.date, w))
        }
        return items.joined(separator: ", ") + (rules.supplySpread == .even ? w.supplyEven : w.supplyOnDate)
    }
}
