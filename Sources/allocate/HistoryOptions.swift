import ArgumentParser
import Foundation
import Allocation
import History
import Reports
import ScenarioFiles

/// `--history PATH` / `--no-history`, shared by every command that records its run, and the
/// one call that records it. Recording comes after the command's output is written: it never
/// changes an output byte or the exit code; a history that cannot be written gives a warning
/// on standard error and the run goes on.
struct HistoryOptions: ParsableArguments {
    @Option(name: .customLong("history"),
            help: ArgumentHelp("The run history file (default: .allocate-history.sqlite in the scenario's Scenarios folder; or ALLOCATE_HISTORY).",
                               valueName: "path"))
    var history: String?

    @Flag(name: .customLong("no-history"), help: "Do not record this run in the run history.")
    var noHistory = false

    /// The history file for a run on this scenario; nil when recording is switched off
    /// (`--no-history`, or ALLOCATE_HISTORY=off).
    func path(forScenario scenario: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        resolved(HistoryStore.defaultPath(forScenario: scenario), environment)
    }

    /// The history of a scenarios folder (the planner's); nil when switched off.
    func path(inFolder folder: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        resolved(folder + "/" + HistoryStore.fileName, environment)
    }

    private func resolved(_ defaultPath: String, _ environment: [String: String]) -> String? {
        if noHistory { return nil }
        if let history { return history }
        if let env = environment["ALLOCATE_HISTORY"], !env.isEmpty { return env == "off" ? nil : env }
        return defaultPath
    }

    /// Records a run of `command` whose first scenario is `scenario`; a warning in `language`
    /// (the terminal's) when it cannot.
    func record(_ command: String, scenario: String, plans: @autoclosure () -> [PlanRecord], status: String? = nil,
                language: ReportLanguage = ReportLanguage.terminal(nil) ?? .en) {
        guard let path = path(forScenario: scenario) else { return }
        do {
            let store = try HistoryStore(path: path)
            try store.record(RunRecord(command: command, arguments: Array(CommandLine.arguments.dropFirst()), status: status, plans: plans()))
        } catch {
            FileHandle.standardError.write(Data((StatusWords(language).notRecorded(error.description) + "\n").utf8))
        }
    }
}

extension HistoryOptions {
    /// The audit record of a plan for the history, for commands that write none: the time
    /// given (--generated-at, SOURCE_DATE_EPOCH), else now. Never fails: a bad time is now.
    static func audit(_ plan: Plan, _ loaded: LoadedScenario, given: String?) -> AuditRecord {
        let time = AuditRecord.time(given: given) ?? (Date(), false)
        return AuditRecord(plan: plan, inputs: loaded.inputs, generatedAt: time.date, reproducible: time.reproducible)
    }
}

extension PlanRecord {
    /// The record of a plan solved from the scenario file `path` with `overrides`.
    init(_ plan: Plan, audit: AuditRecord, loaded: LoadedScenario, path: String, label: String? = nil, overrides: [String], workers: Int = 1,
         planJSON: String? = nil) {
        self.init(label: label ?? Compare.labels([path])[0], plan: plan, audit: audit,
                  replay: ReplayOptions(scenario: path, overrides: overrides, relativeGap: loaded.scenario.solver.relativeGap,
                                        timeLimitSeconds: loaded.scenario.solver.timeLimitSeconds, workers: workers),
                  planJSON: planJSON)
    }
}

extension ScenarioOptions {
    /// The history's record of a plan solved from this command's scenario (or `path`).
    /// `planJSON`: the plan JSON the command rendered already (else it is rendered here).
    func record(_ plan: Plan, audit: AuditRecord, loaded: LoadedScenario, path: String? = nil, label: String? = nil,
                planJSON: String? = nil) -> PlanRecord {
        PlanRecord(plan, audit: audit, loaded: loaded, path: path ?? scenario, label: label, overrides: settings.overrides.overrides,
                   workers: workers, planJSON: planJSON)
    }

    /// The record of a run that made no plan (`explain`): the scenario and its inputs.
    func record(_ loaded: LoadedScenario, status: String) -> PlanRecord {
        PlanRecord(label: Compare.labels([scenario])[0], loaded: loaded,
                   replay: ReplayOptions(scenario: scenario, overrides: settings.overrides.overrides, relativeGap: loaded.scenario.solver.relativeGap,
                                         timeLimitSeconds: loaded.scenario.solver.timeLimitSeconds, workers: workers),
                   status: status)
    }
}
