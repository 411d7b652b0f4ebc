import Foundation
import Testing
import Reports
@testable import Allocation
import TestSupport

/// Issue #22: per-kind maximin guarantees, complete and exact infeasibility advice, and stage
/// values recomputed from the printed plan — each checked on seeded random scenarios against
/// computations that know nothing of the engine's model or solver (integer cents only).
///
/// `PROPERTY_SCENARIOS=2000 swift test --filter MaximinAdviceTests` (or
/// Tests/scripts/maximin-advice.sh) runs more than the default 200 scenarios.
@Suite struct MaximinAdviceTests {
    static let count = Int(ProcessInfo.processInfo.environment["PROPERTY_SCENARIOS"] ?? "") ?? 200
    static let firstSeed = UInt64(ProcessInfo.processInfo.environment["PROPERTY_FIRST_SEED"] ?? "") ?? 1

    @Test func randomScenariosAgainstAnIndependentCheck() throws {
        var infeasible = 0, maximin = 0
        for seed in Self.firstSeed..<(Self.firstSeed + UInt64(Self.count)) {
            var g = RandomScenarios(state: seed &* 0x9E37_79B9 &+ 17)
            let s = g.adviceScenario()
            let oracle = CentOracle(s)
            let floors = oracle.floors
            let result = Result { () throws(AllocationError) -> Plan in try engine.solve(s) }
            switch result {
            case .success(let plan):
                #expect(oracle.fundable(oracle.totals(floors)), "seed \(seed): the engine solved a scenario whose floors the check cannot pay")
                if s.objective == .maximin { maximin += 1; checkGuarantees(plan, oracle, seed: seed) }
                checkStageValues(plan, seed: seed)
            case .failure(let error):
                guard case let .infeasible(why) = error else { Issue.record("seed \(seed): \(error)"); continue }
                let explanation = ErrorWords.text(why, .en)
                infeasible += 1
                #expect(!oracle.fundable(oracle.totals(floors)), "seed \(seed): refused although the floors can be paid: \(explanation)")
                checkAdvice(explanation, s, oracle, seed: seed)
            }
        }
        // The generator must reach both branches, or the test checks too little.
        #expect(infeasible >= Self.count / 10 && Self.count - infeasible >= Self.count / 3, "\(infeasible) of \(Self.count) infeasible")
        #expect(maximin >= Self.count / 6, "\(maximin) maximin plans")
    }

    /// Each kind's guarantee is the largest possible, in the scenario's order: a bisection
    /// over every candidate ratio j/need, with the cent check.
    func checkGuarantees(_ plan: Plan, _ oracle: CentOracle, seed: UInt64) {
        let s = plan.scenario
        var base = oracle.floors
        let order = s.maximin.guarantee == .joint ? [Array(s.deviceKinds.indices)]
            : s.maximin.order.map { id in [s.deviceKinds.firstIndex { $0.id == id }!] }
        for group in order {
            var candidates = Set<Ratio>([.zero])
            for row in oracle.need { for k in group where row[k] > 0 { for j in 0...row[k] { candidates.insert(Ratio(j, row[k])) } } }
            guard candidates.count > 1 else { continue }
            let sorted = candidates.sorted()
            func at(_ t: Ratio) -> [[Int]] {
                var d = base
                for (i, row) in oracle.need.enumerated() { for k in group where row[k] > 0 { d[i][k] = min(row[k], max(d[i][k], t.times(row[k], roundUp: true))) } }
                return d
            }
            var a = 0, b = sorted.count
            while b - a > 1 { let m = (a + b) / 2; if oracle.fundable(oracle.totals(at(sorted[m]))) { a = m } else { b = m } }
            let best = sorted[a]
            base = at(best)
            for k in group {
                guard oracle.need.contains(where: { $0[k] > 0 }) else {
                    #expect(plan.kindCoverage[k] == nil, "seed \(seed): a guarantee for a kind no school needs"); continue
                }
                #expect(plan.kindCoverage[k] == best, "seed \(seed) kind \(s.deviceKinds[k].id): guarantee \(String(describing: plan.kindCoverage[k])), the largest possible is \(best); stages \(plan.solver.stages.map(\.name)) \(plan.kindCoverage) \(s.maximin)")
                // and the plan keeps it at every school with need
                for (i, a) in plan.schools.enumerated() where oracle.need[i][k] > 0 {
                    #expect(best.isReached(by: a.devices[k], of: oracle.need[i][k]), "seed \(seed): school \(a.school.id) below the guarantee")
                }
            }
        }
    }

