import Testing
import Allocation
import LinearProgramming
import GLPKSolver
import Replacement
import TestSupport

/// The fall-limit infeasibility costed before any solve (`purchaseShortfalls`) and the value
/// of one more euro per pool-year (`ReplacementExplanation`), on cases worked out by hand.
@Suite struct YearsWhatIfEngineTests {
    typealias S = ReplacementScenario
    let solver = GLPKSolver()
    static func euros(_ e: Int) -> Money { Money(cents: e * 100) }

    /// One school, 100 tablets of 2020 living 5 years (out in 2025), a fall limit of 30 %:
    /// at least ⌈0.7·100⌉ = 70 in 2026, 49 in 2027, ⌈34.3⌉ = 35 in 2028, all of them new. So
    /// 70 tablets must be bought by 2026 — 35,000 € at 500 € — against `grant` a year.
    static func fallLimited(grant: Int, priceChange: Int = 0) -> S {
        S(years: 2026...2028,
          kinds: [.init(id: "tablet", lifeYears: 5, price: euros(500), priceChangeBasisPoints: priceChange)],
          schools: [.init(id: "A", need: ["tablet": [100, 100, 100]])],
          pools: [.init(id: "pakt", source: .grant, money: Array(repeating: euros(grant), count: 3), carryOver: .until(lastYear: 2028), pays: [.investment]),
                  .init(id: "city", source: .own, money: Array(repeating: .zero, count: 3), carryOver: .lapses, pays: [.operating])],
          inventory: [.init(school: "A", kind: "tablet", purchaseYear: 2020, count: 100)],
          turbulence: .init(maxFallBasisPoints: 3_000))
    }

    @Test func theFallLimitsFloorsAsWorkedOut() {
        #expect(Self.fallLimited(grant: 0).fallFloors() == ["A": [70, 49, 35]])
    }

    /// 10,000 € a year: by 2026 10,000 € for 35,000 € (25,000 € short), by 2027 20,000 €
    /// (15,000 € short), by 2028 30,000 € (5,000 € short).
    @Test func theShortYearsAreCosted() {
        let short = Self.fallLimited(grant: 10_000).purchaseShortfalls()
        #expect(short.map(\.year) == [2026, 2027, 2028])
        #expect(short.map(\.devices) == [70, 70, 70])
        #expect(short.map(\.cost) == Array(repeating: Self.euros(35_000), count: 3))
        #expect(short.map(\.available) == [10_000, 20_000, 30_000].map(Self.euros))
        #expect(short.map(\.missing) == [25_000, 15_000, 5_000].map(Self.euros))
        #expect(short[0].pools == ["pakt"] && short[0].lowestPrice == Self.euros(500) && short[0].maxFallBasisPoints == 3_000)
    }

