import Foundation
import Testing
import Reports
@testable import Allocation
@testable import ScenarioFiles
import TestSupport

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

    // MARK: issue #22

    static func issue22(_ overrides: String) throws -> Scenario {
        try ScenarioLoader.load(path: Paths.defaultScenario, overrides: overrides.split(separator: " ").map(String.init)).scenario
    }

    /// Every budget fix named in an infeasibility message solves, and one cent less does not.
    static func namedFixes(_ text: String) -> [(pool: String, euros: Decimal)] {
        let pattern = try! NSRegularExpression(pattern: #"\(pools\.([A-Za-z0-9_-]+)\.budget\) by [0-9,.]+ € to ([0-9,]+\.[0-9]{2}) €"#)
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { m in
            let pool = String(text[Range(m.range(at: 1), in: text)!])
            let amount = String(text[Range(m.range(at: 2), in: text)!]).replacingOccurrences(of: ",", with: "")
            return (pool, Decimal(string: amount)!)
        }
    }

    static func solves(_ s: Scenario, pool: String, euros: Decimal) -> Bool {
        var probe = s
        let p = probe.pools.firstIndex { $0.id == pool }!
        probe.pools[p].budget = Money(euros: euros)!
        do { _ = try engine.solve(probe); return true } catch { return false }
    }

    @Test func maximinGuaranteesPupilsFirstThenTeachers() throws {
        // The joint guarantee forced teacher coverage up to the pupils' level and left pupils
        // out (4,290 of 20,168 covered); per kind, pupils first, every pupil is covered.
        let s = try Self.issue22("objective=maximin pools.sofort.budget=7927358 pools.gute-schule.budget=83383.15 pools.lehrkraefte.budget=36044.41 pools.stadt.budget=704155.96 pools.lehrkraefte.fundingRate=0.969 deviceKinds.teacher.priorityWeight=1.75")
        let plan = try engine.solve(s)
        #expect(plan.kindCoverage[0] == Ratio(1, 1))
        #expect(plan.totalDevices(kind: 0) == plan.totalNeed(kind: 0))
        #expect(plan.kindCoverage[1] != nil)
        // The joint guarantee stays available, named as such, and is what it was.
        var joint = s
        joint.maximin = MaximinRule(guarantee: .joint)
        let old = try engine.solve(joint)
        #expect(old.totalDevices(kind: 0) < plan.totalDevices(kind: 0))
        #expect(old.kindCoverage[0] == old.kindCoverage[1])
        // Teachers first: the teachers' guarantee is at least as high as with pupils first.
        var teachersFirst = s
        teachersFirst.maximin = MaximinRule(order: ["teacher", "pupil"])
        let t = try engine.solve(teachersFirst)
        #expect(t.kindCoverage[1]! >= plan.kindCoverage[1]!)
    }

    @Test func everyPoolThatAloneMakesItHoldIsNamedExactly() throws {
        let s = try Self.issue22("objective=maximin pools.sofort.budget=0.00 pools.gute-schule.budget=887861.51 pools.lehrkraefte.budget=1737346 pools.stadt.budget=302035 deviceKinds.pupil.unitPrice=631 deviceKinds.teacher.unitPrice=473 pools.lehrkraefte.capPerDevice=443.43 pools.lehrkraefte.fundingRate=0.656 deviceKinds.pupil.coverageFloor=0.14")
        let error = #expect(throws: AllocationError.self) { try engine.solve(s) }
        guard case let .infeasible(why) = error else { Issue.record("expected infeasible, got \(String(describing: error))"); return }
        let text = ErrorWords.text(why, .en)
        let fixes = Self.namedFixes(text)
        #expect(Set(fixes.map(\.pool)).isSuperset(of: ["sofort", "stadt"]), "\(text)")
        for fix in fixes {
            #expect(Self.solves(s, pool: fix.pool, euros: fix.euros), "\(fix.pool) at \(fix.euros) does not solve")
            #expect(!Self.solves(s, pool: fix.pool, euros: fix.euros - Decimal(string: "0.01")!), "\(fix.pool) one cent below \(fix.euros) solves")
        }
    }

    @Test func theShortfallIsExactToTheCent() throws {
        let s = try Self.issue22("objective=weighted pools.sofort.budget=7806100.77 pools.gute-schule.budget=148892 pools.lehrkraefte.budget=962164 deviceKinds.pupil.unitPrice=263.46 pools.sofort.fundingRate=0.8 pools.lehrkraefte.capPerDevice=462 pools.lehrkraefte.fundingRate=0.85 deviceKinds.pupil.coverageFloor=0.161 deviceKinds.teacher.priorityWeight=0.77")
        let error = #expect(throws: AllocationError.self) { try engine.solve(s) }
        guard case let .infeasible(why) = error else { Issue.record("expected infeasible, got \(String(describing: error))"); return }
        let text = ErrorWords.text(why, .en)
        let fixes = Self.namedFixes(text)
        #expect(!fixes.isEmpty, "\(text)")
        for fix in fixes {
            #expect(Self.solves(s, pool: fix.pool, euros: fix.euros), "\(fix.pool) at \(fix.euros) does not solve")
            #expect(!Self.solves(s, pool: fix.pool, euros: fix.euros - Decimal(string: "0.01")!), "\(fix.pool) one cent below \(fix.euros) solves")
        }
        // The city's own budget may pay anything: its fix adds exactly the shortfall.
        let stadt = s.pools.first { $0.id == "stadt" }!
        if let fix = fixes.first(where: { $0.pool == "stadt" }) {
            let extra = Money(euros: fix.euros)! - stadt.budget
            #expect(text.contains("cost \(extra.formatted) more than the pools can pay"), "\(text)")
        }
    }

    @Test func theReportedStageValueIsThePrintedPlans() throws {
        let s = try Self.issue22("objective=weighted pools.sofort.budget=5649253.67 pools.gute-schule.budget=471603.34 pools.lehrkraefte.budget=1560674.02 pools.stadt.budget=178505 deviceKinds.pupil.unitPrice=581.76 deviceKinds.teacher.unitPrice=594.28 pools.sofort.capPerDevice=306 deviceKinds.teacher.coverageFloor=0.17 need.priorityWeightByLevel.2=2.635 need.priorityWeightByLevel.3=3.581 need.priorityWeightByLevel.4=2.862 need.priorityWeightByLevel.5=3.807 need.priorityWeightByLevel.6=3.803 need.priorityWeightByLevel.7=0.749 need.priorityWeightByLevel.8=0.826")
        let plan = try engine.solve(s)
        let value = plan.weightedDevices(try NeedTable(plan.scenario)).doubleValue
        let stage = try #require(plan.solver.stages.first { $0.name == "need-weighted devices" })
        #expect(abs(stage.objective - value) < 1e-9 * value)
        #expect(plan.solver.objective == stage.objective)
        #expect(stage.bestBound >= stage.objective)
    }

    @Test func aMaximinOrderNamesEveryKindOnce() {
        for (override, message) in [("maximin.order=[pupil, pupil]", "listed twice"), ("maximin.order=[laptop]", "allowed: the device kinds"),
                                    ("maximin.guarantee=both", "allowed: per-kind"), ("maximin.colour=red", "colour")] {
            let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: Paths.defaultScenario, overrides: [override]) }
            #expect(error?.description.contains(message) == true, "\(override): \(String(describing: error))")
        }
    }
}