    /// Every pool whose budget alone makes the floors payable is named with its exact least
    /// budget; no other pool is named; the shortfall is exact; each floor fix is the largest.
    func checkAdvice(_ text: String, _ s: Scenario, _ oracle: CentOracle, seed: UInt64) {
        let totals = oracle.totals(oracle.floors)
        let cap = 2 * s.deviceKinds.indices.reduce(0) { $0 + s.deviceKinds[$1].unitPrice.cents * totals[$1] } + 100_000_000
        for (p, pool) in s.pools.enumerated() {
            let least = leastBudget(cap: cap) { cents in
                var probe = s
                probe.pools[p].budget = Money(cents: cents)
                return CentOracle(probe).fundable(totals)
            }
            let named = text.contains("(pools.\(pool.id).budget)")
            if let least {
                // and the engine agrees: it solves with that budget, not with one cent less
                var at = s, below = s
                at.pools[p].budget = Money(cents: least)
                below.pools[p].budget = Money(cents: least - 1)
                #expect((try? engine.solve(at)) != nil, "seed \(seed): \(pool.id) at \(Money(cents: least).formatted) does not solve")
                if least > 0 { #expect((try? engine.solve(below)) == nil, "seed \(seed): \(pool.id) one cent below \(Money(cents: least).formatted) solves") }
                let extra = Money(cents: least - pool.budget.cents)
                #expect(text.contains("(pools.\(pool.id).budget) by \(extra.formatted) to \(Money(cents: least).formatted)"),
                        "seed \(seed): pool \(pool.id) alone makes it hold from \(Money(cents: least).formatted): \(text)")
            } else {
                #expect(!named, "seed \(seed): pool \(pool.id) is named but no budget of it alone makes it hold: \(text)")
            }
        }
        // The shortfall: the least a pool that may pay anything would have to add.
        var withExtra = s
        for i in withExtra.pools.indices { withExtra.pools[i].isOwnMoney = false }
        withExtra.pools.append(Pool(id: "extra", name: "extra", budget: .zero, kinds: s.deviceKinds.map(\.id), rule: .any))
        let short = leastBudget(cap: cap) { cents in
            var probe = withExtra
            probe.pools[probe.pools.count - 1].budget = Money(cents: cents)
            return CentOracle(probe).fundable(totals)
        }
        if let short {
            #expect(text.contains("cost \(Money(cents: short).formatted) more than the pools can pay"), "seed \(seed): shortfall \(Money(cents: short).formatted): \(text)")
        }
        // Floor fixes: the named floor can be paid, 0.1 % more cannot.
        for (k, kind) in s.deviceKinds.enumerated() {
            guard let range = text.range(of: "deviceKinds.\(kind.id).coverageFloor) from ") else { continue }
            let rest = text[range.upperBound...]
            guard let to = rest.range(of: " to "), let end = rest[to.upperBound...].range(of: " %") else { Issue.record("seed \(seed): unreadable floor fix"); continue }
            let value = Decimal(string: String(rest[to.upperBound..<end.lowerBound]))! / 100
            func works(_ f: Decimal) -> Bool {
                var probe = s
                probe.deviceKinds[k].coverageFloor = f
                let o = CentOracle(probe)
                return o.fundable(o.totals(o.floors))
            }
            #expect(works(value), "seed \(seed): the floor fix \(value) does not work")
            if value + Decimal(string: "0.001")! < kind.coverageFloor { #expect(!works(value + Decimal(string: "0.001")!), "seed \(seed): floor \(value) is not the largest") }
        }
    }

    /// The least cents in [0, cap] for which `works` holds (monotone), or nil.
    func leastBudget(cap: Int, _ works: (Int) -> Bool) -> Int? {
        guard works(cap) else { return nil }
        var bad = -1, good = cap
        while good - bad > 1 { let m = bad + (good - bad) / 2; if works(m) { good = m } else { bad = m } }
        return good
    }

    /// Every stage's reported value is the value of the printed plan.
    func checkStageValues(_ plan: Plan, seed: UInt64) {
        let s = plan.scenario
        let needs = try! NeedTable(s)
        for stage in plan.solver.stages {
            let value: Double?
            if stage.name.hasPrefix("smallest coverage ratio") {
                let kinds = s.deviceKinds.indices.filter { stage.name == "smallest coverage ratio" || stage.name.hasSuffix("(\(s.deviceKinds[$0].id))") }
                var least: Ratio?
                for a in plan.schools { for k in kinds where a.need[k] > 0 { least = min(least ?? Ratio(a.devices[k], a.need[k]), Ratio(a.devices[k], a.need[k])) } }
                value = least?.double
            } else if stage.name == "need-weighted devices" {
                value = plan.weightedDevices(needs).doubleValue
            } else if stage.name == "own money spent" {
                value = plan.ownMoneySpent.eurosDouble
            } else if stage.name == "tie-break" {
                // rank: smallest need first, then school number, then kind
                var cells: [(need: Int, id: String, k: Int, devices: Int)] = []
                for a in plan.schools { for k in a.need.indices where a.need[k] > 0 { cells.append((a.need[k], a.school.id, k, a.devices[k])) } }
                cells.sort { ($0.need, $0.id, $0.k) < ($1.need, $1.id, $1.k) }
                value = cells.enumerated().reduce(0.0) { $0 + Double(cells.count - $1.offset) * Double($1.element.devices) }
            } else { value = nil }
            if let value {
                #expect(abs(stage.objective - value) <= 1e-9 * max(1, abs(value)), "seed \(seed): stage \(stage.name) reports \(stage.objective), the plan gives \(value)")
            }
        }
        if let w = plan.solver.stages.first(where: { $0.name == plan.solver.objectiveName }) { #expect(plan.solver.objective == w.objective) }
    }
}

/// Payability of device totals in integer cents, for scenarios whose grants each pay for
/// one device kind (at most one grant per kind), with at most one pool of rule remainder and
/// one of rule any: each grant funds as many devices as its budget allows (never worse), the
/// remainder pool pays at most the own shares, the any pool the rest.
struct CentOracle {
    let s: Scenario
    let need: [[Int]]
    let floors: [[Int]]

    init(_ s: Scenario) {
        self.s = s
        let table = try! NeedTable(s)
        need = table.entries.map { $0.map(\.need) }
        // ceil(floor × need), computed here from the decimal
        floors = need.map { row in row.enumerated().map { k, n in
            let x = Decimal(n) * s.deviceKinds[k].coverageFloor
            return min(n, NSDecimalNumber(decimal: x).rounding(accordingToBehavior: NSDecimalNumberHandler(
                roundingMode: .up, scale: 0, raiseOnExactness: false, raiseOnOverflow: false, raiseOnUnderflow: false, raiseOnDivideByZero: false)).intValue)
        } }
    }

    func totals(_ d: [[Int]]) -> [Int] { s.deviceKinds.indices.map { k in d.reduce(0) { $0 + $1[k] } } }

    func fundable(_ t: [Int]) -> Bool {
        var open = [Int](), shares = [Int]()
        for (k, kind) in s.deviceKinds.enumerated() {
            let price = kind.unitPrice.cents
            var n = 0, per = 0
            if let grant = s.pools.first(where: { $0.isGrant && $0.kinds == [kind.id] }), case let .grant(rate, cap) = grant.rule {
                per = NSDecimalNumber(decimal: Decimal(min(price, cap.cents)) * rate).rounding(accordingToBehavior: NSDecimalNumberHandler(
                    roundingMode: .down, scale: 0, raiseOnExactness: false, raiseOnOverflow: false, raiseOnUnderflow: false, raiseOnDivideByZero: false)).intValue
                n = per > 0 ? min(t[k], grant.budget.cents / per) : t[k]
            }
            open.append(price * t[k] - per * n)
            shares.append((price - per) * n)
        }
        let rest = s.pools.first { $0.rule == .remainder }, any = s.pools.first { $0.rule == .any }
        var lo = 0, hi = 0, total = 0
        for (k, kind) in s.deviceKinds.enumerated() {
            let l = any?.kinds.contains(kind.id) == true ? 0 : open[k]
            let h = rest?.kinds.contains(kind.id) == true ? min(shares[k], open[k]) : 0
            if l > h { return false }
            lo += l; hi += h; total += open[k]
        }
        return max(lo, total - (any?.budget.cents ?? 0)) <= min(hi, rest?.budget.cents ?? 0)
    }
}

extension RandomScenarios {
    /// Small scenarios of the default shape with tight money, floors on both kinds, and every
    /// objective; maximin with either kind first or a joint guarantee.
    mutating func adviceScenario() -> Scenario {
        var s = scenario()
        s.schools = Array(s.schools.prefix(int(2...8)))
        s.pools[1].kinds = pick([["pupil"], ["teacher"], ["pupil", "teacher"]])
        s.pools[3].kinds = pick([["pupil"], ["teacher"], ["pupil", "teacher"]])
        s.pools[3].budget = Money(cents: pick([0, int(0...3_000_000), int(0...30_000_000)]))
        s.pools[0].budget = Money(cents: int(0...3_000_000) * 10 + int(0...9))
        s.pools[1].budget = Money(cents: int(0...1_000_000) + int(0...99))
        s.pools[2].budget = Money(cents: int(0...2_000_000) + int(0...99))
        s.deviceKinds[0].coverageFloor = pick([0, 0, Decimal(int(1...100)) / 100])
        s.deviceKinds[1].coverageFloor = pick([0, 0, Decimal(int(1...100)) / 100])
        s.objective = pick([.maximin, .maximin, .weighted, .minCost, .proportional])
        s.maximin = pick([MaximinRule(order: ["pupil", "teacher"]), MaximinRule(order: ["teacher", "pupil"]), MaximinRule(guarantee: .joint)])
        s.solver.stageTolerance = 0
        s.solver.relativeGap = 0
        return s
    }
}
