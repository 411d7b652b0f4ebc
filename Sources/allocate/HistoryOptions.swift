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
            help: .words(.historyFile))
    var history: String?

    @Flag(name: .customLong("no-history"), help: .words(.noHistory))
    var noHistory = false

    /// The history file for a run on this scenario; nil when recording is switched off
    /// (`--no-history`, or ALLOCATE_HISTORY=off).
    func path(forScenario scenario: String, environment: ProcessEnvironment = .current) -> String? {
        resolved(HistoryStore.defaultPath(forScenario: scenario), environment)
    }

    /// The history of a scenarios folder (the planner's); nil when switched off.
    func path(inFolder folder: String, environment: ProcessEnvironment = .current) -> String? {
        resolved(folder + "/" + HistoryStore.fileName, environment)
    }

    private func resolved(_ defaultPath: String, _ environment: ProcessEnvironment) -> String? {
        if noHistory { return nil }
        if let history { return history }
        if let env = environment["ALLOCATE_HISTORY"], !env.isEmpty { return env == "off" ? nil : env }
        return defaultPath
    }

    /// Records a run of `command` whose first scenario is `scenario`. With `opened` (from
    /// `open(forScenario:)`), the run gets the id its outputs already name; a warning in
    /// `language` (the terminal's) when it cannot.
    func record(_ command: String, scenario: String, plans: @autoclosure () -> [PlanRecord], status: String? = nil, opened: OpenedHistory? = nil,
                language: ReportLanguage = ReportLanguage.fromEnvironment()) {
        // A history `open` could not open has warned already.
        if let opened, opened.store == nil { return }
        if opened == nil && path(forScenario: scenario) == nil { return }
        do {
            let store = try opened?.store ?? HistoryStore(path: path(forScenario: scenario)!)
            try store.record(RunRecord(command: command, arguments: Array(CommandLine.arguments.dropFirst()), status: status, plans: plans(),
                                       uuid: opened?.runID ?? RunRecord.newID()))
        } catch {
            let printed = opened?.printed == true ? StatusWords(language).runIDNotKept(opened!.runID) : ""
            FileHandle.standardError.write(Data((StatusWords(language).notRecorded(ErrorWords.text(error, language) + printed) + "\n").utf8))
        }
    }

    /// Opens the history before a command writes its outputs, so that they can name the run
    /// id (`OpenedHistory.stamp`); nil when recording is off. A history that cannot be opened
    /// warns here once; the run goes on, its outputs name no run id and nothing is recorded.
    func open(forScenario scenario: String, language: ReportLanguage = ReportLanguage.fromEnvironment()) -> OpenedHistory? {
        guard let path = path(forScenario: scenario) else { return nil }
        do { return OpenedHistory(store: try HistoryStore(path: path), runID: RunRecord.newID()) } catch {
            Self.warn(StatusWords(language).notRecorded(ErrorWords.text(error, language)))
            return OpenedHistory(store: nil, runID: RunRecord.newID())
        }
    }

    /// Runs a command's work; if it fails, the failure is recorded (status `failed`, the
    /// error's class and its message in German and English, `RecordedError`) and the error goes on to the exit code unchanged.
    func recordingFailure<T>(_ command: String, scenarios: [String], overrides: [String],
                             language: ReportLanguage = ReportLanguage.fromEnvironment(), _ work: () throws -> T) throws -> T {
        do { return try work() } catch {
            // The argument parser's own errors are usage, not runs.
            let usage = error is ValidationError || error is ExitCode || error is CleanExit
            if !usage, let path = path(forScenario: scenarios.first ?? ".") {
                let labels = Compare.labels(scenarios)
                let plans = scenarios.indices.map { PlanRecord(failedScenario: scenarios[$0], label: labels[$0], loaded: nil, overrides: overrides) }
                do {
                    try HistoryStore(path: path).record(RunRecord(failed: command, arguments: Array(CommandLine.arguments.dropFirst()),
                                                                  errorClass: classify(error).rawValue, error: RecordedError(error), plans: plans))
                } catch let e {
                    Self.warn(StatusWords(language).failedRunNotRecorded(ErrorWords.text(e, language)))
                }
            }
            throw error
        }
    }

    static func warn(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
}

/// A history opened before a command writes its outputs, and the id its run will have.
final class OpenedHistory {
    /// nil: the history could not be opened (nothing is recorded, no output names a run id).
    let store: HistoryStore?
    let runID: String
    /// Whether an output names the run id (then a record that fails says so).
    private(set) var printed = false

    init(store: HistoryStore?, runID: String) { self.store = store; self.runID = runID }

    /// The audit record of an output with the run id, unless its time is given: a reproducible
    /// run (`--generated-at`, SOURCE_DATE_EPOCH) keeps the same bytes for the same inputs, so
    /// it names no run id (as it leaves out measured seconds); the run is recorded all the same.
    func stamp(_ audit: AuditRecord) -> AuditRecord {
        guard !audit.reproducible, store != nil else { return audit }
        var a = audit
        a.runID = runID
        printed = true
        return a
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

/// Work begun on another thread and waited for where its value is needed: a big plan's record
/// made while the command prints its output (`SolveRun`).
final class Background<Value: Sendable>: @unchecked Sendable {
    /// From how many schools a record is worth beginning early (a thread's start against some
    /// 50 ms of figures for 40,005 schools; the default scenario's 155 stay on the one thread).
    static var worthFrom: Int { 2_000 }

    private let done = DispatchGroup()
    private var result: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        done.enter()
        Thread.detachNewThread { [self] in
            result = work()
            done.leave()
        }
    }

    /// The value, once the work is done.
    var value: Value {
        done.wait()
        return result!
    }
}
