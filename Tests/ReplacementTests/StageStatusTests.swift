import Testing
import Foundation
import Allocation
import LinearProgramming
import GLPKSolver
import Replacement
import TestSupport

/// Issue 19: a stage not proven optimal says why — a time limit stopped it (`feasible`: the
/// deadline cut a solve it needed), GLPK's search ended at its work limit (`workLimit`, a node
/// count: the same on every machine), or GLPK's integer search was not run because the program
/// is too large, so its bound is only an LP relaxation's (`notSearched`). Decided in one place (`TerminationStatus.ofStage`); the words:
/// `Tests/ReportsTests/YearsStatusWordsTests.swift`.
@Suite struct StageStatusTests {
    @Test func decidedInOnePlace() {
        #expect(TerminationStatus.ofStage(proven: true, searched: true, stopped: true) == .optimal)
        #expect(TerminationStatus.ofStage(proven: true, searched: false, stopped: false) == .optimal)
        // A search that ended at its work limit (a node count) is not "stopped at the time limit".
        #expect(TerminationStatus.ofStage(proven: false, searched: true, stopped: false) == .workLimit)
        #expect(TerminationStatus.ofStage(proven: false, searched: true, stopped: true) == .feasible)
        #expect(TerminationStatus(rawValue: "work-limit") == .workLimit)
        #expect(SolveResult(status: .workLimit, objective: 1, bestBound: 2, values: [1], seconds: 0).hasSolution)
        #expect(TerminationStatus.ofStage(proven: false, searched: false, stopped: true) == .feasible)
        #expect(TerminationStatus.ofStage(proven: false, searched: false, stopped: false) == .notSearched)
        #expect(TerminationStatus(rawValue: "not-searched") == .notSearched)
        #expect(SolveResult(status: .notSearched, objective: 1, bestBound: 2, values: [1], seconds: 0).hasSolution)
    }

    /// A city above the size GLPK's search is run for (more than 2,000 integer columns) with time
    /// to spare: every stage not proven is "not searched", none "stopped at the time limit".
    @Test func aLargeProgramWithTimeToSpareIsNotSearched() throws {
        let city = ReplacementScenario.syntheticCity(schools: 60, seed: 3)
        let out = try ReplacementPlanner.solve(city, solver: GLPKSolver(), options: SolveOptions(relativeGap: 1e-6, timeLimitSeconds: 300))
        #expect(out.check.isValid)
        #expect(!out.stages.contains { $0.status == .feasible }, "\(out.stages.map(\.status))")
        #expect(out.stages.contains { $0.status == .notSearched }, "\(out.stages.map(\.status))")
    }

    /// A deadline already passed: every stage not proven was stopped by it, none "not searched".
    @Test func aPassedDeadlineStopsTheStages() throws {
        let city = ReplacementScenario.syntheticCity(schools: 3, seed: 2)
        let out = try ReplacementPlanner.solve(city, solver: GLPKSolver(), options: SolveOptions(relativeGap: 1e-6, timeLimitSeconds: 30),
                                               deadline: .now)
        #expect(out.check.isValid)
        #expect(!out.stages.contains { $0.status == .notSearched }, "\(out.stages.map(\.status))")
        #expect(out.stages.contains { $0.status == .feasible }, "\(out.stages.map(\.status))")
    }
}
