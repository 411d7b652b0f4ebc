import Foundation

/// Re-checks every rule of the scenario on a finished plan, in integer cents, knowing
/// nothing of the model or the solver. Any finding is a bug: the plan must not be shown.
public enum PlanVerifier {
    public static func verify(_ plan: Plan) -> [String] {
        var problems: [String] = []
        let scenario = plan.scenario
        let kinds = scenario.deviceKinds, pools = scenario.pools
        guard let needs = try? NeedTable(scenario) else { return ["the scenario's needs cannot be computed"] }

        let planIDs = plan.schools.map(\.school.id)
        if planIDs.sorted() != scenario.schools.map(\.id).sorted() { problems.append("the plan's schools differ from the scenario's") }
        let row = Dictionary(scenario.schools.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })

        var spent = [Money](repeating: .zero, count: pools.count)
        // The pools' rules per kind, worked out once (not per school).
        let eligible = kinds.map { kind in pools.map { $0.kinds.contains(kind.id) } }
        let perDevice = kinds.map { kind in pools.map { $0.grantPerDevice(price: kind.unitPrice) } }
        let isGrant = pools.map(\.isGrant), isRemainder = pools.map { $0.rule == .remainder }
        for a in plan.schools {
            guard let s = row[a.school.id] else { continue }
            let id = a.school.id
            guard a.devices.count == kinds.count, a.funding.count == kinds.count, a.grantDevices.count == kinds.count,
                  a.funding.allSatisfy({ $0.count == pools.count }), a.grantDevices.allSatisfy({ $0.count == pools.count }) else {
                problems.append("school \(id): table sizes do not match the scenario"); continue
            }
            for (k, kind) in kinds.enumerated() {
                let e = needs.entries[s][k]
                let n = a.devices[k]
                if a.need[k] != e.need { problems.append("school \(id) \(kind.id): need \(a.need[k]) but the rules give \(e.need)") }
                if n < e.floor || n > e.need { problems.append("school \(id) \(kind.id): \(n) devices outside [\(e.floor), \(e.need)]") }
                if let c = plan.guaranteedCoverage, scenario.objective == .maximin, e.need > 0,
                   !c.isReached(by: n, of: e.need) {
                    problems.append("school \(id) \(kind.id): coverage \(n)/\(e.need) below the guaranteed \(c)")
                }
                if scenario.objective == .maximin, e.need > 0, k < plan.kindCoverage.count, let c = plan.kindCoverage[k],
                   !c.isReached(by: n, of: e.need) {
                    problems.append("school \(id) \(kind.id): coverage \(n)/\(e.need) below the guaranteed \(c) for \(kind.id)")
                }
                var paid = Money.zero, granted = 0, shareOpen = Money.zero, paidByShares = Money.zero
                for p in pools.indices {
                    let m = a.funding[k][p]
                    if m < .zero { problems.append("school \(id) \(kind.id): negative funding from \(pools[p].id)") }
                    if m > .zero && !eligible[k][p] {
                        problems.append("school \(id): pool \(pools[p].id) pays for \(kind.id) devices, which it may not")
                    }
                    if isGrant[p] {
                        let per = perDevice[k][p]
                        if m != per * a.grantDevices[k][p] {
                            problems.append("school \(id) \(kind.id): \(pools[p].id) pays \(m) for \(a.grantDevices[k][p]) devices at \(per) each")
                        }
                        granted += a.grantDevices[k][p]
                        shareOpen += (kind.unitPrice - per) * a.grantDevices[k][p]
                    } else if a.grantDevices[k][p] != 0 {
                        problems.append("school \(id): \(pools[p].id) is no grant but funds devices")
                    }
                    if isRemainder[p] { paidByShares += m }
                    paid += m
                    spent[p] += m
                }
                if granted > n { problems.append("school \(id) \(kind.id): \(granted) grant-funded devices of \(n)") }
                if paidByShares > shareOpen {
                    problems.append("school \(id) \(kind.id): own-share pools pay \(paidByShares), more than the \(shareOpen) grants leave open")
                }
                if paid != kind.unitPrice * n {
                    problems.append("school \(id) \(kind.id): \(n) devices cost \(kind.unitPrice * n) but \(paid) is paid")
                }
            }
        }
        // Split pools: each authority's share pays only for its own schools.
        for (p, pool) in pools.enumerated() {
            guard let shares = pool.authorityBudgets else { continue }
            var byAuthority: [String: Money] = [:]
            for a in plan.schools { for k in kinds.indices { byAuthority[a.school.authority, default: .zero] += a.funding[k][p] } }
            for (authority, used) in byAuthority where used > (shares[authority] ?? .zero) {
                problems.append("pool \(pool.id) spends \(used) for authority \(authority), whose share is \(shares[authority] ?? .zero)")
            }
        }
        for (p, pool) in pools.enumerated() {
            if spent[p] > pool.budget { problems.append("pool \(pool.id) spends \(spent[p]) of a budget of \(pool.budget)") }
            guard let use = plan.pools.first(where: { $0.pool.id == pool.id }) else {
                problems.append("pool \(pool.id) is missing from the plan"); continue
            }
            if use.spent != spent[p] { problems.append("pool \(pool.id) reports \(use.spent) spent but schools add up to \(spent[p])") }
        }
        return problems
    }
}