    /// The check is sound: the scenario it names has no plan (the planner says so too), and
    /// with 35,000 € in 2026 it names nothing and a plan exists.
    @Test func soundAgainstThePlanner() throws {
        #expect(throws: ReplacementPlanner.Failure.self) {
            _ = try ReplacementPlanner.solve(Self.fallLimited(grant: 10_000), solver: solver, options: SolveOptions(timeLimitSeconds: 10))
        }
        let enough = Self.fallLimited(grant: 35_000)
        #expect(enough.purchaseShortfalls().isEmpty)
        let out = try ReplacementPlanner.solve(enough, solver: solver, options: SolveOptions(timeLimitSeconds: 10))
        #expect(out.check.isValid)
    }

    /// A falling price: the lowest price up to the year counts (−10 % a year: 450 € in 2027).
    @Test func theLowestPriceUpToTheYear() {
        let short = Self.fallLimited(grant: 10_000, priceChange: -1_000).purchaseShortfalls()
        #expect(short.map(\.lowestPrice) == [Self.euros(500), Self.euros(450)])
        #expect(short.map(\.cost) == [35_000, 31_500].map(Self.euros))
        // 2028: 70 × 405 € = 28,350 € needed, 30,000 € granted: not short.
        #expect(short.map(\.year) == [2026, 2027])
    }

    /// The running cost the investment pools must pay comes first: no grant, the city pays
    /// devices and running cost (50 € a tablet-year) from 37,000 € a year. The 70 tablets of
    /// 2026 cost 35,000 € and run for at least 3,500 €: 38,500 € > 37,000 € (1,500 € short,
    /// though 37,000 € alone would buy them). By 2027: 74,000 − (3,500 + 49 × 50) = 68,050 €,
    /// enough. The planner agrees.
    @Test func theRunningCostTheSamePoolsPayComesFirst() throws {
        var s = Self.fallLimited(grant: 0)
        s.kinds[0].operatingCostPerYear = Self.euros(50)
        s.pools[1].pays = [.investment, .operating]
        s.pools[1].money = Array(repeating: Self.euros(37_000), count: 3)
        let short = s.purchaseShortfalls()
        #expect(short.map(\.year) == [2026])
        #expect(short.first?.operating == Self.euros(3_500) && short.first?.available == Self.euros(33_500))
        #expect(short.first?.missing == Self.euros(1_500) && short.first?.pools == ["pakt", "city"])
        #expect(s.operatingShortfalls().isEmpty)
        #expect(throws: ReplacementPlanner.Failure.self) {
            _ = try ReplacementPlanner.solve(s, solver: solver, options: SolveOptions(timeLimitSeconds: 10))
        }
        s.pools[1].money[0] = Self.euros(38_500)
        #expect(s.purchaseShortfalls().isEmpty)
    }

    /// No fall limit: nothing must be bought.
    @Test func noFallLimitNoShortfall() {
        var s = Self.fallLimited(grant: 0)
        s.turbulence = .init()
        #expect(s.purchaseShortfalls().isEmpty && s.fallFloors() == nil)
    }

    /// One school needing 10 tablets in 2026 and 2027, none owned, 100 € a tablet, 500 € own
    /// money a year (lapsing), a step of 250 €. Relaxation of the first stage: 5 tablets in
    /// 2026 → smallest coverage 0.5; 250 € more in 2026 buy 2.5 tablets more → 0.75; 2027's
    /// money adds nothing to the smallest (2026 stays the smallest year). Second stage, 0.5
    /// held: 5 tablets in 2026 and 5 more in 2027 cover 5 + 10 = 15 device-years; 250 € more
    /// in 2026 buy 2.5 tablets serving 2026 (2027 is covered already, its own money can stay
    /// unspent): +2.5 device-years. 2027's money buys nothing more (2027 is covered).
    /// GLPK's dual of the 2026 money row at this degenerate optimum is the value of a euro
    /// less (0.02 device-years: it would cost 2026 and 2027 a device-year each), not of a euro
    /// more (0.01): the reason the explanation measures.
    static let twoYears = S(
        years: 2026...2027,
        kinds: [.init(id: "tablet", lifeYears: 5, price: euros(100))],
        schools: [.init(id: "A", need: ["tablet": [10, 10]])],
        pools: [.init(id: "city", source: .own, money: [euros(500), euros(500)], carryOver: .lapses, pays: [.investment, .operating])],
        inventory: [])

    @Test func theValueOfAStepPerPoolYear() throws {
        let e = try ReplacementExplanation.explain(Self.twoYears, step: Self.euros(250), solver: solver)
        #expect(e.heldShare == Ratio(1, 2) && e.step == Self.euros(250))
        #expect(abs(e.relaxedShare - 0.5) < 1e-9)
        #expect(abs(e.relaxedDeviceYears - 15) < 1e-9)
        #expect(e.relaxations == 2 * (1 + 2))
        #expect(e.poolYears.map(\.year) == [2026, 2027])
        let y26 = e.poolYears[0], y27 = e.poolYears[1]
        #expect(y26.pool == "city" && y26.money == Self.euros(500) && y26.noneLapses)
        #expect(abs(y26.shareGain - 0.25) < 1e-9)
        #expect(abs(y26.deviceYearsGain - 2.5) < 1e-9)
        #expect(y27.shareGain == 0 && y27.deviceYearsGain == 0)
    }

    /// A step beyond the need: 1,000 € more in 2026 would buy 10 tablets, but 2026 needs only
    /// 5 more: +5 device-years, the smallest coverage to 1 (+0.5).
    @Test func aStepBeyondTheNeedCountsWhatItCovers() throws {
        let e = try ReplacementExplanation.explain(Self.twoYears, step: Self.euros(1_000), solver: solver)
        #expect(abs(e.poolYears[0].deviceYearsGain - 5) < 1e-9)
        #expect(abs(e.poolYears[0].shareGain - 0.5) < 1e-9)
    }
}
