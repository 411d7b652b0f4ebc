import Foundation
import Testing
@testable import Allocation
import LinearProgramming
import Reports
import ScenarioFiles
import TestSupport

@Suite struct EngineTests {
    @Test(arguments: ObjectiveMode.allCases)
    func everyObjectiveGivesAVerifiedPlan(_ mode: ObjectiveMode) throws {
        var s = try loadFixture("valid/small.yaml")
        s.objective = mode
        // Money is conserved: the pools spend what the devices cost, each pool its total in the
        // model's funding solution.
        let plan = try solveCheckingThatMoneyIsConserved(s)
        #expect(PlanVerifier.verify(plan).isEmpty)
        #expect(plan.solver.bestBound >= plan.solver.objective - 1e-6)
        for use in plan.pools { #expect(use.spent <= use.pool.budget) }
    }

    @Test func smallCityByHand() throws {
        // Pupil need: Alpha 200×3/4×0.40 = 60, Beta 300×3/4×0.10 = 22.5 → 23 (half up),
        // Gamma 900×0.30 = 270, Delta 800×0.05 = 40, Epsilon 120×0.9×0.45 = 48.6 → 49, Zeta 500×0.20 = 100.
        let s = try loadFixture("valid/small.yaml")
        let needs = try NeedTable(s)
        let order = s.schools.map(\.id)
        #expect(order == ["100001", "100002", "100003", "100004", "100005", "100006"])
        #expect(needs.entries.map { $0[0].need } == [60, 23, 270, 40, 49, 100])
        #expect(needs.totalNeed(kind: 1) == 224)
        let plan = try engine.solve(s)
        // Sofort pays 315 € per pupil device (90 % of 350): 40,000 € buy 126 grant-funded devices;
        // each leaves a 35 € own share, which Gute Schule pays (126 × 35 = 4,410 €).
        // Teachers: 500 € per device from the directive (60,000 € → 120 devices), 20 € above the cap from Gute Schule.
        // Gute Schule: 6,000 € − 4,410 € = 1,590 € → 79 teacher top-ups; so 79 teacher devices... but the
        // optimiser may trade pupil own shares against teacher top-ups; check only the hard facts:
        let sofort = plan.pools[0], gute = plan.pools[1]
        #expect(sofort.spent.cents % 31_500 == 0)
        #expect(sofort.spent <= Money(cents: 4_000_000))
        #expect(gute.spent <= Money(cents: 600_000))
        #expect(plan.ownMoneySpent == .zero)
        let pupils = plan.totalDevices(kind: 0), teachers = plan.totalDevices(kind: 1)
        // Every device is fully paid: 350 € × pupils + 520 € × teachers = all money spent.
        #expect(plan.totalCost == Money(cents: 35_000 * pupils + 52_000 * teachers))
        // Without own money, every pupil device needs a Sofort grant and every teacher device a directive grant.
        #expect(pupils == sofort.spent.cents / 31_500)
        #expect(Money(cents: 3_500 * pupils + 2_000 * teachers) == gute.spent)
    }

    @Test func maximinGuaranteesItsCoverageAndNoLessThanTheFormula() throws {
        var s = try loadFixture("valid/small.yaml")
        s.objective = .maximin
        let maximin = try engine.solve(s)
        s.objective = .proportional
        let formula = try engine.solve(s)
        let t = try #require(maximin.guaranteedCoverage)
        // The formula's smallest coverage (its share, rounded down per school) is never above maximin's.
        let formulaMin = formula.schools.flatMap { a in a.devices.indices.filter { a.need[$0] > 0 }
            .map { Ratio(a.devices[$0], a.need[$0]) } }.min()!
        #expect(t >= formulaMin)
        for a in maximin.schools { for k in a.devices.indices where a.need[k] > 0 {
            #expect(t.isReached(by: a.devices[k], of: a.need[k]))
        } }
    }

    @Test func theFormulaNeverBeatsTheOptimiserOnItsOwnObjective() throws {
        var s = try loadFixture("valid/small.yaml")
        let needs = try NeedTable(s)
        s.objective = .weighted
        let optimiser = try engine.solve(s)
        s.objective = .proportional
        let formula = try engine.solve(s)
        #expect(formula.weightedDevices(needs) <= optimiser.weightedDevices(needs))
    }

    @Test(arguments: [ObjectiveMode.weighted, .maximin])
    func moreMoneyNeverCoversFewerPupils(_ mode: ObjectiveMode) throws {
        var s = try loadFixture("valid/small.yaml")
        s.objective = mode
        var previous = -1
        for budget in stride(from: 0, through: 80_000, by: 8_000) {
            s.pools[0].budget = Money(cents: budget * 100)
            let plan = try engine.solve(s)
            let pupils = plan.totalDevices(kind: 0)
            #expect(pupils >= previous, "budget \(budget): \(pupils) pupil devices after \(previous)")
            previous = pupils
        }
    }

    @Test func schoolOrderChangesNothing() throws {
        let s = try loadFixture("valid/small.yaml")
        var shuffled = s
        shuffled.schools.reverse()
        shuffled.schools.swapAt(0, 3)
        #expect(PlanJSON.render(try engine.solve(s), timing: false) == PlanJSON.render(try engine.solve(shuffled), timing: false))
    }

    @Test func ownMoneyIsSpentLast() throws {
        var s = try loadFixture("valid/small.yaml")
        s.objective = .weighted
        s.pools[3].budget = Money(cents: 1_000_000) // 10,000 € of the city's own
        let plan = try engine.solve(s)
        #expect(PlanVerifier.verify(plan).isEmpty)
        // Own money is spent only where grants and Gute Schule are exhausted.
        let sofortLeft = plan.pools[0].remaining, guteLeft = plan.pools[1].remaining
        #expect(plan.ownMoneySpent > .zero)
        #expect(sofortLeft < Money(cents: 31_500) || guteLeft < Money(cents: 3_500))
    }

    @Test func minCostSpendsNoOwnMoneyWithoutFloors() throws {
        var s = try loadFixture("valid/small.yaml")
        s.objective = .minCost
        s.pools[3].budget = Money(cents: 1_000_000)
        let plan = try engine.solve(s)
        #expect(plan.ownMoneySpent == .zero)
    }

    @Test func infeasibleFloorNamesTheRuleAndTheMissingMoney() throws {
        let s = try loadFixture("valid/infeasible-floor.yaml")
        let error = #expect(throws: AllocationError.self) { try engine.solve(s) }
        guard case let .infeasible(why)? = error else { Issue.record("not infeasible: \(String(describing: error))"); return }
        let explanation = ErrorWords.text(why, .en)
        #expect(why.rule == .coverageFloors)
        #expect(explanation.contains("pupil devices 95 %"))
        #expect(explanation.contains("more than the pools can pay"))
    }
}

@Suite struct VerifierTests {
    func solvedSmall() throws -> Plan { try engine.solve(try loadFixture("valid/small.yaml")) }

