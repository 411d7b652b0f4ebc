import Foundation
import Testing
import Allocation
import GLPKSolver
import Reports
import ScenarioFiles
@testable import Scheduling
import TestSupport

// The roll-out schedule (issue 6): the `schedule` section, the model's rules, its
// properties, the reports and the command.

let scheduler = RolloutScheduler(solver: GLPKSolver())

/// A fixture under Fixtures/schedule, solved and scheduled.
func rollout(_ name: String, _ overrides: [String] = []) throws -> RolloutPlan {
    try rollout(path: Paths.fixture("schedule/\(name)"), overrides)
}

func rollout(path: String, _ overrides: [String] = []) throws -> RolloutPlan {
    let loaded = try ScenarioLoader.load(path: path, overrides: overrides)
    let rules = try #require(loaded.schedule)
    return try scheduler.schedule(try engine.solve(loaded.scenario), rules: rules)
}

/// Every rule re-checked here, independently of `ScheduleVerifier`: devices out never above
/// `supply` (cumulative, per period), schools imaged never above capacity, no device before
/// the school's image, no image before the school's earliest day, no more than planned.
func expectRulesHold(_ r: RolloutPlan, supply: [Int], sourceLocation: SourceLocation = #_sourceLocation) {
    let T = r.periods.count
    var out = 0
    for t in 0..<T {
        out += r.rows.reduce(0) { s, row in s + row.deliveries.reduce(0) { $0 + $1[t] } }
        #expect(out <= supply[t], "period \(t): \(out) out, \(supply[t]) arrived", sourceLocation: sourceLocation)
        let imaged = r.rows.filter { $0.imagedIn == t }.count
        #expect(imaged <= r.rules.imagingCapacity[t], "period \(t): \(imaged) imaged", sourceLocation: sourceLocation)
    }
    for row in r.rows {
        let a = r.plan.schools[row.index]
        for k in r.kinds.indices {
            #expect(row.deliveries[k].allSatisfy { $0 >= 0 }, sourceLocation: sourceLocation)
            #expect(row.deliveries[k].reduce(0, +) <= a.devices[k], sourceLocation: sourceLocation)
            for t in 0..<T where row.deliveries[k][t] > 0 {
                #expect(row.imagedIn != nil && row.imagedIn! <= t, "school \(a.school.id) gets devices in period \(t) before its image",
                        sourceLocation: sourceLocation)
            }
        }
        if let t = row.imagedIn, let day = r.rules.earliest[a.school.id] {
            #expect(r.periods[t].start >= day, "school \(a.school.id) served before \(day)", sourceLocation: sourceLocation)
        }
    }
    #expect(ScheduleVerifier.verify(r).isEmpty, sourceLocation: sourceLocation)
}

/// Devices of `basis` handed out in a period while a device of the other basis at a school
/// already imaged was still waiting at the end of that period (the teacher policy's promise).
func handedOutWhileOthersWait(_ r: RolloutPlan, out basis: DeviceKind.Basis) -> [String] {
    var found: [String] = []
    for t in r.periods.indices {
        let handed = r.rows.reduce(0) { s, row in s + r.kinds.indices.filter { r.kinds[$0].basis == basis }.reduce(0) { $0 + row.deliveries[$1][t] } }
        let waiting = r.rows.filter { ($0.imagedIn ?? Int.max) <= t }.reduce(0) { s, row in
            s + r.kinds.indices.filter { r.kinds[$0].basis != basis }.reduce(0) {
                $0 + r.plan.schools[row.index].devices[$1] - row.delivered(kind: $1, through: t)
            }
        }
        if handed > 0 && waiting > 0 { found.append("\(r.periods[t].label): \(handed) out, \(waiting) waiting") }
    }
    return found
}

@Suite struct ScheduleSectionTests {
    @Test func readsWeeklyPeriodsSupplyAndDeadlines() throws {
        let rules = try #require(try ScenarioLoader.load(path: Paths.fixture("schedule/small-weekly.yaml")).schedule)
        #expect(rules.periods.map(\.label) == ["2021-W01", "2021-W02", "2021-W03", "2021-W04", "2021-W05", "2021-W06"])
        #expect(rules.periods.first?.start.iso == "2021-01-04" && rules.periods.last?.end.iso == "2021-02-14")
        #expect(rules.periods.allSatisfy { $0.days == 7 })
        #expect(rules.imagingCapacity == [1, 1, 1, 1, 1, 1])
        #expect(rules.supply.map(\.devices) == [40, 100, nil])
        #expect(rules.cumulativeSupply(total: 205) == [40, 40, 100, 100, 205, 205])
        #expect(rules.deadlines == ["sofort": Day(iso: "2021-12-31")!, "lehrer": Day(iso: "2021-12-31")!])
        #expect(rules.teacherDevices == .mixed)
    }

