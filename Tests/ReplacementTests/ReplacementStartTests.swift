import Testing
import Allocation
import LinearProgramming
import GLPKSolver
import Replacement

/// The whole-device plan built without the MIP search (`ReplacementStart`): it passes the
/// verifier, its smallest coverage never exceeds the first stage's LP bound, its columns are a
/// point of the model (so GLPK takes it as the first stage's incumbent), and on hand-checkable
/// cases it reaches the known optimum.
@Suite struct ReplacementStartTests {
    @Test(arguments: [(8, UInt64(1)), (12, 2), (10, 3), (15, 4)])
    func seededCitiesGetAVerifiedPlanBelowTheBound(schools: Int, seed: UInt64) throws {
        for turbulence in [ReplacementScenario.Turbulence(maxFallBasisPoints: 3_000, maxNewDevicesPerYear: 300),
                           ReplacementScenario.Turbulence(maxFallBasisPoints: 5_000),
                           ReplacementScenario.Turbulence()] {
            let s = ReplacementScenario.syntheticCity(schools: schools, seed: seed, turbulence: turbulence)
            let plan = ReplacementStart.plan(s)
            let found = try #require(plan, "seed \(seed), \(turbulence): no plan")
            #expect(found.check.isValid, "\(found.check.violations.prefix(3))")
            #expect(ReplacementVerifier.verify(found.plan, s).isValid)
            let z = found.check.smallestCoverage
            #expect(Double(z.numerator) / Double(z.denominator) >= found.share - 1e-9)

            let model = try ReplacementModel(s)
            var relaxed = model.program.relaxed
            relaxed.objective = model.stages[0].objective
            let lp = try GLPKSolver().solve(relaxed, options: SolveOptions(timeLimitSeconds: 60))
            try #require(lp.status == .optimal)
            #expect(Double(z.numerator) / Double(z.denominator) <= (lp.objective ?? 0) + 1e-9,
                    "seed \(seed): plan \(z) above the LP bound \(lp.objective ?? 0)")

            let point = model.values(of: found.plan)
            #expect(model.program.maxViolation(point) < 1e-6, "seed \(seed), \(turbulence): the plan's point breaks a row by \(model.program.maxViolation(point))")
            #expect(abs(point[model.smallestCoverage] - Double(z.numerator) / Double(z.denominator)) < 1e-9)
            #expect(point.enumerated().allSatisfy { i, v in !model.program.variables[i].isInteger || v == v.rounded() })

            // The money left buys more device-years, never at the cost of the smallest coverage.
            let filled = ReplacementStart.fill(s, from: found)
            #expect(filled.check.isValid, "\(filled.check.violations.prefix(3))")
            #expect(filled.check.smallestCoverage >= found.check.smallestCoverage)
            #expect(filled.check.coveredDeviceYears >= found.check.coveredDeviceYears)
            #expect(model.program.maxViolation(model.values(of: filled.plan)) < 1e-6)
        }
    }

    /// The first stage's bound is never below the optimum GLPK proves on small seeded cases,
    /// the plan never above it, and "optimal" only where the two meet.
    @Test func firstStageBoundHoldsTheOptimum() throws {
        var compared = 0
        for seed in [3, 5, 8, 13, 21, 34] {
            let s = ReplacementScenario.seededSmall(seed, fallLimit: true)
            let model = try ReplacementModel(s)
            guard let first = try ReplacementFirstStage.solve(model, solver: GLPKSolver()) else { continue }
            var stage1 = model.program
            stage1.objective = model.stages[0].objective
            let mip = try GLPKSolver().solve(stage1, options: SolveOptions(relativeGap: 0, timeLimitSeconds: 60, incumbent: model.values(of: first.start.plan)))
            guard mip.status == .optimal, let optimum = mip.objective else { continue }
            let plan = Double(first.smallestCoverage.numerator) / Double(first.smallestCoverage.denominator)
            let bound = Double(first.bound.numerator) / Double(first.bound.denominator)
            #expect(plan <= optimum + 1e-9, "seed \(seed): plan \(plan) above GLPK's optimum \(optimum)")
            #expect(bound >= optimum - 1e-9, "seed \(seed): bound \(bound) below GLPK's optimum \(optimum)")
            if first.isOptimal { #expect(abs(plan - optimum) < 1e-9, "seed \(seed): called optimal at \(plan), GLPK proves \(optimum)") }
            #expect(first.start.check.isValid)
            compared += 1
        }
        #expect(compared >= 4, "only \(compared) seeded cases compared")
    }

    /// One school, ten devices that must all leave in 2026, 300 € a device, 2,000 € own money a
    /// year that lapses: six devices in 2026 (0.6), four more in 2027. The MIP agrees.
    @Test func handCheckableShareIsTheOptimum() throws {
        let s = ReplacementScenario(
            years: 2026...2027,
            kinds: [.init(id: "tablet", lifeYears: 5, price: Money(cents: 30_000))],
            schools: [.init(id: "a", need: ["tablet": [10, 10]])],
            pools: [.init(id: "city", source: .own, money: [Money(cents: 200_000), Money(cents: 200_000)], carryOver: .lapses, pays: [.investment, .operating])],
            inventory: [.init(school: "a", kind: "tablet", purchaseYear: 2021, count: 10)])
        let found = try #require(ReplacementStart.plan(s))
        #expect(found.check.smallestCoverage == Ratio(6, 10))
        // 2027's money buys the four missing devices: 6 + 10 covered device-years.
        #expect(ReplacementStart.fill(s, from: found).check.coveredDeviceYears == 16)
        let solved = try ReplacementPlanner.solve(s, solver: GLPKSolver())
        #expect(solved.check.smallestCoverage == Ratio(6, 10))
    }

    /// Own money of 2026 lapses; the devices needed in 2027 (when the old ones must go and no
    /// money comes) are bought a year ahead with it.
    @Test func lapsingMoneyBuysAhead() throws {
        let s = ReplacementScenario(
            years: 2026...2027,
            kinds: [.init(id: "tablet", lifeYears: 6, price: Money(cents: 30_000))],
            schools: [.init(id: "a", need: ["tablet": [5, 10]])],
            pools: [.init(id: "city", source: .own, money: [Money(cents: 300_000), .zero], carryOver: .lapses, pays: [.investment, .operating])],
            inventory: [.init(school: "a", kind: "tablet", purchaseYear: 2021, count: 5)])
        let found = try #require(ReplacementStart.plan(s))
        #expect(found.check.smallestCoverage == Ratio(1, 1))
        #expect(found.plan.bought(school: "a", kind: "tablet", year: 2026, firstYear: 2026) == 10)
        #expect(found.check.ledger.first { $0.pool == "city" && $0.year == 2026 }?.investment == Money(cents: 300_000))
    }

    /// No share at all can be paid (the old devices must go, a fall limit forces buying, no money):
    /// no plan, rather than a plan that breaks a rule.
    @Test func unpayableScenarioHasNoStart() {
        let s = ReplacementScenario(
            years: 2026...2026,
            kinds: [.init(id: "tablet", lifeYears: 5, price: Money(cents: 30_000))],
            schools: [.init(id: "a", need: ["tablet": [10]])],
            pools: [.init(id: "city", source: .own, money: [.zero], carryOver: .lapses, pays: [.investment, .operating])],
            inventory: [.init(school: "a", kind: "tablet", purchaseYear: 2021, count: 10)],
            turbulence: .init(maxFallBasisPoints: 1_000))
        #expect(ReplacementStart.plan(s) == nil)
    }
}
