import Testing
import Allocation
import LinearProgramming
import GLPKSolver
import Replacement

/// The fifth session's faster solve (docs/MULTIYEAR.md, "Fifth session"): the first stage's
/// search gallops up from the plan's share without the plain relaxation, the later stages go on
/// in the first stage's solver session. What must still hold: the bound is exactly the boundary
/// of the relaxations (the bound's relaxation has a point, the next share above it none), and
/// each later stage's bound is on the right side of its LP relaxation solved cold.
@Suite struct ReplacementWarmStageTests {
    /// The next share m/need above `share` of any school-kind-year's need; nil above every one.
    static func nextShare(above share: Ratio, in s: ReplacementScenario) -> Ratio? {
        var best: Ratio?
        for school in s.schools {
            for kind in s.kinds {
                for i in 0..<s.yearCount {
                    let need = school.need(kind.id, yearIndex: i)
                    guard need > 0 else { continue }
                    let m = share.numerator * need / share.denominator + 1
                    guard m <= need else { continue }
                    let r = Ratio(m, need)
                    if best.map({ r < $0 }) ?? true { best = r }
                }
            }
        }
        return best
    }

    /// The galloping search ends at the boundary: the bound's relaxation (solved cold) has a
    /// point and the next share's has none, on seeded small cities and a Dortmund-size one.
    @Test(arguments: [(3, false), (5, true), (8, true), (13, false), (21, true)])
    func boundIsTheBoundaryOfTheRelaxations(seed: Int, fallLimit: Bool) throws {
        let s = ReplacementScenario.seededSmall(seed, fallLimit: fallLimit)
        let model = try ReplacementModel(s)
        guard let first = try ReplacementFirstStage.solve(model, solver: GLPKSolver()) else { return }
        #expect(first.stopped == 0)
        #expect(first.smallestCoverage <= first.bound)
        let cold = GLPKSolver()
        if first.bound > first.smallestCoverage {
            let at = try cold.solve(model.holding(share: first.bound), options: SolveOptions(timeLimitSeconds: 60))
            #expect(at.status == .optimal, "seed \(seed): the bound \(first.bound)'s relaxation has no point")
        }
        if let next = Self.nextShare(above: first.bound, in: s) {
            let above = try cold.solve(model.holding(share: next), options: SolveOptions(timeLimitSeconds: 60))
            #expect(above.status == .infeasible, "seed \(seed): the share \(next) above the bound \(first.bound) still has a point")
        }
    }

    /// Each later stage's bound, found in the first stage's session (warm), is never tighter than
    /// the stage's relaxation solved cold (a maximum's bound never below it, a minimum's never
    /// above, in whole units) with every earlier stage's value kept exactly, and the plan's
    /// figure is on the plan's side of it.
    @Test(arguments: [3, 8, 13])
    func laterStageBoundsHoldTheColdRelaxation(seed: Int) throws {
        let s = ReplacementScenario.seededSmall(seed, fallLimit: true)
        let model = try ReplacementModel(s)
        // No GLPK search at all: the bounds are the relaxations' (a search could only tighten them).
        let outcome = try ReplacementPlanner.solve(s, solver: GLPKSolver(), options: SolveOptions(relativeGap: 1, timeLimitSeconds: 60))
        try #require(outcome.stages.count == 4)
        let z = outcome.check.smallestCoverage
        var lp = model.held(share: z)
        for i in 1..<4 {
            let stage = model.stages[i], got = outcome.stages[i]
            lp.objective = stage.objective
            let cold = try GLPKSolver().solve(lp.relaxed, options: SolveOptions(timeLimitSeconds: 60))
            try #require(cold.status == .optimal)
            let b = cold.objective!
            if stage.objective.direction == .maximize {
                #expect(got.bestBound >= (b + 1e-6).rounded(.down) - 1e-6, "stage \(i): bound \(got.bestBound) below the cold relaxation's \(b)")
                #expect(got.objective <= got.bestBound + 1e-9)
            } else {
                let expected = stage.resolution == 1 ? (b - 1e-6).rounded(.up) : b
                #expect(got.bestBound <= max(0, expected) + 1e-6 * max(1, abs(b)), "stage \(i): bound \(got.bestBound) above the cold relaxation's \(b)")
                #expect(got.objective >= got.bestBound - 1e-9)
            }
            // The bounds keep each earlier stage's whole-unit value exactly (seventh session): every
            // plan that keeps a value keeps it exactly, so no slack of half a unit.
            Lexicographic.keep(&lp, at: got.objective, tolerance: 1e-9)
        }
    }

    /// A large requested gap (as `allocate years` passes 1e-4) never turns a stage whose plan is
    /// below its bound into "optimal": only value = bound is.
    @Test(arguments: [3, 8, 13])
    func optimalOnlyWhereValueMeetsBound(seed: Int) throws {
        let s = ReplacementScenario.seededSmall(seed, fallLimit: true)
        let outcome = try ReplacementPlanner.solve(s, solver: GLPKSolver(), options: SolveOptions(relativeGap: 0.5, timeLimitSeconds: 60))
        for stage in outcome.stages where stage.status == .optimal {
            #expect(abs(stage.bestBound - stage.objective) <= 1e-6 * max(1, abs(stage.objective)), "seed \(seed): optimal with a gap: \(stage)")
        }
    }

    /// A hand-checked case: one school, ten devices that must all leave in 2026, 300 € a device,
    /// 2,000 € own money a year that lapses: six devices in 2026 (0.6) is the optimum, and the
    /// search proves it (the share 7/10 has no relaxation: 2,100 € > 2,000 €).
    @Test func handCheckedBoundIsProven() throws {
        let s = ReplacementScenario(
            years: 2026...2027,
            kinds: [.init(id: "tablet", lifeYears: 5, price: Money(cents: 30_000))],
            schools: [.init(id: "A", need: ["tablet": [10, 10]])],
            pools: [.init(id: "own", source: .own, money: [Money(cents: 200_000), Money(cents: 200_000)], carryOver: .lapses,
                          pays: [.investment, .operating])],
            inventory: [.init(school: "A", kind: "tablet", purchaseYear: 2021, count: 10)])
        let model = try ReplacementModel(s)
        let first = try #require(try ReplacementFirstStage.solve(model, solver: GLPKSolver()))
        #expect(first.smallestCoverage == Ratio(6, 10))
        #expect(first.bound == Ratio(6, 10))
        #expect(first.isOptimal)
        let outcome = try ReplacementPlanner.solve(s, solver: GLPKSolver())
        #expect(outcome.stages[0].status == .optimal)
        #expect(outcome.stages[0].objective == 0.6)
    }
}
