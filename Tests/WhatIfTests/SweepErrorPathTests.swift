import Foundation
import Testing
import Allocation
import LinearProgramming
import ScenarioFiles
import TestSupport
import WhatIf

/// A sweep's error paths, driven by a scripted solver (no GLPK).
@Suite struct SweepErrorPathTests {
    /// A sweep whose solver fails at its third point: the sweep stops with an error that names
    /// the point, and no partial result comes back.
    @Test func aSolverFailureMidSweepNamesThePoint() throws {
        let template = try ScenarioTemplate.load(path: Paths.fixture("valid/small.yaml"), overrides: ["objective=weighted"])
        // How many solves the first two points take (the engine is deterministic).
        let counting = ScriptedSolver()
        let two = try Sweep.run(template: template, axes: [try SweepAxis(parsing: "pools.sofort.budget=0:10000:2")],
                                engine: AllocationEngine(solver: counting))
        #expect(two.points.count == 2)
        let callsForTwoPoints = counting.calls.count
        try #require(callsForTwoPoints > 0)

        // The solver breaks at the third point's first solve and stays broken (the rounded
        // start's solve may fail quietly: it is only a start; the next solve fails the sweep).
        let failing = ScriptedSolver { $0.index >= callsForTwoPoints ? .fail(.solverFailure("scripted failure")) : .lowestPoint }
        let error = #expect(throws: SweepError.self) {
            try Sweep.run(template: template, axes: [try SweepAxis(parsing: "pools.sofort.budget=0:40000:5")],
                          engine: AllocationEngine(solver: failing))
        }
        #expect(error == .allocation(point: "pools.sofort.budget=20000", .solver(.solverFailure("scripted failure"))),
                "\(String(describing: error))")
        // The third point failed; no later point ran (each point takes the same solves).
        #expect(failing.calls.count > callsForTwoPoints && failing.calls.count <= callsForTwoPoints + callsForTwoPoints / 2)
    }
}