    @Test func aCleanPlanPasses() throws { #expect(PlanVerifier.verify(try solvedSmall()).isEmpty) }

    @Test func anExtraDeviceWithoutMoneyIsCaught() throws {
        var plan = try solvedSmall()
        plan.schools[0].devices[0] += 1
        #expect(PlanVerifier.verify(plan).contains { $0.contains("cost") || $0.contains("outside") })
    }

    @Test func aCentMovedBetweenSchoolsIsCaught() throws {
        var plan = try solvedSmall()
        plan.schools[0].funding[0][1] += Money(cents: 1)
        plan.schools[1].funding[0][1] -= Money(cents: 1)
        #expect(!PlanVerifier.verify(plan).isEmpty)
    }

    @Test func anOverspentPoolIsCaught() throws {
        var plan = try solvedSmall()
        plan.scenario.pools[0].budget = plan.pools[0].spent - Money(cents: 1)
        #expect(PlanVerifier.verify(plan).contains { $0.contains("pool sofort spends") })
    }

    @Test func aGrantPayingAnIneligibleKindIsCaught() throws {
        var plan = try solvedSmall()
        plan.scenario.pools[0].kinds = ["teacher"]
        #expect(PlanVerifier.verify(plan).contains { $0.contains("which it may not") })
    }

    @Test func aDeviceAboveNeedIsCaught() throws {
        var plan = try solvedSmall()
        let k = 0
        plan.schools[2].need[k] = plan.schools[2].devices[k] - 1
        #expect(!PlanVerifier.verify(plan).isEmpty)
    }

    /// One deadline for the whole solve (issue #14, item 8): the state-wide scenario, whose
    /// solve takes several seconds, stops near the limit with a verified plan and its bound.
    @Test func theTimeLimitIsADeadlineForTheWholeSolve() throws {
        var s = try ScenarioLoader.load(path: Paths.repository.appendingPathComponent("Scenarios/nrw/state-2020.yaml").path).scenario
        let clock = ContinuousClock()
        s.solver.timeLimitSeconds = 600
        var start = clock.now
        _ = try engine.solve(s, workers: 2)
        let full = (clock.now - start) / .seconds(1)
        s.solver.timeLimitSeconds = 0.5
        start = clock.now
        let plan = try engine.solve(s, workers: 2)
        let seconds = (clock.now - start) / .seconds(1)
        // The unlimited solve again: the load of the machine (other tests, other builds) may
        // change while the limited one runs; the slower of the two measures that load.
        s.solver.timeLimitSeconds = 600
        start = clock.now
        _ = try engine.solve(s, workers: 2)
        let slower = max(full, (clock.now - start) / .seconds(1))
        // Alone on a machine: about 1 s, against about 4 s without the limit (debug build).
        // Other tests running at the same time slow both alike, hence also the relative bound.
        #expect(seconds < 2.5 || seconds < 0.5 + 0.5 * slower, "took \(seconds) s, \(full) s and \(slower) s without the limit")
        #expect(plan.solver.stoppedAtTimeLimit)
        #expect(plan.solver.status == .feasible)
        #expect(PlanVerifier.verify(plan).isEmpty)
        for stage in plan.solver.stages where stage.name != "own money spent" { #expect(stage.bestBound >= stage.objective - 1e-6 * max(1, abs(stage.objective)), "\(stage)") }
        #expect(TerminalSummary.render(plan, timing: false).contains("Status: stopped at the time limit"))
    }

    /// A cancelled solve (issue #14, item 7: the web client hung up) stops within moments,
    /// wherever it is (a funding check, a stage, inside GLPK), and gives no plan.
    @Test func aCancelledSolveStopsWithinMoments() throws {
        var s = try ScenarioLoader.load(path: Paths.repository.appendingPathComponent("Scenarios/nrw/state-2020.yaml").path).scenario
        s.solver.timeLimitSeconds = 600
        let clock = ContinuousClock()
        // The token fires well before the solve could end: alone, the debug build solves NRW in
        // about 0.9 s with one worker and 0.6 s with two (issue 18's sixth round; 4 s before).
        for (workers, after) in [(1, 0.1), (2, 0.15), (1, 0.25)] {
            let start = clock.now
            #expect(throws: AllocationError.cancelled) {
                _ = try engine.solve(s, workers: workers, cancellation: .after(seconds: after))
            }
            let seconds = (clock.now - start) / .seconds(1)
            // Alone on a machine it stops about 0.1 s after the token fires; the margin is for
            // other tests running at the same time.
            #expect(seconds < after + 1.5, "cancelled after \(after) s, stopped after \(seconds) s (\(workers) workers)")
        }
        // Already cancelled: no solve at all.
        let token = Cancellation()
        token.cancel()
        #expect(throws: AllocationError.cancelled) { _ = try engine.solve(s, workers: 1, cancellation: token) }
    }
}