    @Test func defaultScenarioCarriesThe2020Figures() throws {
        let rules = try #require(try ScenarioLoader.load(path: Paths.defaultScenario).schedule)
        #expect(rules.periods.count == 24 && rules.periodUnit == .week)
        #expect(rules.periods.first?.label == "2020-W47" && rules.periods.first?.start.iso == "2020-11-16")
        #expect(rules.periods.last?.end.iso == "2021-05-02")
        #expect(rules.supplyCumulative && rules.supplySpread == .even)
        #expect(rules.supply.map { "\($0.date):\($0.devices.map(String.init) ?? "rest")" } == ["2020-12-31:3500", "2021-01-31:6000", "2021-04-30:rest"])
        #expect(Set(rules.imagingCapacity) == [8])
        #expect(rules.deadlines["sofort"]?.iso == "2021-12-31")
        #expect(rules.teacherDevices == .first)
        let supply = rules.cumulativeSupply(total: 25_612)
        // 3,500 spread evenly over the 46 days from 2020-11-16 to 2020-12-31: 7 days give 532.
        #expect(supply[0] == 532)
        let endOfJanuary = try #require(rules.periods.firstIndex { $0.end.iso == "2021-01-31" })
        #expect(supply[endOfJanuary] == 6_000)
        #expect(supply.last == 25_612)
        #expect(zip(supply, supply.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test func monthlyPeriodsAndSupplyBetweenDates() throws {
        let loaded = try ScenarioLoader.load(path: Paths.fixture("schedule/small-weekly.yaml"),
                                             overrides: ["schedule.periods={every: month, from: 2020-11-01, until: 2021-04-30}",
                                                         "schedule.supply.spread=even"])
        let rules = try #require(loaded.schedule)
        #expect(rules.periods.map(\.label) == ["2020-11", "2020-12", "2021-01", "2021-02", "2021-03", "2021-04"])
        #expect(rules.periods.map(\.end.iso) == ["2020-11-30", "2020-12-31", "2021-01-31", "2021-02-28", "2021-03-31", "2021-04-30"])
        // 40 by 2021-01-04, evenly from 2020-10-31: 30 of 65 days by 2020-11-30 -> 18.
        #expect(rules.cumulativeSupply(total: 205)[0] == 40 * 30 / 65)
    }

    @Test func listedPeriodsMayLeaveGaps() throws {
        let rules = try #require(try ScenarioLoader.load(path: Paths.fixture("schedule/monthly-list.yaml")).schedule)
        #expect(rules.periods.map(\.label) == ["Dec", "Jan", "Feb"])
        #expect(rules.periodUnit == .custom && rules.teacherDevices == .last)
        // 50 by 2020-11-30, then evenly up to all 205 by 2021-01-31: 50 + 155 × 22/62 by 22 December.
        #expect(rules.cumulativeSupply(total: 205) == [105, 205, 205])
    }

    static let invalid: [String] = {
        let dir = Paths.fixtures.appendingPathComponent("schedule/invalid")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    @Test func thereAreInvalidFixtures() { #expect(Self.invalid.count >= 15) }

    /// Each starts with "# expect: TEXT"; loading must fail with TEXT, the file and its line.
    @Test(arguments: invalid)
    func rejected(_ name: String) throws {
        let path = Paths.fixture("schedule/invalid/\(name)")
        let firstLine = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").first ?? ""
        #expect(firstLine.hasPrefix("# expect: "), "\(name) lacks its '# expect:' line")
        let expected = firstLine.replacingOccurrences(of: "# expect: ", with: "")
        let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: path) }
        #expect(error?.description.contains(expected) == true, "\(name): got \(error?.description ?? "no error")")
        #expect(error?.file.hasSuffix(".yaml") == true)
        #expect(error?.line != nil, "\(name): no line in \(error?.description ?? "")")
        #expect(error?.key?.hasPrefix("schedule") == true, "\(name): key \(error?.key ?? "none")")
    }

