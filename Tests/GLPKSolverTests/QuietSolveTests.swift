import Foundation
import GLPKSolver
import LinearProgramming
import Testing
import TestSupport

/// Issue #18: the engine's thousands of small solves ask for no solver log
/// (`SolveOptions.solverLog: false`, GLPK's message level "errors only"), which must change
/// nothing but the log: the same status, objective, bound and values, warm or cold.
@Suite struct QuietSolveTests {
    let solver = GLPKSolver()

    static var programs: [LinearProgram] {
        [Models.lp, Models.knapsack, Models.denseLP(size: 12), Models.infeasibleLP,
         Models.knapsack(values: [12, 9, 14, 7, 11, 6, 13, 8], weights: [7, 5, 8, 4, 6, 3, 7, 5], capacity: 21)]
    }

    @Test func aQuietSolveGivesTheLoggedAnswer() throws {
        for program in Self.programs {
            let logged = try solver.solve(program, options: SolveOptions(relativeGap: 0, timeLimitSeconds: 60))
            let quiet = try solver.solve(program, options: SolveOptions(relativeGap: 0, timeLimitSeconds: 60, solverLog: false))
            #expect(quiet.status == logged.status && quiet.objective == logged.objective)
            #expect(quiet.bestBound == logged.bestBound && quiet.values == logged.values)
            #expect(logged.log.contains("GLPK"))
            #expect(!quiet.log.contains("GLPK"), "quiet log: \(quiet.log)")
        }
    }

    /// On a session (warm starts from the previous basis), a series of quiet solves gives what
    /// the same series with the log gives.
    @Test func quietSessionsGiveTheLoggedSeries() throws {
        func series(log: Bool) throws -> [SolveResult] {
            try solver.withSession { (session) throws(SolverError) in
                var out: [SolveResult] = []
                var program = Models.knapsack(values: [10, 13, 7, 8, 9, 4], weights: [5, 7, 4, 3, 6, 2], capacity: 14)
                for capacity in [14.0, 9, 20, 3, 17] {
                    program.constraints[0].upper = capacity
                    out.append(try session.solve(program, options: SolveOptions(relativeGap: 0, solverLog: log)))
                }
                return out
            }
        }
        let logged = try series(log: true), quiet = try series(log: false)
        #expect(logged.map(\.values) == quiet.map(\.values))
        #expect(logged.map(\.objective) == quiet.map(\.objective) && logged.map(\.status) == quiet.map(\.status))
    }
}
