import Foundation
import Allocation
import Reports

/// The values a planner may change on screen, read from a loaded scenario: each a key path
/// (as in `--set`), its value as the scenario file would write it, and a slider range.
public struct PlannerField: Sendable, Equatable {
    public enum Kind: String, Sendable { case money, price, rate, weight, choice }
    public var key: String
    public var group: String
    public var label: String
    public var kind: Kind
    public var value: String
    public var min: String
    public var max: String
    public var step: String
    public var options: [String]

    var json: JSONValue {
        var fields: [(String, JSONValue)] = [("key", .string(key)), ("group", .string(group)), ("label", .string(label)),
                                             ("kind", .string(kind.rawValue)), ("value", .string(value))]
        if kind == .choice {
            fields.append(("options", .array(options.map { .string($0) })))
        } else {
            fields += [("min", .number(min)), ("max", .number(max)), ("step", .number(step))]
        }
        return .object(fields)
    }
}

enum PlannerForm {
    /// The fields for a scenario, in screen order: pools, device kinds, need weights, objective.
    static func fields(_ s: Scenario) -> [PlannerField] {
        var out: [PlannerField] = []
        for pool in s.pools {
            let group = "pool:\(pool.id)"
            // A slider to twice the grant (at least 1 M€) covers every what-if of the issue tracker.
            // A split pool's file value is the reference authority's budget (the others are scaled
            // from it), the state total it splits, or the amount per device; a table has none.
            var key = "pools.\(pool.id).budget", budget = pool.referenceBudget ?? pool.budget
            var label = pool.referenceBudget == nil ? "budget (€)" : "budget of the reference authority (€; the others' by the key)"
            var step = "1000"
            switch pool.split?.rule {
            case .key? where pool.referenceBudget == nil:
                key = "pools.\(pool.id).split.stateTotal"; label = "state total (€; each authority's share by the key)"
            case let .perDevice(amount, basis)?:
                key = "pools.\(pool.id).split.perDevice"; budget = amount; step = "1"
                label = "amount per device (€; × each authority's \(basis.rawValue))"
            default: break
            }
            if case .table? = pool.split?.rule {} else {
                let top = Swift.max(budget.cents * 2, step == "1" ? 100_000 : 100_000_000) / 100
                out.append(PlannerField(key: key, group: group, label: "\(pool.name): \(label)", kind: .money,
                                        value: budget.plain, min: "0", max: String(roundUp(top)), step: step, options: []))
            }
            if case let .grant(rate, cap) = pool.rule {
                out.append(PlannerField(key: "pools.\(pool.id).fundingRate", group: group, label: "\(pool.name): funding rate",
                                        kind: .rate, value: "\(rate)", min: "0.01", max: "1", step: "0.01", options: []))
                out.append(PlannerField(key: "pools.\(pool.id).capPerDevice", group: group, label: "\(pool.name): cap per device (€)",
                                        kind: .price, value: cap.plain, min: "1", max: String(roundUp(Swift.max(cap.cents * 2, 100_000) / 100)),
                                        step: "1", options: []))
            }
        }
        for kind in s.deviceKinds {
            let group = "kind:\(kind.id)"
            out.append(PlannerField(key: "deviceKinds.\(kind.id).unitPrice", group: group, label: "\(kind.label): unit price (€)",
                                    kind: .price, value: kind.unitPrice.plain, min: "1",
                                    max: String(roundUp(Swift.max(kind.unitPrice.cents * 2, 100_000) / 100)), step: "1", options: []))
            out.append(PlannerField(key: "deviceKinds.\(kind.id).coverageFloor", group: group, label: "\(kind.label): coverage floor",
                                    kind: .rate, value: "\(kind.coverageFloor)", min: "0", max: "1", step: "0.01", options: []))
            if kind.basis == .teachers {
                out.append(PlannerField(key: "deviceKinds.\(kind.id).priorityWeight", group: group, label: "\(kind.label): priority weight",
                                        kind: .weight, value: "\(kind.priorityWeight)", min: "0",
                                        max: String(Swift.max(5, roundUp(Int(kind.priorityWeight.doubleValue * 2)))), step: "0.125", options: []))
            }
        }
        for level in s.need.priorityWeightByLevel.keys.sorted() {
            let w = s.need.priorityWeightByLevel[level]!
            out.append(PlannerField(key: "need.priorityWeightByLevel.\(level)", group: "need", label: "Priority weight, index level \(level)",
                                    kind: .weight, value: "\(w)", min: "0", max: String(Swift.max(5, roundUp(Int(w.doubleValue * 2)))),
                                    step: "0.125", options: []))
        }
        out.append(PlannerField(key: "objective", group: "objective", label: "Objective", kind: .choice,
                                value: s.objective.rawValue, min: "", max: "", step: "", options: ObjectiveMode.allCases.map(\.rawValue)))
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
