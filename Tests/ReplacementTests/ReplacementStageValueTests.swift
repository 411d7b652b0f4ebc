import Testing
import Allocation
import LinearProgramming
import GLPKSolver
import Replacement
import TestSupport

/// Issue 19: each objective stage measures the quantity the verifier counts, so the value the
/// solver reports for a stage is the plan's verified figure and its proven bound is a bound of
/// that figure (on the right side, and never negative for a count). Before, the 'changes' stage
/// left out the inventory devices retired in the first year and every retirement at the end of
/// a life: its value was far below the verified count and its bound negative.
@Suite struct ReplacementStageValueTests {
    typealias S = ReplacementScenario
    let solver = GLPKSolver()

    /// The stages against the verified figures of the plan they produced.
    static func expectStagesMatch(_ out: ReplacementPlanner.Outcome, _ what: String) {
        let stages = out.stages
        #expect(stages.map(\.name) == ["smallest coverage", "need-weighted device-years", "own money", "changes"], "\(what)")
        guard stages.count == 4 else { return }
        let share = Double(out.check.smallestCoverage.numerator) / Double(out.check.smallestCoverage.denominator)
        #expect(abs(stages[0].objective - share) < 1e-9, "\(what): coverage stage \(stages[0].objective), verified \(share)")
        // Later stages keep stage 2 within half a device-year; the verified plan counts min(in service, need).
        #expect(stages[1].objective <= Double(out.check.coveredDeviceYears) + 0.5, "\(what): device-years \(stages[1].objective), verified \(out.check.coveredDeviceYears)")
        #expect(stages[1].objective >= Double(out.check.coveredDeviceYears) - 0.5 || stages[1].status != .optimal,
                "\(what): device-years \(stages[1].objective), verified \(out.check.coveredDeviceYears)")
        // Own money: the solver's euros, the plan's cents (the split is rounded to the cent).
        let own = Double(out.check.ownMoney.cents) / 100
        #expect(abs(stages[2].objective - own) <= 0.01 * Double(max(1, out.check.ledger.count)), "\(what): own money \(stages[2].objective), verified \(own)")
        #expect(abs(stages[3].objective - Double(out.check.changes)) < 1e-6, "\(what): changes stage \(stages[3].objective), verified \(out.check.changes)")
        // Bounds on the right side: ≥ the value when maximised, ≤ when minimised; a count's bound is not negative.
        #expect(stages[0].bestBound >= stages[0].objective - 1e-9 && stages[0].bestBound <= 1 + 1e-9, "\(what): \(stages[0])")
        #expect(stages[1].bestBound >= stages[1].objective - 1e-6, "\(what): \(stages[1])")
        #expect(stages[2].bestBound <= stages[2].objective + 1e-6 && stages[2].bestBound >= -1e-6, "\(what): \(stages[2])")
        #expect(stages[3].bestBound <= stages[3].objective + 1e-6 && stages[3].bestBound >= -1e-6, "\(what): \(stages[3])")
    }

    static func euros(_ e: Int) -> Money { Money(cents: e * 100) }

    /// Two schools, 2026–2030: A's tablets from 2021 (life over before 2026, all retired in the
    /// first year), B's from 2023 (their life ends in 2028, inside the planning years), and the
    /// tablets bought in 2026 end their life in 2031, after it. 40 changes is the hand count of
    /// the cheapest full-coverage plan with lapsing money: 10 + 10 bought, 10 + 10 retired.
    static func lives(grant: [Int], own: [Int]) -> S {
        S(years: 2026...2030,
          kinds: [.init(id: "tablet", lifeYears: 5, price: euros(500), operatingCostPerYear: euros(50))],
          schools: [.init(id: "A", need: ["tablet": [10, 10, 10, 10, 10]]), .init(id: "B", need: ["tablet": [10, 10, 10, 10, 10]])],
          pools: [.init(id: "pakt", source: .grant, money: grant.map(euros), carryOver: .lapses, pays: [.investment]),
                  .init(id: "city", source: .own, money: own.map(euros), carryOver: .lapses, pays: [.investment, .operating])],
          inventory: [.init(school: "A", kind: "tablet", purchaseYear: 2021, count: 10),
                      .init(school: "B", kind: "tablet", purchaseYear: 2023, count: 10)])
    }

    @Test func changesStageIsTheVerifiedCount() throws {
        let out = try ReplacementPlanner.solve(Self.lives(grant: [5000, 0, 5000, 0, 0], own: [1000, 1000, 1000, 1000, 1000]), solver: solver)
        #expect(out.check.smallestCoverage == Ratio(1, 1))
        #expect(out.check.changes == 40)
        #expect(out.stages.last?.objective == 40)
        Self.expectStagesMatch(out, "lives")
    }

    /// Short of money (coverage below 1) and with a delivery limit: the same agreement.
    @Test func stagesMatchWhenMoneyIsShort() throws {
        var s = Self.lives(grant: [2000, 1000, 3000, 0, 1000], own: [1500, 1500, 1500, 1500, 1500])
        s.turbulence = S.Turbulence(maxNewDevicesPerYear: 6)
        let out = try ReplacementPlanner.solve(s, solver: solver)
        #expect(out.check.smallestCoverage < Ratio(1, 1))
        Self.expectStagesMatch(out, "short")
    }
}
