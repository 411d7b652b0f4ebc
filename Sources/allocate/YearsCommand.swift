import ArgumentParser
import Foundation
import Allocation
import GLPKSolver
import History
import LinearProgramming
import Replacement
import Reports
import ScenarioFiles

/// `allocate years`: the multi-year replacement plan of a scenario's `years:` section — which
/// devices are renewed in which budget year, paid from which pool (docs/MULTIYEAR.md).
struct Years: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "years",
        abstract: "Plan the replacement of devices over budget years (the scenario's 'years' section): money per pool and year, devices per kind and year.")

    @Argument(help: "The scenario file (YAML) with a 'years' section.")
    var scenario: String = "Scenarios/dortmund-2026-2030.yaml"

    @OptionGroup var settings: ScenarioSettings
    @OptionGroup var output: OutputOptions
    @OptionGroup var language: LanguageOptions

    @Flag(help: "Print one JSON document instead of the text summary.")
    var json = false

    @Option(help: "Also write years.csv (per school, kind and year), years-pools.csv, years.json, years.html (the report section) and years.xlsx (the sheet 'Haushaltsjahre') into this folder.")
    var out: String?

    @OptionGroup var history: HistoryOptions

    func run() throws {
        try history.recordingFailure("years", scenarios: [scenario], overrides: settings.overrides.overrides,
                                     language: (try? language.terminal()) ?? .en, perform)
    }

    func perform() throws {
        // `--time-limit` (solver.timeLimitSeconds) bounds the whole command, from its start.
        let start = ContinuousClock.now
        let terminal = try language.terminal()
        let dialect = try output.dialect()
        var years = try ScenarioLoader.loadYears(path: scenario, overrides: settings.overrides.overrides)
        try settings.solver.apply(to: &years.loaded.scenario)
        let solver = years.loaded.scenario.solver
        // What the scenario's facts alone prove impossible is said before any solve.
        let shortfalls = years.scenario.operatingShortfalls()
        if !shortfalls.isEmpty { throw ReplacementInfeasibility(shortfalls: shortfalls) }
        // One deadline for every stage of the planner.
        let limit = min(max(solver.timeLimitSeconds, 0.005), 86_400)
        let deadline = start.advanced(by: .milliseconds(Int64((limit * 1000).rounded())))
        let status = StatusLine()
        status.show(YearsReport.progress(stages: 4, seconds: limit, terminal))
        let outcome: ReplacementPlanner.Outcome
        do {
            defer { status.finish() }
            outcome = try ReplacementPlanner.solve(years.scenario, solver: GLPKSolver(),
                                                   options: SolveOptions(relativeGap: solver.relativeGap, timeLimitSeconds: limit),
                                                   deadline: deadline)
        }
        let figures = YearsFigures(years, outcome)
        let document = json || out != nil ? YearsReport.json(figures) : nil
        if let out, let document {
            let csvLanguage = try language.csv()
            guard let time = AuditRecord.time(given: output.generatedAt) else {
                throw CommandError(option: "--generated-at", .outside(.text(output.generatedAt ?? ""), allowed: .isoTime))
            }
            let workbook = try YearsReport.workbook(figures, language: try language.language(), date: time.date)
            try write(into: out, [("years.csv", YearsReport.csv(figures, dialect: dialect, language: csvLanguage)),
                                  ("years-pools.csv", YearsReport.poolsCSV(figures, dialect: dialect, language: csvLanguage)),
                                  ("years.json", document), ("years.html", YearsReport.html(figures, language: try language.language()))],
                      data: [("years.xlsx", workbook)])
        }
        try emit(json ? document ?? "" : YearsReport.text(figures, language: terminal))
        // The history keeps the plan itself and the years document (as --json prints it), so
        // that `history rerun/export/diff` work for this run (issue 20).
        let time = AuditRecord.time(given: output.generatedAt) ?? (Date(), false)
        history.record("years", scenario: scenario, plans: [
            PlanRecord(years: years, outcome: outcome, figures: figures, document: document ?? YearsReport.json(figures),
                       label: Compare.labels([scenario])[0],
                       replay: ReplayOptions(scenario: scenario, overrides: settings.overrides.overrides, relativeGap: solver.relativeGap,
                                             timeLimitSeconds: solver.timeLimitSeconds),
                       glpkVersion: GLPKSolver().version, generatedAt: time.date, reproducible: time.reproducible),
        ], language: terminal)
    }
}
