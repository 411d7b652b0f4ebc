import Foundation
import Testing
@testable import Allocation
import Reports
@testable import ScenarioFiles
import TestSupport

@Suite(.serialized) struct MunicipalityInitTests {
    static let template = Paths.repository.appendingPathComponent("Scenarios/nrw/template.yaml").path

    @Test func byKeyAndByNameGiveTheSameScenario() throws {
        let t = try ScenarioTemplate.load(path: Self.template)
        let all = try MunicipalityInit.municipalities(template: t)
        #expect(all.count == 396)
        let byKey = try MunicipalityInit.find("5111000", in: all)
        let byName = try MunicipalityInit.find("Düsseldorf", in: all)
        let byOfficial = try MunicipalityInit.find("Krfr. Stadt Düsseldorf", in: all)
        #expect(byKey == byName && byName == byOfficial)
    }

    @Test func unknownNamesGetCloseMatches() throws {
        let all = try MunicipalityInit.municipalities(template: try ScenarioTemplate.load(path: Self.template))
        let error = #expect(throws: ScenarioError.self) { try MunicipalityInit.find("Dortmnud", in: all) }
        #expect(error?.description.contains("5913000") == true, "\(String(describing: error))")
        #expect(throws: ScenarioError.self) { try MunicipalityInit.find("9999999", in: all) }
    }

    @Test func everyTownGetsItsSharesAndSolves() throws {
        let t = try ScenarioTemplate.load(path: Self.template)
        let all = try MunicipalityInit.municipalities(template: t)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("allocate-init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for key in ["5913000", "5111000", "5370016"] {
            let m = try MunicipalityInit.find(key, in: all)
            let out = dir.appendingPathComponent("\(key).yaml").path
            let text = try MunicipalityInit.scenarioText(for: m, template: t, templatePathFromOutput: relativePath(to: Self.template, fromFolder: dir.path))
            try text.write(toFile: out, atomically: true, encoding: .utf8)
            let s = try ScenarioLoader.load(path: out).scenario
            #expect(s.schools.allSatisfy { $0.authority == key })
            #expect(s.pools.allSatisfy { $0.authorityBudgets == nil })
            // The teacher directive: 500 € × the town's teachers (Dortmund: its 6,083).
            #expect(s.pools[2].budget == Money(cents: 50_000) * s.schools.count(of: .teachers))
            if key == "5913000" { #expect(s.pools[2].budget == Money(cents: 304_150_000)) }
            let plan = try engine.solve(s)
            #expect(PlanVerifier.verify(plan).isEmpty)
        }
    }
}

@Suite(.serialized) struct StatewideTests {
    @Test func theStateSolvesPerAuthorityWithinEveryShare() throws {
        let s = try ScenarioLoader.load(path: Paths.repository.appendingPathComponent("Scenarios/nrw/state-2020.yaml").path).scenario
        #expect(s.schools.count == 5_407)
        let plan = try engine.solve(s, workers: 2)
        #expect(PlanVerifier.verify(plan).isEmpty)
        #expect(plan.authorities.count == 396)
        for a in plan.authorities { for p in a.spent.indices { #expect(a.spent[p] <= a.budgets[p]) } }
        // The shares add up to each programme's state total (160 M€ Sofortausstattung by the key);
        // Dortmund's teacher share is 500 € × its 6,083 teachers.
        #expect(plan.authorities.reduce(Money.zero) { $0 + $1.budgets[0] } == Money(cents: 16_000_000_000))
        for p in s.pools.indices { #expect(plan.authorities.reduce(Money.zero) { $0 + $1.budgets[p] } == s.pools[p].budget) }
        let dortmund = try #require(plan.authorities.first { $0.authority == "5913000" })
        #expect(dortmund.budgets[2] == Money(cents: 304_150_000))
    }

    @Test func workersDoNotChangeTheAnswerAndAuthoritiesSolveAlone() throws {
        var s = try ScenarioLoader.load(path: Paths.repository.appendingPathComponent("Scenarios/nrw/state-2020.yaml").path,
                                        overrides: ["schools.include.Schulform=Gymnasium"]).scenario
        s.name = "Gymnasien only"
        let one = try engine.solve(s, workers: 1), two = try engine.solve(s, workers: 2)
        #expect(PlanJSON.render(one, timing: false) == PlanJSON.render(two, timing: false))
        // The split scenario's authority equals the same authority solved with plain pools.
        var alone = s
        alone.schools = s.schools.filter { $0.authority == "5314000" }
        for i in alone.pools.indices {
            alone.pools[i].budget = alone.pools[i].authorityBudgets!["5314000"]!
            alone.pools[i].authorityBudgets = nil
        }
        let plain = try engine.solve(alone)
        #expect(!plain.schools.isEmpty)
        #expect(plain.schools.map(\.devices) == one.schools.filter { $0.school.authority == "5314000" }.map(\.devices))
    }
}

@Suite struct SyntheticTests {
    @Test func sameSeedSameBytesAndWholeAuthorities() throws {
        let nrw = try CSVTable.read(Paths.repository.appendingPathComponent("Scenarios/data/nrw-schools-2024-25.csv").path)
        let a = try SyntheticSchools.csv(from: nrw, schools: 6_000, seed: 7)
        let b = try SyntheticSchools.csv(from: nrw, schools: 6_000, seed: 7)
        let c = try SyntheticSchools.csv(from: nrw, schools: 6_000, seed: 8)
        #expect(a == b && a != c)
        let table = try CSVTable(text: a, file: "synthetic.csv")
        #expect(table.rows.count >= 6_000 && table.rows.count < 6_000 + 300)
        let ids = table.rows.map { $0.fields[table.column("Schulnummer")!] }
        #expect(Set(ids).count == ids.count)
    }
}
