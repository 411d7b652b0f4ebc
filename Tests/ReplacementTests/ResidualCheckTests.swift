import Testing
import Allocation
import LinearProgramming
import GLPKSolver
import Replacement
import TestSupport

/// The checks before the solve (`operatingShortfalls`, `purchaseShortfalls`) with residual
/// values (issue 19): they run, counting the most residual income any plan can have
/// (`residualIncomeBound`), and stay sound — a year they name is short in every plan, so the
/// planner never finds a plan for a scenario they refuse (a property on small random cases).
@Suite struct ResidualCheckTests {
    typealias S = ReplacementScenario
    let solver = GLPKSolver()
    static func euros(_ e: Int) -> Money { Money(cents: e * 100) }

    /// One school, 10 tablets of 2021 (life 5: out in 2026), need 10 a year, no fall (every
    /// device must be replaced in 2026), 500 € a tablet, 50 € running cost. The grant pays the
    /// 10 new tablets (5,000 €); the city has nothing in 2026, so the running cost of 2026
    /// (500 €) can only come from the old tablets' residual value: 10 × R.
    static func replaced(residual: Int) -> S {
        S(years: 2026...2027,
          kinds: [.init(id: "tablet", lifeYears: 5, price: euros(500), operatingCostPerYear: euros(50), residualValue: euros(residual))],
          schools: [.init(id: "A", need: ["tablet": [10, 10]])],
          pools: [.init(id: "pakt", source: .grant, money: [euros(5_000), .zero], carryOver: .lapses, pays: [.investment]),
                  .init(id: "city", source: .own, money: [.zero, euros(500)], carryOver: .lapses, pays: [.investment, .operating])],
          inventory: [.init(school: "A", kind: "tablet", purchaseYear: 2021, count: 10)],
          turbulence: .init(maxFallBasisPoints: 0))
    }

    @Test func theBoundCountsRetirableInventoryAndWhatBoughtDevicesCanBring() {
        // All 10 old tablets may leave in 2026; a tablet bought in 2026 leaves in 2031 at the
        // earliest (life 5), so none brings income within the planning years.
        #expect(Self.replaced(residual: 40).residualIncomeBound() == [Self.euros(400), Self.euros(400)])
        #expect(Self.replaced(residual: 0).residualIncomeBound() == [.zero, .zero])
        // Life 1: a tablet bought in 2026 may leave in 2027 and bring at most its price × R/price;
        // the city pays investment, so what it receives buys again: S(2026) ≤ 5,000 + 400.
        var short = Self.replaced(residual: 40)
        short.kinds[0].lifeYears = 1
        #expect(short.residualIncomeBound() == [Self.euros(400), Self.euros(400 + (5_400 * 40 / 500))])
    }

