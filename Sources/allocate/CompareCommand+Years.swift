import Foundation
import Allocation
import History
import Reports
import ScenarioFiles

/// `allocate compare` on scenarios that all have a `years:` section: their multi-year plans
/// side by side (money per pool and year, devices per kind and year, the smallest coverage
/// per year), each Δ against the first as in the single-year comparison.
extension Compare {
    /// Whether every scenario (with `--set`) has a `years:` section (false: none has); some
    /// with and some without is a user error (`YearsCompareMismatch`), not a silent fallback to
    /// the one-year plans.
    func allHaveYears() throws -> Bool {
        let files = try scenarios.map { (path: $0, years: try YearsSolving.hasYears($0, settings: settings)) }
        if files.allSatisfy(\.years) { return true }
        if files.contains(where: \.years) { throw YearsCompareMismatch(command: "compare", files: files) }
        return false
    }

    func performYears(started: CommandStart) throws {
        let terminal = try language.terminal()
        var figures: [YearsFigures] = []
        var loaded: [LoadedYears] = []
        for path in scenarios {
            let years = try YearsSolving.load(path, settings: settings)
            figures.append(try YearsSolving.solved(years, language: terminal, started: started).figures)
            loaded.append(years)
        }
        let comparison = YearsComparison(figures, labels: Self.labels(scenarios))
        if let out {
            try write(into: out, [("comparison.json", YearsComparisonJSON.render(comparison)),
                                  ("comparison.csv", YearsComparisonJSON.figuresCSV(comparison, dialect: try csv.dialect(), language: try language.csv()))])
        }
        try emit(json ? YearsComparisonJSON.render(comparison) : YearsComparisonText.render(comparison, language: terminal))
        history.record("compare", scenario: scenarios[0], plans: scenarios.indices.map { i in
            let solver = loaded[i].loaded.scenario.solver
            return PlanRecord(label: comparison.columns[i].label, loaded: loaded[i].loaded,
                              replay: ReplayOptions(scenario: scenarios[i], overrides: settings.overrides.overrides, relativeGap: solver.relativeGap,
                                                    timeLimitSeconds: solver.timeLimitSeconds),
                              status: figures[i].isOptimal ? "optimal" : "feasible")
        }, language: terminal)
    }
}
