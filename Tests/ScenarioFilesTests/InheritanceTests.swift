import Foundation
import Testing
@testable import Allocation
@testable import ScenarioFiles
import TestSupport

/// What-if files: `extends:` chains and `--set` overrides, laid over their base.
@Suite struct InheritanceAndOverrides {
    @Test func childOverridesOnlyWhatItNames() throws {
        let base = try loadFixture("valid/small.yaml")
        let child = try loadFixture("whatif/child.yaml")
        #expect(child.name == "Small city, child")
        #expect(child.pools[0].budget == Money(cents: 3_000_000))
        #expect(child.pools[1] == base.pools[1])
        #expect(child.need.priorityWeightByLevel[9] == Decimal(string: "2.5"))
        #expect(child.need.priorityWeightByLevel[8] == base.need.priorityWeightByLevel[8])
        #expect(child.schools == base.schools)  // the data path is relative to the base file
    }

    @Test func chainsAndSchoolOverrides() throws {
        let loaded = try ScenarioLoader.load(path: Paths.fixture("whatif/grandchild.yaml"))
        let s = loaded.scenario
        #expect(s.objective == .weighted)
        #expect(s.pools[0].budget == Money(cents: 3_000_000))
        let beta = try #require(s.schools.first { $0.id == "100002" })
        #expect(beta.pupils == 400 && beta.socialIndex == 7)
        #expect(loaded.inputFiles.count == 4)  // grandchild, child, small, schools.csv
    }

    @Test func setOverridesOnTheCommandLine() throws {
        let s = try ScenarioLoader.load(path: Paths.fixture("valid/small.yaml"),
                                        overrides: ["pools.stadt.budget=12345.67", "need.pupilShareByLevel.1=0.5",
                                                    "objective=proportional", "deviceKinds.pupil.unitPrice=400"]).scenario
        #expect(s.pools[3].budget == Money(cents: 1_234_567))
        #expect(s.need.pupilShareByLevel[1] == Decimal(string: "0.5"))
        #expect(s.objective == .proportional)
        #expect(s.deviceKinds[0].unitPrice == Money(cents: 40_000))
    }

    @Test(arguments: [
        ("pools.sofort.budgte=1", "--set pools.sofort.budgte=1: pools.sofort.budgte: unknown key (did you mean 'budget'?)"),
        ("pools.sofort.budget=-5", "found -5, expected an amount in euros"),
        ("pools.sofort.budget=[1, 2]", "expected text, found a list"),
        ("objective", "expected key.path=value"),
        ("pools..budget=1", "has an empty part"),
        ("extends=x.yaml", "extends cannot be set"),
    ])
    func badOverridesAreExplained(_ override: String, _ expected: String) {
        let error = #expect(throws: ScenarioError.self) {
            try ScenarioLoader.load(path: Paths.fixture("valid/small.yaml"), overrides: [override])
        }
        #expect(error?.description.contains(expected) == true, "\(String(describing: error))")
    }

    @Test func cyclesAreNamed() {
        let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: Paths.fixture("whatif/cycle-a.yaml")) }
        #expect(error?.description.contains("extends forms a cycle") == true)
        #expect(error?.description.contains("cycle-a.yaml -> ") == true && error?.description.contains("cycle-b.yaml") == true)
    }

    @Test func errorsInAnInheritingFileNameThatFile() {
        let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: Paths.fixture("whatif/bad-override-key.yaml")) }
        #expect(error?.file.hasSuffix("whatif/bad-override-key.yaml") == true)
        #expect(error?.line == 4)
        let school = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: Paths.fixture("whatif/unknown-school.yaml")) }
        #expect(school?.description.contains("no school with number 999999") == true)
        let base = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: Paths.fixture("whatif/missing-base.yaml")) }
        #expect(base?.description.contains("no-such-base.yaml: file not found") == true)
    }

    @Test func everyShippedWhatIfFileRuns() throws {
        let dir = Paths.repository.appendingPathComponent("Scenarios/what-if")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 5)
        for f in files {
            let plan = try engine.solve(try ScenarioLoader.load(path: dir.appendingPathComponent(f).path).scenario)
            #expect(PlanVerifier.verify(plan).isEmpty, "\(f)")
        }
    }
}
