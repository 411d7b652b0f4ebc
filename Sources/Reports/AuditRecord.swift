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
        solverOptions = Self.solverValues(options)
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
    public static func time(given: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
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

    public static func iso8601(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    public static func parseISO8601(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)
    }

    /// Every value the plan was made with, flattened to key paths as in the scenario file:
    /// each path spelt by the scenario-key table (`ScenarioKeys`), so it is the key `--set` takes.
    /// Only the school figures are summaries (count and sums), not keys.
    static func values(_ s: Scenario) -> [(key: String, value: String)] {
        func key(_ pattern: String, _ ids: String...) -> String { ScenarioKeys.path(pattern, ids) }
        var out: [(key: String, value: String)] = [(key("name"), s.name), (key("objective"), s.objective.rawValue),
                                                   ("schools", String(s.schools.count)),
                                                   ("schools.pupils", String(s.schools.reduce(0) { $0 + $1.pupils })),
                                                   ("schools.teachers", String(s.schools.reduce(0) { $0 + $1.teachers })),
                                                   ("schools.existingPupilDevices", String(s.schools.reduce(0) { $0 + $1.existingPupilDevices }))]
        for k in s.deviceKinds {
            out += [(key("deviceKinds.<kind>.label", k.id), k.label), (key("deviceKinds.<kind>.basis", k.id), k.basis.rawValue),
                    (key("deviceKinds.<kind>.unitPrice", k.id), k.unitPrice.plain),
                    (key("deviceKinds.<kind>.priorityWeight", k.id), "\(k.priorityWeight)"),
                    (key("deviceKinds.<kind>.coverageFloor", k.id), "\(k.coverageFloor)")]
        }
        for p in s.pools {
            out += [(key("pools.<pool>.name", p.id), p.name), (key("pools.<pool>.budget", p.id), p.budget.plain),
                    (key("pools.<pool>.kinds", p.id), p.kinds.joined(separator: ", "))]
            let rule = key("pools.<pool>.rule", p.id)
            switch p.rule {
            case let .grant(rate, cap):
                out += [(rule, "grant"), (key("pools.<pool>.fundingRate", p.id), "\(rate)"), (key("pools.<pool>.capPerDevice", p.id), cap.plain)]
            case .remainder: out.append((rule, "remainder"))
            case .any: out.append((rule, "any"))
            }
            out.append((key("pools.<pool>.ownMoney", p.id), p.isOwnMoney ? "true" : "false"))
        }
        let n = s.need
        out.append((key("need.gradesInScope"), "\(n.gradesInScope.lowerBound)–\(n.gradesInScope.upperBound)"))
        for form in n.formGrades.keys.sorted() {
            out.append((key("need.schoolForms.<form>", form), "\(n.formGrades[form]!.lowerBound)–\(n.formGrades[form]!.upperBound)"))
        }
        for l in 1...9 { out.append((key("need.pupilShareByLevel.<level>", String(l)), n.pupilShareByLevel[l].map { "\($0)" } ?? "")) }
        for l in 1...9 { out.append((key("need.priorityWeightByLevel.<level>", String(l)), n.priorityWeightByLevel[l].map { "\($0)" } ?? "")) }
        func rule(_ r: NeedRules.WithoutLevel) -> String { if case .level(let l) = r { return String(l) } else { return "exclude" } }
        for form in n.withoutLevel.keys.sorted() { out.append((key("need.withoutLevel.<form>", form), rule(n.withoutLevel[form]!))) }
        if let d = n.defaultWithoutLevel { out.append((key("need.withoutLevel.<form>", "default"), rule(d))) }
        if s.objective == .maximin {
            out.append((key("maximin.guarantee"), s.maximin.guarantee.rawValue))
            if s.maximin.guarantee == .perKind {
                out.append((key("maximin.order"), s.maximin.groups(s.deviceKinds).map { s.deviceKinds[$0[0]].id }.joined(separator: ", ")))
            }
        }
        return out + solverValues(s.solver)
    }

    /// The solver settings, as key paths of the table.
    static func solverValues(_ s: SolverSettings) -> [(key: String, value: String)] {
        [(ScenarioKeys.path("solver.relativeGap"), fixed(s.relativeGap, 8)), (ScenarioKeys.path("solver.timeLimitSeconds"), fixed(s.timeLimitSeconds, 3)),
         (ScenarioKeys.path("solver.stageTolerance"), fixed(s.stageTolerance, 8))]
    }

    public var json: JSONValue {
        .object([
            ("toolVersion", .string(toolVersion)), ("solverVersion", .string(solverVersion)),
            ("generatedAt", .string(generatedAt)),
            ("inputs", .array(inputs.map { .object([("path", .string($0.path)), ("sha256", .string($0.sha256)), ("bytes", .int($0.bytes))]) })),
            ("scenarioValues", .object(scenarioValues.map { ($0.key, .string($0.value)) })),
            ("solverOptions", .object(solverOptions.map { ($0.key, .string($0.value)) })),
            ("outcome", .object(outcome.map { ($0.key, .string($0.value)) })),
        ])
    }
}
