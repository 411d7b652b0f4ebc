import Foundation

/// Re-checks every rule of the scenario on a finished plan, in integer cents, knowing
/// nothing of the model or the solver. Any finding is a bug: the plan must not be shown.
public enum PlanVerifier {
    public static func verify(_ plan: Plan) -> [String] { verify(plan, halvesFrom: 10_000) }

    /// `halvesFrom`: plans of at least this many schools are checked in two halves on two threads.
    static func verify(_ plan: Plan, halvesFrom: Int) -> [String] {
        var problems: [String] = []
        let scenario = plan.scenario
        let kinds = scenario.deviceKinds, pools = scenario.pools
        let planIDs = plan.schools.map(\.school.id), scenarioIDs = scenario.schools.map(\.id)
        // Equal lists need no sorting (the usual case: a plan lists the scenario's schools in its order).
        let aligned = planIDs == scenarioIDs
        if !aligned && planIDs.sorted() != scenarioIDs.sorted() { problems.append("the plan's schools differ from the scenario's") }
        // Each school's row of the scenario: its index when both list the same ids in strictly
        // increasing order (each id once), else looked up (the first row of an id).
        let byIndex = aligned && zip(scenarioIDs, scenarioIDs.dropFirst()).allSatisfy { $0 < $1 }
        let row = byIndex ? [:] : Dictionary(scenario.schools.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        // The needs by the rules, worked out here afresh. When each school is at its own row, each
        // part works out its own schools' (a school's need and floor depend on it and the rules
        // alone; issue 18: the whole table took a tenth of a second on one thread); else the whole
        // table once. If the rules fail for any school, nothing else is checked.
        let whole: NeedTable? = byIndex ? nil : try? NeedTable(scenario)
        if !byIndex && whole == nil { return ["the scenario's needs cannot be computed"] }

        // The pools' rules per kind, worked out once (not per school).
        let table = KindPoolTable(scenario)
        let eligible = table.eligible
        let perDevice = table.grantCents.map { $0.map { Money(cents: $0) } }
        let isGrant = pools.map(\.isGrant), isRemainder = pools.map { $0.rule == .remainder }
        let prices = kinds.map(\.unitPrice.cents)
        let perDeviceCents = perDevice.map { $0.map(\.cents) }
        let isSplit = pools.map { $0.authorityBudgets != nil }
        let anySplit = isSplit.contains(true)
        let guaranteed = scenario.objective == .maximin ? plan.guaranteedCoverage : nil
        let kindGuarantees = scenario.objective == .maximin ? plan.kindCoverage : []
        // A split plan: each authority's own guarantee holds for its schools.
        var guarantees: [String: Ratio] = [:]
        if scenario.objective == .maximin {
            for r in plan.authorities { if let c = r.guaranteedCoverage { guarantees[r.authority] = c } }
        }
        let authorityGuarantee = guarantees
        // Plain loops over hoisted rows: this runs for every school, kind and pool, twice for a
        // state-wide plan (each authority, then the whole), so it has to be cheap.
        @Sendable func check(_ schools: Range<Int>) -> Part? {
            let needs: NeedTable, first: Int
            if let whole {
                needs = whole; first = 0
            } else {
                var own = scenario
                if schools.count != scenario.schools.count { own.schools = Array(scenario.schools[schools]) }
                guard let table = try? NeedTable(own) else { return nil }
                needs = table; first = schools.lowerBound
            }
            var part = Part(pools: pools.count)
            for i in schools {
                let a = plan.schools[i]
                let id = a.school.id
                let sizesFit = a.devices.count == kinds.count && a.funding.count == kinds.count && a.grantDevices.count == kinds.count
                    && a.funding.allSatisfy({ $0.count == pools.count }) && a.grantDevices.allSatisfy({ $0.count == pools.count })
                guard let s = byIndex ? i : row[id] else {
                    if sizesFit && anySplit {
                        let n = part.number(a.school.authority)
                        addSplit(a, to: &part.byAuthority, at: n, isSplit: isSplit)
                    }
                    continue
                }
                guard sizesFit else {
                    part.problems.append("school \(id): table sizes do not match the scenario"); continue
                }
                let needRow = needs.entries[s - first]
                let ownGuarantee = authorityGuarantee.isEmpty ? nil : authorityGuarantee[a.school.authority]
                var schoolPaid = [Int](repeating: 0, count: pools.count)
                for k in kinds.indices {
                    let e = needRow[k]
                    let n = a.devices[k]
                    let funding = a.funding[k], grantDevices = a.grantDevices[k], per = perDeviceCents[k], price = prices[k]
                    if a.need[k] != e.need { part.problems.append("school \(id) \(kinds[k].id): need \(a.need[k]) but the rules give \(e.need)") }
                    if n < e.floor || n > e.need { part.problems.append("school \(id) \(kinds[k].id): \(n) devices outside [\(e.floor), \(e.need)]") }
                    if let c = guaranteed, e.need > 0, !c.isReached(by: n, of: e.need) {
                        part.problems.append("school \(id) \(kinds[k].id): coverage \(n)/\(e.need) below the guaranteed \(c)")
                    }
                    if let c = ownGuarantee, e.need > 0, !c.isReached(by: n, of: e.need) {
                        part.problems.append("school \(id) \(kinds[k].id): coverage \(n)/\(e.need) below the \(c) guaranteed for authority \(a.school.authority)")
                    }
                    if e.need > 0, k < kindGuarantees.count, let c = kindGuarantees[k], !c.isReached(by: n, of: e.need) {
                        part.problems.append("school \(id) \(kinds[k].id): coverage \(n)/\(e.need) below the guaranteed \(c) for \(kinds[k].id)")
                    }
                    var paid = 0, granted = 0, shareOpen = 0, paidByShares = 0
                    for p in pools.indices {
                        let m = funding[p].cents
                        let g = grantDevices[p]
                        if m < 0 { part.problems.append("school \(id) \(kinds[k].id): negative funding from \(pools[p].id)") }
                        if m > 0 && !eligible[k][p] {
                            part.problems.append("school \(id): pool \(pools[p].id) pays for \(kinds[k].id) devices, which it may not")
                        }
                        if isGrant[p] {
                            if m != per[p] * g {
                                part.problems.append("school \(id) \(kinds[k].id): \(pools[p].id) pays \(funding[p]) for \(g) devices at \(perDevice[k][p]) each")
                            }
                            granted += g
                            shareOpen += (price - per[p]) * g
                        } else if g != 0 {
                            part.problems.append("school \(id): \(pools[p].id) is no grant but funds devices")
                        }
                        if isRemainder[p] { paidByShares += m }
                        paid += m
                        schoolPaid[p] += m
                    }
                    if granted > n { part.problems.append("school \(id) \(kinds[k].id): \(granted) grant-funded devices of \(n)") }
                    if paidByShares > shareOpen {
                        part.problems.append("school \(id) \(kinds[k].id): own-share pools pay \(Money(cents: paidByShares)), more than the \(Money(cents: shareOpen)) grants leave open")
                    }
                    if paid != price * n {
                        part.problems.append("school \(id) \(kinds[k].id): \(n) devices cost \(kinds[k].unitPrice * n) but \(Money(cents: paid)) is paid")
                    }
                }
                let n = anySplit ? part.number(a.school.authority) : 0
                for p in pools.indices {
                    part.spent[p] += schoolPaid[p]
                    if isSplit[p] { part.byAuthority[p][n] += schoolPaid[p] }
                }
            }
            return part
        }
        // A big plan in two halves on two threads (issue 18: this runs on one thread after all
        // authorities are solved), joined in order: the same findings in the same order.
        let count = plan.schools.count
        let halves = count >= max(2, halvesFrom) ? [0..<count / 2, count / 2..<count] : [0..<count]
        let results = ParallelResults<Part?, Never>(count: halves.count)
        DispatchQueue.concurrentPerform(iterations: halves.count) { i in results.set(i, check(halves[i])) }
        var all = Part(pools: pools.count)
        for part in results.values {
            guard let part = part! else { return ["the scenario's needs cannot be computed"] }
            all.join(part)
        }
        problems += all.problems
        let spent = all.spent.map { Money(cents: $0) }
        let authorityNames = all.names, byAuthority = all.byAuthority
        // Split pools: each authority's share pays only for its own schools.
        for (p, pool) in pools.enumerated() {
            guard let shares = pool.authorityBudgets else { continue }
            for (n, authority) in authorityNames.enumerated() {
                let used = Money(cents: byAuthority[p][n])
                if used > (shares[authority] ?? .zero) {
                    problems.append("pool \(pool.id) spends \(used) for authority \(authority), whose share is \(shares[authority] ?? .zero)")
                }
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

    /// What the checks of a range of schools found: findings in order, cents spent per pool,
    /// and per split pool the cents per authority (numbered in order of first appearance).
    private struct Part: Sendable {
        var problems: [String] = []
        var spent: [Int]
        var names: [String] = []
        var numbers: [String: Int] = [:]
        var byAuthority: [[Int]]
        init(pools: Int) { spent = Array(repeating: 0, count: pools); byAuthority = Array(repeating: [], count: pools) }

        mutating func number(_ authority: String) -> Int {
            if let n = numbers[authority] { return n }
            numbers[authority] = names.count
            names.append(authority)
            for p in byAuthority.indices { byAuthority[p].append(0) }
            return names.count - 1
        }

        /// The later part's findings and sums after this one's (its authorities renumbered).
        mutating func join(_ later: Part) {
            problems += later.problems
            for p in spent.indices { spent[p] += later.spent[p] }
            for (n, authority) in later.names.enumerated() {
                let m = number(authority)
                for p in byAuthority.indices { byAuthority[p][m] += later.byAuthority[p][n] }
            }
        }
    }

    /// A school outside the scenario still counts against its authority's shares (cents per
    /// split pool and authority number `n`).
    private static func addSplit(_ a: Plan.SchoolAllocation, to byAuthority: inout [[Int]], at n: Int, isSplit: [Bool]) {
        for p in isSplit.indices where isSplit[p] {
            var cents = 0
            for row in a.funding { cents += row[p].cents }
            byAuthority[p][n] += cents
        }
    }
}
