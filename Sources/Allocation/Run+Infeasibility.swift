import Foundation
import LinearProgramming

/// Infeasibility diagnosis: when the floors cannot be paid, which single change (a pool's
/// budget, a kind's coverage floor) would make the scenario hold, exact to the cent.
extension Run {
    /// Every school's floor must be payable; otherwise say which rule fails and by how much.
    func checkFloorsFundable(_ floors: [[Int]]) throws(AllocationError) {
        let t = totals(floors)
        // No floor (the shipped scenarios): no device needs no money (budgets are never
        // negative, `Scenario.validate`), without a funding solve per authority (issue 18: 6 % of
        // a 40,005-school solve).
        if t.allSatisfy({ $0 == 0 }) { return }
        if try fund(t) != nil { return }
        // Elastic diagnosis: let one rule at a time give way, at the least change, and report
        // each change that alone makes the scenario hold, exact to the cent (as facts; Reports
        // words them: ErrorWords).
        let asked = scenario.deviceKinds.enumerated().map { k, kind in
            Infeasibility.Floor(kind: kind.id, floor: kind.coverageFloor, devices: t[k], label: kind.label, basis: kind.basis)
        }
        var fixes: [Infeasibility.Fix] = []
        for (p, pool) in scenario.pools.enumerated() {
            guard let needed = try leastBudget(of: p, in: scenario, totals: t) else { continue }
            let extra = Money(cents: max(0, needed.cents - pool.budget.cents))
            fixes.append(.raiseBudget(pool: pool.id, name: pool.name, by: extra, to: pool.budget + extra))
        }
        for (k, kind) in scenario.deviceKinds.enumerated() where kind.coverageFloor > 0 {
            if let lower = try largestFundableFloor(kind: k) {
                fixes.append(.lowerFloor(kind: kind.id, from: kind.coverageFloor, to: lower))
            }
        }
        // And all money at once: what a pool that may pay anything would have to add.
        var probe = scenario
        for i in probe.pools.indices { probe.pools[i].isOwnMoney = false }
        probe.pools.append(Pool(id: "missing", name: "missing money", budget: .zero,
                                kinds: probe.deviceKinds.map(\.id), rule: .any, isOwnMoney: true))
        let short = try leastBudget(of: probe.pools.count - 1, in: probe, totals: t)
        throw .infeasible(Infeasibility(rule: .coverageFloors, floors: asked, shortfall: short, fixes: short == nil ? [] : fixes))
    }

    /// The least budget of pool `p` (every other pool as in `s`) with which these device
    /// totals can be paid, exact to the cent: that amount works, one cent less does not.
    /// nil if no budget of `p` alone makes them payable.
    func leastBudget(of p: Int, in s: Scenario, totals t: [Int]) throws(AllocationError) -> Money? {
        // A pool never has to pay more than all the devices cost; a larger probe would only
        // strain the solver's tolerances.
        let cap = s.deviceKinds.indices.reduce(0) { $0 + (s.deviceKinds[$1].unitPrice * t[$1]).cents }
        func works(_ cents: Int) throws(AllocationError) -> Bool {
            var probe = s
            probe.pools[p].budget = Money(cents: cents)
            return try fund(t, in: probe) != nil
        }
        guard try works(cap) else { return nil }
        // The solver's least spending is the estimate; whole cents around it decide.
        var probe = s
        probe.pools[p].budget = Money(cents: cap)
        var model = AllocationModel(scenario: probe, fixedTotals: t)
        model.program.objective = .init(.minimize, model.spendingTerms(of: p, probe))
        var estimate = cap
        if let r = try? sessions.funding.solve(model.program, options: fundingOptions), r.hasSolution, let spent = r.objective {
            estimate = min(cap, max(0, Int((spent * 100 - 1e-6).rounded(.up))))
        }
        // Gallop from the estimate to a bracket [bad, good], then bisect: good works, bad not.
        var good: Int, bad: Int
        if try works(estimate) {
            good = estimate; bad = -1
            var step = 1
            while good > 0 {
                let next = max(0, good - step)
                if try works(next) { good = next; step *= 2 } else { bad = next; break }
            }
            if good == 0 { return .zero }
        } else {
            bad = estimate; good = cap
            var step = 1
            while bad + step < cap {
                if try works(bad + step) { good = bad + step; break }
                bad += step; step *= 2
            }
        }
        while good - bad > 1 {
            let mid = bad + (good - bad) / 2
            if try works(mid) { good = mid } else { bad = mid }
        }
        return Money(cents: good)
    }

    /// The largest coverage floor of kind `k`, in steps of 0.1 %, that the money can pay with
    /// every other floor as it is; nil if not even 0 works.
    func largestFundableFloor(kind k: Int) throws(AllocationError) -> Decimal? {
        func floorsAt(_ perMille: Int) -> [[Int]] {
            var out = floors
            for (s, row) in needs.entries.enumerated() { out[s][k] = min(row[k].need, (perMille * row[k].need + 999) / 1000) }
            return out
        }
        guard try fund(totals(floorsAt(0))) != nil else { return nil }
        var lo = 0, hi = (scenario.deviceKinds[k].coverageFloor * 1000).floored().intValue
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if try fund(totals(floorsAt(mid))) != nil { lo = mid } else { hi = mid }
        }
        return Decimal(lo) / 1000
    }
}
