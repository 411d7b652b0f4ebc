import ArgumentParser
import Foundation
import Allocation
import History
import Reports
import ScenarioFiles

/// `allocate compare`: several scenarios side by side against the first.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: helpText(.compare))

    @Argument(help: .words(.compareScenarios))
    var scenarios: [String]

    @OptionGroup var settings: ScenarioSettings
    @OptionGroup var csv: CSVOptions
    @OptionGroup var language: LanguageOptions
    @OptionGroup var history: HistoryOptions

    @Flag(help: .words(.jsonInsteadOfText))
    var json = false

    @Option(help: .words(.compareOut))
    var out: String?

    func validate() throws {
        if scenarios.count < 2 { throw ValidationError("give a base scenario and at least one more to compare with it") }
    }

    func run() throws {
        try history.recordingFailure("compare", scenarios: scenarios, overrides: settings.overrides.overrides,
                                     language: (try? language.terminal()) ?? .en, perform)
    }

    func perform() throws {
        let started = CommandStart()  // --time-limit bounds the whole command: every scenario's load and solve
        // Scenarios with a `years:` section compare their multi-year plans (CompareCommand+Years.swift).
        if try allHaveYears() { return try performYears(started: started) }
        var plans: [Plan] = []
        var loadedScenarios: [LoadedScenario] = []
        for path in scenarios {
            let loaded = try settings.load(path: path)
            plans.append(try solve(loaded.scenario, workers: settings.solver.workers, language: try language.terminal(), started: started))
            loadedScenarios.append(loaded)
        }
        let comparison = Comparison(plans, labels: Self.labels(scenarios))
        if let out {
            let dialect = try csv.dialect()
            try write(into: out, [("comparison.json", ComparisonJSON.render(comparison)),
                                  ("comparison.csv", ComparisonJSON.figuresCSV(comparison, dialect: dialect, language: try language.csv())),
                                  ("school-changes.csv", ComparisonJSON.changesCSV(comparison, dialect: dialect, language: try language.csv()))])
        }
        try emit(json ? ComparisonJSON.render(comparison) : ComparisonText.render(comparison, language: try language.terminal()))
        history.record("compare", scenario: scenarios[0], plans: plans.indices.map { i in
            PlanRecord(plans[i], audit: HistoryOptions.audit(plans[i], loadedScenarios[i], given: nil), loaded: loadedScenarios[i],
                       path: scenarios[i], label: comparison.columns[i].label, overrides: settings.overrides.overrides, workers: settings.solver.workers)
        }, language: (try? language.terminal()) ?? .en)
    }

    /// File names without folder and extension, made unique with a number where needed.
    static func labels(_ paths: [String]) -> [String] {
        var seen: [String: Int] = [:]
        return paths.map { path in
            let base = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            seen[base, default: 0] += 1
            return seen[base]! > 1 ? "\(base)-\(seen[base]!)" : base
        }
    }
}
