import Foundation
import Allocation
import GLPKSolver
import LinearProgramming
import Replacement
import Reports
import ScenarioFiles

/// The multi-year plan of a scenario's `years:` section, loaded, solved and verified, with its
/// figures: the one solve of `allocate years` and `allocate report --years`.
enum YearsSolving {
    static func plan(path: String, settings: ScenarioSettings, terminal: ReportLanguage) throws -> (years: LoadedYears, figures: YearsFigures) {
        var years = try ScenarioLoader.loadYears(path: path, overrides: settings.overrides.overrides)
        try settings.solver.apply(to: &years.loaded.scenario)
        let solver = years.loaded.scenario.solver
        // What the scenario's facts alone prove impossible is said before any solve.
        let shortfalls = years.scenario.operatingShortfalls()
        if !shortfalls.isEmpty { throw ReplacementInfeasibility(shortfalls: shortfalls) }
        // The limit bounds the whole solve: the relaxation for the start and the four stages
        // each get a fifth of it (the planner takes one limit per solver call).
        let limit = min(max(solver.timeLimitSeconds, 0.005), 86_400)
        let status = StatusLine()
        status.show(YearsReport.progress(stages: 4, seconds: limit, terminal))
        let outcome: ReplacementPlanner.Outcome
        do {
            defer { status.finish() }
            outcome = try ReplacementPlanner.solve(years.scenario, solver: GLPKSolver(),
                                                   options: SolveOptions(relativeGap: solver.relativeGap, timeLimitSeconds: limit / 5))
        }
        return (years, YearsFigures(years, outcome))
    }
}
