import Testing
import Allocation
import LinearProgramming
import GLPKSolver
import Replacement

/// The first stage's starting point (the LP point rounded down) is a feasible integer point
/// wherever no fall limit applies: the seeded cases of the property test, with scarce money.
@Suite struct RoundedStartTests {
    @Test func roundedLPPointIsFeasible() throws {
        var checked = 0
        for seed in [3, 5, 8, 13, 21] {
            let s = ReplacementScenario.seededSmall(seed)
            let model = try ReplacementModel(s)
            var relaxed = model.program.relaxed
            relaxed.objective = model.stages[0].objective
            let lp = try GLPKSolver().solve(relaxed, options: SolveOptions())
            try #require(lp.status == .optimal)
            let start = try #require(model.roundedStart(from: lp.values))
            #expect(model.program.maxViolation(start) < 1e-6, "seed \(seed): the rounded point breaks a row by \(model.program.maxViolation(start))")
            // Its smallest coverage is the one its counts reach, never above the relaxation's.
            #expect(start[model.smallestCoverage] <= (lp.objective ?? 0) + 1e-9)
            #expect(start[model.smallestCoverage] >= 0)
            checked += 1
        }
        #expect(checked == 5)
    }
}

extension ReplacementScenario {
    /// A small seeded case (3 schools, 2026–2029, scarce money) for the start and bound tests.
    static func seededSmall(_ seed: Int, fallLimit: Bool = false) -> ReplacementScenario {
        var rng = SplitMix64(seed: UInt64(seed))
        func r(_ range: ClosedRange<Int>) -> Int { Int(rng.next() % UInt64(range.count)) + range.lowerBound }
        return ReplacementScenario(
            years: 2026...2029,
            kinds: [.init(id: "tablet", lifeYears: 5, earlyYears: r(0...1), lateYears: r(0...1), price: Money(cents: r(3...6) * 10_000),
                              priceChangeBasisPoints: r(0...500), operatingCostPerYear: Money(cents: r(0...60) * 100)),
                    .init(id: "laptop", lifeYears: 4, earlyYears: 1, price: Money(cents: 90_000), operatingCostPerYear: Money(cents: 10_000))],
            schools: (0..<3).map { i in .init(id: "s\(i)", need: ["tablet": (0..<4).map { _ in r(5...30) }, "laptop": (0..<4).map { _ in r(2...9) }]) },
            pools: [.init(id: "pakt", source: .grant, money: (0..<4).map { _ in Money(cents: r(0...8) * 50_000) },
                              carryOver: .until(lastYear: 2029), pays: [.investment]),
                    .init(id: "city", source: .own, money: (0..<4).map { _ in Money(cents: r(2...4) * 100_000) }, carryOver: .lapses,
                          pays: [.investment, .operating])],
            inventory: (0..<3).map { i in .init(school: "s\(i)", kind: "tablet", purchaseYear: r(2020...2023), count: r(0...20)) },
            turbulence: fallLimit ? .init(maxFallBasisPoints: r(0...1) == 0 ? nil : 3_000, maxNewDevicesPerYear: r(10...30))
                : .init(maxNewDevicesPerYear: r(10...30)))
    }
}
