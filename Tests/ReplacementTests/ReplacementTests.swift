import Testing
import Allocation
import LinearProgramming
import GLPKSolver
import Replacement
import TestSupport

/// Small multi-year cases whose optimum is worked out by hand in the comments.
@Suite struct ReplacementTests {
    typealias S = ReplacementScenario
    let solver = GLPKSolver()

    static func euros(_ e: Int) -> Money { Money(cents: e * 100) }

    /// Two schools of 10 pupils each, 2026–2028, tablets of 500 € living 5 years (no early or
    /// late replacement), 50 € running cost a device-year. School A's tablets are from 2021
    /// (out in 2026), school B's from 2022 (out in 2027).
    static func twoSchools(grant: [Int], carryOver: S.CarryOver, own: [Int] = [6000, 6000, 6000],
                           turbulence: S.Turbulence = S.Turbulence()) -> S {
        S(years: 2026...2028,
          kinds: [.init(id: "tablet", lifeYears: 5, price: euros(500), operatingCostPerYear: euros(50))],
          schools: [.init(id: "A", need: ["tablet": [10, 10, 10]]), .init(id: "B", need: ["tablet": [10, 10, 10]])],
          pools: [.init(id: "pakt", source: .grant, money: grant.map(euros), carryOver: carryOver, pays: [.investment]),
                  .init(id: "city", source: .own, money: own.map(euros), carryOver: .lapses, pays: [.investment, .operating])],
          inventory: [.init(school: "A", kind: "tablet", purchaseYear: 2021, count: 10),
                      .init(school: "B", kind: "tablet", purchaseYear: 2022, count: 10)],
          turbulence: turbulence)
    }

    func spent(_ outcome: ReplacementPlanner.Outcome, pool: String) -> [Int] {
        outcome.check.ledger.filter { $0.pool == pool }.map { ($0.investment + $0.operating).cents / 100 }
    }

    /// Grant 5,000 € in 2026 and in 2027: A's 10 tablets in 2026 and B's in 2027 from the
    /// grant; the city pays 20 × 50 € running cost each year. Full coverage, 60 device-years,
    /// 3,000 € own money, 40 changes (20 bought, 20 retired at the end of their life).
    @Test func handCheckedOptimum() throws {
        let out = try ReplacementPlanner.solve(Self.twoSchools(grant: [5000, 5000, 0], carryOver: .lapses), solver: solver)
        #expect(out.check.smallestCoverage == Ratio(1, 1))
        #expect(out.check.coveredDeviceYears == 60)
        #expect(out.check.ownMoney == Self.euros(3000))
        #expect(out.check.changes == 40)
        #expect(out.plan.bought(school: "A", kind: "tablet", year: 2026, firstYear: 2026) == 10)
        #expect(out.plan.bought(school: "B", kind: "tablet", year: 2027, firstYear: 2026) == 10)
        #expect(spent(out, pool: "pakt") == [5000, 5000, 0])
        #expect(spent(out, pool: "city") == [1000, 1000, 1000])
        #expect(out.check.operating == [1000, 1000, 1000].map(Self.euros))
        #expect(out.stages.map(\.status) == Array(repeating: .optimal, count: 4))
    }

    /// Ids as a city writes them (spaces, umlauts) reach no row or column name.
    @Test func idsWithSpacesAndUmlauts() throws {
        var s = Self.twoSchools(grant: [5000, 5000, 0], carryOver: .lapses)
        s.schools[0].id = "Grundschule Höhe"
        s.inventory[0].school = "Grundschule Höhe"
        s.pools[1].id = "Stadt Dortmund"
        let out = try ReplacementPlanner.solve(s, solver: solver)
        #expect(out.check.ownMoney == Self.euros(3000))
        #expect(out.plan.bought(school: "Grundschule Höhe", kind: "tablet", year: 2026, firstYear: 2026) == 10)
    }

