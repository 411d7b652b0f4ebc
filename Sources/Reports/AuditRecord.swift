import Foundation
import Allocation
import ScenarioFiles

/// The tool's version, as the audit record names it.
public enum ToolInfo {
    public static let version = "0.2.0"
}

/// What produced a plan's figures: the exact input files (SHA-256), every resolved scenario
/// value, the tool's and GLPK's versions, the solver options and outcome, and the time.
public struct AuditRecord: Sendable {
    public var toolVersion: String
    public var solverVersion: String
    /// ISO 8601, UTC. Set it (`--generated-at` or SOURCE_DATE_EPOCH) to reproduce output byte for byte.
    public var generatedAt: String
    /// Whether the time was given: then measured seconds are left out of the outputs.
    public var reproducible: Bool
    public var inputs: [InputFile]
    public var scenarioValues: [(key: String, value: String)]
    public var solverOptions: [(key: String, value: String)]
    public var outcome: [(key: String, value: String)]
    /// The run history's id of the run that made these outputs, printed on them so a figure
    /// can be traced back; nil (and nothing printed) when the run is not recorded, or when its
    /// time is given (`reproducible`: the same inputs must give the same bytes).
    public var runID: String?

    public init(plan: Plan, inputs: [InputFile], generatedAt: Date, reproducible: Bool) {
        toolVersion = ToolInfo.version
        solverVersion = plan.solver.solverVersion
        self.generatedAt = Self.iso8601(generatedAt)
        self.reproducible = reproducible
        self.inputs = inputs
        scenarioValues = Self.values(plan.scenario)
        let s = plan.solver
        var options = plan.scenario.solver
        (options.relativeGap, options.timeLimitSeconds) = (s.relativeGap, s.timeLimitSeconds)
        solverOptions = Self.solverValues(plan.scenario, options)
        var out: [(key: String, value: String)] = [("status", s.status.rawValue), ("objective", s.objectiveName),
                                                   ("objectiveValue", fixed(s.objective, 6)), ("bestBound", fixed(s.bestBound, 6)),
                                                   ("gapDevices", String(s.gapDevices))]
        if plan.hasKindGuarantees {
            for (k, kind) in plan.kinds.enumerated() {
                if let c = plan.kindCoverage[k] { out.append(("guaranteedCoverage.\(kind.id)", "\(c.numerator)/\(c.denominator)")) }
            }
        } else if let c = plan.guaranteedCoverage { out.append(("guaranteedCoverage", "\(c.numerator)/\(c.denominator)")) }
        if s.stoppedAtTimeLimit { out.append(("stoppedAtTimeLimit", "true")) }
        for st in s.stages {
            out.append(("stage: \(st.name)", "\(st.status.rawValue), objective \(fixed(st.objective, 6)), bound \(fixed(st.bestBound, 6))"))
        }
        if !reproducible { out.append(("seconds", fixed(s.seconds, 4))) }
        outcome = out
    }

    /// The time a report says it was made: `--generated-at`, else SOURCE_DATE_EPOCH, else now.
    public static func time(given: String?, environment: ProcessEnvironment = .current)
        -> (date: Date, reproducible: Bool)? {
        if let given {
            guard let d = parseISO8601(given) else { return nil }
            return (d, true)
        }
        if let epoch = environment["SOURCE_DATE_EPOCH"], let seconds = Int(epoch), seconds >= 0 {
            return (Date(timeIntervalSince1970: TimeInterval(seconds)), true)
        }
        return (Date(), false)
    }

    /// "2026-12-02T10:29:13Z": ISO 8601 in UTC, whole seconds (a value style: no formatter is
    /// made per call, which cost a run-history record a few percent).
    public static func iso8601(_ date: Date) -> String {
        // Years 1970 to 9999 from the C library's calendar: the format style's set-up cost
        // 1.5 M instructions a solve (issue 18). Seconds are cut, not rounded, as the style does.
        let seconds = date.timeIntervalSince1970.rounded(.down)
        if seconds >= 0, seconds < 253_402_300_800 {
            var t = time_t(seconds), parts = tm()
            if gmtime_r(&t, &parts) != nil {
                func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
                let year = "\(parts.tm_year + 1900)"
                return String(repeating: "0", count: max(0, 4 - year.count)) + year + "-" + two(parts.tm_mon + 1) + "-" + two(parts.tm_mday)
                    + "T" + two(parts.tm_hour) + ":" + two(parts.tm_min) + ":" + two(parts.tm_sec) + "Z"
            }
        }
        return date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }

    public static func parseISO8601(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)
    }

    /// Every value the plan was made with, flattened to key paths as in the scenario file: the
    /// scenario-key table (`ScenarioKeys`) reads and spells each, so it is the key `--set` takes.
    /// Only the school figures are summaries (count and sums), not keys; they follow the objective.
    static func values(_ s: Scenario) -> [(key: String, value: String)] {
        var out = ScenarioKeys.values(of: s)
        let schools: [(key: String, value: String)] = [
            ("schools", String(s.schools.count)),
            ("schools.pupils", String(s.schools.reduce(0) { $0 + $1.pupils })),
            ("schools.teachers", String(s.schools.reduce(0) { $0 + $1.teachers })),
            ("schools.existingPupilDevices", String(s.schools.reduce(0) { $0 + $1.existingPupilDevices }))]
        let objective = ScenarioKeys.path("objective")
        out.insert(contentsOf: schools, at: (out.firstIndex { $0.key == objective } ?? -1) + 1)
        return out
    }

    /// The solver settings the solve ran with (the scenario's, as the command line changed
    /// them), as key paths of the table.
    static func solverValues(_ scenario: Scenario, _ settings: SolverSettings) -> [(key: String, value: String)] {
        var s = scenario
        s.solver = settings
        return ScenarioKeys.values(of: s, under: "solver")
    }

    public var json: JSONValue {
        var tree = JSONTreeBuilder()
        write(into: &tree)
        return tree.root
    }

    /// The record as JSON (plan.json's `audit`), into a byte buffer or a value tree (`json`).
    func write<Sink: JSONSink>(into j: inout Sink) {
        j.beginObject()
        j.string("toolVersion", toolVersion); j.string("solverVersion", solverVersion); j.string("generatedAt", generatedAt)
        if let runID { j.string("runId", runID) }
        j.key("inputs"); j.beginArray()
        for input in inputs {
            j.beginObject(); j.string("path", input.path); j.string("sha256", input.sha256); j.int("bytes", input.bytes); j.endObject()
        }
        j.endArray()
        for (name, entries) in [("scenarioValues", scenarioValues), ("solverOptions", solverOptions), ("outcome", outcome)] as [(StaticString, [(key: String, value: String)])] {
            j.key(name); j.beginObject()
            for e in entries { j.dynamicKey(e.key); j.string(e.value) }
            j.endObject()
        }
        j.endObject()
    }
}
