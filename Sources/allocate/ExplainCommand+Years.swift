import Foundation
import Allocation
import GLPKSolver
import History
import LinearProgramming
import Replacement
import Reports
import ScenarioFiles

/// `allocate explain` on a scenario with a `years:` section: the value of `--step` euros more
/// in each pool-year (`ReplacementExplanation`: measured re-solves of two LP relaxations, the
/// first stage's share held in the second).
extension Explain {
    func performYears(started: CommandStart) throws {
        let terminal = try language.terminal()
        let years = try YearsSolving.load(options.scenario, settings: options.settings)
        try YearsSolving.refuseShortfalls(years.scenario)
        let solver = years.loaded.scenario.solver
        // --time-limit counts from the command's start: the explanation gets what loading left.
        let left = YearsSolving.timeLeft(years, since: started.instant)
        let explanation = try ReplacementExplanation.explain(years.scenario, step: Money(cents: step * 100), solver: GLPKSolver(),
                                                             options: SolveOptions(relativeGap: solver.relativeGap,
                                                                                   timeLimitSeconds: left))
        try emit(json ? YearsExplanationReport.json(explanation, scenario: years.scenario, poolNames: years.poolNames)
                      : YearsExplanationReport.text(explanation, scenario: years.scenario, poolNames: years.poolNames, language: terminal))
        history.record("explain", scenario: options.scenario, plans: [
            PlanRecord(label: Compare.labels([options.scenario])[0], loaded: years.loaded,
                       replay: ReplayOptions(scenario: options.scenario, overrides: options.settings.overrides.overrides,
                                             relativeGap: solver.relativeGap, timeLimitSeconds: solver.timeLimitSeconds),
                       status: "explained"),
        ], language: terminal)
    }
}
