import Foundation
import Allocation
import GLPKSolver
import LinearProgramming
import Replacement
import Reports
import ScenarioFiles

/// One multi-year scenario loaded and solved as `allocate years` does it, for every command
/// that works on `years:` sections (`years`, `compare`, `explain`): the refusals the scenario's
/// facts prove before any solve (running cost, devices the fall limit makes necessary), then
/// the planner within the time limit.
enum YearsSolving {
    /// Whether the scenario (with `--set`) has a `years:` section.
    static func hasYears(_ path: String, settings: ScenarioSettings) throws -> Bool {
        try ScenarioTemplate.load(path: path, overrides: settings.overrides.overrides).hasYears
    }

    /// The scenario with its solver options (`--time-limit`, `--gap`) applied.
    static func load(_ path: String, settings: ScenarioSettings) throws -> LoadedYears {
        var years = try ScenarioLoader.loadYears(path: path, overrides: settings.overrides.overrides)
        try settings.solver.apply(to: &years.loaded.scenario)
        return years
    }

    /// What the scenario's facts alone prove impossible, said before any solve.
    static func refuseShortfalls(_ scenario: ReplacementScenario) throws {
        let shortfalls = scenario.operatingShortfalls()
        if !shortfalls.isEmpty { throw ReplacementInfeasibility(shortfalls: shortfalls) }
        let purchases = scenario.purchaseShortfalls()
        if !purchases.isEmpty { throw ReplacementPurchaseInfeasibility(shortfalls: purchases) }
    }

    /// The limit bounds the whole solve: the relaxation for the start and the four stages each
    /// get a fifth of it (the planner takes one limit per solver call).
    static func solve(_ years: LoadedYears, language: ReportLanguage) throws -> YearsFigures {
        try refuseShortfalls(years.scenario)
        let solver = years.loaded.scenario.solver
        let limit = min(max(solver.timeLimitSeconds, 0.005), 86_400)
        let status = StatusLine()
        status.show(YearsReport.progress(stages: 4, seconds: limit, language))
        let outcome: ReplacementPlanner.Outcome
        do {
            defer { status.finish() }
            outcome = try ReplacementPlanner.solve(years.scenario, solver: GLPKSolver(),
                                                   options: SolveOptions(relativeGap: solver.relativeGap, timeLimitSeconds: limit / 5))
        }
        return YearsFigures(years, outcome)
    }
}
