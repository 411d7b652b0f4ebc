import Foundation
import Allocation
import Reports
import ScenarioFiles
import _SHA256

/// A recorded plan made again from the inputs the history kept: the files are written into a
/// private temporary folder in the layout the run read them, loaded with the recorded
/// overrides and solver options, solved, and the plan JSON rendered with the recorded audit
/// time, so that it can be set byte for byte beside the stored one.
public struct Reproduction: Sendable {
    public var plan: Plan
    public var audit: AuditRecord
    public var loaded: LoadedScenario
    /// The plan JSON of the new solve.
    public var planJSON: Data
    /// The stored plan JSON, byte for byte the same.
    public var identical: Bool
    /// The same once the measured and clock times (`generatedAt`, `seconds`) are set aside.
    public var sameApartFromTime: Bool
    /// What is not as it was: the tool's version, GLPK's, input files changed on disk since,
    /// headline figures (each a sentence in German and English).
    public var changes: [(de: String, en: String)]
}

public enum Replay {
    /// Loads a recorded plan's scenario from the kept inputs (a file not kept is read from
    /// disk if it still has the recorded SHA-256). The audit of the result names the files as
    /// the run named them.
    public static func load(_ stored: StoredPlan, from store: HistoryStore) throws(HistoryError) -> LoadedScenario {
        var loaded = try withKeptInputs(stored, from: store) { path throws -> (LoadedScenario, [InputFile]) in
            let l = try ScenarioLoader.load(path: path, overrides: stored.replay.overrides)
            return (l, l.inputs)
        }
        loaded.inputs = stored.inputs
        // The name the plan was made under (the planner's title replaces the file's).
        loaded.scenario.name = stored.scenarioName
        if stored.replay.relativeGap > 0 || stored.replay.timeLimitSeconds > 0 {
            loaded.scenario.solver.relativeGap = stored.replay.relativeGap
            loaded.scenario.solver.timeLimitSeconds = stored.replay.timeLimitSeconds
        }
        return loaded
    }

