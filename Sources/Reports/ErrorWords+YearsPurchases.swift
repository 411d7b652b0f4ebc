import Foundation
import Allocation
import Replacement

/// The words of a multi-year scenario whose fall limit makes devices necessary that no
/// investment money pays (`ReplacementScenario.purchaseShortfalls()`), German and English.
extension ReplacementPurchaseInfeasibility: WordedError {
    public func text(_ l: ReportLanguage) -> String { ErrorWords.text(self, l) }
}

extension ErrorWords {
    public static func text(_ e: ReplacementPurchaseInfeasibility, _ l: ReportLanguage) -> String {
        let de = l == .de, n = NumberStyle(l)
        let years = e.shortfalls.map { s in
            let fall = percent(Decimal(s.maxFallBasisPoints) / 10_000, l)
            let pools = s.pools.isEmpty ? (de ? "kein Topf darf Investitionen zahlen" : "no pool may pay investment")
                                        : (de ? "Töpfe für Investitionen: " : "pools for investment: ") + s.pools.joined(separator: ", ")
            let running = s.operating.cents > 0
                ? (de ? " nach mindestens \(money(s.operating, l)) Betriebskosten, die diese Töpfe zahlen müssen"
                      : " after at least \(money(s.operating, l)) of running cost these pools must pay")
                : ""
            return de
                ? "Bis \(s.year) fehlen \(money(s.missing, l)): mindestens \(n.int(s.devices)) Geräte müssen bis dahin gekauft sein, weil die Geräte einer Schule je Jahr um höchstens \(fall) fallen dürfen (years.turbulence.maxFall) und die alten Geräte ihre Lebensdauer erreicht haben; sie kosten mindestens \(money(s.cost, l)) (je Gerät mindestens \(money(s.lowestPrice, l))), für Investitionen verfügbar sind bis \(s.year) höchstens \(money(s.available, l))\(running)\(residualNote(s.residualIncome, l)) (\(pools))."
                : "By \(s.year), \(money(s.missing, l)) is missing: at least \(n.int(s.devices)) devices must have been bought by then, because a school's devices may fall by at most \(fall) a year (years.turbulence.maxFall) and the old devices have reached the end of their life; they cost at least \(money(s.cost, l)) (at least \(money(s.lowestPrice, l)) a device), while at most \(money(s.available, l)) is available for investment up to \(s.year)\(running)\(residualNote(s.residualIncome, l)) (\(pools))."
        }
        return (de ? "Kein Mehrjahresplan erfüllt die Regeln. " : "No multi-year plan meets the rules. ") + years.joined(separator: " ")
            + (de ? " Erhöhen Sie das Geld für Investitionen dieser Jahre, erlauben Sie einen stärkeren Rückgang (years.turbulence.maxFall) oder eine längere Nutzung (lateYears)."
                  : " Raise the investment money of those years, allow a larger fall (years.turbulence.maxFall) or a longer use (lateYears).")
    }
}
