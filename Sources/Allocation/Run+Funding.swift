import Foundation
import LinearProgramming

/// The money for fixed device totals: the cheapest funding (in own money) that the solver finds,
/// re-checked and, where needed, re-derived exactly in integer cents.
extension Run {
    // MARK: funding of fixed device totals

    struct Funding { var grantTotals: [[Int]]; var poolEuros: [[Double]]; var ownMoney: Double }

    func totals(_ devices: [[Int]]) -> [Int] {
        scenario.deviceKinds.indices.map { k in devices.reduce(0) { $0 + $1[k] } }
    }

    /// The cheapest way (in own money) to pay for these device totals; nil if none exists.
    /// The solver's answer is re-checked in integer cents (`exactFunding`): near a budget's
    /// edge the solver's tolerances could accept a plan that is a fraction of a cent short.
    func fund(_ totals: [Int], in s: Scenario? = nil) throws(AllocationError) -> Funding? {
        try checkCancelled()
        // Past the deadline, the plan's device totals are often those just checked (the floors
        // or the last share proven fundable): their funding is not solved again.
        if s == nil, timeUp, let known = lastFunding.totals, known == totals, let funding = lastFunding.funding { return funding }
        let funding = try solveFunding(totals, in: s)
        if s == nil { lastFunding.totals = totals; lastFunding.funding = funding }
        return funding
    }

    private func solveFunding(_ totals: [Int], in s: Scenario?) throws(AllocationError) -> Funding? {
        var model: AllocationModel
        let scenario = s ?? self.scenario
        let table = s.map(KindPoolTable.init) ?? self.table
        if let s {
            model = AllocationModel(scenario: s, fixedTotals: totals, table: table)
            model.program.objective = .init(.minimize, model.ownMoneyTerms(s))
        } else {
            model = fundingModel
            for (k, column) in model.total.enumerated() {
                model.program.variables[column].lower = Double(totals[k])
                model.program.variables[column].upper = Double(totals[k])
            }
        }
        let r: SolveResult
        do { r = try sessions.funding.solve(model.program, options: fundingOptions) } catch { throw .solver(error) }
        guard r.hasSolution else {
            if r.status == .noSolutionFound { throw .noPlanFound(.fundingCheckTimedOut) }
            return nil
        }
        let grantTotals = model.grantDevices.map { $0.map { c in c.map { max(0, Int(r.values[$0].rounded())) } ?? 0 } }
        guard let exact = Run.exactFunding(scenario, table: table, totals: totals, grantTotals: grantTotals) else { return nil }
        var poolEuros = model.poolEuros.map { $0.map { c in c.map { r.values[$0] } ?? 0 } }
        if !Run.centsHold(scenario, table: table, totals: totals, grantTotals: grantTotals, poolEuros: poolEuros) {
            poolEuros = exact.map { $0.map { Double($0) / 100 } }
        }
        let ownCents = scenario.pools.indices.filter { scenario.pools[$0].isOwnMoney }
            .reduce(0) { sum, p in sum + exact.reduce(0) { $0 + $1[p] } }
        return Funding(grantTotals: grantTotals, poolEuros: poolEuros, ownMoney: Double(ownCents) / 100)
    }

    /// Whether the solver's euros, rounded to cents as the attribution rounds them, keep every
    /// budget and every own-share limit.
    /// `table`: `KindPoolTable(scenario)`.
    static func centsHold(_ scenario: Scenario, table: KindPoolTable, totals: [Int], grantTotals: [[Int]], poolEuros: [[Double]]) -> Bool {
        guard let cents = try? FundingAttribution.centsPerPool(scenario: scenario, table: table, devices: [totals], grantTotals: grantTotals,
                                                               poolEuros: poolEuros) else { return false }
        let pools = scenario.pools, kinds = scenario.deviceKinds, per = table.grantCents
        for (p, pool) in pools.enumerated() {
            var spent = 0
            for k in kinds.indices { spent += pool.isGrant ? per[k][p] * grantTotals[k][p] : cents[k][p] }
            if spent > pool.budget.cents { return false }
        }
        for (k, kind) in kinds.enumerated() {
            var shares = 0, byShares = 0
            for (p, pool) in pools.enumerated() {
                if pool.isGrant { shares += (kind.unitPrice.cents - per[k][p]) * grantTotals[k][p] }
                if pool.rule == .remainder { byShares += cents[k][p] }
            }
            if byShares > shares { return false }
        }
        return true
    }

