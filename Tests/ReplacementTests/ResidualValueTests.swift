import Testing
import Allocation
import LinearProgramming
import GLPKSolver
import Replacement
import TestSupport

/// Disposal (residual) value: income per device leaving service, own money of that year
/// (ReplacementResidual.swift), in the model, the verifier's ledger and the plan's cents.
@Suite struct ResidualValueTests {
    typealias S = ReplacementScenario
    let solver = GLPKSolver()
    static func euros(_ e: Int) -> Money { Money(cents: e * 100) }

    /// One school, 10 tablets of 2021 (life 5, no late years: out in 2026), need 10 in 2026 and
    /// 2027, 500 € a tablet, 50 € running cost a tablet-year. The grant pays 5,000 € of
    /// devices in 2026; the city has no money in 2026 and 500 € in 2027. Without a residual
    /// value the running cost of new tablets in 2026 has no money: no tablet in 2026, the
    /// smallest coverage 0. With 50 € a retired tablet, the 10 old tablets bring 500 € in
    /// 2026, which pay the running cost of 10 new ones: full coverage.
    static func oneSchool(residual: Int) -> S {
        S(years: 2026...2027,
          kinds: [.init(id: "tablet", lifeYears: 5, price: euros(500), operatingCostPerYear: euros(50), residualValue: euros(residual))],
          schools: [.init(id: "A", need: ["tablet": [10, 10]])],
          pools: [.init(id: "pakt", source: .grant, money: [euros(5_000), .zero], carryOver: .lapses, pays: [.investment]),
                  .init(id: "city", source: .own, money: [.zero, euros(500)], carryOver: .lapses, pays: [.investment, .operating])],
          inventory: [.init(school: "A", kind: "tablet", purchaseYear: 2021, count: 10)])
    }

    @Test func theIncomeOfRetiredDevicesPaysTheRunningCost() throws {
        let bare = try ReplacementPlanner.solve(Self.oneSchool(residual: 0), solver: solver, options: SolveOptions(timeLimitSeconds: 10))
        #expect(bare.check.smallestCoverage.numerator == 0)
        let s = Self.oneSchool(residual: 50)
        #expect(s.residualPool == "city")
        let out = try ReplacementPlanner.solve(s, solver: solver, options: SolveOptions(timeLimitSeconds: 10))
        #expect(out.check.isValid && out.check.smallestCoverage == Ratio(1, 1))
        #expect(out.plan.bought(school: "A", kind: "tablet", year: 2026, firstYear: 2026) == 10)
        #expect(s.residualIncome(of: out.plan) == [Self.euros(500), .zero])
        let city = out.check.ledger.filter { $0.pool == "city" }
        #expect(city.map(\.income) == [Self.euros(500), .zero])
        #expect(city.map(\.operating) == [Self.euros(500), Self.euros(500)])
        for p in out.check.ledger {
            #expect(p.granted + p.carriedIn + p.income == p.investment + p.operating + p.carriedOut + p.lapsed, "\(p.pool) \(p.year)")
        }
        #expect(out.check.ledger.filter { $0.pool == "pakt" }.allSatisfy { $0.income == .zero })
        // The same plan without the income breaks the city's money of 2026.
        let without = ReplacementVerifier.verify(out.plan, Self.oneSchool(residual: 0))
        #expect(without.violations.contains { $0.hasPrefix("pool city, 2026: pays 500.00 € of 0.00 € available") }, "\(without.violations)")
    }

    /// Devices leaving service counted per year: early, at the end of a life, and inventory
    /// the plan leaves out (retired in the first year).
    @Test func retirementsAsTheVerifierCountsThem() {
        let s = S(years: 2026...2028,
                  kinds: [.init(id: "t", lifeYears: 3, earlyYears: 1, price: Self.euros(100), residualValue: Self.euros(10))],
                  schools: [.init(id: "A", need: ["t": [5, 5, 5]])],
                  pools: [.init(id: "city", source: .own, money: Array(repeating: Self.euros(1_000), count: 3), carryOver: .lapses, pays: [.investment, .operating])],
                  inventory: [.init(school: "A", kind: "t", purchaseYear: 2024, count: 4), .init(school: "A", kind: "t", purchaseYear: 2020, count: 2)])
        // 2024's 4: 3 in 2026 (one early, allowed from 2026), out in 2027 (end of life); 2020's
        // 2 are left out (gone in 2026); 5 bought in 2026, 1 of them gone in 2028 (early, from 2028).
        let plan = ReplacementPlan(cohorts: [
            .init(school: "A", kind: "t", purchaseYear: 2024, inService: [3, 0, 0]),
            .init(school: "A", kind: "t", purchaseYear: 2026, inService: [5, 5, 4]),
        ], spending: [])
        #expect(s.retired(in: plan) == ["t": [1 + 2, 3, 1]])
        #expect(s.residualIncome(of: plan) == [Self.euros(30), Self.euros(30), Self.euros(10)])
    }

    @Test func aResidualValueAboveThePriceOrWithoutAnOwnPoolIsRefused() {
        var s = Self.oneSchool(residual: 501)
        #expect(s.issues().contains { $0.key == "years.deviceKinds.tablet.residualValue" })
        s = Self.oneSchool(residual: 50)
        s.pools.removeLast()
        #expect(s.issues().contains { $0.key == "years.pools" })
        #expect(Self.oneSchool(residual: 500).issues().isEmpty)
    }

    /// The checks before the solve do not bound the income: they leave such scenarios to it.
    @Test func theChecksBeforeTheSolveStepAside() {
        var s = Self.oneSchool(residual: 50)
        s.pools[1].money = [.zero, .zero]
        #expect(s.operatingShortfalls().isEmpty && s.purchaseShortfalls().isEmpty)
    }
}
