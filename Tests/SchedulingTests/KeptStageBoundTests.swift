import Foundation
import Testing
import Allocation
import GLPKSolver
import LinearProgramming
import Reports
import ScenarioFiles
@testable import Scheduling
import TestSupport

/// The later stages' bound keeps the earlier optima (issue 18): with the Sofortausstattung's
/// first deadline (2020-12-31) the money stage keeps every teacher device out until the deadline,
/// and the bound of the weighted device-weeks leaves out what that keeps empty
/// (`PeriodBound.fixed`), instead of counting teachers first.
@Suite struct KeptStageBoundTests {
    static let sofort = ["schedule.deadlines.sofort=2020-12-31", "solver.timeLimitSeconds=3"]

    /// Every schedule that keeps the earlier stage's value leaves the fixed cells and schools
    /// empty: checked on the schedules found (fixtures and the default scenario with the deadline).
    @Test(arguments: [("deadline-missed.yaml", [String]()), ("small-weekly.yaml", ["schedule.deadlines.sofort=2021-01-31"]), ("", sofort)])
    func theFixedCellsAreEmptyInTheScheduleFound(_ name: String, _ overrides: [String]) throws {
        let path = name.isEmpty ? Paths.defaultScenario : Paths.fixture("schedule/\(name)")
        let loaded = try ScenarioLoader.load(path: path, overrides: overrides)
        let rules = try #require(loaded.schedule)
        let plan = try engine.solve(loaded.scenario)
        let r = try scheduler.schedule(plan, rules: rules)
        let total = plan.kinds.indices.reduce(0) { $0 + plan.totalDevices(kind: $1) }
        let model = ScheduleModel(plan: plan, rules: rules, supply: rules.cumulativeSupply(total: total))
        let money = scheduler.moneyTerms(plan: plan, rules: rules, model: model)
        try #require(!money.isEmpty, "the fixture needs a deadline within the periods")
        let objective = LinearProgram.Objective(.maximize, money)
        let stage = try #require(r.stages.first)
        // The kept value as the scheduler keeps it (within the stage tolerance).
        let fixed = PeriodBound(model: model).fixed(keeping: objective, atLeast: stage.objective * (1 - 1e-6) - 1e-6)
        for (row, s) in model.schools.enumerated() {
            let out = r.rows.first { $0.index == s }!
            if fixed.school[row] >= 0 {
                #expect((out.imagedIn ?? .max) > fixed.school[row], "school row \(row) imaged by \(fixed.school[row])")
            }
            for k in plan.kinds.indices where fixed.cell[row][k] >= 0 {
                #expect(out.delivered(kind: k, through: fixed.cell[row][k]) == 0, "row \(row), kind \(k) through \(fixed.cell[row][k])")
            }
        }
        // Each bound is still a bound: never below the value found.
        for stage in r.stages { #expect(stage.bestBound >= stage.objective - 1e-6 * max(1, abs(stage.objective))) }
    }

    /// The default scenario with the first deadline: the money stage (proven by its period
    /// bound) fixes cells empty until the deadline, and the second stage's bound falls below the
    /// bound that ignores the first stage. (Not yet enough to prove the second stage within the
    /// relative gap: README "Speed".)
    @Test func theSofortDeadlineLowersTheSecondStagesBound() throws {
        let loaded = try ScenarioLoader.load(path: Paths.defaultScenario, overrides: ["schedule.deadlines.sofort=2020-12-31"])
        let rules = try #require(loaded.schedule)
        let plan = try engine.solve(loaded.scenario)
        let total = plan.kinds.indices.reduce(0) { $0 + plan.totalDevices(kind: $1) }
        let model = ScheduleModel(plan: plan, rules: rules, supply: rules.cumulativeSupply(total: total))
        let money = LinearProgram.Objective(.maximize, scheduler.moneyTerms(plan: plan, rules: rules, model: model))
        let bound = PeriodBound(model: model)
        // The money stage is proven at its period bound (997,798.50 €); the scheduler keeps it
        // within the stage tolerance.
        let best = bound.bound(money).value
        #expect(abs(best - 997_798.5) < 0.01)
        let fixed = bound.fixed(keeping: money, atLeast: best * (1 - 1e-6))
        #expect(fixed.count > 0)
        let weights = try TeacherWeights.weights(plan, rules.teacherDevices)
        let weeks = LinearProgram.Objective(.maximize, model.deviceWeeksTerms { r, k in weights[model.schools[r]][k] })
        #expect(bound.bound(weeks, fixed: fixed).value < bound.bound(weeks).value)
    }
}
