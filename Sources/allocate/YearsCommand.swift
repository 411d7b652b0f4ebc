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
        abstract: helpText(.years))

    @Argument(help: .words(.yearsScenario))
    var scenario: String = "Scenarios/dortmund-2026-2030.yaml"

    @OptionGroup var settings: ScenarioSettings
    @OptionGroup var output: OutputOptions
    @OptionGroup var language: LanguageOptions

    @Flag(help: .words(.jsonInsteadOfSummary))
    var json = false

    @Option(help: .words(.yearsOut))
    var out: String?

    @OptionGroup var history: HistoryOptions

    func run() throws {
        try history.recordingFailure("years", scenarios: [scenario], overrides: settings.overrides.overrides,
                                     language: (try? language.terminal()) ?? .en, perform)
    }

    func perform() throws {
        let started = CommandStart()  // --time-limit bounds the whole command, loading included
        let terminal = try language.terminal()
        let dialect = try output.dialect()
        let (years, outcome, figures) = try YearsSolving.plan(path: scenario, settings: settings, terminal: terminal, started: started)
        let document = json || out != nil ? YearsReport.json(figures) : nil
        if let out, let document {
            let csvLanguage = try language.csv()
            guard let time = AuditRecord.time(given: output.generatedAt) else {
                throw CommandError(option: "--generated-at", .outside(.text(output.generatedAt ?? ""), allowed: .isoTime))
            }
            let workbook = try YearsReport.workbook(figures, language: try language.language(), date: time.date)
            try write(into: out, YearsReport.planFiles(figures, json: document, dialect: dialect, language: csvLanguage)
                                 + [("years.html", YearsReport.html(figures, language: try language.language()))],
                      data: [("years.xlsx", workbook)])
        }
        try emit(json ? document ?? "" : YearsReport.text(figures, language: terminal))
        // The history keeps the plan itself and the years document (as --json prints it), so
        // that `history rerun/export/diff` work for this run (issue 20).
        let time = AuditRecord.time(given: output.generatedAt) ?? (Date(), false)
        history.record("years", scenario: scenario, plans: [
            YearsSolving.record(years, outcome: outcome, figures: figures, document: document, path: scenario, settings: settings,
                                generatedAt: time.date, reproducible: time.reproducible),
        ], language: terminal)
    }
}
