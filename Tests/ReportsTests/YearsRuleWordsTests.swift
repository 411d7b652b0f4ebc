import Foundation
import Testing
import Allocation
import Replacement
@testable import Reports

/// `ReplacementScenario.issues()` hands over facts, worded in German and English (issue 15):
/// a scenario that breaks every rule at once gives no English text in German and says each
/// problem in English as the command line did.
@Suite struct YearsRuleWordsTests {
    typealias R = ReplacementScenario

    /// A multi-year scenario that breaks every rule `issues()` checks.
    static var broken: R {
        R(years: 2026...2028,
          kinds: [.init(id: "tablet", lifeYears: 0, earlyYears: 9, lateYears: 9, price: .zero, priceChangeBasisPoints: 9_000,
                        operatingCostPerYear: Money(cents: -1), weight: 2_000),
                  .init(id: "tablet", lifeYears: 5, price: Money(cents: 40_000)),
                  .init(id: "laptop", lifeYears: 4, price: Money(cents: 99_999_999_999_900), priceChangeBasisPoints: 5_000)],
          schools: [.init(id: "S1", need: ["tablet": [1, 2], "phone": [1, 1, -1]]), .init(id: "S1", need: [:])],
          pools: [.init(id: "pakt", source: .grant, money: [Money(cents: -5)], carryOver: .until(lastYear: 2020), pays: [.investment, .operating]),
                  .init(id: "pakt", source: .own, money: [.zero, .zero, .zero], carryOver: .lapses, pays: [])],
          inventory: [.init(school: "S9", kind: "phone", purchaseYear: 2026, count: -3),
                      .init(school: "S9", kind: "phone", purchaseYear: 2026, count: 1)],
          turbulence: .init(maxFallBasisPoints: 20_000, maxNewDevicesPerYear: -1))
    }

    @Test func everyRuleIsAFactNotEnglishText() {
        let issues = Self.broken.issues()
        #expect(issues.count >= 25)
        for issue in issues {
            if case .text(let s) = issue.problem { Issue.record("\(issue.key): still English text: \(s)") }
        }
        // Every new fact and quantity is among them.
        let rules = issues.compactMap { i -> InputProblem.YearsRule? in if case .years(.rule(let r)) = i.problem { return r } else { return nil } }
        #expect(rules.contains(.noSchools) == false)   // this scenario has schools …
        #expect(R(years: 2026...2026, kinds: [], schools: [], pools: [], inventory: []).issues().map(\.problem)
                    == [.rule(.noDeviceKinds), .years(.rule(.noSchools)), .rule(.noPools)])
        #expect(rules.contains(.paysNothing))
        #expect(rules.contains(.priceNotPositive(found: "0.00")))
        #expect(rules.contains(.priceLeavesRange(year: 2028)))
        let quantities = Set(rules.compactMap { r -> InputProblem.YearsQuantity? in if case .outside(let q, _, _) = r { return q } else { return nil } })
        #expect(quantities == [.years, .basisPoints, .weight, .devices])
        let years = R(years: 1980...2000, kinds: [], schools: [], pools: [], inventory: []).issues()
        #expect(years.map(\.problem).prefix(2) == [.years(.rule(.outside(.year, found: 1980, allowed: 1990...2100))),
                                                   .years(.rule(.outside(.planningYearCount, found: 21, allowed: 1...15)))])
    }

    /// English as the command line said it before (byte for byte where the fact is new).
    @Test func englishWords() {
        let en = Self.broken.issues().map { ErrorWords.text($0, .en) }
        for expected in ["years.deviceKinds.tablet.lifeYears: found 0, expected years from 1 to 15",
                         "years.deviceKinds.tablet.priceChange: found 9000, expected basis points from -5000 to 5000",
                         "years.deviceKinds.tablet.weight: found 2000, expected a weight from 0 to 1000",
                         "years.deviceKinds.tablet.price: found 0.00, expected a price above 0",
                         "years.deviceKinds.tablet: device kind 'tablet' is defined twice; give each kind one id",
                         "years.deviceKinds.laptop.priceChange: the price of 2028 leaves 0.01 to 1,000,000,000,000 €",
                         "years.deviceKinds.tablet.operatingCost: found -0.01, expected an amount in euros 0 or more and at most 1,000,000,000,000",
                         "years.pools.pakt.pays: pays nothing; expected investment, operating or both",
                         "years.schools.S1.need.phone: unknown device kind 'phone'; defined: tablet, tablet, laptop",
                         "years.inventory[2]: school S9, kind 'phone', year 2026 is given twice; give one row each",
                         "years.turbulence.maxFall: found 20000, expected basis points from 0 to 10000"] {
            #expect(en.contains(expected), "\(expected)\n in \(en.joined(separator: "\n"))")
        }
    }

    /// German: German words and numbers, none of the English phrases.
    @Test func germanWords() {
        let de = Self.broken.issues().map { ErrorWords.text($0, .de) }
        for expected in ["years.deviceKinds.tablet.lifeYears: 0 gefunden, erwartet: eine Zahl von Jahren von 1 bis 15",
                         "years.deviceKinds.tablet.priceChange: 9.000 gefunden, erwartet: Basispunkte (100 = 1\u{a0}%) von -5.000 bis 5.000",
                         "years.deviceKinds.tablet.price: 0,00\u{a0}€ gefunden, erwartet: ein Preis über 0\u{a0}€",
                         "years.pools.pakt.pays: zahlt nichts; erwartet: investment (Geräte), operating (Betriebskosten) oder beides",
                         "years.deviceKinds.laptop.priceChange: mit dieser jährlichen Preisänderung liegt der Preis von 2028 nicht mehr zwischen 0,01\u{a0}€ und 1.000.000.000.000\u{a0}€"] {
            #expect(de.contains(expected), "\(expected)\n in \(de.joined(separator: "\n"))")
        }
        #expect(ErrorWords.text(R(years: 1980...1980, kinds: [], schools: [], pools: [], inventory: []).issues()[0], .de)
                    == "years.first: 1980 gefunden, erwartet: ein Jahr von 1990 bis 2100")
        let english = ["found", "expected", "is given twice", "defined twice", "unknown", "pays nothing", "leaves", "no schools", "a price", "years from"]
        for text in de {
            for word in english { #expect(!text.contains(word), "English '\(word)' in: \(text)") }
        }
        #expect(ErrorWords.text(R(years: 2026...2026, kinds: [], schools: [], pools: [], inventory: []).issues()[1], .de)
                    == "years.schools: keine Schulen; mindestens eine festlegen")
    }

    /// Each quantity and rule is worded differently in the two languages.
    @Test func bothLanguagesDiffer() {
        for q in InputProblem.YearsQuantity.allCases { #expect(ErrorWords.text(q, .de) != ErrorWords.text(q, .en)) }
        let rules: [InputProblem.YearsRule] = [.outside(.devices, found: 1, allowed: 2...3), .noSchools, .priceNotPositive(found: "0.00"),
                                               .priceLeavesRange(year: 2030), .paysNothing]
        for r in rules { #expect(ErrorWords.text(r, .de) != ErrorWords.text(r, .en)) }
    }
}
