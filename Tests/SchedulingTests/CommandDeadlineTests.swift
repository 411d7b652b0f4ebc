import Foundation
import Testing
import Allocation
import GLPKSolver
import ScenarioFiles
import Scheduling
import TestSupport

/// Issue 14 item 8 / 18: `allocate schedule` and `report --schedule` hand the scheduler the
/// command's deadline (its start plus `--time-limit`), not a limit counted from the schedule's
/// own start. A deadline already passed (the fault: the command's loading and allocation used
/// the time up) gives the best verified schedule at once — the starting plan, every stage with
/// its proven bound, marked as stopped — although the plan's own limit (30 s) is far off.
/// No timing is asserted.
@Suite struct CommandDeadlineTests {
    /// (A scenario whose starting plan a bound proves optimal without a solver, such as
    /// scarce-supply.yaml, is optimal at any deadline: this one needs the solver.)
    @Test func aPassedCommandDeadlineStopsTheSchedule() throws {
        let loaded = try ScenarioLoader.load(path: Paths.fixture("schedule/deadline-missed.yaml"))
        let rules = try #require(loaded.schedule)
        var plan = try AllocationEngine(solver: GLPKSolver()).solve(loaded.scenario)
        plan.scenario.solver.timeLimitSeconds = 30
        let scheduler = RolloutScheduler(solver: GLPKSolver())
        let late = try scheduler.schedule(plan, rules: rules, deadline: ContinuousClock.now.advanced(by: .seconds(-1000)))
        let free = try scheduler.schedule(plan, rules: rules)
        #expect(ScheduleVerifier.verify(late).isEmpty)
        #expect(!free.stoppedAtTimeLimit && free.status == .optimal)
        #expect(late.stoppedAtTimeLimit && late.status == .feasible)
        for stage in late.stages { #expect(stage.bestBound >= stage.objective - 1e-6 * max(1, abs(stage.objective)), "\(stage)") }
    }
}
