import Foundation
import Testing
import Allocation
import LinearProgramming
import GLPKSolver
import Replacement
import Reports
import ScenarioFiles
import TestSupport

/// What-if and compare on multi-year scenarios (issue 19): `--set years.…` changes reach the
/// replacement scenario, and the years comparison signs every change as the single-year one
/// (Δ = scenario − baseline), each figure the verified plan's.
@Suite struct YearsComparisonTests {
    static let small = Paths.fixture("years/small.yaml")

    static func solve(_ overrides: [String] = []) throws -> YearsFigures {
        let years = try ScenarioLoader.loadYears(path: small, overrides: overrides)
        let outcome = try ReplacementPlanner.solve(years.scenario, solver: GLPKSolver(), options: SolveOptions(relativeGap: 1e-4, timeLimitSeconds: 5))
        return YearsFigures(years, outcome)
    }

    /// The three what-ifs of the issue, as `--set` on the years section.
    @Test func whatIfsReachTheScenario() throws {
        let base = try ScenarioLoader.loadYears(path: Self.small).scenario
        // Devices live 6 years instead of 5.
        let longer = try ScenarioLoader.loadYears(path: Self.small, overrides: ["years.deviceKinds.pupil.lifeYears=6"]).scenario
        #expect(base.kind("pupil")?.lifeYears == 5 && longer.kind("pupil")?.lifeYears == 6)
        // DigitalPakt money one year late.
        let late = try ScenarioLoader.loadYears(path: Self.small, overrides: ["years.pools.pakt.money=[0, 20000, 15000]"]).scenario
        #expect(late.pools.first { $0.id == "pakt" }?.money == [0, 20_000, 15_000].map { Money(cents: $0 * 100) })
        // A residual value of 10 € a pupil device (own money of the year it leaves).
        let resale = try ScenarioLoader.loadYears(path: Self.small, overrides: ["years.deviceKinds.pupil.residualValue=10"]).scenario
        #expect(resale.kind("pupil")?.residualValue == Money(cents: 1_000) && resale.residualPool == "stadt")
        // Prices +5 % a year: 400 € → 420 € → 441 €.
        let dearer = try ScenarioLoader.loadYears(path: Self.small, overrides: ["years.deviceKinds.pupil.priceChange=0.05"]).scenario
        #expect((2026...2028).map { dearer.price(dearer.kind("pupil")!, in: $0) } == [40_000, 42_000, 44_100].map { Money(cents: $0) })
    }

    @Test func aComparisonSignsEveryChangeAgainstTheBaseline() throws {
        let base = try Self.solve()
        let late = try Self.solve(["years.pools.pakt.money=[0, 20000, 15000]"])
        let c = YearsComparison([base, late], labels: ["small", "late"])
        #expect(c.years == [2026, 2027, 2028] && c.poolIDs == ["pakt", "stadt"] && c.kindIDs == ["pupil", "teacher"])
        // Granted: −20,000 € in 2026, +5,000 € in 2027 and 2028.
        #expect(c.line("pool.pakt.2026.granted")?.delta(1) == .money(Money(cents: -2_000_000)))
        #expect(c.line("pool.pakt.2027.granted")?.delta(1) == .money(Money(cents: 500_000)))
        #expect(c.line("pool.pakt.2028.granted")?.delta(1) == .money(Money(cents: 500_000)))
        // Every line's values are the plans' verified figures.
        for (i, f) in [base, late].enumerated() {
            for row in f.ledger {
                #expect(c.line("pool.\(row.pool).\(row.year).spent")?.values[i] == .money(row.investment + row.operating))
                #expect(c.line("pool.\(row.pool).\(row.year).lapsed")?.values[i] == .money(row.lapsed))
            }
            for k in f.kindYears {
                #expect(c.line("kind.\(k.kind).\(k.year).bought")?.values[i] == .count(k.bought))
                #expect(c.line("kind.\(k.kind).\(k.year).inService")?.values[i] == .count(k.inService))
            }
            for y in f.perYear {
                #expect(c.line("year.\(y.year).smallestCoverage")?.values[i] == y.smallestCoverage.map { .share(Share($0)) })
                #expect(c.line("year.\(y.year).investment")?.values[i] == .money(y.investment))
            }
            #expect(c.line("ownMoney")?.values[i] == .money(f.ownMoney))
            #expect(c.line("changes")?.values[i] == .count(f.changes))
        }
        // Δ = scenario − baseline for counts and money; shares in points of the shown figures.
        let own = late.ownMoney - base.ownMoney
        #expect(c.line("ownMoney")?.delta(1) == .money(own))
        #expect(c.line("smallestCoverage")?.delta(1) == .points(Share(late.smallestCoverage).permille - Share(base.smallestCoverage).permille))
        // Money late can only lower (or keep) the smallest coverage: a grant spent later buys
        // nothing earlier (the same money, later).
        #expect(late.smallestCoverage <= base.smallestCoverage)

        // German by default, English on request; JSON with the same lines.
        let de = YearsComparisonText.render(c), en = YearsComparisonText.render(c, language: .en)
        #expect(de.contains("Vergleich der Mehrjahrespläne — Basis: Small years city") && de.contains("Geld je Topf und Jahr"))
        #expect(de.contains("2026 DigitalPakt 2.0: bewilligt") && de.contains("-20.000,00 €"))
        #expect(en.contains("Comparison of multi-year plans — baseline: Small years city") && en.contains("2026 DigitalPakt 2.0: granted"))
        #expect(en.contains("-20,000.00 €"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(YearsComparisonJSON.render(c).utf8)) as? [String: Any])
        let sections = try #require(json["sections"] as? [[String: Any]])
        #expect(sections.map { $0["section"] as? String } == ["summary", "money", "devices", "coverage"])
        let money = try #require(sections[1]["figures"] as? [[String: Any]])
        let granted = try #require(money.first { $0["id"] as? String == "pool.pakt.2026.granted" })
        #expect((granted["deltas"] as? [Any])?.last as? Double == -20_000)
        // comparison.csv: a row per line with its Δ column.
        let csv = YearsComparisonJSON.figuresCSV(c, language: .en)
        #expect(csv.split(whereSeparator: \.isNewline).count == 1 + c.lines.count)
        #expect(csv.contains("pool.pakt.2026.granted,2026 DigitalPakt 2.0: granted,20000.00,0.00,-20000.00"))
    }
}
