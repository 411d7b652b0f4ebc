import Foundation
import Testing
@testable import Allocation
import GLPKSolver
import LinearProgramming
import TestSupport

/// "At most N devices from the best possible plan" (`SolverReport.gapDevices`), checked
/// against the optimum computed apart from the engine's staged solve: its exported
/// need-weighted model, solved to optimality (relative gap 0).
@Suite struct GapBoundTests {
    static func optimum(_ s: Scenario) throws -> Double {
        let (stage, program) = try engine.exportableModel(s)
        #expect(stage == "need-weighted devices")
        let r = try GLPKSolver().solve(program, options: SolveOptions(relativeGap: 0, timeLimitSeconds: 60))
        try #require(r.status == .optimal)
        return try #require(r.objective)
    }

    @Test(arguments: [ObjectiveMode.weighted, .maximin], [0.0, 0.02, 0.2])
    func theGapInDevicesBoundsTheDistanceToTheOptimum(_ mode: ObjectiveMode, _ gap: Double) throws {
        var s = try loadFixture("valid/small.yaml")
        s.objective = mode
        s.solver.relativeGap = gap
        let best = try Self.optimum(s)
        let plan = try engine.solve(s)
        let report = plan.solver
        #expect(report.objectiveName == "need-weighted devices")
        let needs = try NeedTable(plan.scenario)
        let leastWeight = try #require(needs.entries.flatMap { $0 }.filter { $0.need > 0 && $0.weight > 0 }.map(\.weight).min()).doubleValue
        // The plan cannot beat the optimum, and the proven bound cannot be below it ...
        #expect(report.objective <= best + 1e-6, "plan \(report.objective) above the optimum \(best)")
        #expect(report.bestBound >= best - 1e-6, "bound \(report.bestBound) below the optimum \(best)")
        // ... so the plan is at most `gapDevices` devices of the least weight from the optimum.
        #expect(best - report.objective <= Double(report.gapDevices) * leastWeight + 1e-6,
                "optimum \(best), plan \(report.objective): more than \(report.gapDevices) devices of weight \(leastWeight) apart")
        // Within the relative gap asked for.
        #expect(best - report.objective <= gap * abs(best) + 1e-6)
    }
}