    /// The whole grant of 10,000 € comes in 2026. If it carries over, B's tablets are bought in
    /// 2027 from the carried 5,000 € (own money 3,000 €). If it lapses, the cheapest plan buys
    /// B's tablets in 2026 from the grant and runs 10 extra tablets for a year (own 3,500 €
    /// instead of 5,000 € of own money for B's tablets in 2027).
    @Test func carryOverAndLapse() throws {
        let carried = try ReplacementPlanner.solve(Self.twoSchools(grant: [10000, 0, 0], carryOver: .until(lastYear: 2030)), solver: solver)
        #expect(carried.check.ownMoney == Self.euros(3000))
        let ledger = carried.check.ledger.filter { $0.pool == "pakt" }
        #expect(ledger.map(\.carriedOut) == [5000, 0, 0].map(Self.euros))
        #expect(ledger[1].carriedIn == Self.euros(5000) && ledger[1].investment == Self.euros(5000))
        #expect(ledger.map(\.lapsed) == [0, 0, 0].map(Self.euros))

        let lapsing = try ReplacementPlanner.solve(Self.twoSchools(grant: [10000, 0, 0], carryOver: .lapses), solver: solver)
        #expect(lapsing.check.ownMoney == Self.euros(3500))
        #expect(lapsing.plan.bought(school: "B", kind: "tablet", year: 2026, firstYear: 2026) == 10)
        #expect(lapsing.check.smallestCoverage == Ratio(1, 1))

        // Carry-over only into 2026's next year is allowed up to a last year: until 2026 = lapses.
        let short = try ReplacementPlanner.solve(Self.twoSchools(grant: [10000, 0, 0], carryOver: .until(lastYear: 2026)), solver: solver)
        #expect(short.check.ownMoney == Self.euros(3500))
    }

    /// At most 4 new tablets per school and year: A's tablets may serve up to two years longer
    /// (late window 2), so the 10 replacements are spread over the years instead of bought at once.
    @Test func deliveryLimitBinds() throws {
        func scenario(_ t: S.Turbulence) -> S {
            S(years: 2026...2028,
              kinds: [.init(id: "tablet", lifeYears: 5, lateYears: 2, price: Self.euros(500), operatingCostPerYear: Self.euros(50))],
              schools: [.init(id: "A", need: ["tablet": [10, 10, 10]])],
              pools: [.init(id: "pakt", source: .grant, money: [0, 20000, 0].map(Self.euros), carryOver: .lapses, pays: [.investment]),
                      .init(id: "city", source: .own, money: [9000, 9000, 9000].map(Self.euros), carryOver: .lapses, pays: [.investment, .operating])],
              inventory: [.init(school: "A", kind: "tablet", purchaseYear: 2021, count: 10)], turbulence: t)
        }
        // Without a limit: all 10 in 2027, from the grant of 2027 (the old ones serve until 2027).
        let free = try ReplacementPlanner.solve(scenario(.init()), solver: solver)
        #expect(free.plan.bought(school: "A", kind: "tablet", year: 2027, firstYear: 2026) == 10)
        let limited = scenario(.init(maxNewDevicesPerYear: 4))
        // The unlimited plan breaks the limit, so the limit binds ...
        #expect(ReplacementVerifier.verify(free.plan, limited).violations.contains { $0.contains("at most 4 a year") })
        // ... and the limited plan buys at most 4 a year and still covers all need.
        let out = try ReplacementPlanner.solve(limited, solver: solver)
        let bought = (2026...2028).map { out.plan.bought(school: "A", kind: "tablet", year: $0, firstYear: 2026) }
        #expect(bought.allSatisfy { $0 <= 4 })
        #expect(out.check.smallestCoverage == Ratio(1, 1))
        #expect(out.check.ownMoney > free.check.ownMoney)
    }

