import Foundation
import Allocation

/// The scenario's `deviceKinds` and `pools` sections.
extension ScenarioLoader {
    static func readKinds(_ v: YAMLValue) throws(ScenarioError) -> [DeviceKind] {
        var kinds: [DeviceKind] = []
        for (id, kv) in try v.mapping(allowed: nil) {
            try checkID(id, kv)
            let f = try kv.fields(keysOf: "deviceKinds.<kind>")
            guard let basisValue = f["basis"] else { throw kv.fail(.missing(key: "basis", why: .basis)) }
            let basis = try basisValue.choice(DeviceKind.Basis.self, allowed: "pupils, teachers")
            guard let price = f["unitPrice"] else { throw kv.fail(.missing(key: "unitPrice", why: .eurosPerBundle)) }
            kinds.append(DeviceKind(
                id: id, label: try f["label"]?.string() ?? id, basis: basis, unitPrice: try price.money(positive: true),
                priorityWeight: try f["priorityWeight"]?.decimal(key: "deviceKinds.<kind>.priorityWeight") ?? 1,
                coverageFloor: try f["coverageFloor"]?.decimal(key: "deviceKinds.<kind>.coverageFloor") ?? 0))
        }
        if kinds.isEmpty { throw v.fail(.rule(.noDeviceKinds)) }
        return kinds
    }

    static func readPools(_ v: YAMLValue, kinds: [DeviceKind], split: inout [SplitSpec]) throws(ScenarioError) -> [Pool] {
        var pools: [Pool] = []
        for (id, pv) in try v.mapping(allowed: nil) {
            try checkID(id, pv)
            let f = try pv.fields(keysOf: "pools.<pool>")
            guard let kindsValue = f["kinds"] else { throw pv.fail(.missing(key: "kinds", why: .poolKinds)) }
            let kindIDs = try kindsValue.stringList()
            for k in kindIDs where !kinds.contains(where: { $0.id == k }) {
                throw kindsValue.fail(.rule(.unknownKind(excerpt(k, limit: 40), defined: kinds.map(\.id))))
            }
            guard let ruleValue = f["rule"] else { throw pv.fail(.missing(key: "rule", why: .poolRule)) }
            let ruleText = try ruleValue.string()
            let rule: Pool.Rule
            switch ruleText {
            case "grant":
                guard let rate = f["fundingRate"], let cap = f["capPerDevice"] else {
                    throw pv.fail(.grantNeedsRateAndCap)
                }
                // Its range (above 0, at most 1) is a domain rule: Scenario.validate().
                rule = .grant(rate: try rate.decimal(what: ScenarioKeys.entry("pools.<pool>.fundingRate").what), capPerDevice: try cap.money(positive: true))
            case "remainder", "any":
                for key in ["fundingRate", "capPerDevice"] where f[key] != nil {
                    throw f[key]!.fail(.section(.onlyGrantHas(key: key)))
                }
                rule = ruleText == "any" ? .any : .remainder
            default:
                throw ruleValue.fail(.outside(.text(excerpt(ruleText, limit: 40)), allowed: .loader(.poolRules)))
            }
            var spec: SplitSpec?
            if let sv = f["split"] {
                spec = try readSplit(sv, pool: id, kinds: kinds.filter { kindIDs.contains($0.id) })
                if let spec { split.append(spec) }
            }
            let usesBudget = spec.map { if case .key(nil) = $0.rule { return true } else { return false } } ?? true
            let budget: Money
            if usesBudget {
                guard let b = f["budget"] else {
                    throw pv.fail(spec == nil ? .missing(key: "budget", why: .euros)
                                  : .missing(key: "budget", why: .loader(.referenceBudget)))
                }
                budget = try b.money()
            } else {
                if let b = f["budget"] {
                    throw b.fail(.split(.budgetNotUsed(rule: spec!.ruleName)))
                }
                budget = .zero
            }
            // A grant that is own money, or pays nothing per device: Scenario.validate().
            let own = try f["ownMoney"]?.bool() ?? false
            pools.append(Pool(id: id, name: try f["name"]?.string() ?? id, budget: budget, kinds: kindIDs,
                              rule: rule, isOwnMoney: own))
        }
        if pools.isEmpty { throw v.fail(.rule(.noPools)) }
        return pools
    }


    static func checkID(_ id: String, _ v: YAMLValue) throws(ScenarioError) {
        guard !id.isEmpty, id.count <= 40, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw v.fail(.section(.idNotAllowed(excerpt(id, limit: 40))))
        }
    }
}
