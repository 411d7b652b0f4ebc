import Foundation
import Allocation
import GLPKSolver
import History
import Reports
import ScenarioFiles

/// The planner's side of the run history (issue 20, docs/ARCHITECTURE.md "Run history"): the
/// folder's recent runs for the page's history panel (`GET /api/history`), a past run opened
/// as the comparison baseline (`baselineRun`), downloads recorded with the run id printed in
/// them, and failed downloads recorded as failed runs.
extension PlannerService {
    /// The most runs `GET /api/history?limit=` lists.
    public static let maxHistoryRuns = 200

    /// The recent runs of this folder's history, newest first (`GET /api/history`): time,
    /// command, scenario, status (a failed run with its error's class and message), user or
    /// client, whether it kept a plan (then the page can open it as the baseline), and the
    /// headline figures as `compare` computes them. A failed run's message in `language`
    /// (`errorMessage`) and in both (`errorMessages`), whatever the language of the run.
    public func history(limit: Int = 50, language: ReportLanguage = .de) -> PlannerResponse {
        let limit = min(max(limit, 1), Self.maxHistoryRuns)
        guard let historyPath, FileManager.default.fileExists(atPath: historyPath) else {
            return .json(.object([("history", historyPath.map { .string($0) } ?? .null), ("runs", .array([]))]))
        }
        let runs: [StoredRun]
        do { runs = try HistoryStore(path: historyPath).list(.init(limit: limit)) } catch {
            return .error(PlannerError(500, "internal", PlannerWords.historyUnreadable(error)))
        }
        return .json(.object([("history", .string(historyPath)), ("runs", .array(runs.map { run in
            .object([("run", .number(String(run.id))), ("uuid", .string(run.uuid)), ("recordedAt", .string(run.recordedAt)),
                     ("command", .string(run.command)), ("user", .string(run.user)), ("client", run.client.map { .string($0) } ?? .null),
                     ("status", .string(run.status)),
                     ("errorClass", run.errorClass.map { .string($0) } ?? .null), ("errorMessage", run.errorMessage(language).map { .string($0) } ?? .null),
                     ("errorMessages", run.errorMessage.map { RecordedError(stored: $0) }.map { .object([("de", .string($0.de)), ("en", .string($0.en))]) } ?? .null),
                     ("plans", .array(run.plans.map { p in
                         .object([("label", .string(p.label)), ("scenario", .string(p.scenarioName)), ("scenarioPath", .string(p.replay.scenario)),
                                  // A multi-year plan (`allocate years`) is listed with its figures but cannot be a
                                  // one-year plan's baseline: hasPlan says whether it can be opened as one.
                                  ("kind", .string(p.isYears ? "years" : "allocation")),
                                  ("status", .string(p.status)), ("hasPlan", .bool(p.hasPlan && !p.isYears)),
                                  ("figures", .object(p.figures.map { f in (f.key, Self.json(f.value)) }))])
                     }))])
        }))]))
    }

    static func json(_ v: Comparison.Value?) -> JSONValue {
        switch v {
        case .money(let m)?: return .number(m.plain)
        case .count(let n)?: return .number(String(n))
        case .share(let s)?: return .number(s.exactText)
        case nil: return .null
        }
    }