    /// A school may lose at most 10 % of its devices a year: 20 tablets in 2025, need falls to 10.
    @Test func fallLimitBinds() throws {
        let s = S(years: 2026...2028,
                  kinds: [.init(id: "tablet", lifeYears: 5, earlyYears: 4, price: Self.euros(500), operatingCostPerYear: Self.euros(50))],
                  schools: [.init(id: "A", need: ["tablet": [10, 10, 10]])],
                  pools: [.init(id: "city", source: .own, money: [9000, 9000, 9000].map(Self.euros), carryOver: .lapses, pays: [.investment, .operating])],
                  inventory: [.init(school: "A", kind: "tablet", purchaseYear: 2024, count: 20)],
                  turbulence: .init(maxFallBasisPoints: 1000))
        let out = try ReplacementPlanner.solve(s, solver: solver)
        // Least own money retires as fast as allowed: 18, 17 (16.2 rounded up), 16 (15.3 rounded up).
        #expect((0..<3).map { out.plan.inService(school: "A", kind: "tablet", yearIndex: $0) } == [18, 17, 16])
        var free = s; free.turbulence = .init()
        let unlimited = try ReplacementPlanner.solve(free, solver: solver)
        #expect((0..<3).map { unlimited.plan.inService(school: "A", kind: "tablet", yearIndex: $0) } == [10, 10, 10])
    }

    /// The verifier catches a plan whose running cost is paid from the grant.
    @Test func verifierRefusesOperatingCostFromGrant() throws {
        let s = Self.twoSchools(grant: [5000, 5000, 0], carryOver: .lapses)
        let out = try ReplacementPlanner.solve(s, solver: solver)
        var plan = out.plan
        plan.spending = plan.spending.map { p in
            var p = p
            if p.cost == .operating && p.year == 2028 { p.pool = "pakt" }
            return p
        }
        let check = ReplacementVerifier.verify(plan, s)
        #expect(check.violations.contains { $0.contains("pool pakt, 2028") && $0.contains("operating cost is paid from own money only") })
        // And a grant that claims to pay operating cost is refused before any solve.
        var bad = s
        bad.pools[0].pays.insert(.operating)
        #expect(throws: ScenarioIssue.self) { try bad.validate() }
        #expect(bad.issues().contains { $0.key == "years.pools.pakt.pays" })
    }

    /// The verifier catches overspending, lifespans broken, and money that is not carried over.
    @Test func verifierChecksBudgetsAndLifespans() throws {
        let s = Self.twoSchools(grant: [10000, 0, 0], carryOver: .lapses)
        let carried = try ReplacementPlanner.solve(Self.twoSchools(grant: [10000, 0, 0], carryOver: .until(lastYear: 2030)), solver: solver)
        // The plan that relies on carrying the grant over breaks the budget when the grant lapses.
        #expect(ReplacementVerifier.verify(carried.plan, s).violations.contains { $0.hasPrefix("pool pakt, 2027") })
        var plan = carried.plan
        if let i = plan.cohorts.firstIndex(where: { $0.school == "A" && $0.purchaseYear == 2021 }) { plan.cohorts[i].inService[0] = 10 }
        #expect(ReplacementVerifier.verify(plan, s).violations.contains { $0.contains("still in service in 2026") })
    }

