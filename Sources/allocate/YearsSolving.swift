import Foundation
import Allocation
import GLPKSolver
import LinearProgramming
import Replacement
import Reports
import ScenarioFiles

/// The multi-year plan of a scenario's `years:` section, loaded, solved and verified, with its
/// figures: the one solve of `allocate years`, `allocate report --years` and `history rerun`.
enum YearsSolving {
    static func plan(path: String, settings: ScenarioSettings, terminal: ReportLanguage,
                     started: CommandStart) throws -> (years: LoadedYears, figures: YearsFigures) {
        var years = try ScenarioLoader.loadYears(path: path, overrides: settings.overrides.overrides)
        try settings.solver.apply(to: &years.loaded.scenario)
        let status = StatusLine()
        let limit = min(max(years.loaded.scenario.solver.timeLimitSeconds, 0.005), 86_400)
        let (outcome, _) = try solve(years, started: started.instant) {
            status.show(YearsReport.progress(stages: 4, seconds: limit, terminal))
        }
        status.finish()
        return (years, YearsFigures(years, outcome))
    }

    /// The solve itself: first what the scenario's facts alone prove impossible, then every
    /// stage of the planner under one deadline, `--time-limit` counted from `started` (the
    /// command's start; a rerun of a recorded run counts from its own start).
    static func solve(_ years: LoadedYears, started: ContinuousClock.Instant = .now,
                      beforeSolving: () -> Void = {}) throws -> (ReplacementPlanner.Outcome, glpkVersion: String) {
        let shortfalls = years.scenario.operatingShortfalls()
        if !shortfalls.isEmpty { throw ReplacementInfeasibility(shortfalls: shortfalls) }
        let solver = years.loaded.scenario.solver
        let limit = min(max(solver.timeLimitSeconds, 0.005), 86_400)
        let deadline = started.advanced(by: .milliseconds(Int64((limit * 1000).rounded())))
        beforeSolving()
        let glpk = GLPKSolver()
        let outcome = try ReplacementPlanner.solve(years.scenario, solver: glpk,
                                                   options: SolveOptions(relativeGap: solver.relativeGap, timeLimitSeconds: limit),
                                                   deadline: deadline)
        return (outcome, glpk.version)
    }
}
