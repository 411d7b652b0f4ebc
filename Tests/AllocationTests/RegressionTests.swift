import Foundation
import Testing
@testable import Allocation
@testable import ScenarioFiles

/// Defects found in review, each with the input that showed it.
@Suite struct RegressionTests {
    @Test func aBudgetOneCentShortOfWholeDevicesIsNotOverspent() throws {
        // 1519.999995 devices used to count as 1520 (GLPK's default integrality tolerance).
        let s = try ScenarioLoader.load(path: Paths.fixture("valid/small.yaml"), overrides: [
            "deviceKinds.teacher.unitPrice=2000", "pools.lehrer.capPerDevice=2000", "pools.lehrer.budget=199999.99",
        ]).scenario
        let plan = try engine.solve(s)
        #expect(plan.pools[2].spent <= plan.pools[2].pool.budget)
        #expect(plan.totalDevices(kind: 1) == 99)
    }

    @Test(arguments: [
        ("pools.sofort.fundingRate=0.00001", "pays 0.00 € per pupil device"),
        ("schools.columns.name=[]", "an empty list"),
        ("need.pupilShareByLevel.9=0.1234567", "more than 6 decimals"),
        ("pools.sofort.ownMoney=true", "a grant cannot be the city's own money"),
    ])
    func refusedWithAMessage(_ override: String, _ message: String) {
        let error = #expect(throws: ScenarioError.self) {
            try ScenarioLoader.load(path: Paths.fixture("valid/small.yaml"), overrides: [override])
        }
        #expect(error?.description.contains(message) == true, "\(override): \(String(describing: error))")
    }

    @Test func explainRefusesPoolsSplitAmongAuthorities() throws {
        let s = try ScenarioLoader.load(path: Paths.repository.appendingPathComponent("Scenarios/nrw/state-2020.yaml").path,
                                        overrides: ["schools.include.Schulform=Gymnasium"]).scenario
        let error = #expect(throws: AllocationError.self) { try engine.explain(s) }
        #expect(error?.description.contains("allocate init --municipality") == true)
    }

    @Test func teacherEstimatesDoNotDependOnTheRowOrder() throws {
        let data = Paths.repository.appendingPathComponent("Scenarios/data/dortmund-schools-2024-25.csv").path
        var lines = try String(contentsOfFile: data, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true)
        let header = lines.removeFirst()
        let reversed = FileManager.default.temporaryDirectory.appendingPathComponent("reversed-\(UUID().uuidString).csv").path
        try ([header] + lines.reversed()).joined(separator: "\n").appending("\n").write(toFile: reversed, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: reversed) }
        let a = try ScenarioLoader.load(path: Paths.defaultScenario).scenario
        let b = try ScenarioLoader.load(path: Paths.defaultScenario, overrides: ["schools.file=\(reversed)"]).scenario
        let teachers = { (s: Scenario) in Dictionary(uniqueKeysWithValues: s.schools.map { ($0.id, $0.teachers) }) }
        #expect(teachers(a) == teachers(b))
    }
}
