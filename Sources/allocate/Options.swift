import ArgumentParser
import Foundation
import Allocation
import Reports
import ScenarioFiles

// The option groups the subcommands share (`@OptionGroup`): each option is declared once.

/// `--set`: scenario values changed for this run.
struct OverrideOptions: ParsableArguments {
    @Option(name: .customLong("set"), parsing: .singleValue,
            help: .words(.set))
    var overrides: [String] = []
}

/// The solver options, over the scenario's `solver` section, and the worker threads.
struct SolverOptions: ParsableArguments {
    @Option(name: .customLong("relative-gap"), help: .words(.relativeGap))
    var relativeGap: Double?

    @Option(name: .customLong("time-limit"), help: .words(.timeLimit))
    var timeLimit: Double?

    @Option(help: .words(.workers))
    var workers: Int = SolverOptions.defaultWorkers
    static let defaultWorkers = 1

    /// The values, checked (exit 1 with the option's name, what was found and what is allowed).
    func checked() throws(CommandError) -> (relativeGap: Double?, timeLimit: Double?) {
        guard (1...64).contains(workers) else { throw CommandError(option: "--workers", .outside(.number("\(workers)"), allowed: .fromTo("1", "64"))) }
        if let g = relativeGap, !(g.isFinite && g >= 0 && g <= 0.5) { throw CommandError(option: "--relative-gap", .outside(.number("\(g)"), allowed: .fromTo("0", "0.5"))) }
        if let t = timeLimit, !(t.isFinite && t >= 0.001 && t <= 86_400) {
            throw CommandError(option: "--time-limit", .outside(.number("\(t)"), allowed: .secondsFromTo("0.001", "86400")))
        }
        return (relativeGap, timeLimit)
    }

    /// The scenario with these options applied.
    func apply(to scenario: inout Scenario) throws(CommandError) {
        let (gap, limit) = try checked()
        if let gap { scenario.solver.relativeGap = gap }
        if let limit { scenario.solver.timeLimitSeconds = limit }
    }

    /// The same as `--set` overrides, for a sweep's template (each point is loaded from it).
    func overrides() throws(CommandError) -> [String] {
        let (gap, limit) = try checked()
        return [gap.map { "solver.relativeGap=" + String(format: "%.12f", $0) },
                limit.map { "solver.timeLimitSeconds=" + String(format: "%.6f", $0) }].compactMap { $0 }
    }
}

/// How any scenario file is loaded: with the overrides and the solver options.
struct ScenarioSettings: ParsableArguments {
    @OptionGroup var overrides: OverrideOptions
    @OptionGroup var solver: SolverOptions

    func load(path: String) throws -> LoadedScenario { try Self.load(path: path, overrides: overrides, solver: solver) }

    /// The one way a scenario is loaded for a command (also `SolveRun`'s, without the groups).
    static func load(path: String, overrides: OverrideOptions, solver: SolverOptions) throws -> LoadedScenario {
        var loaded = try ScenarioLoader.load(path: path, overrides: overrides.overrides)
        try solver.apply(to: &loaded.scenario)
        return loaded
    }
}

/// One scenario file (the argument) and how it is loaded.
struct ScenarioOptions: ParsableArguments {
    @Argument(help: .words(.scenario))
    var scenario: String = ScenarioOptions.defaultScenario
    static let defaultScenario = "Scenarios/dortmund-2020.yaml"

    @OptionGroup var settings: ScenarioSettings

    var workers: Int { settings.solver.workers }

    func load() throws -> LoadedScenario { try settings.load(path: scenario) }

    /// Any scenario file with this command's overrides and solver options.
    func load(path: String) throws -> LoadedScenario { try settings.load(path: path) }
}

/// `--csv-dialect`.
struct CSVOptions: ParsableArguments {
    @Option(name: .customLong("csv-dialect"), help: .words(.csvDialect))
    var csvDialect: String = CSVOptions.defaultDialect
    static let defaultDialect = "rfc4180"

    func dialect() throws(CommandError) -> CSVDialect {
        guard let d = CSVDialect(rawValue: csvDialect) else {
            throw CommandError(option: "--csv-dialect", .notAllowed(found: csvDialect, allowed: CSVDialect.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        return d
    }
}

/// Options of the commands that write plan files: the CSV dialect and the time the files say
/// they were made (the audit record).
struct OutputOptions: ParsableArguments {
    @OptionGroup var csv: CSVOptions

    @Option(name: .customLong("generated-at"),
            help: .words(.generatedAt))
    var generatedAt: String?

    func dialect() throws(CommandError) -> CSVDialect { try csv.dialect() }

    func audit(_ plan: Plan, _ loaded: LoadedScenario) throws(CommandError) -> (AuditRecord, Date) {
        try Self.audit(plan, loaded, generatedAt: generatedAt)
    }

    /// The audit record for `--generated-at` (also `SolveRun`'s, without the group).
    static func audit(_ plan: Plan, _ loaded: LoadedScenario, generatedAt: String?) throws(CommandError) -> (AuditRecord, Date) {
        guard let time = AuditRecord.time(given: generatedAt) else {
            throw CommandError(option: "--generated-at", .outside(.text(generatedAt ?? ""), allowed: .isoTime))
        }
        return (AuditRecord(plan: plan, inputs: loaded.inputs, generatedAt: time.date, reproducible: time.reproducible), time.date)
    }
}

/// `--lang`: the language of what the command writes for people. The council report and its
/// workbook are German unless `--lang en`; what the terminal shows (and the charts written
/// beside it) follows `--lang`, then `LC_ALL`/`LC_MESSAGES`/`LANG` (German when it says de),
/// else English; CSV headers are German only with `--lang de` (else the English set as before).
struct LanguageOptions: ParsableArguments {
    @Option(help: .words(.lang))
    var lang: String?

    /// The language asked for, if any.
    func given() throws(CommandError) -> ReportLanguage? {
        guard let lang else { return nil }
        guard let language = ReportLanguage(rawValue: lang) else { throw CommandError(option: "--lang", .notAllowed(found: lang, allowed: "de, en")) }
        return language
    }

    /// The council report's and workbook's language.
    func language() throws(CommandError) -> ReportLanguage { try given() ?? .de }
    /// The terminal's language (and that of charts written beside the text).
    func terminal() throws(CommandError) -> ReportLanguage { try given() ?? ReportLanguage.fromEnvironment() }
    /// The header set of CSV files.
    func csv() throws(CommandError) -> ReportLanguage { try given() ?? .en }
}
