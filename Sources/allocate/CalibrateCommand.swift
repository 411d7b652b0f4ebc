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
        abstract: helpText(.calibrate),
        discussion: helpText(.calibrateDiscussion))

    @OptionGroup var options: ScenarioOptions

    @Option(help: .words(.calibrateObserved))
    var observed: String

    @Option(name: .customLong("count-column"), help: .words(.calibrateCountColumn))
    var countColumn: String?

    @OptionGroup var parameters: FitOptions

    @Flag(inversion: .prefixedNo, help: .words(.calibrateMonotone))
    var monotone = true

    @Option(help: .words(.calibrateLoss))
    var loss: String = "relative"

    @Option(help: .words(.calibrateSmoothness))
    var smoothness: Double = 0.2

    @Option(help: .words(.calibrateAnchor))
    var anchor: Double = 0.01

    @Option(name: .customLong("max-iterations"), help: .words(.calibrateMaxIterations))
    var maxIterations: Int = 8

    @Option(help: .words(.calibrateOut))
    var out: String?

    @Flag(help: .words(.calibrateJSON))
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
            help: .words(.fit))
    var fit: [String] = []

    @Option(name: .customLong("bound"), parsing: .singleValue,
            help: .words(.bound))
    var bounds: [String] = []
}
