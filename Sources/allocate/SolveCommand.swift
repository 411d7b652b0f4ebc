import ArgumentParser
import History
import Reports

/// `allocate solve` (the default): solve a scenario, print the budgets.
struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "solve", abstract: helpText(.solve))

    @OptionGroup var options: ScenarioOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var language: LanguageOptions

    @Flag(help: .words(.jsonInsteadOfSummary))
    var json = false

    @Option(help: .words(.solveOut))
    var out: String?

    @OptionGroup var history: HistoryOptions

    func run() throws {
        try history.recordingFailure("solve", scenarios: [options.scenario], overrides: options.settings.overrides.overrides,
                                     language: (try? language.terminal()) ?? .en, perform)
    }

    func perform() throws {
        let started = CommandStart()  // --time-limit bounds the whole command, loading included
        let dialect = try output.dialect()
        let loaded = try options.load()
        let plan = try solve(loaded.scenario, workers: options.workers, language: try language.terminal(), started: started)
        let opened = history.open(forScenario: options.scenario, language: (try? language.terminal()) ?? .en)
        var (audit, _) = try output.audit(plan, loaded)
        audit = opened?.stamp(audit) ?? audit
        // Rendered once for the files, standard output and the run history.
        let planJSON = json || out != nil ? PlanJSON.render(plan, audit: audit) : nil
        if let out, let planJSON {
            let csvLanguage = try language.csv()
            try write(into: out, [("schools.csv", PlanCSV.schools(plan, dialect: dialect, language: csvLanguage)),
                                  ("pools.csv", PlanCSV.pools(plan, dialect: dialect, language: csvLanguage)),
                                  ("plan.json", planJSON)])
        }
        try emit(json ? planJSON ?? "" : TerminalSummary.render(plan, language: try language.terminal()))
        history.record("solve", scenario: options.scenario, plans: [options.record(plan, audit: audit, loaded: loaded, planJSON: planJSON)],
                       opened: opened, language: (try? language.terminal()) ?? .en)
    }
}
