import Foundation
import Testing
@testable import Allocation
import Reports
@testable import ScenarioFiles
import TestSupport

/// Largest-remainder shares, checked by hand.
@Suite struct ApportionmentTests {
    @Test func proportionalGivesTheLeftCentsToTheLargestRemainders() throws {
        // 100.00 € by weights 1100, 1100, 240, 500 (sum 2940): quotas 37414.97, 37414.97,
        // 8163.27, 17006.80 cents; floors add up to 99,997, so the three largest remainders
        // (.97, .97, .80) get one cent each.
        let s = try #require(Apportionment.proportional(total: Money(cents: 100_000),
                                                        weights: ["Nord": 1100, "Süd": 1100, "West": 240, "Ost": 500]))
        #expect(s == ["Nord": Money(cents: 37_415), "Süd": Money(cents: 37_415), "West": Money(cents: 8_163), "Ost": Money(cents: 17_007)])
        #expect(s.values.reduce(.zero, +) == Money(cents: 100_000))
        // Ties go in key order: 1 cent among three equal weights.
        #expect(Apportionment.proportional(total: Money(cents: 1), weights: ["b": 1, "a": 1, "c": 1])
                == ["a": Money(cents: 1), "b": .zero, "c": .zero])
        // Nothing to split by: only 0 can be split.
        #expect(Apportionment.proportional(total: .zero, weights: ["a": 0]) == ["a": .zero])
        #expect(Apportionment.proportional(total: Money(cents: 5), weights: ["a": 0]) == nil)
    }

    @Test func scaledFromReferenceKeepsTheReferenceExact() throws {
        // Reference budget 100.00 € at weight 1100: West 240 → 21.818…, Ost 500 → 45.4545…;
        // total 267.2727… → 267.27 €, one cent left for West (.818 beats .4545).
        let s = try #require(Apportionment.scaledFromReference(budget: Money(cents: 10_000),
                                                               weights: ["Nord": 1100, "Süd": 1100, "West": 240, "Ost": 500],
                                                               reference: "Nord"))
        #expect(s == ["Nord": Money(cents: 10_000), "Süd": Money(cents: 10_000), "West": Money(cents: 2_182), "Ost": Money(cents: 4_545)])
        #expect(Apportionment.scaledFromReference(budget: Money(cents: 1), weights: ["a": 0, "b": 1], reference: "a") == nil)
    }

    @Test func aTotalOutsideTheQuotasIsRefused() {
        #expect(Apportionment.largestRemainder(total: Money(cents: 10), quotas: ["a": 2.5, "b": 2.5]) == nil)
        #expect(Apportionment.largestRemainder(total: Money(cents: 6), quotas: ["a": 2.5, "b": 2.5])
                == ["a": Money(cents: 3), "b": Money(cents: 3)])
    }
}

/// The small test city's six schools in four "authorities" (its districts): Nord (200 + 900
/// pupils, 84 teachers), Süd (300 + 800, 80), West (120 without a level, 25), Ost (500, 35).
@Suite(.serialized) struct SplitRuleTests {
    func shares(_ pool: Pool) -> [String: Int] { (pool.authorityBudgets ?? [:]).mapValues(\.cents) }

