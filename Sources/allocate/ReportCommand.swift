import ArgumentParser
import Foundation
import Allocation
import GLPKSolver
import History
import Reports
import ScenarioFiles
import Scheduling

/// `allocate report`: the council report and the plan files, optionally compared with others.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: helpText(.report))

    @OptionGroup var options: ScenarioOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var language: LanguageOptions

    @Option(name: .customLong("compare"), parsing: .singleValue, help: .words(.reportCompare))
    var compare: [String] = []

    @Option(help: .words(.outFolder))
    var out: String = "out/report"

    @Flag(help: .words(.reportSchedule))
    var schedule = false

    @Flag(help: .words(.reportYears))
    var years = false

    @Option(help: .words(.reportCalibration))
    var calibration: String?

    @Option(name: .customLong("calibration-count-column"), help: .words(.reportCalibrationCountColumn))
    var calibrationCountColumn: String?

    @OptionGroup var parameters: FitOptions
    @OptionGroup var history: HistoryOptions

    func run() throws {
        try history.recordingFailure("report", scenarios: [options.scenario] + compare, overrides: options.settings.overrides.overrides,
                                     language: (try? language.terminal()) ?? .en, perform)
    }

    func perform() throws {
        let started = CommandStart()  // --time-limit bounds the whole command: loads, solves, schedule, calibration
        let language = try self.language.language()
        if calibration == nil, let option = !parameters.fit.isEmpty ? "--fit" : !parameters.bounds.isEmpty ? "--bound" : calibrationCountColumn != nil ? "--calibration-count-column" : nil {
            throw CommandError(option: option, .command(.onlyWith(option: "--calibration", argument: "FILE")))
        }
        let dialect = try output.dialect()
        let loaded = try options.load()
        // The multi-year plan of the same scenario file, with the same overrides and solver
        // options; first, so that a scenario without a `years:` section is refused at once.
        if years, !(try YearsSolving.hasYears(options.scenario, settings: options.settings)) {
            throw ScenarioError(file: options.scenario, .command(.noYearsSection(option: "--years")))
        }
        // With --compare every other scenario needs one too (their multi-year plans are compared).
        if years, !compare.isEmpty {
            let files = try compare.map { (path: $0, years: try YearsSolving.hasYears($0, settings: options.settings)) }
            if !files.allSatisfy(\.years) { throw YearsCompareMismatch(command: "report --years --compare", files: [(options.scenario, true)] + files) }
        }
        let multiYear = years ? try YearsSolving.plan(path: options.scenario, settings: options.settings, terminal: try self.language.terminal(), started: started) : nil
        let otherYears = years ? try compare.map { try YearsSolving.plan(path: $0, settings: options.settings, terminal: try self.language.terminal(), started: started) } : []
        let plan = try solve(loaded.scenario, workers: options.workers, language: try self.language.terminal(), started: started)
        var others: [(label: String, plan: Plan)] = []
        var otherScenarios: [LoadedScenario] = []
        var inputs = loaded.inputs
        for source in ([multiYear].compactMap { $0 } + otherYears).map(\.years.inputs) { inputs += source.filter { f in !inputs.contains(f) } }
        let labels = Compare.labels([options.scenario] + compare)
        // The multi-year plans side by side, as `allocate compare` of years scenarios sets them.
        let yearsComparison = multiYear.flatMap { m in otherYears.isEmpty ? nil : YearsComparison([m.figures] + otherYears.map(\.figures), labels: labels) }
        for (i, path) in compare.enumerated() {
            let other = try options.load(path: path)
            others.append((labels[i + 1], try solve(other.scenario, workers: options.workers, language: try self.language.terminal(), started: started)))
            otherScenarios.append(other)
            inputs += other.inputs.filter { f in !inputs.contains(f) }
        }
        var rollout: RolloutPlan?
        if schedule {
            guard let rules = loaded.schedule else {
                throw ScenarioError(file: options.scenario, .command(.noScheduleSection(option: "--schedule")))
            }
            rollout = try allocate.schedule(plan, rules: rules, started: started)
        }
        let calibrated = try calibration.map {
            try Calibrate.fit(loaded.scenario, observed: $0, countColumn: calibrationCountColumn, fit: parameters.fit, bounds: parameters.bounds,
                              started: started)
        }
        if let source = calibrated?.observations.source, !inputs.contains(source) { inputs.append(source) }
        var combined = loaded
        combined.inputs = inputs
        let opened = history.open(forScenario: options.scenario, language: (try? self.language.terminal()) ?? .en)
        var (audit, date) = try output.audit(plan, combined)
        audit = opened?.stamp(audit) ?? audit
        let workbook: Data
        // The report's scenario is the baseline; each --compare scenario gets a Δ against it.
        let comparison = others.isEmpty ? nil : Comparison([plan] + others.map(\.plan), labels: labels)
        do {
            var book = PlanWorkbook.make(plan, audit: audit, date: date, language: language, comparison: comparison, years: multiYear?.figures)
            if let yearsComparison { YearsComparisonReport.add(yearsComparison, to: &book, language: language) }
            workbook = try book.data()
        } catch {
            throw CommandError(.command(.workbook(systemReason(error))), .solverOrInternal)
        }
        // With --years the multi-year plan's files join the set: all of them are written or none.
        let csvLanguage = try self.language.csv()
        let yearsDocument = multiYear.map { YearsReport.json($0.figures) }
        let yearsFiles = multiYear.map { YearsReport.planFiles($0.figures, json: yearsDocument ?? "", dialect: dialect, language: csvLanguage) } ?? []
        try write(into: out, [("report.html", HTMLReport.render(plan, audit: audit, comparison: comparison,
                                                                language: language, rollout: rollout, calibration: calibrated,
                                                                years: multiYear?.figures, yearsComparison: yearsComparison)),
                              ("plan.json", PlanJSON.render(plan, audit: audit)),
                              ("schools.csv", PlanCSV.schools(plan, dialect: dialect, language: try self.language.csv())),
                              ("pools.csv", PlanCSV.pools(plan, dialect: dialect, language: try self.language.csv()))] + yearsFiles,
                  data: [("report.xlsx", workbook)])
        let written = ["report.html", "report.xlsx", "plan.json", "schools.csv", "pools.csv"] + yearsFiles.map(\.name)
        try emit(StatusWords(try self.language.terminal()).wrote("\(out)/" + written.joined(separator: ", ")) + "\n")
        history.record("report", scenario: options.scenario, plans: [options.record(plan, audit: audit, loaded: loaded, label: labels[0])]
            + others.indices.map { i in
                options.record(others[i].plan, audit: AuditRecord(plan: others[i].plan, inputs: otherScenarios[i].inputs, generatedAt: date,
                                                                  reproducible: audit.reproducible),
                               loaded: otherScenarios[i], path: compare[i], label: others[i].label)
            }
            // The multi-year plans too (after the one-year plans, so that plan 1 stays the report's
            // one-year plan), kept as `allocate years` keeps them: `history show/export` give their figures.
            + zip([multiYear].compactMap { $0 } + otherYears, [options.scenario] + compare).enumerated().map { i, solved in
                YearsSolving.record(solved.0.years, outcome: solved.0.outcome, figures: solved.0.figures, document: i == 0 ? yearsDocument : nil,
                                    path: solved.1, label: labels[i], settings: options.settings, generatedAt: date, reproducible: audit.reproducible)
            }, opened: opened, language: (try? self.language.terminal()) ?? .en)
    }
}