    /// Exact in integer cents: with these grant-funded devices, whether the other pools can pay
    /// the rest of these device totals, and how (cents per kind and pool; own money as little
    /// as possible). A maximum flow: pools → (own-share gate of a kind →) kind → paid.
    /// `table`: `KindPoolTable(scenario)`.
    static func exactFunding(_ scenario: Scenario, table: KindPoolTable, totals: [Int], grantTotals: [[Int]]) -> [[Int]]? {
        let kinds = scenario.deviceKinds, pools = scenario.pools
        let K = kinds.count, P = pools.count
        var demand = [Int](repeating: 0, count: K), shares = [Int](repeating: 0, count: K)
        var grantSpent = [Int](repeating: 0, count: P)
        for (k, kind) in kinds.enumerated() {
            var granted = 0, cents = 0
            for (p, pool) in pools.enumerated() where grantTotals[k][p] != 0 {
                guard pool.isGrant, table.eligible[k][p], grantTotals[k][p] > 0 else { return nil }
                let per = Money(cents: table.grantCents[k][p])
                granted += grantTotals[k][p]
                cents += (per * grantTotals[k][p]).cents
                grantSpent[p] += (per * grantTotals[k][p]).cents
                shares[k] += ((kind.unitPrice - per) * grantTotals[k][p]).cents
            }
            if granted > totals[k] { return nil }
            demand[k] = (kind.unitPrice * totals[k]).cents - cents
            if demand[k] < 0 { return nil }
        }
        for p in pools.indices where grantSpent[p] > pools[p].budget.cents { return nil }
        // Nodes: 0 source, 1 sink, 2+p pool, 2+P+k gate, 2+P+K+k kind; edges in pairs
        // (forward at an even index, its reverse at the next). Each node's edges are walked in
        // the order they were added (a list through `nextEdge`), in flat arrays made once per
        // call (issue 18: this runs for every funding check, ~14,000 in a 40,005-school solve).
        let n = 2 + P + 2 * K
        let infinite = Int.max / 4
        let most = 2 * (2 * K + P * K + P)
        var head = [Int](), capacity = [Int](), nextEdge = [Int]()
        head.reserveCapacity(most); capacity.reserveCapacity(most); nextEdge.reserveCapacity(most)
        var firstEdge = [Int](repeating: -1, count: n), lastEdge = [Int](repeating: -1, count: n)
        func link(_ u: Int, _ e: Int) {
            nextEdge.append(-1)
            if lastEdge[u] < 0 { firstEdge[u] = e } else { nextEdge[lastEdge[u]] = e }
            lastEdge[u] = e
        }
        @discardableResult
        func edge(_ u: Int, _ v: Int, _ c: Int) -> Int {
            let e = head.count
            head.append(v); capacity.append(c); link(u, e)
            head.append(u); capacity.append(0); link(v, e + 1)
            return e
        }
        func pool(_ p: Int) -> Int { 2 + p }
        func gate(_ k: Int) -> Int { 2 + P + k }
        func kind(_ k: Int) -> Int { 2 + P + K + k }
        for k in 0..<K where demand[k] > 0 {
            if shares[k] > 0 { edge(gate(k), kind(k), shares[k]) }
            edge(kind(k), 1, demand[k])
        }
        var paid = [Int](repeating: -1, count: K * P)  // edge of pool p's money for kind k (at k * P + p), -1: none
        for (p, q) in pools.enumerated() where !q.isGrant {
            for k in kinds.indices where demand[k] > 0 && table.eligible[k][p] {
                if q.rule == .remainder {
                    if shares[k] > 0 { paid[k * P + p] = edge(pool(p), gate(k), infinite) }
                } else {
                    paid[k * P + p] = edge(pool(p), kind(k), infinite)
                }
            }
        }
        var via = [Int](repeating: -1, count: n)  // the edge a node was reached by
        var seen = [Bool](repeating: false, count: n)
        var queue = [Int](repeating: 0, count: n)
        func augment() -> Int {
            for i in 0..<n { seen[i] = false; via[i] = -1 }
            seen[0] = true
            queue[0] = 0
            var count = 1, next = 0
            while next < count && !seen[1] {
                let u = queue[next]; next += 1
                var e = firstEdge[u]
                while e >= 0 {
                    let v = head[e]
                    if !seen[v] && capacity[e] > 0 { seen[v] = true; via[v] = e; queue[count] = v; count += 1 }
                    e = nextEdge[e]
                }
            }
            guard seen[1] else { return 0 }
            var push = infinite, v = 1
            while v != 0 { let e = via[v]; push = min(push, capacity[e]); v = head[e ^ 1] }
            v = 1
            while v != 0 { let e = via[v]; capacity[e] -= push; capacity[e ^ 1] += push; v = head[e ^ 1] }
            return push
        }
        // Pools other than own money first; own money only for what they cannot pay (an
        // augmenting path never takes flow back from the source's other edges).
        var total = 0
        for ownPhase in [false, true] {
            for (p, q) in pools.enumerated() where !q.isGrant && q.isOwnMoney == ownPhase && q.budget.cents > 0 {
                edge(0, pool(p), q.budget.cents)
            }
            while true { let f = augment(); if f == 0 { break }; total += f }
        }
        guard total == demand.reduce(0, +) else { return nil }
        // The money on each edge is what its reverse edge has taken up.
        return (0..<K).map { k in (0..<P).map { p in paid[k * P + p] >= 0 ? capacity[paid[k * P + p] ^ 1] : 0 } }
    }
}
