import Foundation
import Allocation
import LinearProgramming
import Scheduling

/// The roll-out schedule as text (`allocate schedule`), CSV (one row per school and period
/// with deliveries), JSON and an SVG Gantt chart (schools by period, coloured by devices).
/// Same schedule, same bytes: no clock, no locale (the text's last line, the solve time,
/// only with `timing: true`).
public enum ScheduleReport {
    // MARK: - text

    public static func text(_ r: RolloutPlan, timing: Bool = true) -> String {
        let kinds = r.kinds
        var out = "\(r.plan.scenario.name)\n"
        out += "Roll-out schedule: \(periodsText(r)) · \(count(scheduledSchools(r).count)) schools · \(count(totalDevices(r))) devices\n"
        out += "\(policyText(r.rules.teacherDevices)) · imaging \(imagingText(r.rules)) · supply \(supplyText(r))\n\n"

        switch r.rules.periodUnit {
        case .week: out += "Week by week\n"
        case .month: out += "Month by month\n"
        case .custom: out += "Period by period\n"
        }
        var header = ["Period", "From", "To", "Arrived"]
        header += kinds.map { "Out: \($0.id)" } + ["Out (total)", "In stock", "Imaged", "Schools served"]
        var table = Table(header, rightAligned: Set(3..<header.count))
        let byKind = r.deliveredByKind
        var outTotal = 0, served = 0
        for (t, p) in r.periods.enumerated() {
            outTotal += r.delivered(inPeriod: t)
            served += r.imagedPerPeriod[t]
            var row = [p.label, p.start.iso, p.end.iso, count(r.supply[t])]
            row += kinds.indices.map { count(byKind[$0][t]) }
            row += [count(outTotal), count(r.supply[t] - outTotal), "\(r.imagedPerPeriod[t]) of \(r.rules.imagingCapacity[t])", count(served)]
            table.add(row)
        }
        out += table.render()
        out += "  Arrived: devices delivered by the supplier up to the period's end. Out: devices handed out to schools.\n"
        out += "  Imaged: schools whose device image is made in the period (of the IT service's capacity).\n\n"

        for (k, kind) in kinds.enumerated() where r.undelivered(kind: k) > 0 {
            out += "Not handed out within the schedule: \(count(r.undelivered(kind: k))) of \(count(r.plan.totalDevices(kind: k))) \(kind.label)\n"
        }
        out += moneyText(r) + "\n"
        out += levelText(r) + "\n"
        out += schoolsText(r) + "\n"
        out += solverText(r, timing: timing)
        return out
    }

    static func moneyText(_ r: RolloutPlan) -> String {
        var t = Table(["Pool", "Planned", "Deadline", "Spent in time", "Lost", "Status"], rightAligned: [1, 3, 4])
        for d in r.pools {
            t.add([r.plan.pools[d.poolIndex].pool.name, d.planned.formatted, d.deadline?.iso ?? "none",
                   d.spentInTime.formatted, d.lost.formatted, statusText(d)])
        }
        var out = "Money and deadlines (a device's money counts as spent in the period it is handed out)\n" + t.render()
        let losing = r.pools.filter { $0.lost > .zero }
        if losing.isEmpty && r.pools.contains(where: { $0.open > .zero }) {
            out += "No money is lost within the schedule, but some stays open (below): deadlines after its last period decide.\n"
        } else if losing.isEmpty {
            out += "No money is lost: every pool's devices are handed out in periods that end by its deadline.\n"
        } else {
            out += "MONEY LOST: \(r.lostMoney.formatted) would be lost to deadlines.\n"
            for d in losing {
                let pool = r.plan.pools[d.poolIndex].pool
                out += "  \(pool.name) (\(pool.id)): \(d.lost.formatted) — \(count(d.lateDevices)) devices at \(d.lateSchools.count) schools are handed out after \(d.deadline!.iso)\n"
            }
        }
        for d in r.pools where d.open > .zero {
            let pool = r.plan.pools[d.poolIndex].pool
            out += "Open: \(pool.name): \(d.open.formatted) pays for devices the schedule does not hand out by \(r.periods.last!.end.iso)\n"
        }
        return out
    }

    static func statusText(_ d: RolloutPlan.PoolDeadline) -> String {
        switch d.status {
        case .noDeadline: return "no deadline"
        case .met: return "met"
        case .lost: return "MISSED"
        case .open: return "open after the schedule"
        }
    }

