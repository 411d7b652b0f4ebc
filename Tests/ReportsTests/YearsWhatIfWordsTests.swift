import Testing
import Allocation
import LinearProgramming
import Replacement
import Reports

/// The words of the multi-year refusals and failures added for compare/explain (issue 19), in
/// German and English, through the one dispatcher every command uses (`ErrorWords.text`).
@Suite struct YearsWhatIfWordsTests {
    static func euros(_ e: Int) -> Money { Money(cents: e * 100) }

    /// 70 devices at 500 € by 2026 (35,000 €) against 10,000 € granted: 25,000 € short.
    static let short = ReplacementPurchaseInfeasibility(shortfalls: [
        .init(year: 2026, devices: 70, lowestPrice: euros(500), cost: euros(35_000), available: euros(10_000),
              operating: .zero, pools: ["pakt"], maxFallBasisPoints: 3_000),
    ])

    @Test func thePurchaseShortfallInBothLanguages() {
        let de = ErrorWords.text(Self.short as any Error, .de), en = ErrorWords.text(Self.short as any Error, .en)
        #expect(de.hasPrefix("Kein Mehrjahresplan erfüllt die Regeln. Bis 2026 fehlen 25.000,00\u{a0}€: mindestens 70 Geräte"), "\(de)")
        #expect(de.contains("um höchstens 30\u{a0}% fallen") && de.contains("höchstens 10.000,00\u{a0}€ (Töpfe für Investitionen: pakt)"), "\(de)")
        #expect(!de.contains("Betriebskosten, die"), "no running cost to name: \(de)")
        #expect(en.hasPrefix("No multi-year plan meets the rules. By 2026, 25,000.00 € is missing: at least 70 devices"), "\(en)")
        #expect(en.contains("at most 30 % a year") && en.contains("(pools for investment: pakt)"), "\(en)")
        #expect(classify(Self.short) == .infeasible)
    }

    @Test func theExplanationsFailuresInBothLanguages() {
        let e = ReplacementExplanation.Failure.noOptimum(stage: "smallest coverage", status: .infeasible)
        let de = ErrorWords.text(e as any Error, .de), en = ErrorWords.text(e as any Error, .en)
        #expect(de.contains("hat kein Optimum (infeasible)") && de.contains("allocate years"), "\(de)")
        #expect(en.contains("has no optimum (infeasible)") && en.contains("allocate years"), "\(en)")
        #expect(classify(e) == .infeasible)
        #expect(classify(ReplacementExplanation.Failure.noOptimum(stage: "x", status: .noSolutionFound)) == .solverOrInternal)
    }
}
