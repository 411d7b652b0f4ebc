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
            } catch { throw HistoryError(path: target, .temporaryCopy("\(error)")) }
        }
        var loaded: LoadedScenario
        do { loaded = try ScenarioLoader.load(path: place(first.path), overrides: stored.replay.overrides) } catch {
            // The place without the temporary folder the copies are in.
            var place = error.file.replacingOccurrences(of: base + "/", with: "")
            if let line = error.line { place += ":\(line)" }
            if let key = error.key, !key.isEmpty { place += ": \(key)" }
            throw HistoryError(path: first.path, .noLongerLoads(place: place, error.problem))
        }
        for f in loaded.inputs where !stored.inputs.contains(where: { $0.sha256 == f.sha256 }) {
            throw HistoryError(path: f.path.replacingOccurrences(of: base + "/", with: ""), .unrecordedFile(sha256: f.sha256))
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
        var changes: [(de: String, en: String)] = []
        let oldTool = stored.auditValue("audit", "toolVersion") ?? run.toolVersion
        if oldTool != ToolInfo.version {
            changes.append(("Programmversion: damals \(oldTool), jetzt \(ToolInfo.version)", "tool version: then \(oldTool), now \(ToolInfo.version)"))
        }
        if let g = stored.glpkVersion, g != plan.solver.solverVersion {
            changes.append(("GLPK: damals \(g), jetzt \(plan.solver.solverVersion)", "GLPK: then \(g), now \(plan.solver.solverVersion)"))
        }
        for f in stored.inputs {
            let now = FileManager.default.contents(atPath: f.path).map { SHA256.hex($0) }
            if now == nil {
                changes.append(("Eingabedatei \(f.path): seither entfernt (neu gerechnet mit der aufbewahrten Fassung)",
                                "input file \(f.path): removed since (re-solved with the kept copy)"))
            } else if now != f.sha256 {
                changes.append(("Eingabedatei \(f.path): seither geändert (SHA-256 damals \(f.sha256.prefix(12))…, jetzt \(now!.prefix(12))…; neu gerechnet mit der aufbewahrten Fassung)",
                                "input file \(f.path): changed since (SHA-256 then \(f.sha256.prefix(12))…, now \(now!.prefix(12))…; re-solved with the kept copy)"))
            }
        }
        let figures = HeadlineFigure.of(plan)
        let style = (de: NumberStyle(.de), en: NumberStyle(.en))
        for f in stored.figures {
            let new = figures.first { $0.key == f.key }?.value
            if new != f.value {
                changes.append(("\(f.label): damals \(Comparison.text(f.value, style.de)), jetzt \(Comparison.text(new, style.de))",
                                "\(f.key): then \(Comparison.text(f.value, style.en)), now \(Comparison.text(new, style.en))"))
            }
        }
        return Reproduction(plan: plan, audit: audit, loaded: loaded, planJSON: json, identical: identical, sameApartFromTime: same, changes: changes)
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