    /// When each index level's pupil devices are out: high-need schools should come first.
    static func levelText(_ r: RolloutPlan) -> String {
        let pupil = r.kinds.indices.filter { r.kinds[$0].basis == .pupils }
        guard !pupil.isEmpty else { return "" }
        var t = Table(["Level", "Schools", "Pupil devices", "First out", "Half out", "All out", "Avg. weeks in hands"], rightAligned: [1, 2, 6])
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
            t.add([group.key, "\(group.rows.count)", count(total), first.map { r.periods[$0].label } ?? "–",
                   half.map { r.periods[$0].label } ?? "–", all.map { r.periods[$0].label } ?? "not within the schedule",
                   fixed(weeks / Double(total), 1)])
        }
        return "Pupil devices by social index level\n" + t.render()
    }

    static func levelGroups(_ r: RolloutPlan) -> [(key: String, rows: [RolloutPlan.SchoolRow])] {
        let groups = Dictionary(grouping: r.rows) { r.plan.schools[$0.index].school.socialIndex.map(String.init) ?? "none" }
        // Highest need first, schools without a level last.
        return groups.keys.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map { ($0, groups[$0]!) }
    }

    static func schoolsText(_ r: RolloutPlan) -> String {
        var header = ["Image", "First out", "All out", "Schulnummer", "School", "Level"]
        header += r.kinds.map(\.id)
        var t = Table(header, rightAligned: Set(5..<header.count))
        for row in serviceOrder(r) {
            let a = r.plan.schools[row.index]
            var cells = [label(r, row.imagedIn), label(r, row.firstDelivery), complete(r, row), a.school.id,
                         String(a.school.name.prefix(40)), a.school.socialIndex.map(String.init) ?? "–"]
            cells += r.kinds.indices.map { count(a.devices[$0]) }
            t.add(cells)
        }
        return "Schools in the order they are served (Image: the period its device image is made)\n" + t.render()
    }

    static func solverText(_ r: RolloutPlan, timing: Bool) -> String {
        var out = "Solver: \(r.solverVersion), relative gap \(fixed(r.relativeGap * 100, 4)) %, time limit \(fixed(r.timeLimitSeconds, 0)) s for the whole schedule\n"
        for s in r.stages {
            let gap = abs(s.bestBound - s.objective)
            // The gap in the stage's own unit: euros for the money stage, else device-weeks.
            let unit = s.name.contains("euros") ? "€" : "weighted device-weeks"
            out += "  \(s.name): \(fixed(s.objective, 1)) (\(TerminalSummary.statusText(s.status)), best bound \(fixed(s.bestBound, 1)), gap \(fixed(gap, 1)) \(unit))\n"
        }
        out += weightsText(r)
        out += "Device-weeks until \(r.periods.last!.end.iso): pupils \(fixed(r.deviceWeeks(basis: .pupils, weighted: false), 1)) (need-weighted \(fixed(r.deviceWeeks(basis: .pupils, weighted: true), 1))), teachers \(fixed(r.deviceWeeks(basis: .teachers, weighted: false), 1))\n"
        if r.stages.isEmpty {
            out += "Status: nothing to decide (no device has weight); every school's devices as early as supply and imaging allow\n"
        } else if r.status == .optimal {
            out += "Status: optimal (every stage proven within the relative gap)\n"
        } else if r.stoppedAtTimeLimit {
            out += "Status: stopped at the time limit — the best verified schedule so far; each stage's gap above is the most it may be from the best possible (proven bound)\n"
        } else {
            out += "Status: feasible — not proven optimal; each stage's gap above is the most it may be from the best possible\n"
        }
        out += "Verified: supply, imaging capacity, images before devices, earliest dates and planned devices re-checked\n"
        if timing { out += "Solved in \(fixed(r.seconds, 3)) s\n" }
        return out
    }

    /// What one device-week weighs in the objective, and why.
    static func weightsText(_ r: RolloutPlan) -> String {
        let pupil = r.kinds.indices.filter { r.kinds[$0].basis == .pupils }
        let used = r.plan.schools.indices.flatMap { s in pupil.filter { r.plan.schools[s].devices[$0] > 0 }.map { r.weights[s][$0] } }
        var parts: [String] = []
        if let lo = used.min(), let hi = used.max() {
            parts.append(lo == hi ? "pupil devices \(fixed(lo, 3))" : "pupil devices \(fixed(lo, 3)) to \(fixed(hi, 3)) by index level")
        }
        if let w = r.teacherWeight {
            let why: String
            switch r.rules.teacherDevices {
            case .first: why = " (first: twice the heaviest pupil device)"
            case .last: why = " (last: half the lightest pupil device)"
            case .mixed: why = " (the kind's priority weight)"
            }
            parts.append("teacher devices \(fixed(w, 3))\(why)")
        }
        return parts.isEmpty ? "" : "Weight of one device-week: " + parts.joined(separator: "; ") + "\n"
    }

    // MARK: - CSV

    /// One row per school and period in which the school's image is made or devices go out,
    /// by period, then school number.
    public static func csv(_ r: RolloutPlan, dialect: CSVDialect = .rfc4180) -> String {
        var header = ["period", "period_start", "period_end", "schulnummer", "name", "district", "social_index", "image_made"]
        header += r.kinds.map { "devices_\($0.id)" } + r.kinds.map { "cumulative_\($0.id)" } + r.kinds.map { "planned_\($0.id)" }
        var rows: [[CSVDialect.Cell]] = [header.map { .text($0) }]
        for (t, p) in r.periods.enumerated() {
            for row in r.rows where row.delivered(inPeriod: t) > 0 || row.imagedIn == t {
                let s = r.plan.schools[row.index]
                var cells: [CSVDialect.Cell] = [.text(p.label), .text(p.start.iso), .text(p.end.iso), .text(s.school.id), .text(s.school.name),
                                                .text(s.school.district), .number(s.school.socialIndex.map(String.init) ?? ""),
                                                .text(row.imagedIn == t ? "yes" : "no")]
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

    // MARK: - SVG Gantt chart

    /// Schools (rows, in the order they are served) by period (columns); a cell's colour is
    /// the devices handed out there, grey while the image is ready but devices wait, pale
    /// green once all are out. A strip on top shows devices arrived and handed out.
    public static func svg(_ r: RolloutPlan) -> String {
        let rows = serviceOrder(r).filter { $0.imagedIn != nil || $0.total > 0 }
        let T = r.periods.count
        let left = 300.0, right = 190.0, top = 70.0, strip = 90.0, header = 40.0, rowH = 9.0
        let cw = max(12, min(40, 720 / Double(T)))
        let plotW = cw * Double(T)
        let gridTop = top + strip + header
        let legendHeight = 170.0
        let width = left + plotW + right, height = gridTop + max(rowH * Double(rows.count), legendHeight) + 50
        let maxCell = max(1, rows.flatMap { row in (0..<T).map { row.delivered(inPeriod: $0) } }.max() ?? 1)
        func x(_ t: Int) -> Double { left + Double(t) * cw }
        func f(_ v: Double) -> String { fixed(v, 1) }
        func esc(_ s: String) -> String { SweepReport.esc(s) }
        // Light to dark blue with the square root of the devices, so that small deliveries show.
        func shade(_ n: Int) -> String { SweepReport.ramp(0.2 + 0.8 * (Double(max(n, 1)) / Double(maxCell)).squareRoot()) }

        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        out += "<text x=\"20\" y=\"24\" font-size=\"14\" font-weight=\"bold\">\(esc(r.plan.scenario.name))</text>\n"
        out += "<text x=\"20\" y=\"44\" fill=\"#555\">\(esc("Roll-out schedule: \(periodsText(r)) · \(policyText(r.rules.teacherDevices)) · imaging \(imagingText(r.rules))"))</text>\n"

        // Strip: devices arrived (grey) and handed out (blue), cumulative.
        let total = Double(max(1, totalDevices(r)))
        var handed = 0
        out += "<text x=\"\(f(left - 8))\" y=\"\(f(top + 12))\" text-anchor=\"end\">devices arrived (grey)</text>"
        out += "<text x=\"\(f(left - 8))\" y=\"\(f(top + 26))\" text-anchor=\"end\" fill=\"#1f6fb2\">and handed out (blue), cumulative</text>"
        out += "<text x=\"\(f(left - 8))\" y=\"\(f(top + strip - 4))\" text-anchor=\"end\" fill=\"#555\">of \(count(totalDevices(r)))</text>\n"
        for t in 0..<T {
            handed += r.delivered(inPeriod: t)
            let ha = (strip - 10) * Double(r.supply[t]) / total, hh = (strip - 10) * Double(handed) / total
            out += "<rect x=\"\(f(x(t) + 1))\" y=\"\(f(top + strip - ha))\" width=\"\(f(cw - 2))\" height=\"\(f(ha))\" fill=\"#d9d9d9\"><title>\(esc("\(r.periods[t].label): \(count(r.supply[t])) arrived, \(count(handed)) handed out"))</title></rect>"
            out += "<rect x=\"\(f(x(t) + 3))\" y=\"\(f(top + strip - hh))\" width=\"\(f(cw - 6))\" height=\"\(f(hh))\" fill=\"#1f6fb2\"/>\n"
        }
        // Column headers: every period's label, turned.
        for (t, p) in r.periods.enumerated() {
            let cx = x(t) + cw / 2, cy = top + strip + header - 4
            out += "<text transform=\"translate(\(f(cx + 3)) \(f(cy))) rotate(-60)\" font-size=\"9\">\(esc(p.label))</text>"
        }
        out += "\n"
        // Rows.
        for (i, row) in rows.enumerated() {
            let a = r.plan.schools[row.index]
            let y = gridTop + Double(i) * rowH
            let name = "\(a.school.name.prefix(44)) · \(a.school.socialIndex.map { "level \($0)" } ?? "no level")"
            out += "<text x=\"\(f(left - 6))\" y=\"\(f(y + rowH - 1.5))\" text-anchor=\"end\" font-size=\"7.5\">\(esc(name))</text>"
            let done = row.lastDelivery.flatMap { t in row.total == a.devices.reduce(0, +) ? t : nil }
            for t in 0..<T {
                let n = row.delivered(inPeriod: t)
                let fill: String
                if n > 0 {
                    fill = shade(n)
                } else if let d = done, t > d {
                    fill = "#e5f5e0"
                } else if let im = row.imagedIn, t >= im {
                    fill = "#e6e6e6"
                } else { continue }
                out += "<rect x=\"\(f(x(t)))\" y=\"\(f(y + 0.5))\" width=\"\(f(cw))\" height=\"\(f(rowH - 1))\" fill=\"\(fill)\">"
                out += n > 0 ? "<title>\(esc("\(a.school.name), \(r.periods[t].label): \(n) devices"))</title></rect>" : "</rect>"
            }
            if let im = row.imagedIn {
                out += "<rect x=\"\(f(x(im)))\" y=\"\(f(y + 0.5))\" width=\"2\" height=\"\(f(rowH - 1))\" fill=\"#111\"/>"
            }
            out += "\n"
        }
        // Grid frame and deadlines inside the periods.
        let gridBottom = gridTop + rowH * Double(rows.count)
        out += "<rect x=\"\(f(left))\" y=\"\(f(gridTop))\" width=\"\(f(plotW))\" height=\"\(f(gridBottom - gridTop))\" fill=\"none\" stroke=\"#999\"/>\n"
        for d in r.pools {
            guard let day = d.deadline, let horizon = r.rules.horizon, horizon.contains(day) else { continue }
            let t = r.rules.lastPeriod(endingBy: day)
            let dx = x(t + 1)
            let pool = r.plan.pools[d.poolIndex].pool
            out += "<line x1=\"\(f(dx))\" y1=\"\(f(top))\" x2=\"\(f(dx))\" y2=\"\(f(gridBottom))\" stroke=\"#c0392b\" stroke-dasharray=\"5 3\" stroke-width=\"1.5\"/>"
            out += "<text x=\"\(f(dx + 3))\" y=\"\(f(top + 10))\" fill=\"#c0392b\" font-size=\"9\">\(esc("deadline \(pool.id) \(day.iso)"))</text>\n"
        }
        // Legend.
        let lx = left + plotW + 20
        out += "<text x=\"\(f(lx))\" y=\"\(f(gridTop + 10))\" font-weight=\"bold\">Devices handed out</text>\n"
        for (j, v) in [maxCell, maxCell * 3 / 4, maxCell / 2, maxCell / 4, 1].enumerated() {
            let y = gridTop + 20 + Double(j) * 16
            out += "<rect x=\"\(f(lx))\" y=\"\(f(y))\" width=\"18\" height=\"12\" fill=\"\(shade(v))\"/>"
            out += "<text x=\"\(f(lx + 24))\" y=\"\(f(y + 10))\">\(count(max(v, 1)))</text>\n"
        }
        let ly = gridTop + 20 + 5 * 16 + 8
        out += "<rect x=\"\(f(lx))\" y=\"\(f(ly))\" width=\"18\" height=\"12\" fill=\"#e6e6e6\"/><text x=\"\(f(lx + 24))\" y=\"\(f(ly + 10))\">image ready, devices due</text>\n"
        out += "<rect x=\"\(f(lx))\" y=\"\(f(ly + 16))\" width=\"18\" height=\"12\" fill=\"#e5f5e0\"/><text x=\"\(f(lx + 24))\" y=\"\(f(ly + 26))\">all devices out</text>\n"
        out += "<rect x=\"\(f(lx))\" y=\"\(f(ly + 32))\" width=\"2\" height=\"12\" fill=\"#111\"/><text x=\"\(f(lx + 24))\" y=\"\(f(ly + 42))\">image made</text>\n"
        out += "<text x=\"20\" y=\"\(f(height - 20))\" fill=\"#555\">\(esc("Rows: schools in the order they are served; columns: periods. \(moneyLine(r))"))</text>\n"
        return out + "</svg>\n"
    }

    static func moneyLine(_ r: RolloutPlan) -> String {
        r.lostMoney > .zero ? "Money lost to deadlines: \(r.lostMoney.formatted)." : "No money is lost to deadlines."
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

    static func label(_ r: RolloutPlan, _ t: Int?) -> String { t.map { r.periods[$0].label } ?? "–" }

    static func complete(_ r: RolloutPlan, _ row: RolloutPlan.SchoolRow) -> String {
        let planned = r.plan.schools[row.index].devices.reduce(0, +)
        guard row.total == planned, let t = row.lastDelivery else { return "not within the schedule" }
        return r.periods[t].label
    }

    static func count(_ n: Int) -> String { groupDigits(n, separator: ",") }

    static func periodsText(_ r: RolloutPlan) -> String {
        let n = r.periods.count
        let unit: String
        switch r.rules.periodUnit {
        case .week: unit = n == 1 ? "weekly period" : "weekly periods"
        case .month: unit = n == 1 ? "monthly period" : "monthly periods"
        case .custom: unit = n == 1 ? "period" : "periods"
        }
        return "\(n) \(unit), \(r.periods.first!.start.iso) to \(r.periods.last!.end.iso)"
    }

    static func policyText(_ p: ScheduleRules.TeacherPolicy) -> String {
        switch p {
        case .first: return "teacher devices first"
        case .last: return "teacher devices last"
        case .mixed: return "teacher and pupil devices by weight"
        }
    }

    static func imagingText(_ rules: ScheduleRules) -> String {
        let values = Set(rules.imagingCapacity)
        func schools(_ n: Int) -> String { n == 1 ? "1 school" : "\(n) schools" }
        if values.count == 1 { return "\(schools(rules.imagingCapacity[0])) per period" }
        let common = values.max { a, b in
            let ca = rules.imagingCapacity.filter { $0 == a }.count, cb = rules.imagingCapacity.filter { $0 == b }.count
            return ca != cb ? ca < cb : a > b
        }!
        let except = rules.periods.indices.filter { rules.imagingCapacity[$0] != common }
            .map { "\(rules.imagingCapacity[$0]) in \(rules.periods[$0].label)" }
        return "\(schools(common)) per period (\(except.joined(separator: ", ")))"
    }

    static func supplyText(_ r: RolloutPlan) -> String {
        let rules = r.rules
        var running = 0
        let items = rules.supply.map { e -> String in
            let n: Int
            if let d = e.devices { n = rules.supplyCumulative ? d : running + d } else { n = max(running, totalDevices(r)) }
            running = max(running, n)
            return "\(count(n))\(e.devices == nil ? " (rest)" : "") by \(e.date.iso)"
        }
        return items.joined(separator: ", ") + (rules.supplySpread == .even ? " (evenly in between)" : " (on each date)")
    }
}
