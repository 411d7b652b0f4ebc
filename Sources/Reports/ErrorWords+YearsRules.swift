import Foundation
import Allocation

/// The words of a multi-year scenario's broken rules (`ReplacementScenario.issues()`, facts
/// `InputProblem.YearsRule`), German and English. Kept apart from ErrorWords+Years.swift (the
/// loader's years problems and the shortfalls) so that each grows on its own.
extension ErrorWords {
    public static func text(_ r: InputProblem.YearsRule, _ l: ReportLanguage) -> String {
        let de = l == .de
        switch r {
        case let .outside(quantity, found, allowed):
            // Years are written as years (2026, not 2.026); counts with German digit groups.
            func n(_ i: Int) -> String { de && quantity != .year ? NumberStyle(.de).int(i) : "\(i)" }
            return de ? "\(n(found)) gefunden, erwartet: \(text(quantity, l)) von \(n(allowed.lowerBound)) bis \(n(allowed.upperBound))"
                      : "found \(found), expected \(text(quantity, l)) from \(allowed.lowerBound) to \(allowed.upperBound)"
        case .noSchools:
            return de ? "keine Schulen; mindestens eine festlegen" : "no schools; define at least one"
        case .priceNotPositive(let found):
            return de ? "\(germanNumber(found))\u{a0}€ gefunden, erwartet: ein Preis über 0\u{a0}€" : "found \(found), expected a price above 0"
        case .priceLeavesRange(let year):
            return de ? "mit dieser jährlichen Preisänderung liegt der Preis von \(year) nicht mehr zwischen 0,01\u{a0}€ und 1.000.000.000.000\u{a0}€"
                      : "the price of \(year) leaves 0.01 to 1,000,000,000,000 €"
        case .paysNothing:
            return de ? "zahlt nichts; erwartet: investment (Geräte), operating (Betriebskosten) oder beides"
                      : "pays nothing; expected investment, operating or both"
        case let .residualAbovePrice(found, year, price):
            return de ? "\(germanNumber(found))\u{a0}€ gefunden, erwartet: höchstens der Preis von \(year), \(germanNumber(price))\u{a0}€"
                      : "found \(found), expected at most the price of \(year), \(price)"
        case .residualNeedsOwnPool:
            return de ? "ein Restwert ist Eigenmittel; einen Topf mit „source: own“ festlegen, der ihn erhält"
                      : "a residual value is own money; define a pool with source: own to receive it"
        }
    }

    /// What a whole number of the `years:` section counts, as the message's "expected …".
    static func text(_ q: InputProblem.YearsQuantity, _ l: ReportLanguage) -> String {
        let de = l == .de
        switch q {
        case .year: return de ? "ein Jahr" : "a year"
        case .planningYearCount: return de ? "eine Zahl von Planungsjahren" : "a number of planning years"
        case .years: return de ? "eine Zahl von Jahren" : "years"
        case .basisPoints: return de ? "Basispunkte (100 = 1\u{a0}%)" : "basis points"
        case .weight: return de ? "ein Gewicht" : "a weight"
        case .devices: return de ? "eine Zahl von Geräten" : "devices"
        }
    }
}
