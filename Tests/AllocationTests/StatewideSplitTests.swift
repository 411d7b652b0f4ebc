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
    final class Folder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("allocate-split-\(UUID().uuidString)")
        init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: url) }
        func write(_ name: String, _ text: String) throws -> String {
            let path = url.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
    }

    static let allocations = "authority,amount\nNord,100.50\nSüd,200\nWest,0\nOst,0.01\n"

    func scenario(_ folder: Folder, table: String = allocations, gute: String = "{by: table, file: alloc.csv}") throws -> String {
        _ = try folder.write("alloc.csv", table)
        return try folder.write("split.yaml", """
        name: Split test
        schools:
          file: \(Paths.fixture("data/schools.csv"))
          columns: {authority: stadtbezirk_geocoded}
        authorities:
          reference: Nord
          key:
            pupilWeightByLevel: {1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1, 9: 1}
            withoutLevel: 2
        deviceKinds:
          pupil: {label: Pupil device, basis: pupils, unitPrice: 350.00}
          teacher: {label: Teacher device, basis: teachers, unitPrice: 520.00, priorityWeight: 1}
        pools:
          sofort: {name: Sofort, kinds: [pupil], rule: grant, fundingRate: 0.9, capPerDevice: 500, split: {by: key, stateTotal: 1000, checkAgainst: 1000}}
          gute: {name: Gute Schule, kinds: [pupil, teacher], rule: remainder, split: \(gute)}
          lehrer: {name: Lehrkräfte, kinds: [teacher], rule: grant, fundingRate: 1.0, capPerDevice: 500, split: {by: perDevice, perDevice: 500, checkAgainst: 100000, checkSource: "a test figure"}}
          stadt: {name: Stadt, budget: 100, kinds: [pupil, teacher], rule: any, ownMoney: true, split: authorities}
        need:
          gradesInScope: [2, 13]
          schoolForms: {Grundschule: [1, 4], Gesamtschule: [5, 13], Gymnasium: [5, 13], Realschule: [5, 10], Förderschule: [1, 10]}
          pupilShareByLevel: {1: 0.05, 2: 0.10, 3: 0.15, 4: 0.20, 5: 0.25, 6: 0.30, 7: 0.35, 8: 0.40, 9: 0.45}
          priorityWeightByLevel: {1: 1, 2: 1.1, 3: 1.2, 4: 1.3, 5: 1.4, 6: 1.5, 7: 1.6, 8: 1.7, 9: 1.8}
          withoutLevel: {Förderschule: 9}
        objective: maximin
        solver: {relativeGap: 0.0001, timeLimitSeconds: 10}
        """)
    }

    func shares(_ pool: Pool) -> [String: Int] { (pool.authorityBudgets ?? [:]).mapValues(\.cents) }

    @Test func eachRuleSplitsItsTotalToTheCent() throws {
        let folder = try Folder()
        let loaded = try ScenarioLoader.load(path: try scenario(folder))
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
        #expect(html.contains("Landesweite Verteilung auf 4 Schulträger"))
        #expect(html.contains("<td>500,00 € × 224 Lehrkräfte (je Träger nach seiner Zahl)</td><td>100.000,00 € (a test figure)</td><td>+12.000,00 € (+12,0 %)</td>"), "\(html)")
        // A scenario without split pools shows no such part.
        let city = try engine.solve(try loadFixture("valid/small.yaml"))
        #expect(!TerminalSummary.render(city, timing: false).contains("State-wide"))
    }

    @Test func tableErrorsNameFileLineAndWhatIsAllowed() throws {
        let folder = try Folder()
        let cases: [(String, [String])] = [
            ("authority,amount\nNord,100\nSüd,12.345\nWest,0\nOst,0\n", ["alloc.csv:3: amount", "found '12.345'", "at most 2 decimals"]),
            ("authority,amount\nNord,100\nSüd,-1\nWest,0\nOst,0\n", ["alloc.csv:3: amount", "0 or more"]),
            ("authority,amount\nNord,100\nSüd,1\nNord,2\nWest,0\nOst,0\n", ["alloc.csv:4: authority", "row already (line 2)"]),
            ("authority,amount\nNord,100\nSüd,1\nWest,0\n", ["alloc.csv", "no row for 1 authority", "Ost", "pool gute"]),
            ("authority,betrag\nNord,100\n", ["alloc.csv:1", "no column 'amount'", "split.columns.amount", "authority, betrag"]),
        ]
        for (table, parts) in cases {
            let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: try scenario(folder, table: table)) }
            for part in parts { #expect(error?.description.contains(part) == true, "\(part): \(String(describing: error))") }
        }
        // Other column names, and the semicolon dialect with decimal commas.
        let path = try scenario(folder, table: "Schlüssel;Betrag\nNord;100,50\nSüd;1\nWest;0\nOst;0\n")
        let s = try ScenarioLoader.load(path: path, overrides: ["pools.gute.split.columns.authority=Schlüssel", "pools.gute.split.columns.amount=Betrag"]).scenario
        #expect(s.pools[1].budget == Money(cents: 10_150))
        let missing = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: path, overrides: ["pools.gute.split.file=nothing.csv"]) }
        #expect(missing?.description.contains("nothing.csv") == true, "\(String(describing: missing))")
    }

    @Test func splitKeysAreCheckedAndNamed() throws {
        let folder = try Folder()
        let path = try scenario(folder)
        let cases: [(String, [String])] = [
            ("pools.lehrer.split.stateTotal=5", ["pools.lehrer.split.stateTotal", "is not a key of 'by: perDevice'", "checkAgainst"]),
            ("pools.sofort.budget=5", ["pools.sofort.budget", "not used here", "split: none"]),
            ("pools.sofort.split.by=shares", ["pools.sofort.split.by", "found 'shares'", "allowed: key", "perDevice", "table"]),
            ("pools.sofort.split=halves", ["pools.sofort.split", "found 'halves'", "allowed: none, authorities"]),
            ("pools.gute.split.by=perDevice", ["pools.gute.split.file", "is not a key of 'by: perDevice'"]),
            ("pools.stadt.split=none", ["pools", "are split among authorities but stadt are not"]),
            ("pools.lehrer.split.perDevice=0", ["pools.lehrer.split.perDevice", "above 0"]),
        ]
        for (override, parts) in cases {
            let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: path, overrides: [override]) }
            for part in parts { #expect(error?.description.contains(part) == true, "\(override) → \(part): \(String(describing: error))") }
        }
        // perDevice over both kinds needs its basis.
        let both = try scenario(folder, gute: "{by: perDevice, perDevice: 1}")
        let basis = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: both) }
        #expect(basis?.description.contains("pools.gute.split: missing 'basis'") == true, "\(String(describing: basis))")
        let pupils = try ScenarioLoader.load(path: both, overrides: ["pools.gute.split.basis=pupils"]).scenario
        #expect(pupils.pools[1].budget == Money(cents: 282_000))   // 1 € × 2,820 pupils
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
        let folder = try SplitRuleTests.Folder()
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
