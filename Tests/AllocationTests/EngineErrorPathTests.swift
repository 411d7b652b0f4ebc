import Foundation
import Testing
import Allocation
import LinearProgramming
import ScenarioFiles
import TestSupport

/// The engine's error paths, driven by a scripted solver (no GLPK): a stage stopped by the
/// time limit, an infeasible stage, a failing solver, a funding check out of time, a
/// cancellation (a failure in the middle of a sweep: Tests/WhatIfTests/SweepErrorPathTests.swift).
/// Unscripted, the scripted solver answers each program with its lowest point, so the plan
/// the engine builds around it is one of no devices at all, verified like any other.
@Suite struct EngineErrorPathTests {
    /// The small test city, need-weighted (its stages: weighted devices, tie-break).
    static func scenario() throws -> Scenario {
        var s = try loadFixture("valid/small.yaml")
        s.objective = .weighted
        return s
    }

    /// An integer stage of the full model (not a funding check, not the LP relaxation).
    static func isIntegerStage(_ call: ScriptedSolver.Call) -> Bool {
        call.program.name != "funding" && call.program.hasIntegers
    }

    @Test func theUnscriptedSolverGivesAVerifiedPlanOfNoDevices() throws {
        let solver = ScriptedSolver()
        let plan = try AllocationEngine(solver: solver).solve(try Self.scenario())
        #expect(PlanVerifier.verify(plan).isEmpty)
        #expect(plan.scenario.deviceKinds.indices.allSatisfy { plan.totalDevices(kind: $0) == 0 })
        #expect(plan.solver.status == .optimal && !plan.solver.stoppedAtTimeLimit)
        // (No own-money stage: the city's own money has no budget.)
        #expect(plan.solver.stages.map(\.name) == ["need-weighted devices", "tie-break"])
        #expect(solver.calls.contains { Self.isIntegerStage($0) })
    }

    /// The first integer stage finds no point before the time limit: the plan is the verified
    /// start (the rounded LP optimum), marked as stopped, not an error.
    @Test func aStageWithoutAPointAtTheTimeLimitGivesTheVerifiedStart() throws {
        let solver = ScriptedSolver { Self.isIntegerStage($0) ? .status(.noSolutionFound) : .lowestPoint }
        let plan = try AllocationEngine(solver: solver).solve(try Self.scenario())
        #expect(PlanVerifier.verify(plan).isEmpty)
        #expect(plan.solver.stoppedAtTimeLimit)
        #expect(plan.solver.status == .feasible)
        #expect(plan.solver.stages.map(\.name) == ["need-weighted devices"])
        #expect(plan.solver.stages[0].status == .feasible)
    }

    /// The stage stops at the time limit with a point and a proven bound 10 weighted devices
    /// above it: the plan is not optimal, and it is at most 10 devices (the smallest weight is
    /// 1, teachers' `priorityWeight`) from the best possible.
    @Test func aStageStoppedWithAPointReportsItsProvenBound() throws {
        let solver = ScriptedSolver { call in
            Self.isIntegerStage(call) && call.program.objective.direction == .maximize && call.program.constraints.allSatisfy { !$0.name.hasPrefix("keep_") }
                ? .status(.feasible, bestBound: 10) : .lowestPoint
        }
        let plan = try AllocationEngine(solver: solver).solve(try Self.scenario())
        #expect(PlanVerifier.verify(plan).isEmpty)
        #expect(plan.solver.status == .feasible)
        #expect(!plan.solver.stoppedAtTimeLimit)
        #expect(plan.solver.objectiveName == "need-weighted devices")
        #expect(plan.solver.objective == 0 && plan.solver.bestBound == 10)
        #expect(plan.solver.gapDevices == 10)
    }

    /// A stage that is infeasible although the floors were shown fundable is an internal
    /// error naming the stage — never a plan.
    @Test func anInfeasibleStageIsAnErrorNamingTheStage() throws {
        let solver = ScriptedSolver { Self.isIntegerStage($0) ? .status(.infeasible) : .lowestPoint }
        let error = #expect(throws: AllocationError.self) { try AllocationEngine(solver: solver).solve(try Self.scenario()) }
        let text = try #require(error).description
        #expect(text.contains("need-weighted devices") && text.contains("infeasible"), "\(text)")
    }

    /// The solver fails on its fourth call (inside the stages): the failure is passed on as it is.
    @Test func aSolverFailureIsPassedOn() throws {
        let solver = ScriptedSolver { $0.index == 3 ? .fail(.solverFailure("scripted failure")) : .lowestPoint }
        let error = #expect(throws: AllocationError.self) { try AllocationEngine(solver: solver).solve(try Self.scenario()) }
        #expect(error == .solver(.solverFailure("scripted failure")))
        #expect(solver.calls.count == 4)
    }

    /// A funding check (a small program, solved in milliseconds) that runs out of time: no plan.
    @Test func aFundingCheckOutOfTimeIsNoPlan() throws {
        let solver = ScriptedSolver { $0.program.name == "funding" ? .status(.noSolutionFound) : .lowestPoint }
        let error = #expect(throws: AllocationError.self) { try AllocationEngine(solver: solver).solve(try Self.scenario()) }
        guard case .noPlanFound? = error else {
            Issue.record("expected noPlanFound, got \(String(describing: error))")
            return
        }
    }

    /// A cancellation noticed inside a solve stops the whole solve as one error.
    @Test func aCancellationInsideASolveIsOneError() throws {
        let token = Cancellation()
        let solver = ScriptedSolver { call in
            guard call.index == 2 else { return .lowestPoint }
            token.cancel()
            return .fail(.cancelled)
        }
        let error = #expect(throws: AllocationError.self) {
            try AllocationEngine(solver: solver).solve(try Self.scenario(), workers: 1, cancellation: token)
        }
        #expect(error == .cancelled)
        #expect(solver.calls.count == 3)
    }
}
