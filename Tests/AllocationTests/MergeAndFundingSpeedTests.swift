import Foundation
import Testing
@testable import Allocation
import ScenarioFiles
import TestSupport

/// Issue #18 (40,005 schools): three pieces of the state-wide path made cheaper must give what
/// the former code gave. `Run.exactFunding` walks its flow graph in flat arrays (the former
/// adjacency lists are kept below as the reference); `AuthoritySplit.merge` puts each
/// authority's schools back at their rows instead of sorting all schools by id; and
/// `PlanVerifier` finds a school's row by its index when the plan lists the scenario's schools
/// in its order, and sums split pools per authority number.
@Suite struct MergeAndFundingSpeedTests {
    static func split() throws -> (SplitScenarioFolder, AuthoritySplit) {
        let folder = try SplitScenarioFolder()
        let scenario = try ScenarioLoader.load(path: try folder.scenario()).scenario
        return (folder, try #require(try AuthoritySplit.make(scenario)))
    }

    static func plans(_ split: AuthoritySplit) throws -> [Plan] {
        let far = ContinuousClock.now.advanced(by: .seconds(3600))
        return try engine.withReusableSolver { (sessions) throws(AllocationError) in
            try split.scenarios.indices.map { (i) throws(AllocationError) in
                try sessions.solveOne(split.scenarios[i], deadline: far, verify: false, shared: split.shared, needs: split.needs?[i])
            }
        }
    }

    // MARK: exact funding

    /// The former implementation (adjacency lists of edge indices), the reference.
    static func referenceFlow(_ scenario: Scenario, table: KindPoolTable, totals: [Int], grantTotals: [[Int]]) -> [[Int]]? {
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
        let n = 2 + P + 2 * K
        let infinite = Int.max / 4
        var head = [Int](), capacity = [Int](), adjacency = [[Int]](repeating: [], count: n)
        @discardableResult
        func edge(_ u: Int, _ v: Int, _ c: Int) -> Int {
            adjacency[u].append(head.count); head.append(v); capacity.append(c)
            adjacency[v].append(head.count); head.append(u); capacity.append(0)
            return head.count - 2
        }
        func pool(_ p: Int) -> Int { 2 + p }
        func gate(_ k: Int) -> Int { 2 + P + k }
        func kind(_ k: Int) -> Int { 2 + P + K + k }
        for k in 0..<K where demand[k] > 0 {
            if shares[k] > 0 { edge(gate(k), kind(k), shares[k]) }
            edge(kind(k), 1, demand[k])
        }
        var paid = [[Int?]](repeating: [Int?](repeating: nil, count: P), count: K)
        for (p, q) in pools.enumerated() where !q.isGrant {
            for k in kinds.indices where demand[k] > 0 && table.eligible[k][p] {
                if q.rule == .remainder {
                    if shares[k] > 0 { paid[k][p] = edge(pool(p), gate(k), infinite) }
                } else {
                    paid[k][p] = edge(pool(p), kind(k), infinite)
                }
            }
        }
        func augment() -> Int {
            var via = [Int](repeating: -1, count: n)
            var seen = [Bool](repeating: false, count: n)
            seen[0] = true
            var queue = [0], next = 0
            while next < queue.count && !seen[1] {
                let u = queue[next]; next += 1
                for e in adjacency[u] where !seen[head[e]] && capacity[e] > 0 {
                    seen[head[e]] = true; via[head[e]] = e; queue.append(head[e])
                }
            }
            guard seen[1] else { return 0 }
            var push = infinite, v = 1
            while v != 0 { let e = via[v]; push = min(push, capacity[e]); v = head[e ^ 1] }
            v = 1
            while v != 0 { let e = via[v]; capacity[e] -= push; capacity[e ^ 1] += push; v = head[e ^ 1] }
            return push
        }
        var total = 0
        for ownPhase in [false, true] {
            for (p, q) in pools.enumerated() where !q.isGrant && q.isOwnMoney == ownPhase && q.budget.cents > 0 {
                edge(0, pool(p), q.budget.cents)
            }
            while true { let f = augment(); if f == 0 { break }; total += f }
        }
        guard total == demand.reduce(0, +) else { return nil }
        return paid.map { row in row.map { e in e.map { capacity[$0 ^ 1] } ?? 0 } }
    }

    /// Seeded device totals and grant-funded devices (some over what a pool may fund, some
    /// over the budgets): the flat-array flow gives the reference's answer every time, paid
    /// and refused cases both among them.
    @Test func exactFundingGivesTheFormerFlowsAnswer() throws {
        let (_, split) = try Self.split()
        let dortmund = try ScenarioLoader.load(path: Paths.defaultScenario).scenario
        var paid = 0, refused = 0
        for (i, scenario) in ([dortmund] + split.scenarios).enumerated() {
            let table = KindPoolTable(scenario)
            // Around a solved plan's totals and grant-funded devices: paid and refused cases.
            let plan = try engine.solve(scenario)
            let baseTotals = scenario.deviceKinds.indices.map { plan.totalDevices(kind: $0) }
            let baseGrants = scenario.deviceKinds.indices.map { k in
                scenario.pools.indices.map { p in plan.schools.reduce(0) { $0 + $1.grantDevices[k][p] } }
            }
            var generator = SplitMix64(seed: UInt64(100 + i))
            func wiggle(_ n: Int) -> Int { max(0, n + Int(generator.next() % UInt64(2 * (n / 8) + 3)) - n / 8 - 1) }
            for _ in 0..<300 {
                let totals = baseTotals.map(wiggle)
                let grants = baseGrants.map { $0.map { $0 == 0 ? (generator.next() % 500 == 0 ? 1 : 0) : wiggle($0) } }
                let ours = Run.exactFunding(scenario, table: table, totals: totals, grantTotals: grants)
                #expect(ours == Self.referenceFlow(scenario, table: table, totals: totals, grantTotals: grants))
                if ours == nil { refused += 1 } else { paid += 1 }
            }
        }
        #expect(paid > 10 && refused > 10)
    }

    // MARK: merging the authorities' plans

    /// The schools put back at their rows are the schools sorted by id, and the merged plan
    /// verifies; a part's plan in another order takes the sort (the same list).
    @Test func schoolsAtTheirRowsAreTheSchoolsSortedByID() throws {
        let (_, split) = try Self.split()
        let plans = try Self.plans(split)
        #expect(plans.count > 1)
        let sorted = plans.flatMap(\.schools).sorted { $0.school.id < $1.school.id }
        var moved = plans
        #expect(split.mergedSchools(&moved) == sorted)
        // The schools were moved out: each part keeps as many, empty.
        #expect(moved.map(\.schools.count) == plans.map(\.schools.count))
        #expect(moved.allSatisfy { $0.schools.allSatisfy { $0.school.id.isEmpty && $0.devices.isEmpty } })
        var shuffled = plans
        shuffled[0].schools.reverse()
        #expect(split.mergedSchools(&shuffled) == sorted)
        let merged = try split.merge(plans, solverVersion: "test")
        #expect(merged.schools == sorted)
        #expect(PlanVerifier.verify(merged).isEmpty)
    }

    // MARK: verification

    /// The verifier's findings do not depend on the order the plan lists its schools in (the
    /// index path and the look-up path), for a correct plan and for one with a school paid a
    /// cent too much and a split pool over an authority's share.
    @Test func findingsAreTheSameInAnyOrder() throws {
        let (_, split) = try Self.split()
        let merged = try split.merge(try Self.plans(split), solverVersion: "test")
        var reversed = merged
        reversed.schools.reverse()
        #expect(PlanVerifier.verify(reversed).isEmpty)

        // A school paid one cent more by a split pool that pays it something.
        var broken = merged
        let pools = merged.scenario.pools
        let (s, k, p) = try #require(merged.schools.indices.lazy.compactMap { s -> (Int, Int, Int)? in
            for k in merged.kinds.indices {
                for p in pools.indices where pools[p].authorityBudgets != nil && !pools[p].isGrant
                    && merged.schools[s].funding[k][p] > .zero { return (s, k, p) }
            }
            return nil
        }.first)
        broken.schools[s].funding[k][p] = broken.schools[s].funding[k][p] + Money(cents: 1)
        let inOrder = PlanVerifier.verify(broken)
        #expect(!inOrder.isEmpty)
        var brokenReversed = broken
        brokenReversed.schools.reverse()
        #expect(PlanVerifier.verify(brokenReversed).sorted() == inOrder.sorted())

        // An authority's share of a split pool cut below what its schools are paid.
        var overspent = merged
        let authority = merged.schools[s].school.authority
        let used = merged.schools.filter { $0.school.authority == authority }.reduce(Money.zero) { $0 + $1.funding(pool: p) }
        #expect(pools[p].authorityBudgets?[authority] != nil)
        overspent.scenario.pools[p].authorityBudgets![authority] = used - Money(cents: 1)
        let found = PlanVerifier.verify(overspent)
        #expect(found.contains { $0.hasPrefix("pool \(pools[p].id) spends") && $0.contains("authority \(authority)") })
        var overspentReversed = overspent
        overspentReversed.schools.reverse()
        #expect(PlanVerifier.verify(overspentReversed).sorted() == found.sorted())
    }
}