    @Test func infeasibleWhenOwnMoneyCannotRunTheDevices() throws {
        // No school may lose a device, A's tablets must go in 2026, and there is no money for new ones.
        let s = Self.twoSchools(grant: [0, 0, 0], carryOver: .lapses, own: [500, 500, 500], turbulence: .init(maxFallBasisPoints: 0))
        #expect { try ReplacementPlanner.solve(s, solver: solver) } throws: { error in
            guard case .noPlan? = error as? ReplacementPlanner.Failure else { return false }
            return true
        }
    }

    /// More money in any pool-year never lowers the smallest coverage (seeded small cases with
    /// scarce money). The cases are not vacuous: some start below full coverage, and some
    /// extra money raises it.
    @Test func moreMoneyNeverLowersCoverage() throws {
        var below = 0, raised = 0
        for seed in [11, 23, 37, 41, 59, 71] {
            var rng = SplitMix64(seed: UInt64(seed))
            func r(_ range: ClosedRange<Int>) -> Int { Int(rng.next() % UInt64(range.count)) + range.lowerBound }
            let s = S(years: 2026...2028,
                      kinds: [.init(id: "tablet", lifeYears: 5, earlyYears: r(0...1), lateYears: r(0...1), price: Self.euros(r(3...6) * 100),
                                    priceChangeBasisPoints: r(0...500), operatingCostPerYear: Self.euros(r(0...60)))],
                      schools: [.init(id: "A", need: ["tablet": (0..<3).map { _ in r(5...20) }]),
                                .init(id: "B", need: ["tablet": (0..<3).map { _ in r(5...20) }])],
                      pools: [.init(id: "pakt", source: .grant, money: (0..<3).map { _ in Self.euros(r(0...6) * 500) },
                                    carryOver: r(0...1) == 0 ? .lapses : .until(lastYear: 2028), pays: [.investment]),
                              .init(id: "city", source: .own, money: (0..<3).map { _ in Self.euros(r(2...4) * 1000) }, carryOver: .lapses,
                                    pays: [.investment, .operating])],
                      inventory: [.init(school: "A", kind: "tablet", purchaseYear: r(2020...2022), count: r(0...15)),
                                  .init(school: "B", kind: "tablet", purchaseYear: r(2020...2022), count: r(0...15))])
            let base = try ReplacementPlanner.solve(s, solver: solver)
            if base.check.smallestCoverage < Ratio(1, 1) { below += 1 }
            for pool in 0..<2 {
                for year in 0..<3 {
                    var richer = s
                    richer.pools[pool].money[year] += Self.euros(r(1...4) * 500)
                    let more = try ReplacementPlanner.solve(richer, solver: solver)
                    #expect(more.check.smallestCoverage >= base.check.smallestCoverage,
                            "seed \(seed), pool \(s.pools[pool].id), \(2026 + year): \(more.check.smallestCoverage) < \(base.check.smallestCoverage)")
                    if more.check.smallestCoverage > base.check.smallestCoverage { raised += 1 }
                }
            }
        }
        #expect(below >= 2, "only \(below) of 6 cases start below full coverage")
        #expect(raised >= 2, "extra money raised the smallest coverage only \(raised) times")
    }

    /// Prices change by a rate compounded and rounded to the cent each year (hand arithmetic).
    @Test func priceRule() {
        let s = S(years: 2026...2029,
                  kinds: [.init(id: "tablet", lifeYears: 5, price: Money(cents: 33_333), priceChangeBasisPoints: 500)],
                  schools: [.init(id: "A", need: ["tablet": [1, 1, 1, 1]])],
                  pools: [.init(id: "city", source: .own, money: [.zero, .zero, .zero, .zero], carryOver: .lapses, pays: [.investment, .operating])],
                  inventory: [])
        // 333.33 → 349.9965 → 350.00 → 367.50 → 385.875 → 385.88
        #expect((2026...2029).map { s.price(s.kinds[0], in: $0).cents } == [33_333, 35_000, 36_750, 38_588])
    }

    /// Every failure has its class (input, infeasible, solver or internal).
    @Test func failuresAreClassified() throws {
        var bad = Self.twoSchools(grant: [0, 0], carryOver: .lapses)
        #expect(bad.issues().contains { $0.key == "years.pools.pakt.money" })
        bad.kinds[0].lifeYears = 0
        #expect(bad.issues().contains { $0.key == "years.deviceKinds.tablet.lifeYears" && $0.problem == .years(.rule(.outside(.years, found: 0, allowed: 1...15))) })
        do { _ = try ReplacementPlanner.solve(bad, solver: solver); Issue.record("an invalid scenario was solved") }
        catch { #expect(classify(error) == .input) }
        let short = Self.twoSchools(grant: [0, 0, 0], carryOver: .lapses, own: [500, 500, 500], turbulence: .init(maxFallBasisPoints: 0))
        do { _ = try ReplacementPlanner.solve(short, solver: solver); Issue.record("an infeasible scenario was solved") }
        catch { #expect(classify(error) == .infeasible) }
        #expect(classify(ReplacementPlanner.Failure.unverified(["x"])) == .solverOrInternal)
    }
}