    @Test func errorNamesFileLineAndKey() throws {
        let error = #expect(throws: ScenarioError.self) {
            try ScenarioLoader.load(path: Paths.fixture("schedule/invalid/cumulative-falls.yaml"))
        }
        #expect(error?.file.hasSuffix("schedule/invalid/cumulative-falls.yaml") == true)
        #expect(error?.line == 5)
        #expect(error?.key == "schedule.supply.by.2021-01-20")
    }

    @Test func overridesFromTheCommandLineAreChecked() {
        let error = #expect(throws: ScenarioError.self) {
            try ScenarioLoader.load(path: Paths.fixture("schedule/small-weekly.yaml"), overrides: ["schedule.imaging.schoolsPerPeriod=many"])
        }
        #expect(error?.key == "schedule.imaging.schoolsPerPeriod")
        #expect(error?.message.contains("found 'many'") == true)
    }

    @Test func scenariosWithoutScheduleHaveNone() throws {
        #expect(try ScenarioLoader.load(path: Paths.fixture("valid/small.yaml")).schedule == nil)
    }
}

@Suite struct DayTests {
    @Test func isoDatesRoundTripAndImpossibleOnesAreRefused() {
        for text in ["2020-11-16", "2020-02-29", "2000-02-29", "2021-12-31", "1970-01-01", "2199-12-31"] {
            #expect(Day(iso: text)?.iso == text)
        }
        for text in ["2021-02-29", "1900-02-29", "2021-13-01", "2021-00-10", "2021-1-5", "20210105", "2021-01-05 ", "1899-12-31", ""] {
            #expect(Day(iso: text) == nil, "\(text)")
        }
        #expect(Day(iso: "1970-01-01")?.number == 0)
        #expect(Day(iso: "2021-01-01")!.number - Day(iso: "2020-01-01")!.number == 366)
    }

    @Test func weekdaysAndISOWeeks() {
        #expect(Day(iso: "2020-11-16")?.weekday == 1)   // a Monday
        #expect(Day(iso: "2021-05-02")?.weekday == 7)   // a Sunday
        #expect(Day(iso: "2020-11-16")?.isoWeekLabel == "2020-W47")
        #expect(Day(iso: "2020-12-28")?.isoWeekLabel == "2020-W53")
        #expect(Day(iso: "2021-01-03")?.isoWeekLabel == "2020-W53")
        #expect(Day(iso: "2021-01-04")?.isoWeekLabel == "2021-W01")
        #expect(Day(iso: "2021-01-31")?.adding(months: 1)?.iso == "2021-02-28")
    }
}

@Suite struct RolloutTests {
    @Test func supplyAndImagingCapacityAreNeverExceeded() throws {
        let r = try rollout("small-weekly.yaml")
        expectRulesHold(r, supply: [40, 40, 100, 100, 205, 205])
        #expect(r.status == .optimal)
        // Supply binds until week 4 (everything that has arrived is out), imaging after it:
        // the sixth school's image is made in week 6, and all 205 devices are out then.
        let out = r.periods.indices.map { t in (0...t).reduce(0) { $0 + r.delivered(inPeriod: $1) } }
        #expect(Array(out.prefix(4)) == [40, 40, 100, 100] && out.last == 205)
        #expect(r.imagedPerPeriod == [1, 1, 1, 1, 1, 1])
        let scarce = try rollout("scarce-supply.yaml")
        expectRulesHold(scarce, supply: [10, 20, 30, 40, 50, 60])
        let listed = try rollout("monthly-list.yaml")
        expectRulesHold(listed, supply: [105, 205, 205])
    }

    @Test func noSchoolIsServedBeforeItsImageOrItsEarliestDay() throws {
        let r = try rollout("earliest.yaml")
        expectRulesHold(r, supply: [40, 40, 100, 100, 205, 205])
        let row = { (id: String) in r.rows.first { r.plan.schools[$0.index].school.id == id }! }
        #expect(r.imagedPerPeriod[0] == 0)                               // no capacity in week 1
        #expect(r.delivered(inPeriod: 0) == 0)                           // so no device either
        #expect(row("100004").imagedIn.map { r.periods[$0].start.iso }! >= "2021-01-25")
        #expect(row("100001").imagedIn == nil && row("100001").total == 0)  // its first period is after the schedule
        #expect(r.undelivered(kind: 0) + r.undelivered(kind: 1) == r.plan.schools[row("100001").index].devices.reduce(0, +))
        #expect(ScheduleReport.text(r, timing: false).contains("Not handed out within the schedule"))
    }

