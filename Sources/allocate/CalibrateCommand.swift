import ArgumentParser
import Foundation
import Allocation
import Calibration
import GLPKSolver
import Reports
import ScenarioFiles
import Reports

/// `allocate calibrate`: fit the need parameters to observed device counts.
struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit the need parameters (share by index level, form factors, rules for schools without a level) to observed device counts; write them as a what-if file.",
        discussion: """
        The observed file is a CSV table; its header names the group column (stadtbezirk/district, \
        schulnummer/school, schulform/form, sozialindex/level; a row 'Stadt …', 'gesamt' or 'total' is \
        the city total) and the count column. Each round fits the parameters by an L1 linear program at \
        the coverage the last plan reached, then solves the scenario again (README, 'Calibration').
        """)

    @OptionGroup var options: ScenarioOptions

    @Option(help: "The observed counts (CSV with a header).")
    var observed: String

    @Option(name: .customLong("count-column"), help: "The column with the counts (default: the one column that is neither a group nor a note).")
    var countColumn: String?

    @OptionGroup var parameters: FitOptions

    @Flag(inversion: .prefixedNo, help: "Keep need.pupilShareByLevel non-decreasing in the level.")
    var monotone = true

    @Option(help: "relative (each group's error divided by its count) or absolute.")
    var loss: String = "relative"

    @Option(help: "Weight of the smoothness term between neighbouring levels.")
    var smoothness: Double = 0.2

    @Option(help: "Weight of |fitted - scenario value| per parameter: among fits almost equally good, prefer the one that moves the scenario least.")
    var anchor: Double = 0.01

    @Option(name: .customLong("max-iterations"), help: "Fit → solve rounds at most.")
    var maxIterations: Int = 8

    @Option(help: "Write the fitted values as a what-if file (extends the scenario).")
    var out: String?

    @Flag(help: "Print the fit report as JSON.")
    var json = false

    @OptionGroup var language: LanguageOptions

    func run() throws {
        let started = CommandStart()  // --time-limit bounds the whole calibration: every round's solve counts from here
        let loaded = try options.load()
        let scenario = loaded.scenario
        let terminal = try language.terminal()
        let result = try Calibrate.fit(scenario, observed: observed, countColumn: countColumn, fit: parameters.fit, bounds: parameters.bounds,
                                       language: terminal, started: started) { (spec) throws(CommandError) in
            guard let l = CalibrationSpec.Loss(rawValue: loss) else { throw CommandError(option: "--loss", .notAllowed(found: loss, allowed: "relative, absolute")) }
            guard smoothness.isFinite, (0...100).contains(smoothness) else { throw CommandError(option: "--smoothness", .outside(.number("\(smoothness)"), allowed: .fromTo("0", "100"))) }
            guard anchor.isFinite, (0...100).contains(anchor) else { throw CommandError(option: "--anchor", .outside(.number("\(anchor)"), allowed: .fromTo("0", "100"))) }
            guard (1...100).contains(maxIterations) else { throw CommandError(option: "--max-iterations", .outside(.number("\(maxIterations)"), allowed: .fromTo("1", "100"))) }
            spec.loss = l; spec.monotone = monotone; spec.smoothness = smoothness; spec.anchor = anchor; spec.maxIterations = maxIterations
        }
        if let out {
            let text = CalibrationText.whatIf(result, extendsPath: CalibrationReport.relativePath(of: options.scenario, from: out), language: terminal)
            try write(files: [(out, Data(text.utf8))])
        }
        try emit(json ? CalibrationReport.json(result) : CalibrationText.render(result, language: terminal))
        if let out, !json { try emit(StatusWords(terminal).wrote(out) + "\n") }
    }
}

extension Calibrate {
    /// Reads the observed counts, parses the fit and runs it; shared with `allocate report
    /// --calibration`. Errors are classified (`CalibrationError.errorClass`).
    static func fit(_ scenario: Scenario, observed: String, countColumn: String?, fit: [String], bounds: [String],
                    language: ReportLanguage = ReportLanguage.fromEnvironment(), started: CommandStart,
                    configure: (inout CalibrationSpec) throws(CommandError) -> Void = { _ in }) throws -> CalibrationResult {
        let observations = try Observations.read(path: observed, scenario: scenario, countColumn: countColumn)
        var spec = try CalibrationSpec.parse(fit: fit, bounds: bounds, scenario: scenario)
        try configure(&spec)
        // Progress on a terminal's standard error: the fit → solve round, the change and the error.
        let status = StatusLine(), words = ProgressWords(language)
        defer { status.finish() }
        return try Calibrator(solver: GLPKSolver()).calibrate(scenario, observations: observations, spec: spec, started: started.instant) {
            status.show(words.calibration($0))
        }
    }
}

/// `--fit` and `--bound`: which need parameters a fit moves and within which bounds (calibrate,
/// and report with --calibration).
struct FitOptions: ParsableArguments {
    @Option(name: .customLong("fit"), parsing: .singleValue,
            help: ArgumentHelp("A parameter to fit: need.pupilShareByLevel, need.formFactor.FORM, need.withoutLevel.FORM (repeatable; default: the share table and the factor of every form without index levels; report: with --calibration).", valueName: "key"))
    var fit: [String] = []

    @Option(name: .customLong("bound"), parsing: .singleValue,
            help: ArgumentHelp("Bounds of a parameter or table, e.g. need.formFactor.Berufskolleg=0.1:1 (repeatable; default shares 0:1, factors 0:1; report: with --calibration).", valueName: "key=LOW:HIGH"))
    var bounds: [String] = []
}
