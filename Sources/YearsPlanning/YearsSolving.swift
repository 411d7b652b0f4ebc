import Foundation
import GLPKSolver
import LinearProgramming
import Replacement
import ScenarioFiles

/// The multi-year solve as `allocate years` runs it, for every caller that plans a scenario's
/// `years:` section: the command line (`years`, `report --years`, `compare`, `explain`,
/// `history rerun`; its terminal parts in Sources/allocate/YearsSolving.swift) and the web
/// planner (`POST /api/years`, PlannerService). One owner of the refusals the scenario's facts
/// prove before any solve (running cost, devices the fall limit makes necessary), of the time
/// limit and of the solve itself: every stage of the planner under one deadline.
public enum YearsSolving {
    /// What the scenario's facts alone prove impossible, said before any solve.
    public static func refuseShortfalls(_ scenario: ReplacementScenario) throws {
        let shortfalls = scenario.operatingShortfalls()
        if !shortfalls.isEmpty { throw ReplacementInfeasibility(shortfalls: shortfalls) }
        let purchases = scenario.purchaseShortfalls()
        if !purchases.isEmpty { throw ReplacementPurchaseInfeasibility(shortfalls: purchases) }
    }

    /// The scenario's time limit in seconds, as every years solve uses it (5 ms to one day).
    public static func timeLimit(_ years: LoadedYears) -> Double {
        min(max(years.loaded.scenario.solver.timeLimitSeconds, 0.005), 86_400)
    }

    /// The seconds of the time limit left after `started` (at least 5 ms).
    public static func timeLeft(_ years: LoadedYears, since started: ContinuousClock.Instant) -> Double {
        let elapsed = started.duration(to: .now)
        let spent = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return max(timeLimit(years) - spent, 0.005)
    }

    /// The solve itself; `started`: when the time limit began (a command's start, a rerun's own
    /// start, a planner request's arrival). `cancellation` (a web client that hung up) stops it
    /// between stages and inside GLPK's solves with `SolverError.cancelled`; `stage` is told
    /// when each stage begins (its number from 1, of the stage count), on the solving thread.
    public static func solve(_ years: LoadedYears, started: ContinuousClock.Instant = .now,
                             cancellation: Cancellation? = nil, stage: (@Sendable (_ stage: Int, _ of: Int) -> Void)? = nil,
                             beforeSolving: () -> Void = {}) throws -> (ReplacementPlanner.Outcome, glpkVersion: String) {
        try refuseShortfalls(years.scenario)
        let solver = years.loaded.scenario.solver
        let limit = timeLimit(years)
        let deadline = started.advanced(by: .milliseconds(Int64((limit * 1000).rounded())))
        beforeSolving()
        if cancellation?.isCancelled == true { throw SolverError.cancelled }
        let glpk = GLPKSolver()
        let options = SolveOptions(relativeGap: solver.relativeGap, timeLimitSeconds: limit, cancellation: cancellation,
                                   stages: stage.map(StageReporter.init))
        let outcome = try ReplacementPlanner.solve(years.scenario, solver: glpk, options: options, deadline: deadline)
        // Cancelled after the last stage's check: whoever asked is gone all the same.
        if cancellation?.isCancelled == true { throw SolverError.cancelled }
        return (outcome, glpk.version)
    }
}