    @Test func eachRuleSplitsItsTotalToTheCent() throws {
        let folder = try SplitScenarioFolder()
        let loaded = try ScenarioLoader.load(path: try folder.scenario())
        let pools = loaded.scenario.pools
        // Key with a state total: 1,000.00 € by weights 1100, 1100, 240 (120 pupils × 2), 500.
        #expect(shares(pools[0]) == ["Nord": 37_415, "Süd": 37_415, "West": 8_163, "Ost": 17_007])
        #expect(pools[0].budget == Money(cents: 100_000) && pools[0].split?.totalGiven == true && pools[0].referenceBudget == nil)
        // Table: the amounts as given; the table is an input of the run.
        #expect(shares(pools[1]) == ["Nord": 10_050, "Süd": 20_000, "West": 0, "Ost": 1])
        #expect(pools[1].budget == Money(cents: 30_051))
        #expect(loaded.inputFiles.contains { $0.hasSuffix("alloc.csv") })
        // Per device: 500 € × teachers (84, 80, 25, 35; the basis of the pool's one kind).
        #expect(shares(pools[2]) == ["Nord": 4_200_000, "Süd": 4_000_000, "West": 1_250_000, "Ost": 1_750_000])
        #expect(pools[2].budget == Money(cents: 11_200_000) && pools[2].split?.rule == .perDevice(amount: Money(cents: 50_000), basis: .teachers))
        // The reference's budget scaled by the key (split: authorities).
        #expect(shares(pools[3]) == ["Nord": 10_000, "Süd": 10_000, "West": 2_182, "Ost": 4_545])
        #expect(pools[3].referenceBudget == Money(cents: 10_000) && pools[3].budget == Money(cents: 26_727))
        for p in pools { #expect(p.authorityBudgets!.values.reduce(.zero, +) == p.budget) }

        let plan = try engine.solve(loaded.scenario)
        #expect(PlanVerifier.verify(plan).isEmpty)
        let text = TerminalSummary.render(plan, timing: false)
        #expect(text.contains("State-wide split among 4 school authorities"))
        #expect(text.contains("500.00 € × 224 teachers"))
        #expect(text.contains("+12,000.00 € (+12.0 %)"), "\(text)")   // 112,000 € against 100,000 €
        #expect(text.contains("Lehrkräfte: checked against a test figure"))
        let html = HTMLReport.render(plan, audit: AuditRecord(plan: plan, inputs: [], generatedAt: Date(timeIntervalSince1970: 0), reproducible: true))
            .replacingOccurrences(of: "\u{00A0}", with: " ")
        #expect(html.contains("Landesweite Verteilung auf 4 Schulträger"))
        #expect(html.contains("<td>500,00 € × 224 Lehrkräfte (je Träger nach seiner Zahl)</td><td>100.000,00 € (a test figure)</td><td>+12.000,00 € (+12,0 %)</td>"), "\(html)")
        // A scenario without split pools shows no such part.
        let city = try engine.solve(try loadFixture("valid/small.yaml"))
        #expect(!TerminalSummary.render(city, timing: false).contains("State-wide"))
    }
}

@Suite(.serialized) struct StatewideProgrammeTests {
    static let state = Paths.repository.appendingPathComponent("Scenarios/nrw/state-2020.yaml").path
    static let template = Paths.repository.appendingPathComponent("Scenarios/nrw/template.yaml").path

    @Test func theStateScenarioSplitsEachProgrammeByItsOwnRule() throws {
        let s = try ScenarioLoader.load(path: Self.state).scenario
        let byID = Dictionary(uniqueKeysWithValues: s.pools.map { ($0.id, $0) })
        let teachers = s.schools.count(of: .teachers)
        #expect(byID["sofort"]?.budget == Money(cents: 16_000_000_000))
        #expect(byID["sofort"]?.split?.rule == .key)
        #expect(byID["gute-schule"]?.budget == Money(cents: 1_777_777_778))
        #expect(byID["lehrkraefte"]?.budget == Money(cents: 50_000) * teachers)
        #expect(byID["lehrkraefte"]?.split?.checkAgainst == Money(cents: 10_300_000_000))
        for p in s.pools { #expect(p.authorityBudgets?.values.reduce(.zero, +) == p.budget) }
        // Dortmund: 500 € × its 6,083 teachers (the directive's figure, teachers.knownTotals).
        #expect(byID["lehrkraefte"]?.authorityBudgets?["5913000"] == Money(cents: 304_150_000))
        // The statewide teacher estimate lies within 10 % of the 103 M€ the state gave.
        let granted = Double(teachers) * 500
        #expect(abs(granted / 103_000_000 - 1) < 0.10, "\(granted)")
    }

    @Test func initForDortmundGivesTheShippedTeacherBudget() throws {
        let t = try ScenarioTemplate.load(path: Self.template)
        let dortmund = try MunicipalityInit.find("5913000", in: try MunicipalityInit.municipalities(template: t))
        let folder = try SplitScenarioFolder()
        let text = try MunicipalityInit.scenarioText(for: dortmund, template: t,
                                                     templatePathFromOutput: relativePath(to: Self.template, fromFolder: folder.url.path))
        #expect(text.contains("500.00 € × 6083 teachers"), "\(text)")
        let made = try ScenarioLoader.load(path: try folder.write("dortmund.yaml", text)).scenario
        let shipped = try ScenarioLoader.load(path: Paths.defaultScenario).scenario
        let mine = try #require(made.pools.first { $0.id == "lehrkraefte" }).budget
        let theirs = try #require(shipped.pools.first { $0.id == "lehrkraefte" }).budget
        #expect(abs(Double(mine.cents - theirs.cents)) <= 0.01 * Double(theirs.cents), "\(mine) vs \(theirs)")
        #expect(made.pools.allSatisfy { $0.authorityBudgets == nil })
    }
}
