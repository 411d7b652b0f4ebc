import Foundation
import GLPKSolver
import LinearProgramming
import Testing
import TestSupport

/// Issue #18: with `SolveOptions.integralRelaxationIsOptimal` a mixed-integer program whose LP
/// relaxation's optimum is already whole is answered by that optimum, without glp_intopt's
/// tree. The answer must be glp_intopt's: the same status, objective, bound and values.
@Suite struct IntegralRelaxationTests {
    let solver = GLPKSolver()

    /// A 4 × 4 assignment (totally unimodular: its relaxation's optimum is whole).
    static var assignment: LinearProgram {
        var p = LinearProgram(name: "assignment")
        let cost: [[Double]] = [[9, 2, 7, 8], [6, 4, 3, 7], [5, 8, 1, 8], [7, 6, 9, 4]]
        var x: [[Int]] = []
        for i in 0..<4 { x.append((0..<4).map { j in p.addVariable("x_\(i)_\(j)", upper: 1, integer: true) }) }
        for i in 0..<4 { p.addConstraint("row_\(i)", (0..<4).map { .init(x[i][$0], 1) }, lower: 1, upper: 1) }
        for j in 0..<4 { p.addConstraint("col_\(j)", (0..<4).map { .init(x[$0][j], 1) }, lower: 1, upper: 1) }
        p.objective = .init(.minimize, (0..<16).map { .init(x[$0 / 4][$0 % 4], cost[$0 / 4][$0 % 4]) })
        return p
    }

    /// Funding-check-like: a fixed total paid by a grant (whole devices) and euros.
    static var funding: LinearProgram {
        var p = LinearProgram(name: "funding")
        let total = p.addVariable("T", lower: 40, upper: 40, integer: true)
        let grant = p.addVariable("n", integer: true)
        let euros = p.addVariable("f")
        p.addConstraint("grants", [.init(grant, 1), .init(total, -1)], upper: 0)
        p.addConstraint("cost", [.init(grant, 300), .init(euros, 1), .init(total, -350)], lower: 0, upper: 0)
        p.addConstraint("budget", [.init(grant, 300)], upper: 30_000)
        p.objective = .init(.minimize, [.init(euros, 1)])
        return p
    }

    @Test func theShortcutGivesGLPKsSearchAnswer() throws {
        let fractional = Models.knapsack(values: [12, 9, 14, 7, 11, 6, 13, 8], weights: [7, 5, 8, 4, 6, 3, 7, 5], capacity: 21)
        for program in [Self.assignment, Self.funding, Models.knapsack, fractional, Models.infeasibleAndUnbounded(integer: true)] {
            let searched = try solver.solve(program, options: SolveOptions(relativeGap: 0))
            let direct = try solver.solve(program, options: SolveOptions(relativeGap: 0, integralRelaxationIsOptimal: true))
            #expect(direct.status == searched.status && direct.objective == searched.objective, "\(program.name)")
            #expect(direct.bestBound == searched.bestBound && direct.values == searched.values, "\(program.name)")
        }
        // The assignment's relaxation is whole: answered without the search (its log has none).
        let logged = try solver.solve(Self.assignment, options: SolveOptions(integralRelaxationIsOptimal: true))
        #expect(logged.status == .optimal && !logged.log.contains("Integer optimization"))
    }

    /// An offered incumbent always goes through GLPK's search (which says what became of it).
    @Test func anIncumbentStillGoesThroughTheSearch() throws {
        let r = try solver.solve(Models.knapsack, options: SolveOptions(incumbent: [0, 1, 1, 1], integralRelaxationIsOptimal: true))
        #expect(r.log.contains("incumbent was accepted"))
    }

    /// On a session (warm starts), a series with the shortcut gives the series without it: the
    /// same status and whole columns; the continuous columns (euros), the objective and the
    /// bound within rounding — GLPK's search re-solves its root from a fresh factorization, the
    /// warm simplex's values come from an updated one, so they may differ in the last bits
    /// (observed here). The engine takes whole devices from these solves and re-derives the
    /// money in cents (`FundingAttribution`, `Run.centsHold`, `Run.exactFunding`).
    @Test func sessionsGiveTheSameSeries() throws {
        func series(_ shortcut: Bool) throws -> [SolveResult] {
            try solver.withSession { (session) throws(SolverError) in
                var out: [SolveResult] = []
                var program = Self.funding
                for (total, budget) in [(40.0, 30_000.0), (55, 30_000), (20, 3_000), (80, 90_000), (33, 10_000)] {
                    program.variables[0].lower = total; program.variables[0].upper = total
                    program.constraints[2].upper = budget
                    out.append(try session.solve(program, options: SolveOptions(relativeGap: 0, integralRelaxationIsOptimal: shortcut)))
                }
                return out
            }
        }
        let a = try series(true), b = try series(false)
        func close(_ x: Double?, _ y: Double?) -> Bool {
            guard let x, let y else { return x == nil && y == nil }
            return abs(x - y) <= 1e-9 * max(1, abs(y))
        }
        #expect(a.map(\.status) == b.map(\.status))
        for (r, s) in zip(a, b) {
            #expect(r.values.count == s.values.count && r.values.count == 3)
            #expect(r.values[0] == s.values[0] && r.values[1] == s.values[1], "whole columns: \(r.values) against \(s.values)")
            #expect(close(r.values[2], s.values[2]) && close(r.objective, s.objective) && close(r.bestBound, s.bestBound),
                    "\(r.values) against \(s.values)")
        }
    }
}

extension IntegralRelaxationTests {
    /// Issue 18: a whole relaxation optimum is the answer also when an incumbent is offered (no
    /// integer point beats it): the search's answer, without the search.
    @Test func aWholeRelaxationNeedsNoSearchEvenWithAnIncumbent() throws {
        // A feasible assignment (the diagonal), worse than the optimum.
        var start = [Double](repeating: 0, count: 16)
        for i in 0..<4 { start[i * 4 + i] = 1 }
        let program = Self.assignment
        let searched = try solver.solve(program, options: SolveOptions(relativeGap: 0, incumbent: start))
        let direct = try solver.solve(program, options: SolveOptions(relativeGap: 0, incumbent: start, integralRelaxationIsOptimal: true))
        #expect(searched.log.contains("Integer optimization"))
        #expect(!direct.log.contains("Integer optimization"))
        #expect(direct.status == .optimal && direct.objective == searched.objective && direct.values == searched.values)
    }

    /// A session checks names only when they changed: a later program with a bad name is still
    /// refused, one with the same names solves.
    @Test func aSessionStillRefusesABadNameAfterGoodOnes() throws {
        var same = Self.assignment
        same.variables[0].upper = 0
        var bad = Self.assignment
        bad.constraints[0].name = "row 0"
        let outcomes: [Result<SolveResult, SolverError>] = solver.withSession { (session) -> [Result<SolveResult, SolverError>] in
            [Self.assignment, same, bad].map { (program) -> Result<SolveResult, SolverError> in
                do throws(SolverError) { return .success(try session.solve(program, options: SolveOptions())) } catch { return .failure(error) }
            }
        }
        #expect(outcomes.count == 3)
        if case .success(let r) = outcomes[1] { #expect(r.status == .optimal) } else { Issue.record("same names: \(outcomes[1])") }
        if case .failure(.invalidModel(.badName)) = outcomes[2] {} else { Issue.record("a row name with a space: \(outcomes[2])") }
    }
}
