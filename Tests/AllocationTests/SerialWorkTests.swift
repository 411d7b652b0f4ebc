import Foundation
import Testing
@testable import Allocation
import LinearProgramming
import ScenarioFiles
import TestSupport

/// Issue 18, the work around the authorities' solves: a scenario without floors needs no
/// funding solve to prove its floors, and the verifier's two halves (a big plan on two
/// threads) find what one pass finds, in the same order.
@Suite struct SerialWorkTests {
    @Test func floorsOfNothingNeedNoFundingSolve() throws {
        let base = try loadFixture("valid/small.yaml")
        for floor in [Decimal(0), Decimal(string: "0.2")!] {
            var s = base
            for k in s.deviceKinds.indices { s.deviceKinds[k].coverageFloor = floor }
            let recorder = FundingRecorder()
            try AllocationEngine(solver: recorder).withReusableSolver { (sessions) throws(AllocationError) in
                let run = try Run(scenario: s, sessions: sessions)
                try run.checkFloorsFundable(run.floors)
            }
            #expect(recorder.fundingSolves == (floor == 0 ? 0 : 1), "floor \(floor): \(recorder.fundingSolves) funding solves")
        }
    }

    /// A split plan, right and then broken in both halves (devices, money, a share overspent,
    /// a school of another authority): the same findings from one pass and from two halves.
    @Test func theVerifiersHalvesFindWhatOnePassFinds() throws {
        let folder = try SplitScenarioFolder()
        let scenario = try ScenarioLoader.load(path: try folder.scenario()).scenario
        let plan = try engine.solve(scenario, workers: 2)
        #expect(PlanVerifier.verify(plan, halvesFrom: 2).isEmpty && PlanVerifier.verify(plan, halvesFrom: .max).isEmpty)
        let n = plan.schools.count
        #expect(n >= 6)
        var broken = plan
        for i in Set([1, n / 2 - 1, n / 2 + 1, n - 1]).sorted() {
            broken.schools[i].devices[0] += 1
            broken.schools[i].funding[0][0] = broken.schools[i].funding[0][0] + Money(cents: 7)
        }
        // A school moved to the last school's authority: its money counts against that share.
        broken.schools[0].school.authority = broken.schools[n - 1].school.authority
        // Every authority overspends its own-money share (budgets of a few euros).
        for i in broken.schools.indices { broken.schools[i].funding[1][3] = broken.schools[i].funding[1][3] + Money(cents: 10_000) }
        let one = PlanVerifier.verify(broken, halvesFrom: .max), two = PlanVerifier.verify(broken, halvesFrom: 2)
        #expect(one.count > 8)
        #expect(one == two)
        #expect(one.contains { $0.hasPrefix("pool stadt spends") && $0.contains("for authority") })
    }

    /// Each half works out its own schools' needs (issue 18): a need or floor broken in either
    /// half is found as one pass finds it, and rules that fail for a school in the second half
    /// give the one finding one pass gives.
    @Test func theVerifiersHalvesWorkOutTheNeedsAsOnePassDoes() throws {
        let folder = try SplitScenarioFolder()
        let scenario = try ScenarioLoader.load(path: try folder.scenario()).scenario
        let plan = try engine.solve(scenario, workers: 2)
        let n = plan.schools.count
        var broken = plan
        for i in [0, n - 1] {
            broken.schools[i].need[0] += 3
            broken.schools[i].devices[0] = 0  // below any floor above zero, and a coverage too small
        }
        let one = PlanVerifier.verify(broken, halvesFrom: .max), two = PlanVerifier.verify(broken, halvesFrom: 2)
        #expect(one.contains { $0.contains("need") && $0.contains("the rules give") })
        #expect(one == two)
        // A school in the second half at an index level the rules have no share for.
        var noRule = plan
        let missing = (1...9).first { plan.scenario.need.pupilShareByLevel[$0] == nil } ?? 42
        noRule.scenario.schools[n - 1].socialIndex = missing
        noRule.schools[n - 1].school.socialIndex = missing
        let whole = PlanVerifier.verify(noRule, halvesFrom: .max), halves = PlanVerifier.verify(noRule, halvesFrom: 2)
        #expect(whole == ["the scenario's needs cannot be computed"])
        #expect(halves == whole)
    }
}
