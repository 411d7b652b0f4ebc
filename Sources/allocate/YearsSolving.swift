import Foundation
import Allocation
import GLPKSolver
import History
import LinearProgramming
import Replacement
import Reports
import ScenarioFiles

/// One multi-year scenario loaded and solved as `allocate years` does it, for every command
/// that works on `years:` sections (`years`, `report --years`, `compare`, `explain`,
/// `history rerun`): the refusals the scenario's facts prove before any solve (running cost,
/// devices the fall limit makes necessary), then every stage of the planner under one
/// deadline, `--time-limit` counted from the command's start.
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
        let (outcome, _) = try solve(years, started: started.instant) {
            status.show(YearsReport.progress(stages: 4, seconds: timeLimit(years), language))
        }
        return (outcome, YearsFigures(years, outcome))
    }

    /// The scenario's time limit in seconds, as every years command uses it (5 ms to one day).
    static func timeLimit(_ years: LoadedYears) -> Double {
        min(max(years.loaded.scenario.solver.timeLimitSeconds, 0.005), 86_400)
    }

    /// The seconds of the time limit left after `started` (at least 5 ms).
    static func timeLeft(_ years: LoadedYears, since started: ContinuousClock.Instant) -> Double {
        let elapsed = started.duration(to: .now)
        let spent = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return max(timeLimit(years) - spent, 0.005)
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

    /// The solve itself; `started`: when the time limit began (a rerun of a recorded run counts
    /// from its own start).
    static func solve(_ years: LoadedYears, started: ContinuousClock.Instant = .now,
                      beforeSolving: () -> Void = {}) throws -> (ReplacementPlanner.Outcome, glpkVersion: String) {
        try refuseShortfalls(years.scenario)
        let solver = years.loaded.scenario.solver
        let limit = timeLimit(years)
        let deadline = started.advanced(by: .milliseconds(Int64((limit * 1000).rounded())))
        beforeSolving()
        let glpk = GLPKSolver()
        let outcome = try ReplacementPlanner.solve(years.scenario, solver: glpk,
                                                   options: SolveOptions(relativeGap: solver.relativeGap, timeLimitSeconds: limit),
                                                   deadline: deadline)
        return (outcome, glpk.version)
    }
}
