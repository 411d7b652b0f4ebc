import ArgumentParser
import History
import Reports
import ScenarioFiles

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
        try SolveRun(scenario: options.scenario, overrides: options.settings.overrides, solver: options.settings.solver,
                     csv: output.csv, generatedAt: output.generatedAt, language: language, json: json, out: out,
                     history: history).run()
    }
}

/// What `allocate solve` does, from the values of its options: the parser's `Solve` hands them
/// over, and the fast path (FastSolve.swift) reads them without the parser. Only leaf option
/// groups here: making an `@OptionGroup` (`Solve`, `ScenarioOptions`, …) looks its type's
/// `ParsableArguments` conformance up at run time, a search of all the binary's conformance
/// records per group (issue 18: 4 % of a default solve).
struct SolveRun {
    var scenario: String
    var overrides: OverrideOptions
    var solver: SolverOptions
    var csv: CSVOptions
    var generatedAt: String?
    var language: LanguageOptions
    var json: Bool
    var out: String?
    var history: HistoryOptions

    func run() throws {
        try history.recordingFailure("solve", scenarios: [scenario], overrides: overrides.overrides,
                                     language: (try? language.terminal()) ?? .en, perform)
    }

    func perform() throws {
        let started = CommandStart()  // --time-limit bounds the whole command, loading included
        let dialect = try csv.dialect()
        let loaded = try ScenarioSettings.load(path: scenario, overrides: overrides, solver: solver)
        let plan = try solve(loaded.scenario, workers: solver.workers, language: try language.terminal(), started: started)
        let opened = history.open(forScenario: scenario, language: (try? language.terminal()) ?? .en)
        var (audit, _) = try OutputOptions.audit(plan, loaded, generatedAt: generatedAt)
        audit = opened?.stamp(audit) ?? audit
        // Rendered once for the files, standard output and the run history.
        let planJSON = json || out != nil ? PlanJSON.render(plan, audit: audit) : nil
        if let out, let planJSON {
            let csvLanguage = try language.csv()
            try write(into: out, [("schools.csv", PlanCSV.schools(plan, dialect: dialect, language: csvLanguage)),
                                  ("pools.csv", PlanCSV.pools(plan, dialect: dialect, language: csvLanguage)),
                                  ("plan.json", planJSON)])
        }
        let stamped = audit, scenario = scenario, overrides = overrides.overrides, workers = solver.workers
        let record: @Sendable () -> PlanRecord = {
            PlanRecord(plan, audit: stamped, loaded: loaded, path: scenario, label: nil, overrides: overrides, workers: workers,
                       planJSON: planJSON)
        }
        // A big plan's record (plan.json rendered for it alone, its figures) is begun on another
        // core while the summary is worked out and printed (issue 18: 40,005 schools); it is
        // written after the output all the same.
        let early = planJSON == nil && opened?.store != nil && plan.schools.count >= Background<PlanRecord>.worthFrom
            ? Background(record) : nil
        try emit(json ? planJSON ?? "" : TerminalSummary.render(plan, language: try language.terminal()))
        // The record (and the plan.json it keeps, when not rendered above) is made only when a history takes it:
        // `--no-history` renders nothing and hashes no input file.
        history.record("solve", scenario: scenario, plans: [early?.value ?? record()], opened: opened, language: (try? language.terminal()) ?? .en)
        KeptToExit.keep([plan, loaded])
    }
}