    /// A recorded run's (first) plan as the comparison baseline: solved again from the inputs
    /// the history kept (`Replay`), and used only when it equals the stored plan apart from its
    /// time fields, so the baseline shows exactly the recorded figures (as `allocate history
    /// diff` does). Cached like a scenario baseline. Returns the plan and its label.
    func baselinePlan(run reference: String, _ language: ReportLanguage) throws(PlannerError) -> (Plan, String, StoredRun) {
        guard let historyPath, FileManager.default.fileExists(atPath: historyPath) else {
            throw PlannerError(404, "not-found", PlannerWords.noHistory, field: "baselineRun")
        }
        let store: HistoryStore
        let found: StoredRun?
        do {
            store = try HistoryStore(path: historyPath)
            found = try store.run(reference)
        } catch {
            throw PlannerError(500, "internal", PlannerWords.historyUnreadable(error))
        }
        guard let run = found else {
            throw PlannerError(404, "not-found", PlannerWords.noSuchRun(String(reference.prefix(40)), in: historyPath), field: "baselineRun")
        }
        let label = Self.runLabel(run, language)
        if run.plans.first(where: \.hasPlan)?.isYears == true {   // a `report --years` run's one-year plan is a baseline
            throw PlannerError(422, "invalid-value", PlannerWords.runIsMultiYear(run.id, command: run.command), field: "baselineRun")
        }
        guard let stored = run.plans.first(where: { $0.hasPlan }) else {
            throw PlannerError(422, "invalid-value", PlannerWords.runKeptNoPlan(run.id, command: run.command, status: run.status), field: "baselineRun")
        }
        let key = "run\u{0}\(run.uuid)"
        if let plan = baselines.plan(for: key) { return (plan, label, run) }
        let made: Reproduction
        do {
            made = try Replay.reproduce(stored, run: run, from: store) { scenario, workers in
                try AllocationEngine(solver: GLPKSolver()).solve(Self.requestLimited(scenario, limits), workers: 1,
                                                                 started: JobContext.current?.arrived)
            }
        } catch let e as AllocationError {
            throw Self.mapped(e)
        } catch {
            throw PlannerError(409, "conflict", PlannerWords.runNotReproducible(run.id, error), field: "baselineRun")
        }
        guard made.sameApartFromTime else {
            let changes = PlannerWords.changes(de: made.changes.map(\.de).joined(separator: "; "), en: made.changes.map(\.en).joined(separator: "; "))
            throw PlannerError(409, "conflict", PlannerWords.runDiffers(run.id, changes: changes), field: "baselineRun")
        }
        baselines.store(made.plan, for: key)
        return (made.plan, label, run)
    }

    /// "Lauf 12 (dortmund-2020)" / "run 12 (dortmund-2020)": a past run in a comparison.
    static func runLabel(_ run: StoredRun, _ language: ReportLanguage) -> String {
        let scenario = run.plans.first.map { label($0.replay.scenario) } ?? ""
        return PlannerWords.runLabel(run.id, scenario: scenario, language)
    }

    /// Opens the history before a download is rendered, so that it can name the run id; nil
    /// when there is none or it cannot be opened (a warning; the download names no run id).
    func openHistory() -> HistoryStore? {
        guard let historyPath else { return nil }
        do { return try HistoryStore(path: historyPath) } catch {
            let terminal = ReportLanguage.fromEnvironment()
            FileHandle.standardError.write(Data((StatusWords(terminal).plannerRunNotRecorded(ErrorWords.text(error, terminal)) + "\n").utf8))
            return nil
        }
    }

    /// Records a failed planner run (status failed, the error's class and its message in
    /// German and English, `RecordedError`). A client that went away is not a run.
    func recordFailure(_ command: String, _ arguments: [String], scenario: String, overrides: [String], _ error: PlannerError) {
        guard let historyPath, error.status != PlannerError.clientGone.status, error.status != PlannerError.moveToHeavyLane.status else { return }
        do {
            let plan = PlanRecord(failedScenario: (try? folder.resolve(scenario)) ?? scenario, label: Self.label(scenario), loaded: nil, overrides: overrides)
            try HistoryStore(path: historyPath).record(RunRecord(failed: command, arguments: arguments, client: JobContext.current?.client,
                                                                 errorClass: (error.kind == "infeasible" ? .infeasible : ErrorClass(httpStatus: error.status)).rawValue,
                                                                 error: RecordedError(de: error.message(.de), en: error.message), plans: [plan]))
        } catch {
            let terminal = ReportLanguage.fromEnvironment()
            FileHandle.standardError.write(Data((StatusWords(terminal).plannerFailedRunNotRecorded(ErrorWords.text(error, terminal)) + "\n").utf8))
        }
    }
}
