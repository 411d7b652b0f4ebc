import Foundation
import Testing
@testable import Allocation

/// SplitMix64: the same numbers for the same seed on every machine.
private struct Seeded: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The whole-number apportionment against the Decimal one it stands in for.
@Suite struct ExactApportionmentTests {
    /// Random weights with `places` decimal places: small, huge, repeated (ties) and zero.
    private static func weights(_ g: inout Seeded, count: Int, places: Int) -> [String: Int] {
        var out: [String: Int] = [:]
        let pool = (0..<max(1, count / 4)).map { _ in Int.random(in: 0...5_000, using: &g) }
        for i in 0..<count {
            let w: Int
            switch Int.random(in: 0..<10, using: &g) {
            case 0: w = 0
            case 1, 2: w = pool.randomElement(using: &g)!                       // ties
            case 3: w = Int.random(in: 1...9, using: &g)                        // small
            case 4: w = Int.random(in: 1...2_000_000_000_000, using: &g)        // huge
            default: w = Int.random(in: 1...3_000_000, using: &g)
            }
            out[String(format: "%05d", (i * 7919) % 100_000)] = w
        }
        return out
    }

    private static func decimals(_ w: [String: Int], places: Int) -> [String: Decimal] {
        w.mapValues { Decimal(sign: .plus, exponent: -places, significand: Decimal($0)) }
    }

    @Test func sameCentsAsTheDecimalComputationOnSeededRandomInputs() throws {
        var g = Seeded(state: 2026_12_02)
        var exactRuns = 0, runs = 0
        for run in 0..<3_000 {
            let count = [1, 2, 3, 5, 17, 60, 250][run % 7]
            let places = Int.random(in: 0...4, using: &g)
            var w = Self.weights(&g, count: count, places: places)
            let reference = w.keys.sorted()[Int.random(in: 0..<w.count, using: &g)]
            if w[reference]! == 0 { w[reference] = Int.random(in: 1...100_000, using: &g) }
            let refWeight = Decimal(w[reference]!), sum = Decimal(w.values.reduce(0, +))
            // Budgets from 1 cent to 10^9 €, kept within the loader's limit for the total.
            var budget = [1, 99, 12_345, 1_000_000, 987_654_321, 100_000_000_000][run % 6] + Int.random(in: 0...1_000, using: &g)
            while sum / refWeight * Decimal(budget) > Decimal(100_000_000_000_000), budget > 1 { budget /= 1000 }
            guard sum / refWeight * Decimal(budget) <= Decimal(100_000_000_000_000) else { continue }
            let money = Money(cents: budget)
            let byDecimal = Apportionment.scaledFromReference(budget: money, weights: Self.decimals(w, places: places), reference: reference)
            let exact = ExactWeights(places: places, values: w)
            let combined = Apportionment.scaledFromReference(budget: money, weights: Self.decimals(w, places: places),
                                                             reference: reference, exact: exact)
            #expect(combined == byDecimal, "run \(run)")
            if let e = Apportionment.exactScaledFromReference(budget: money, weights: w, reference: reference,
                                                              decimals: Self.decimals(w, places: places)) {
                #expect(e == byDecimal, "run \(run): weights \(w), reference \(reference), budget \(budget)")
                exactRuns += 1
            }
            runs += 1
        }
        // The whole-number path answers nearly always (it gives way only near a tie).
        #expect(runs > 2_900)
        #expect(exactRuns > runs * 3 / 4, "\(exactRuns) of \(runs)")
    }

    @Test func exactTiesAcrossTheCutGoToTheDecimalComputation() throws {
        // Reference 3, two authorities of weight 1 at 1 € (100 cents): quotas 33.33… each, total
        // 166.67 → 167 cents, one cent left for two equal remainders: decided by the Decimals.
        let w = ["a": 1, "b": 1, "r": 3]
        #expect(Apportionment.exactScaledFromReference(budget: Money(cents: 100), weights: w, reference: "r") == nil)
        // With the Decimal weights at hand, equal bits mean equal Decimal remainders: key order.
        #expect(Apportionment.exactScaledFromReference(budget: Money(cents: 100), weights: w, reference: "r",
                                                       decimals: w.mapValues { Decimal($0) })
                == ["a": Money(cents: 34), "b": Money(cents: 33), "r": Money(cents: 100)])
        let d = Apportionment.scaledFromReference(budget: Money(cents: 100), weights: w.mapValues { Decimal($0) },
                                                  reference: "r", exact: ExactWeights(places: 0, values: w))
        #expect(d == Apportionment.scaledFromReference(budget: Money(cents: 100), weights: w.mapValues { Decimal($0) }, reference: "r"))
    }

    @Test func weightsScaleToWholeNumbersOnlyWhenExact() {
        #expect(ExactWeights.scaled(Decimal(string: "1.25")!)! == (125, 2))
        #expect(ExactWeights.scaled(Decimal(7))! == (7, 0))
        #expect(ExactWeights.scaled(Decimal(1) / Decimal(3)) == nil)
        #expect(ExactWeights.scaled(Decimal(-1)) == nil)
        let key = AuthorityKey(pupilWeightByLevel: [1: Decimal(string: "1.5")!, 12: Decimal(string: "0.125")!], withoutLevel: 1)
        func school(_ pupils: Int, _ level: Int?) -> School {
            School(id: "1", name: "S", form: "Grundschule", district: "Nord", pupils: pupils, socialIndex: level, teachers: 1)
        }
        let schools = ["x": [school(10, 1), school(8, 12), school(3, nil)]]
        let e = key.exactWeights(AuthorityGroups(schools["x"]!.map { s in var s = s; s.authority = "x"; return s }))
        #expect(e == ExactWeights(places: 3, values: ["x": 15_000 + 1_000 + 3_000]))
        #expect(Decimal(e!.values["x"]!) / 1000 == key.weight(of: schools["x"]!))
    }
}