    /// Supply variants that never bring fewer devices by any period's end: the weighted
    /// device-weeks (proven optimal, relativeGap 0) never fall.
    @Test func moreSupplyNeverMakesTheWeightedDeliveryWorse() throws {
        let base = try rollout("small-weekly.yaml")
        let baseSupply = base.supply
        var variants: [[String]] = [
            ["schedule.supply.by.2021-01-04=60"], ["schedule.supply.by.2021-01-11=80"], ["schedule.supply.by.2021-01-18=150"],
            ["schedule.supply.spread=even"], ["schedule.supply.by.2021-01-25=205"],
        ]
        // And a few seeded random ones: each date's figure raised by 0...40.
        var seed: UInt64 = 20_201_216
        func next(_ n: Int) -> Int { seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407; return Int(seed >> 33) % n }
        for _ in 0..<4 { variants.append(["schedule.supply.by.2021-01-04=\(40 + next(41))", "schedule.supply.by.2021-01-18=\(140 + next(41))"]) }
        let baseValue = base.deviceWeeks(basis: nil, weighted: true)
        for overrides in variants {
            let more = try rollout("small-weekly.yaml", overrides)
            #expect(zip(more.supply, baseSupply).allSatisfy { $0 >= $1 }, "\(overrides) is not more supply")
            #expect(more.status == .optimal)
            expectRulesHold(more, supply: more.supply)
            #expect(more.deviceWeeks(basis: nil, weighted: true) >= baseValue - 1e-6, "\(overrides): fewer weighted device-weeks")
        }
        // More imaging capacity is more, too.
        let wider = try rollout("small-weekly.yaml", ["schedule.imaging.schoolsPerPeriod=2"])
        #expect(wider.deviceWeeks(basis: nil, weighted: true) >= baseValue - 1e-6)
    }

    @Test func missedDeadlinesAreReportedNotHidden() throws {
        let r = try rollout("deadline-missed.yaml")
        expectRulesHold(r, supply: [40, 40, 100, 100, 205, 205])
        let p = try #require(r.plan.pools.firstIndex { $0.pool.id == "sofort" })
        let d = r.pools[p]
        // Recomputed here: Sofort's share of each device handed out by week 3 (ends 2021-01-24).
        var spent = 0
        for row in r.rows {
            let a = r.plan.schools[row.index]
            for k in r.kinds.indices where a.devices[k] > 0 { spent += a.funding[k][p].cents * row.delivered(kind: k, through: 2) / a.devices[k] }
        }
        #expect(d.status == .lost && d.deadline?.iso == "2021-01-24")
        #expect(d.spentInTime.cents == spent)
        #expect(d.lost == d.planned - d.spentInTime)
        #expect(d.lost >= Money(cents: 819_000))   // at least 26 of Sofort's 126 devices cannot arrive in time
        #expect(!d.lateSchools.isEmpty && d.lateDevices >= 26)
        #expect(r.lostMoney == d.lost)
        #expect(r.stages.first?.name.hasPrefix("money") == true && r.stages.first?.status == .optimal)
        // The money stage came first: no schedule hands out more of Sofort's devices by week 3.
        let plain = try rollout("small-weekly.yaml")
        let plainSpent = plain.rows.reduce(0) { s, row in
            let a = plain.plan.schools[row.index]
            return s + plain.kinds.indices.filter { a.devices[$0] > 0 }.reduce(0) { $0 + a.funding[$1][p].cents * row.delivered(kind: $1, through: 2) / a.devices[$1] }
        }
        #expect(spent >= plainSpent)
        let text = ScheduleReport.text(r, timing: false)
        #expect(text.contains("MONEY LOST: \(d.lost.formatted) would be lost to deadlines."))
        #expect(text.contains("Sofort (sofort): \(d.lost.formatted) — "))
        #expect(text.contains("MISSED"))
        let json = ScheduleReport.json(r)
        #expect(json.contains("\"status\": \"lost\"") && json.contains("\"lostMoney\": \(d.lost.plain)"))
        #expect(GanttChart.svg(r).contains("deadline sofort 2021-01-24"))
        // Met deadlines say so; a deadline before any period ends loses everything.
        #expect(try rollout("small-weekly.yaml").pools.allSatisfy { $0.lost == .zero })
        let early = try rollout("small-weekly.yaml", ["schedule.deadlines.sofort=2021-01-05"])
        #expect(early.pools[p].spentInTime == .zero && early.pools[p].lost == early.pools[p].planned)
    }