    /// Writes the kept inputs of a recorded plan into a private temporary folder in the layout
    /// the run read them (a file not kept is read from disk if it still has the recorded
    /// SHA-256), loads the first with `load` (which returns what it read) and removes the
    /// folder. A scenario that no longer loads, or now reads a file the run did not record, is
    /// an error naming the file as the run named it.
    static func withKeptInputs<T>(_ stored: StoredPlan, from store: HistoryStore,
                                  _ load: (String) throws -> (T, [InputFile])) throws(HistoryError) -> T {
        guard let first = stored.inputs.first else {
            throw HistoryError(path: store.path, .noInputFiles(plan: stored.label))
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("allocate-replay-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        // Relative paths that climb ("../x.csv") need as many folders above the base.
        let depth = stored.inputs.map { f in f.path.hasPrefix("/") ? 0 : f.path.split(separator: "/").prefix { $0 == ".." }.count }.max() ?? 0
        let base = root + String(repeating: "/r", count: depth) + "/r"
        func place(_ path: String) -> String { path.hasPrefix("/") ? root + path : base + "/" + path }
        for f in stored.inputs {
            var data = try store.content(sha256: f.sha256)
            if data == nil, let disk = FileManager.default.contents(atPath: f.path), SHA256.hex(disk) == f.sha256 { data = disk }
            guard let data else {
                throw HistoryError(path: f.path, .changedNotKept(sha256: f.sha256))
            }
            let target = place(f.path)
            do {
                try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try data.write(to: URL(fileURLWithPath: target))
            } catch { throw HistoryError(path: target, .temporaryCopy(systemReason(error))) }
        }
        let result: (T, [InputFile])
        do { result = try load(place(first.path)) } catch let error as ScenarioError {
            // The place without the temporary folder the copies are in.
            var place = error.file.replacingOccurrences(of: base + "/", with: "")
            if let line = error.line { place += ":\(line)" }
            if let key = error.key, !key.isEmpty { place += ": \(key)" }
            throw HistoryError(path: first.path, .noLongerLoads(place: place, error.problem))
        } catch {
            throw HistoryError(path: first.path, .noLongerLoads(place: first.path, .text("\(error)".replacingOccurrences(of: base + "/", with: ""))))
        }
        for f in result.1 where !stored.inputs.contains(where: { $0.sha256 == f.sha256 }) {
            throw HistoryError(path: f.path.replacingOccurrences(of: base + "/", with: ""), .unrecordedFile(sha256: f.sha256))
        }
        return result.0
    }

    /// Loads, solves (`solve`) and renders a recorded plan, and says what differs from the run.
    public static func reproduce(_ stored: StoredPlan, run: StoredRun, from store: HistoryStore,
                                 solve: (Scenario, Int) throws -> Plan) throws -> Reproduction {
        let loaded = try load(stored, from: store)
        let plan = try solve(loaded.scenario, stored.replay.workers)
        let reproducible = stored.auditValue("audit", "reproducible") == "true"
        let time = stored.generatedAt.flatMap(AuditRecord.parseISO8601) ?? Date()
        var audit = AuditRecord(plan: plan, inputs: stored.inputs, generatedAt: time, reproducible: reproducible)
        // The run id the run printed on its outputs: made again, the outputs name the same run.
        audit.runID = stored.auditValue("audit", "runId")
        let json = Data(PlanJSON.render(plan, audit: audit).utf8)
        let old = try stored.planJSON()
        let identical = old == json
        let same = old.map { withoutTime($0) == withoutTime(json) } ?? false
        let changes = Self.changes(stored, run: run, glpkNow: plan.solver.solverVersion, figuresNow: HeadlineFigure.of(plan))
        return Reproduction(plan: plan, audit: audit, loaded: loaded, planJSON: json, identical: identical, sameApartFromTime: same, changes: changes)
    }

    /// What is not as it was when the run was recorded: the tool's version, GLPK's (`glpkNow`;
    /// nil: not solved again), input files changed on disk since (the kept copies were used),
    /// headline figures that differ (each a sentence in German and English).
    static func changes(_ stored: StoredPlan, run: StoredRun, glpkNow: String?, figuresNow figures: [HeadlineFigure]) -> [(de: String, en: String)] {
        var changes: [(de: String, en: String)] = []
        let oldTool = stored.auditValue("audit", "toolVersion") ?? run.toolVersion
        if oldTool != ToolInfo.version {
            changes.append(HistoryFigureWords.toolVersion(then: oldTool, now: ToolInfo.version))
        }
        if let g = stored.glpkVersion, let now = glpkNow, g != now {
            changes.append(HistoryFigureWords.glpk(then: g, now: now))
        }
        for f in stored.inputs {
            let now = FileManager.default.contents(atPath: f.path).map { SHA256.hex($0) }
            if now == nil {
                changes.append(HistoryFigureWords.inputRemoved(f.path))
            } else if now != f.sha256 {
                changes.append(HistoryFigureWords.inputChanged(f.path, then: String(f.sha256.prefix(12)), now: String(now!.prefix(12))))
            }
        }
        for f in stored.figures {
            let new = figures.first { $0.key == f.key }?.value
            if new != f.value { changes.append(HistoryFigureWords.figure(label: f.label, key: f.key, then: f.value, now: new)) }
        }
        return changes
    }

    /// The plan JSON without the lines that hold clock or measured times (and the run id, which
    /// names the run, not the plan).
    public static func withoutTime(_ json: Data) -> [Substring] {
        String(decoding: json, as: UTF8.self).split(separator: "\n").filter { line in
            let t = line.drop { $0 == " " }
            return !(t.hasPrefix("\"seconds\":") || t.hasPrefix("\"generatedAt\":") || t.hasPrefix("\"runId\":"))
        }.map { $0.hasSuffix(",") ? $0.dropLast() : $0 }
    }
}
