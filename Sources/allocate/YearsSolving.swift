import Foundation
import Allocation
import GLPKSolver
import History
import LinearProgramming
import Replacement
import Reports
import ScenarioFiles

// The shared solve (refusals, time limit, the solve) lives in the YearsPlanning library, so that
// the web planner runs the same one; exported here so that every command file sees it.
@_exported import YearsPlanning

/// The command line's part of loading and solving a multi-year scenario as `allocate years`
/// does it (`years`, `report --years`, `compare`, `explain`, `history rerun`): the scenario
/// with `--set` and the solver options, and the progress line on a terminal; `--time-limit`
/// counted from the command's start.
extension YearsSolving {
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

    /// Loaded and solved, with the planner's outcome (the run history keeps the plan itself)
    /// and its figures (`allocate years`, `report --years`).
    static func plan(path: String, settings: ScenarioSettings, terminal: ReportLanguage, started: CommandStart)
        throws -> (years: LoadedYears, outcome: ReplacementPlanner.Outcome, figures: YearsFigures) {
        let years = try load(path, settings: settings)
        let (outcome, figures) = try solved(years, language: terminal, started: started)
        return (years, outcome, figures)
    }

    /// Solved with the progress line on a terminal.
    static func solved(_ years: LoadedYears, language: ReportLanguage, started: CommandStart)
        throws -> (outcome: ReplacementPlanner.Outcome, figures: YearsFigures) {
        let status = StatusLine()
        defer { status.finish() }
        let (outcome, _) = try solve(years, started: started.instant, beforeSolving: {
            status.show(YearsReport.progress(stages: 4, seconds: timeLimit(years), language))
        })
        return (outcome, YearsFigures(years, outcome))
    }

    /// The run history's record of a solved multi-year plan (the plan itself, the years document,
    /// headline figures, audit), as `allocate years` and `allocate report --years` keep it, so
    /// that `history show/export/rerun` of either run give the years figures. `document`: the
    /// years document the run printed or wrote (nil: made here, the same text).
    static func record(_ years: LoadedYears, outcome: ReplacementPlanner.Outcome, figures: YearsFigures, document: String? = nil,
                       path: String, label: String? = nil, settings: ScenarioSettings, generatedAt: Date, reproducible: Bool) -> PlanRecord {
        let solver = years.loaded.scenario.solver
        return PlanRecord(years: years, outcome: outcome, figures: figures, document: document ?? YearsReport.json(figures),
                          label: label ?? Compare.labels([path])[0],
                          replay: ReplayOptions(scenario: path, overrides: settings.overrides.overrides, relativeGap: solver.relativeGap,
                                                timeLimitSeconds: solver.timeLimitSeconds),
                          glpkVersion: GLPKSolver().version, generatedAt: generatedAt, reproducible: reproducible)
    }
}