    @Test func teacherDevicesFirstLastOrMixed() throws {
        let first = try rollout("small-weekly.yaml", ["schedule.teacherDevices=first"])
        let mixed = try rollout("small-weekly.yaml")
        let last = try rollout("small-weekly.yaml", ["schedule.teacherDevices=last"])
        for r in [first, mixed, last] { expectRulesHold(r, supply: [40, 40, 100, 100, 205, 205]) }
        let teacherWeeks = [first, mixed, last].map { $0.deviceWeeks(basis: .teachers, weighted: false) }
        let pupilWeeks = [first, mixed, last].map { $0.deviceWeeks(basis: .pupils, weighted: true) }
        #expect(teacherWeeks[0] >= teacherWeeks[1] && teacherWeeks[1] >= teacherWeeks[2])
        #expect(pupilWeeks[2] >= pupilWeeks[1] && pupilWeeks[1] >= pupilWeeks[0])
        #expect(teacherWeeks[0] > teacherWeeks[2])
        // The promise: no pupil device goes out while a teacher device at a served school waits
        // (first), and the other way round (last).
        #expect(handedOutWhileOthersWait(first, out: .pupils).isEmpty)
        #expect(handedOutWhileOthersWait(last, out: .teachers).isEmpty)
        #expect(abs((first.teacherWeight ?? 0) - 3.6) < 1e-12)   // twice the heaviest pupil device (level 9: 1.8)
        #expect(abs((last.teacherWeight ?? 0) - 0.5) < 1e-12)    // half the lightest (level 1: 1.0)
    }

    /// Every school imaged at once, 10 devices a week: they go to the heaviest devices first.
    @Test func highNeedSchoolsAreServedFirst() throws {
        let r = try rollout("scarce-supply.yaml")
        for t in r.periods.indices {
            // The lightest device handed out in t is at least as heavy as any still waiting after t.
            var lightestOut = Double.infinity, heaviestWaiting = -Double.infinity
            for row in r.rows {
                for k in r.kinds.indices {
                    if row.deliveries[k][t] > 0 { lightestOut = min(lightestOut, r.weights[row.index][k]) }
                    if r.plan.schools[row.index].devices[k] > row.delivered(kind: k, through: t) {
                        heaviestWaiting = max(heaviestWaiting, r.weights[row.index][k])
                    }
                }
            }
            #expect(lightestOut >= heaviestWaiting, "period \(t)")
        }
        // Week 1's 10 devices go to the special-needs school (counted as level 9, weight 1.8).
        let epsilon = try #require(r.rows.first { r.plan.schools[$0.index].school.id == "100005" })
        #expect(epsilon.deliveries[0][0] == 10)
    }

    @Test func rulesThatDoNotFitThePlanAreRefused() throws {
        let loaded = try ScenarioLoader.load(path: Paths.fixture("schedule/small-weekly.yaml"))
        let plan = try engine.solve(loaded.scenario)
        var short = try #require(loaded.schedule)
        short.imagingCapacity.removeLast()
        let e1 = #expect(throws: ScheduleError.self) { try scheduler.schedule(plan, rules: short) }
        #expect(e1?.description == "inconsistent schedule: 5 imaging capacities for 6 periods")
        var unknown = try #require(loaded.schedule)
        unknown.deadlines["nope"] = Day(iso: "2021-12-31")
        let e2 = #expect(throws: ScheduleError.self) { try scheduler.schedule(plan, rules: unknown) }
        #expect(e2?.description.contains("pool 'nope'") == true)
    }

    @Test func sameInputsGiveTheSameBytes() throws {
        let a = try rollout("small-weekly.yaml", ["schedule.teacherDevices=first"])
        let b = try rollout("small-weekly.yaml", ["schedule.teacherDevices=first"])
        #expect(ScheduleReport.text(a, timing: false) == ScheduleReport.text(b, timing: false))
        #expect(ScheduleReport.csv(a) == ScheduleReport.csv(b))
        #expect(ScheduleReport.json(a) == ScheduleReport.json(b))
        #expect(GanttChart.svg(a) == GanttChart.svg(b))
    }