    /// 10 × 40 € = 400 € for 500 € of running cost: 100 € short in 2026, said before the solve
    /// with the income counted; the planner agrees. 10 × 50 € pays it: no refusal, and a plan.
    @Test func theRunningCostCheckRunsWithResidualValues() throws {
        let short = Self.replaced(residual: 40).operatingShortfalls()
        #expect(short.map(\.year) == [2026])
        #expect(short.first?.cost == Self.euros(500) && short.first?.available == Self.euros(400))
        #expect(short.first?.residualIncome == Self.euros(400) && short.first?.missing == Self.euros(100))
        #expect(throws: ReplacementPlanner.Failure.self) {
            _ = try ReplacementPlanner.solve(Self.replaced(residual: 40), solver: solver, options: SolveOptions(timeLimitSeconds: 10))
        }
        let enough = Self.replaced(residual: 50)
        #expect(enough.operatingShortfalls().isEmpty && enough.purchaseShortfalls().isEmpty)
        let out = try ReplacementPlanner.solve(enough, solver: solver, options: SolveOptions(timeLimitSeconds: 10))
        #expect(out.check.isValid && out.check.smallestCoverage == Ratio(1, 1))
    }

    /// The purchase check with residual values: 10 tablets must be bought in 2026 (5,000 €);
    /// the grant has 4,000 €, the city (paying investment) nothing but the income of the old
    /// tablets, at most 10 × R, less the running cost it must pay (500 €).
    @Test func thePurchaseCheckRunsWithResidualValues() throws {
        var s = Self.replaced(residual: 50)
        s.pools[0].money = [Self.euros(4_000), .zero]
        let short = s.purchaseShortfalls()
        #expect(short.map(\.year) == [2026, 2027])
        #expect(short.first?.residualIncome == Self.euros(500))
        #expect(short.first?.available == Self.euros(4_000 + 500 - 500) && short.first?.missing == Self.euros(1_000))
        #expect(throws: ReplacementPlanner.Failure.self) {
            _ = try ReplacementPlanner.solve(s, solver: solver, options: SolveOptions(timeLimitSeconds: 10))
        }
    }

    /// A small random scenario with residual values, old devices reaching the end of their life,
    /// a fall limit most of the time, and little money: the checks often refuse it.
    static func random(_ rng: inout SplitMix64) -> S {
        func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(rng.next() % UInt64(range.count)) }
        let n = int(2...3), years = 2026...(2026 + n - 1)
        var kinds: [S.DeviceKind] = []
        for k in 0..<int(1...2) {
            let life = int(1...4), price = int(2...6) * 100
            kinds.append(.init(id: "k\(k)", lifeYears: life, earlyYears: int(0...(life - 1)), lateYears: int(0...1), price: euros(price),
                               operatingCostPerYear: euros(int(0...6) * 10), residualValue: euros(int(0...price / 50) * 50)))
        }
        if !kinds.contains(where: { $0.residualValue.cents > 0 }) { kinds[0].residualValue = euros(50) }
        var schools: [S.School] = [], inventory: [S.Cohort] = []
        for s in 0..<int(1...2) {
            var need: [String: [Int]] = [:]
            for k in kinds {
                need[k.id] = (0..<n).map { _ in int(0...8) }
                inventory.append(.init(school: "s\(s)", kind: k.id, purchaseYear: 2026 - int(1...4), count: int(0...10)))
            }
            schools.append(.init(id: "s\(s)", need: need))
        }
        let own: Set<S.CostKind> = rng.next() % 2 == 0 ? [.investment, .operating] : [.operating]
        let pools: [S.Pool] = [
            .init(id: "grant", source: .grant, money: (0..<n).map { _ in euros(int(0...12) * 250) },
                  carryOver: rng.next() % 2 == 0 ? .lapses : .until(lastYear: years.upperBound), pays: [.investment]),
            .init(id: "city", source: .own, money: (0..<n).map { _ in euros(int(0...8) * 50) },
                  carryOver: rng.next() % 2 == 0 ? .lapses : .until(lastYear: years.upperBound), pays: own),
        ]
        let fall: Int? = rng.next() % 4 == 0 ? nil : int(0...4) * 1_000
        return S(years: years, kinds: kinds, schools: schools, pools: pools, inventory: inventory,
                 turbulence: .init(maxFallBasisPoints: fall))
    }

    /// The property: whenever the planner finds a verified plan, neither check named a year, and
    /// the plan's residual income up to each year is within the bound. The cases are seeded; the
    /// test also demands that the checks refused some of them with income counted (else it would
    /// prove nothing) and that some have plans.
    @Test func neverRefusedWhenAPlanExists() throws {
        var rng = SplitMix64(seed: 19)
        var refused = 0, refusedWithIncome = 0, planned = 0, cases = 0
        while cases < 60 {
            let s = Self.random(&rng)
            guard s.issues().isEmpty else { continue }
            cases += 1
            let operating = s.operatingShortfalls(), purchases = s.purchaseShortfalls()
            let named = !operating.isEmpty || !purchases.isEmpty
            if named { refused += 1 }
            if operating.contains(where: { $0.residualIncome.cents > 0 }) || purchases.contains(where: { $0.residualIncome.cents > 0 }) {
                refusedWithIncome += 1
            }
            guard let out = try? ReplacementPlanner.solve(s, solver: solver, options: SolveOptions(timeLimitSeconds: 10)) else { continue }
            planned += 1
            #expect(out.check.isValid)
            #expect(!named, "case \(cases): the checks named \(operating.map(\.year)) / \(purchases.map(\.year)), the planner found a plan: \(s)")
            let bound = s.residualIncomeBound(), income = s.residualIncome(of: out.plan)
            var received = Money.zero
            for i in 0..<s.yearCount {
                received += income[i]
                #expect(received <= bound[i], "case \(cases), year \(i): income \(received) above the bound \(bound[i])")
            }
        }
        #expect(refused >= 5 && refusedWithIncome >= 2 && planned >= 10, "refused \(refused), with income \(refusedWithIncome), planned \(planned)")
    }
}
