import Foundation
import GLPKSolver
import LinearProgramming
import Testing

/// A stage the solver stops without a proven bound (GLPK's time limit inside the LP relaxation,
/// before branch and bound) keeps an honest bound: the one that needs no solve, never the
/// point itself (issue 18: the schedule's 2 s run printed "gap 0.0" at 705,291.25 where the
/// optimum is 705,367.25, because the missing bound had become the incumbent).
@Suite struct UnprovenStageBoundTests {
    /// x, y in [0, 10], x + y <= 12.
    static var program: LinearProgram {
        var p = LinearProgram(name: "lex")
        p.addVariable("x", upper: 10)
        p.addVariable("y", lower: -3, upper: 10)
        p.addConstraint("sum", [.init(0, 1), .init(1, 1)], upper: 12)
        return p
    }

    static func stopped(_ values: [Double], _ objective: Double, bound: Double? = nil) -> SolveResult {
        SolveResult(status: .feasible, objective: objective, bestBound: bound, values: values, seconds: 0.1)
    }

    @Test func aStageStoppedWithoutABoundGetsTheColumnBoundNotItsPoint() throws {
        // Maximise 2x + y (optimum 22 at x = 10, y = 2): stopped at x = 1, y = 1 (3) without a bound.
        let max = RecordingSession { _, _ in Self.stopped([1, 1], 3) }
        let r = try Lexicographic.solve(Self.program, stages: [("max", .init(.maximize, [.init(0, 2), .init(1, 1)]))],
                                        session: max, options: SolveOptions(), tolerance: 0)
        #expect(r.stages[0].objective == 3)
        #expect(r.stages[0].bestBound == 30)  // 2 × 10 + 10: every column at its best bound
        // Minimise x − y + 5 (optimum −5 at x = 0, y = 10): stopped at 5 − 0 + 5 = 10.
        let min = RecordingSession { _, _ in Self.stopped([5, 0], 10) }
        let s = try Lexicographic.solve(Self.program, stages: [("min", .init(.minimize, [.init(0, 1), .init(1, -1)], constant: 5))],
                                        session: min, options: SolveOptions(), tolerance: 0)
        #expect(s.stages[0].bestBound == -5)  // 5 + 0 − 10
    }

    /// A bound the solver proved is kept (never worse than the point); an optimal stage without one is its point.
    @Test func aProvenBoundIsKept() throws {
        let objective = LinearProgram.Objective(.maximize, [.init(0, 2), .init(1, 1)])
        let proven = RecordingSession { _, _ in Self.stopped([10, 1], 21, bound: 21.5) }
        #expect(try Lexicographic.solve(Self.program, stages: [("max", objective)], session: proven, options: SolveOptions(),
                                        tolerance: 0).stages[0].bestBound == 21.5)
        let crossed = RecordingSession { _, _ in Self.stopped([10, 1], 21, bound: 20.999999) }
        #expect(try Lexicographic.solve(Self.program, stages: [("max", objective)], session: crossed, options: SolveOptions(),
                                        tolerance: 0).stages[0].bestBound == 21)
        let optimal = RecordingSession { _, _ in SolveResult(status: .optimal, objective: 22, bestBound: nil, values: [10, 2], seconds: 0) }
        #expect(try Lexicographic.solve(Self.program, stages: [("max", objective)], session: optimal, options: SolveOptions(),
                                        tolerance: 0).stages[0].bestBound == 22)
    }

    @Test func columnBoundTakesEachTermAtItsBestColumnBound() {
        var p = Self.program
        p.objective = .init(.maximize, [.init(0, 2), .init(1, -1)], constant: 1)
        #expect(p.columnBound == 1 + 20 + 3)
        p.objective = .init(.minimize, [.init(0, 2), .init(1, -1)])
        #expect(p.columnBound == -10)
        p.addVariable("free", lower: -.infinity, upper: .infinity)
        p.objective = .init(.maximize, [.init(2, 1)])
        #expect(p.columnBound == .infinity)
    }

    /// With GLPK: a matching of 300 × 300 binary columns (optimum 300) given 1 ms stops in the
    /// LP relaxation with no bound; the stage keeps the empty matching it was started from and
    /// a bound at least the optimum, not 0.
    @Test func glpkStoppedInTheRelaxationProvesNoGapOfZero() throws {
        let n = 300
        var p = LinearProgram(name: "matching")
        for i in 0..<n { for j in 0..<n { p.addVariable("x_\(i)_\(j)", upper: 1, integer: true) } }
        for i in 0..<n { p.addConstraint("row_\(i)", (0..<n).map { .init(i * n + $0, 1) }, upper: 1) }
        for j in 0..<n { p.addConstraint("col_\(j)", (0..<n).map { .init($0 * n + j, 1) }, upper: 1) }
        let objective = LinearProgram.Objective(.maximize, (0..<n * n).map { .init($0, 1 + Double($0 % 7) / 8) })
        let r = try GLPKSolver().withSession { session throws(Lexicographic.Failure) in
            try Lexicographic.solve(p, stages: [("matching", objective, nil)], session: session,
                                    options: SolveOptions(relativeGap: 1e-4, timeLimitSeconds: 0.001), tolerance: 0,
                                    deadline: nil, start: { _, _, _ in [Double](repeating: 0, count: n * n) })
        }
        let stage = try #require(r.stages.first)
        // The simplex needs hundreds of pivots over 90,000 columns: 1 ms cannot prove anything.
        #expect(stage.status == .feasible)
        #expect(stage.objective == 0)
        #expect(stage.bestBound >= Double(n))  // the optimum is at least n (every row matched)
    }
}
