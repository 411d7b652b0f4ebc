import Foundation
import Testing
@testable import Allocation
import LinearProgramming
import ScenarioFiles
import TestSupport

/// The quicker ways of issue #18 (state-wide solves) give what the plain ones give: the maximin
/// guarantee of one device kind from one integer program (then proven by two funding checks)
/// equals the bisection on funding checks; the shared funding model of a split scenario is
/// each authority's own; the weight sums by class are the per-school sums; and the finishing
/// budget of issue #14 item 8 reserves what finishing the rest costs.
@Suite struct StateSpeedTests {
    /// Scenarios with one kind short of money, both short, and money to spare, by objective.
    static func variants() throws -> [Scenario] {
        let base = try loadFixture("valid/small.yaml")
        var out: [Scenario] = []
        for factor in [1, 3, 7, 20, 100] {
            for mode in [ObjectiveMode.maximin, .proportional] {
                var s = base
                s.objective = mode
                for p in s.pools.indices where !s.pools[p].isOwnMoney { s.pools[p].budget = Money(cents: s.pools[p].budget.cents * factor / 10) }
                out.append(s)
            }
        }
        return out
    }

    @Test func theGuaranteeOfOneKindIsTheBisectionsGuarantee() throws {
        var checked = 0
        for s in try Self.variants() {
            try engine.withReusableSolver { (sessions) throws(AllocationError) in
                var direct = try Run(scenario: s, sessions: sessions)
                var bisection = try Run(scenario: s, sessions: sessions)
                guard (try? direct.checkFloorsFundable(direct.floors)) != nil else { return }
                var base = direct.floors
                for k in s.deviceKinds.indices {
                    for roundUp in [true, false] {
                        let a = try direct.largestFundableShare(base: base, roundUp: roundUp, kinds: [k])
                        let b = try bisection.largestFundableShare(base: base, roundUp: roundUp, kinds: [k], direct: false)
                        #expect(a.share == b.share && a.devices == b.devices && a.bound == b.bound && !a.stopped,
                                "kind \(k), roundUp \(roundUp): \(a.share) against \(b.share)")
                        checked += 1
                    }
                    base = try direct.largestFundableShare(base: base, roundUp: true, kinds: [k]).devices
                }
            }
        }
        #expect(checked >= 20)
    }

    /// Issue 18: the guarantee of one kind costs one funding solve (the most fundable program)
    /// where its share is proven fundable exactly in cents from that program's grant devices,
    /// and the next share needs more devices than that proven most (before: two funding checks
    /// more). The answer stays the bisection's (above).
    @Test func theGuaranteeOfOneKindTakesOneFundingSolve() throws {
        var checked = 0
        for s in try Self.variants() where s.objective == .maximin {
            let recorder = FundingRecorder()
            try AllocationEngine(solver: recorder).withReusableSolver { (sessions) throws(AllocationError) in
                var run = try Run(scenario: s, sessions: sessions)
                guard (try? run.checkFloorsFundable(run.floors)) != nil else { return }
                for k in s.deviceKinds.indices {
                    let before = recorder.fundingSolves
                    let r = try run.largestFundableShare(base: run.floors, roundUp: true, kinds: [k])
                    if r.share < Ratio(1, 1) {
                        #expect(recorder.fundingSolves - before == 1, "kind \(k): \(recorder.fundingSolves - before) funding solves")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked >= 2)
    }

    /// Whole solves through the direct way still give verified plans whose guarantees are the
    /// largest the money reaches: one more device per school at the guarantee's next step is not fundable.
    @Test func splitSolvesStayVerified() throws {
        let folder = try SplitScenarioFolder()
        let scenario = try ScenarioLoader.load(path: try folder.scenario()).scenario
        let plan = try engine.solve(scenario, workers: 2)
        #expect(PlanVerifier.verify(plan).isEmpty)
        #expect(plan.solver.status == .optimal)
        let one = try engine.solve(scenario, workers: 1)
        #expect(one.schools.map(\.devices) == plan.schools.map(\.devices))
    }

    /// Each authority's funding model from the split's shared one (budget rows set to its
    /// shares) is exactly the model built from the authority's own scenario.
    @Test func theSharedFundingModelIsEachAuthoritysOwn() throws {
        let folder = try SplitScenarioFolder()
        let scenario = try ScenarioLoader.load(path: try folder.scenario()).scenario
        let split = try #require(try AuthoritySplit.make(scenario))
        try engine.withReusableSolver { (sessions) throws(AllocationError) in
            for part in split.scenarios {
                let shared = try Run(scenario: part, sessions: sessions, shared: split.shared)
                let own = try Run(scenario: part, sessions: sessions)
                #expect(shared.fundingModel.program == own.fundingModel.program)
                #expect(shared.table.eligible == own.table.eligible && shared.table.grantCents == own.table.grantCents)
            }
        }
    }

    @Test func weightSumsByClassAreTheSumsBySchool() throws {
        let folder = try SplitScenarioFolder()
        for s in [try loadFixture("valid/small.yaml"), try ScenarioLoader.load(path: try folder.scenario()).scenario] {
            let needs = try NeedTable(s)
            var rng = SplitMix64(seed: 18)
            for _ in 0..<20 {
                let devices = needs.entries.map { row in row.map { e in e.need == 0 ? 0 : Int(rng.next() % UInt64(e.need + 1)) } }
                var plain = Decimal(0)
                for (s, row) in needs.entries.enumerated() { for k in row.indices { plain += Decimal(devices[s][k]) * row[k].weight } }
                #expect(needs.weightedSum(devices) == plain)
                #expect(needs.weightedSum(devices).doubleValue == plain.doubleValue)
            }
            var least: Decimal?
            for row in needs.entries { for e in row where e.need > 0 && e.weight > 0 { if least == nil || e.weight < least! { least = e.weight } } }
            #expect(needs.leastPositiveWeight == least)
            for row in needs.entries { for e in row { #expect(needs.weightClasses[e.weightClass] == e.weight) } }
        }
    }

    /// Nothing measured: the search may run to the deadline. Then the reserve is what finishing
    /// cost per school and kind, times what is left per worker plus the whole plan's check.
    @Test func theFinishingBudgetReservesWhatFinishingCosts() {
        let deadline = ContinuousClock.now.advanced(by: .seconds(100))
        let budget = FinishingBudget(deadline: deadline, workers: 2, cells: [100, 100, 200])
        #expect(budget.searchDeadline() == deadline)
        budget.finished(0, seconds: 0.01)   // 0.1 ms per cell; 300 cells left on 2 workers, 400 to verify
        let reserve = budget.searchDeadline().duration(to: deadline)
        #expect(abs(reserve.seconds - 0.0001 * (300.0 / 2 + 400)) < 1e-6, "\(reserve)")
        budget.finished(1, seconds: 0.03)   // now 0.2 ms per cell, 200 left
        #expect(abs(budget.searchDeadline().duration(to: deadline).seconds - 0.0002 * (200.0 / 2 + 400)) < 1e-6)
    }
}
