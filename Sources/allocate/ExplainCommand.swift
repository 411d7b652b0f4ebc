import ArgumentParser
import Allocation
import GLPKSolver
import History
import Reports

/// `allocate explain`: what a step more or less in each pool would do, which rules bind.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: helpText(.explain))

    @OptionGroup var options: ScenarioOptions
    @OptionGroup var language: LanguageOptions

    @Flag(help: .words(.jsonInsteadOfText))
    var json = false

    @Option(help: .words(.explainStep))
    var step: Int = 1000

    @OptionGroup var history: HistoryOptions

    func validate() throws {
        guard (1...1_000_000_000).contains(step) else { throw ValidationError("--step: found \(step), allowed: 1 to 1000000000 euros") }
    }

    func run() throws {
        try history.recordingFailure("explain", scenarios: [options.scenario], overrides: options.settings.overrides.overrides,
                                     language: (try? language.terminal()) ?? .en, perform)
    }

    func perform() throws {
        let started = CommandStart()  // --time-limit bounds the load and the solve; the analysis of its plan follows
        // A scenario with a `years:` section: the value of a step more per pool-year (ExplainCommand+Years.swift).
        if try YearsSolving.hasYears(options.scenario, settings: options.settings) { return try performYears(started: started) }
        let language = try self.language.terminal()
        let loaded = try options.load()
        let explanation = try AllocationEngine(solver: GLPKSolver()).explain(loaded.scenario, started: started.instant)
        try emit(json ? ExplanationReport.json(explanation, step: step, language: language)
                      : ExplanationReport.text(explanation, step: step, language: language))
        history.record("explain", scenario: options.scenario, plans: [options.record(loaded, status: "explained")], language: language)
    }
}
