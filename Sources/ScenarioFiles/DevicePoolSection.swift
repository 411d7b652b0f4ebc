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
        if kinds.isEmpty { throw v.fail("no device kinds; define at least one") }
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
                throw kindsValue.fail("unknown device kind '\(k)'; defined: \(kinds.map(\.id).joined(separator: ", "))")
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
                    throw f[key]!.fail("only a pool with rule 'grant' has '\(key)'")
                }
                rule = ruleText == "any" ? .any : .remainder
            default:
                throw ruleValue.fail("found '\(ruleText)', allowed: grant (pays a rate of capped cost per device), remainder (pays own shares and cost above caps), any (pays any cost)")
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
                                  : .text("missing 'budget' (the reference authority's budget, which split.by: key scales to every authority; or give split.stateTotal)"))
                }
                budget = try b.money()
            } else {
                if let b = f["budget"] {
                    throw b.fail("this pool's money is split among the authorities by its 'split' (\(spec!.ruleWord)), which gives the total and every share; 'budget' (a reference authority's budget) is not used here: remove it, or set 'split: none' for one budget")
                }
                budget = .zero
            }
            // A grant that is own money, or pays nothing per device: Scenario.validate().
            let own = try f["ownMoney"]?.bool() ?? false
            pools.append(Pool(id: id, name: try f["name"]?.string() ?? id, budget: budget, kinds: kindIDs,
                              rule: rule, isOwnMoney: own))
        }
        if pools.isEmpty { throw v.fail("no pools; define at least one") }
        return pools
    }


    static func checkID(_ id: String, _ v: YAMLValue) throws(ScenarioError) {
        guard !id.isEmpty, id.count <= 40, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw v.fail("id '\(id.prefix(40))' is not allowed; use up to 40 ASCII letters, digits, '-' or '_'")
        }
    }
}
