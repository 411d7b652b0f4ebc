import ArgumentParser
import Foundation
import Allocation
import Reports
import ScenarioFiles

// The option groups the subcommands share (`@OptionGroup`): each option is declared once.

/// `--set`: scenario values changed for this run.
struct OverrideOptions: ParsableArguments {
    @Option(name: .customLong("set"), parsing: .singleValue,
            help: ArgumentHelp("Override one scenario value for this run, e.g. --set pools.sofort.budget=5490000 (repeatable; compare: in every scenario, sweep: at every point).",
                               valueName: "key.path=value"))
    var overrides: [String] = []
}

/// The solver options, over the scenario's `solver` section, and the worker threads.
struct SolverOptions: ParsableArguments {
    @Option(name: .customLong("relative-gap"), help: "Stop the integer search within this relative gap (overrides solver.relativeGap).")
    var relativeGap: Double?

    @Option(name: .customLong("time-limit"), help: "Seconds for the whole solve, all stages and authorities together (overrides solver.timeLimitSeconds).")
    var timeLimit: Double?

    @Option(help: "Worker threads: for scenarios whose pools are split among school authorities, and for sweep's points (the answer does not depend on it).")
    var workers: Int = 1

    /// The values, checked (exit 1 with the option's name, what was found and what is allowed).
    func checked() throws(CommandError) -> (relativeGap: Double?, timeLimit: Double?) {
        guard (1...64).contains(workers) else { throw CommandError("--workers: found \(workers), allowed: 1 to 64") }
        if let g = relativeGap, !(g.isFinite && g >= 0 && g <= 0.5) { throw CommandError("--relative-gap: found \(g), allowed: 0 to 0.5") }
        if let t = timeLimit, !(t.isFinite && t >= 0.001 && t <= 86_400) {
            throw CommandError("--time-limit: found \(t), allowed: 0.001 to 86400 seconds")
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

    func load(path: String) throws -> LoadedScenario {
        var loaded = try ScenarioLoader.load(path: path, overrides: overrides.overrides)
        try solver.apply(to: &loaded.scenario)
        return loaded
    }
}

/// One scenario file (the argument) and how it is loaded.
struct ScenarioOptions: ParsableArguments {
    @Argument(help: "The scenario file (YAML).")
    var scenario: String = "Scenarios/dortmund-2020.yaml"

    @OptionGroup var settings: ScenarioSettings

    var workers: Int { settings.solver.workers }

    func load() throws -> LoadedScenario { try settings.load(path: scenario) }

    /// Any scenario file with this command's overrides and solver options.
    func load(path: String) throws -> LoadedScenario { try settings.load(path: path) }
}

/// `--csv-dialect`.
struct CSVOptions: ParsableArguments {
    @Option(name: .customLong("csv-dialect"), help: "rfc4180 (comma, decimal point) or excel-de (semicolon, decimal comma, UTF-8 BOM).")
    var csvDialect: String = "rfc4180"

    func dialect() throws(CommandError) -> CSVDialect {
        guard let d = CSVDialect(rawValue: csvDialect) else {
            throw CommandError("--csv-dialect: found '\(csvDialect)', allowed: \(CSVDialect.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return d
    }
}

/// Options of the commands that write plan files: the CSV dialect and the time the files say
/// they were made (the audit record).
struct OutputOptions: ParsableArguments {
    @OptionGroup var csv: CSVOptions

    @Option(name: .customLong("generated-at"),
            help: "The time the files say they were made (ISO 8601, e.g. 2026-01-31T12:00:00Z); default SOURCE_DATE_EPOCH, else now. A given time reproduces output byte for byte.")
    var generatedAt: String?

    func dialect() throws(CommandError) -> CSVDialect { try csv.dialect() }

    func audit(_ plan: Plan, _ loaded: LoadedScenario) throws(CommandError) -> (AuditRecord, Date) {
        guard let time = AuditRecord.time(given: generatedAt) else {
            throw CommandError("--generated-at: found '\(generatedAt ?? "")', allowed: an ISO 8601 time such as 2026-01-31T12:00:00Z")
        }
        return (AuditRecord(plan: plan, inputs: loaded.inputs, generatedAt: time.date, reproducible: time.reproducible), time.date)
    }
}

/// `--lang`: the language of what the command writes for people.
struct LanguageOptions: ParsableArguments {
    @Option(help: "Report language: de (default) or en.")
    var lang: String = "de"

    func language() throws(CommandError) -> ReportLanguage {
        guard let language = ReportLanguage(rawValue: lang) else { throw CommandError("--lang: found '\(lang)', allowed: de, en") }
        return language
    }
}
