import Foundation
import Allocation
import Reports
import ScenarioFiles

/// The values a planner may change on screen, read from a loaded scenario: each a key path
/// (as in `--set`), its value as the scenario file would write it, and a slider range.
/// Labels, help texts, ranges and steps come from the scenario-key table (`ScenarioKeys`).
public struct PlannerField: Sendable, Equatable {
    /// count: a whole number (planning years, device lives, devices).
    public enum Kind: String, Sendable { case money, price, rate, weight, count, choice }
    public var key: String
    public var group: String
    public var label: String
    /// What the value means, in the form's language (from the key table).
    public var help: String
    public var kind: Kind
    public var value: String
    public var min: String
    public var max: String
    public var step: String
    public var options: [String]
    /// For a choice whose values are not words a planner reads (a carry-over: "lapses", 2030):
    /// the label of each value, in the form's language.
    public var optionLabels: [String: String] = [:]
    /// The heading of the field's group where the label does not give it (multi-year forms).
    public var groupLabel: String?

    var json: JSONValue {
        var fields: [(String, JSONValue)] = [("key", .string(key)), ("group", .string(group)), ("label", .string(label)),
                                             ("help", .string(help)), ("kind", .string(kind.rawValue)), ("value", .string(value))]
        // Labels carry no unit: money and prices are euros; a rate is a share (0.9 = 90 %).
        if kind == .money || kind == .price { fields.append(("unit", .string("€"))) }
        if kind == .choice {
            fields.append(("options", .array(options.map { .string($0) })))
            if !optionLabels.isEmpty { fields.append(("optionLabels", .object(options.map { ($0, .string(optionLabels[$0] ?? $0)) }))) }
        } else {
            fields += [("min", .number(min)), ("max", .number(max)), ("step", .number(step))]
        }
        if let groupLabel { fields.append(("groupLabel", .string(groupLabel))) }
        return .object(fields)
    }
}

enum PlannerForm {
    /// The key patterns the form's fields may have (the OpenAPI document lists them with
    /// their ranges); `fields` takes no key outside them (PlannerOpenAPITests).
    static let keyPatterns = ["pools.<pool>.budget", "pools.<pool>.split.stateTotal", "pools.<pool>.split.perDevice",
                              "pools.<pool>.fundingRate", "pools.<pool>.capPerDevice", "deviceKinds.<kind>.unitPrice",
                              "deviceKinds.<kind>.coverageFloor", "deviceKinds.<kind>.priorityWeight",
                              "need.priorityWeightByLevel.<level>", "objective"]

    /// The fields for a scenario, in screen order: pools, device kinds, need weights, objective;
    /// labels and help texts in `language` (German unless asked otherwise).
    static func fields(_ s: Scenario, language: ReportLanguage = .de) -> [PlannerField] {
        let german = language == .de
        var out: [PlannerField] = []
        /// A field for the key at `pattern`: label "`owner`: table label`suffix`", the table's help,
        /// range and step; `top`: the slider's upper end where the table's is far too wide.
        func field(_ pattern: String, _ ids: [String], group: String, owner: String?, suffix: String = "", kind: PlannerField.Kind,
                   value: String, top: Decimal? = nil, step: String? = nil) -> PlannerField {
            let entry = ScenarioKeys.entry(pattern)
            let range = entry.range ?? ValueRange(0, 1)
            let step = step ?? entry.step ?? "1"
            // An open lower end (a funding rate above 0) starts the slider one step above it.
            let low = range.lowerOpen ? range.lower + (Decimal(string: step) ?? 0) : range.lower
            let high = Swift.min(top ?? range.upper, range.upper)
            let label = (owner.map { "\($0): " } ?? "") + entry.label(german: german) + suffix
            return PlannerField(key: ScenarioKeys.path(pattern, ids), group: group, label: label, help: entry.help(german: german),
                                kind: kind, value: value, min: "\(low)", max: "\(high)", step: step, options: [])
        }
        for pool in s.pools {
            let group = "pool:\(pool.id)"
            // A slider to twice the grant (at least 1 M€) covers every what-if of the issue tracker.
            // A split pool's file value is the reference authority's budget (the others are scaled
            // from it), the state total it splits, or the amount per device; a table has none.
            var pattern = "pools.<pool>.budget", budget = pool.referenceBudget ?? pool.budget, step = "1000"
            var suffix = pool.referenceBudget == nil ? ""
                : PlannerWords.referenceAuthority(language)
            switch pool.split?.rule {
            case .key? where pool.referenceBudget == nil:
                pattern = "pools.<pool>.split.stateTotal"
                suffix = PlannerWords.shareByKey(language)
            case let .perDevice(amount, basis)?:
                pattern = "pools.<pool>.split.perDevice"; budget = amount; step = "1"
                suffix = PlannerWords.perDevice(teachers: basis == .teachers, language)
            default: break
            }
            if case .table? = pool.split?.rule {} else {
                let top = Swift.max(budget.cents * 2, step == "1" ? 100_000 : 100_000_000) / 100
                out.append(field(pattern, [pool.id], group: group, owner: pool.name, suffix: suffix, kind: .money,
                                 value: budget.plain, top: Decimal(roundUp(top)), step: step))
            }
            if case let .grant(rate, cap) = pool.rule {
                out.append(field("pools.<pool>.fundingRate", [pool.id], group: group, owner: pool.name, kind: .rate, value: "\(rate)"))
                out.append(field("pools.<pool>.capPerDevice", [pool.id], group: group, owner: pool.name, kind: .price, value: cap.plain,
                                 top: Decimal(roundUp(Swift.max(cap.cents * 2, 100_000) / 100))))
            }
        }
        for kind in s.deviceKinds {
            let group = "kind:\(kind.id)"
            out.append(field("deviceKinds.<kind>.unitPrice", [kind.id], group: group, owner: kind.label, kind: .price,
                             value: kind.unitPrice.plain, top: Decimal(roundUp(Swift.max(kind.unitPrice.cents * 2, 100_000) / 100))))
            out.append(field("deviceKinds.<kind>.coverageFloor", [kind.id], group: group, owner: kind.label, kind: .rate,
                             value: "\(kind.coverageFloor)"))
            if kind.basis == .teachers {
                out.append(field("deviceKinds.<kind>.priorityWeight", [kind.id], group: group, owner: kind.label, kind: .weight,
                                 value: "\(kind.priorityWeight)", top: Decimal(Swift.max(5, roundUp(Int(kind.priorityWeight.doubleValue * 2))))))
            }
        }
        for level in s.need.priorityWeightByLevel.keys.sorted() {
            let w = s.need.priorityWeightByLevel[level]!
            out.append(field("need.priorityWeightByLevel.<level>", [String(level)], group: "need", owner: nil, suffix: " \(level)",
                             kind: .weight, value: "\(w)", top: Decimal(Swift.max(5, roundUp(Int(w.doubleValue * 2))))))
        }
        let objective = ScenarioKeys.entry("objective")
        out.append(PlannerField(key: objective.path, group: "objective", label: objective.label(german: german),
                                help: objective.help(german: german), kind: .choice, value: s.objective.rawValue,
                                min: "", max: "", step: "", options: ObjectiveMode.allCases.map(\.rawValue)))
        return out
    }

    /// A round slider end: 1, 2 or 5 times a power of ten, at least `n`.
    static func roundUp(_ n: Int) -> Int {
        var p = 1
        while true {
            for m in [1, 2, 5] where m * p >= n { return m * p }
            if p > Int.max / 100 { return n }
            p *= 10
        }
    }
}