    @Test func reportsMatchTheGoldenFiles() throws {
        let r = try rollout("small-weekly.yaml")
        try assertGolden(ScheduleReport.text(r, timing: false), "../schedule/golden/small-weekly.txt")
        try assertGolden(ScheduleReport.csv(r), "../schedule/golden/small-weekly.csv")
        try assertGolden(ScheduleReport.json(r), "../schedule/golden/small-weekly.json")
        try assertGolden(GanttChart.svg(r), "../schedule/golden/small-weekly.svg")
        let excel = ScheduleReport.csv(r, dialect: .excelDE)
        #expect(excel.hasPrefix("\u{FEFF}period;period_start;"))
        #expect((try? JSONSerialization.jsonObject(with: Data(ScheduleReport.json(r).utf8))) != nil)
    }

    /// The time limit is one budget for the schedule's solver (issue #14, item 8): the
    /// relaxation and every stage share it. When it runs out, the best verified schedule so
    /// far comes back, marked as stopped, with each stage's proven bound; a longer limit never
    /// gives a worse schedule than a shorter one.
    @Test(arguments: ["small-weekly.yaml", "deadline-missed.yaml", "scarce-supply.yaml"])
    func theTimeLimitIsOneBudgetForTheWholeSchedule(_ name: String) throws {
        let loaded = try ScenarioLoader.load(path: Paths.fixture("schedule/\(name)"))
        let rules = try #require(loaded.schedule)
        let plan = try engine.solve(loaded.scenario)
        var results: [RolloutPlan] = []
        for limit in [0.000_001, 0.05, 30] {
            var p = plan
            p.scenario.solver.timeLimitSeconds = limit
            let r = try scheduler.schedule(p, rules: rules)
            expectRulesHold(r, supply: r.supply)
            #expect(ScheduleVerifier.verify(r).isEmpty)
            for stage in r.stages { #expect(stage.bestBound >= stage.objective - 1e-6 * max(1, abs(stage.objective)), "\(limit) s: \(stage)") }
            if r.stoppedAtTimeLimit {
                #expect(r.status == .feasible)
                #expect(ScheduleReport.text(r, timing: false).contains("Status: stopped at the time limit — the best verified schedule so far"))
            }
            results.append(r)
        }
        // A limit of 1 µs leaves no time for a solver: the schedule stops there, unless a bound
        // that needs none (`PeriodBound`) proves the starting plan optimal (issue 18).
        #expect(results[0].stoppedAtTimeLimit || results[0].stages.allSatisfy {
            $0.status == .optimal && $0.bestBound - $0.objective <= 1e-6 * max(1, abs($0.objective))
        }, "a limit of 1 µs proves nothing but by a bound")
        #expect(!results[2].stoppedAtTimeLimit && results[2].status == .optimal)
        // Stage by stage in priority order: a longer limit is at least as good.
        for (short, long) in zip(results, results.dropFirst()) {
            for (a, b) in zip(short.stages, long.stages) {
                if abs(a.objective - b.objective) <= 1e-6 * max(1, abs(a.objective)) { continue }
                #expect(b.objective > a.objective, "\(b.name): \(b.objective) with the longer limit, \(a.objective) with the shorter")
                break
            }
        }
    }

    /// The 2020/21 roll-out (issue 6, "done when"): week by week within the supply figures.
    @Test func theDefaultScenarioRespectsThe2020Supply() throws {
        // The scenario's 10 s are one budget for the whole schedule now (model, starting plan's
        // search, relaxation and stages); 300 s leave room for a debug build on a loaded 2-core
        // machine running the other suites (the test asserts a proven optimum, not a time).
        let r = try rollout(path: Paths.defaultScenario, ["solver.timeLimitSeconds=300"])
        let supply = r.rules.cumulativeSupply(total: 25_612)
        expectRulesHold(r, supply: supply)
        #expect(r.periods.count == 24)
        #expect(r.undelivered(kind: 0) == 0 && r.undelivered(kind: 1) == 0)   // all out by 2 May 2021
        let december = try #require(r.periods.lastIndex { $0.end.iso <= "2020-12-31" })
        #expect((0...december).reduce(0) { $0 + r.delivered(inPeriod: $1) } <= 3_500)
        let january = try #require(r.periods.firstIndex { $0.end.iso == "2021-01-31" })
        #expect((0...january).reduce(0) { $0 + r.delivered(inPeriod: $1) } <= 6_000)
        #expect(r.lostMoney == .zero)
        #expect(handedOutWhileOthersWait(r, out: .pupils).isEmpty)   // teachers first
        #expect(r.status == .optimal, "\(r.stages)")
        #expect(ScheduleReport.text(r).contains("2021-W04  2021-01-25  2021-01-31    6,000"))
    }
}
