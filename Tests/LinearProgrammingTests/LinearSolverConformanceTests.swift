import Foundation
import GLPKSolver
import LinearProgramming
import Synchronization
import Testing
import TestSupport

/// Every adapter of `LinearSolver` the conformance suite runs on. A second adapter adds itself
/// here and runs the same suite; what only one adapter does (its log, its file formats, its
/// guard) is tested in its own test target (GLPK: Tests/GLPKSolverTests).
let conformingSolvers: [any LinearSolver] = [GLPKSolver()]

/// The conformance suite of `LinearSolver` (after MathOptInterface's `Test` and OR-Tools'
/// `solver_tests`): each case is a small program with a known answer, run on every adapter.
@Suite struct LinearSolverConformance: SolverChecks {
    // MARK: - Linear programs

    @Test(arguments: conformingSolvers) func linearOptimal(_ solver: any LinearSolver) throws {
        let r = try solver.solve(Models.lp, options: SolveOptions())
        #expect(r.status == .optimal)
        #expect(close(r.objective, 12))
        #expect(close(r.bestBound, 12))
        #expect(r.values.count == 2)
        #expect(close(r.values[0], 3) && close(r.values[1], 1))
        expectFeasible(r, of: Models.lp)
        #expect(r.seconds >= 0 && r.seconds < 5)
    }

    @Test(arguments: conformingSolvers) func equalityRangedAndFreeRowsWithAFreeVariable(_ solver: any LinearSolver) throws {
        let r = try solver.solve(Models.mixedRows, options: SolveOptions())
        #expect(r.status == .optimal)
        #expect(close(r.objective, 0))
        #expect(close(r.values[0], 1) && close(r.values[1], 1))
        expectFeasible(r, of: Models.mixedRows)
    }

    @Test(arguments: conformingSolvers) func linearInfeasible(_ solver: any LinearSolver) throws {
        let r = try solver.solve(Models.infeasibleLP, options: SolveOptions())
        #expect(r.status == .infeasible)
        #expect(r.objective == nil && r.bestBound == nil && r.values.isEmpty)
    }

    @Test(arguments: conformingSolvers) func linearUnbounded(_ solver: any LinearSolver) throws {
        let r = try solver.solve(Models.unboundedLP, options: SolveOptions())
        #expect(r.status == .unbounded)
        #expect(r.objective == nil && r.values.isEmpty)
    }

    @Test(arguments: conformingSolvers) func emptyProgram(_ solver: any LinearSolver) throws {
        var p = LinearProgram(name: "empty")
        p.objective = .init(.minimize, [], constant: 7)
        p.addConstraint("nothing", [], lower: -1, upper: 1)
        let r = try solver.solve(p, options: SolveOptions())
        #expect(r.status == .optimal && r.objective == 7 && r.bestBound == 7 && r.values.isEmpty)

        p.addConstraint("impossible", [], lower: 1)
        #expect(try solver.solve(p, options: SolveOptions()).status == .infeasible)
    }

    @Test(arguments: conformingSolvers) func fixedVariables(_ solver: any LinearSolver) throws {
        let r = try solver.solve(Models.fixed, options: SolveOptions())
        #expect(r.status == .optimal)
        #expect(close(r.objective, 5))
        #expect(r.values == [2, 2, 1])
    }

    // MARK: - Mixed-integer programs

    @Test(arguments: conformingSolvers) func knapsackOptimalDiffersFromRelaxation(_ solver: any LinearSolver) throws {
        let lp = try solver.solve(Models.knapsack.relaxed, options: SolveOptions())
        #expect(lp.status == .optimal && close(lp.objective, 10 + 8 + 13.0 * 6 / 7))

        let r = try solver.solve(Models.knapsack, options: SolveOptions(relativeGap: 0))
        #expect(r.status == .optimal)
        #expect(r.objective == 28)  // exact: integer values are rounded, objective recomputed
        #expect(r.values == [0, 1, 1, 1])
        #expect(r.bestBound == 28)
        expectFeasible(r, of: Models.knapsack)
        expectBoundAbovePoint(r)
    }

    @Test(arguments: conformingSolvers) func integerInfeasibleAlthoughRelaxationFeasible(_ solver: any LinearSolver) throws {
        let r = try solver.solve(Models.integerInfeasible, options: SolveOptions())
        #expect(r.status == .infeasible)
        #expect(r.values.isEmpty && r.objective == nil)
    }

    @Test(arguments: conformingSolvers) func incumbentIsAccepted(_ solver: any LinearSolver) throws {
        let r = try solver.solve(Models.hardKnapsack, options: SolveOptions(timeLimitSeconds: 0.5))
        #expect(r.hasSolution)
        // Offer the solver's own answer back: the result must be at least as good.
        let seeded = try solver.solve(Models.hardKnapsack,
                                      options: SolveOptions(timeLimitSeconds: 0.5, incumbent: r.values))
        #expect(seeded.hasSolution)
        #expect(try #require(seeded.objective) >= #require(r.objective) - 1e-9)
        expectFeasible(seeded, of: Models.hardKnapsack)
        expectBoundAbovePoint(seeded)

        // The optimum of the small knapsack as incumbent: accepted, and it stays optimal.
        let small = try solver.solve(Models.knapsack, options: SolveOptions(incumbent: [0, 1, 1, 1]))
        #expect(small.status == .optimal && small.objective == 28)
    }

    @Test(arguments: conformingSolvers) func infeasibleIncumbentIsIgnored(_ solver: any LinearSolver) throws {
        // All four items weigh 19 > 14: an adapter must not take it unchecked.
        let r = try solver.solve(Models.knapsack, options: SolveOptions(incumbent: [1, 1, 1, 1]))
        #expect(r.status == .optimal && r.objective == 28)
    }

    @Test(arguments: conformingSolvers) func tinyTimeLimitOnHardKnapsack(_ solver: any LinearSolver) throws {
        let r = try solver.solve(Models.hardKnapsack, options: SolveOptions(relativeGap: 0, timeLimitSeconds: 0.001))
        #expect([.feasible, .optimal, .noSolutionFound].contains(r.status))
        if r.hasSolution {
            #expect(r.values.allSatisfy { $0 == 0 || $0 == 1 })
            expectFeasible(r, of: Models.hardKnapsack)
            #expect(r.bestBound != nil)
            expectBoundAbovePoint(r)
        }
        #expect(r.seconds < 2)

        // Observed: 1 ms can end before GLPK asks for a heuristic solution; a given incumbent
        // must still come back.
        let seed = try solver.solve(Models.hardKnapsack, options: SolveOptions(timeLimitSeconds: 0.2))
        let seeded = try solver.solve(Models.hardKnapsack,
                                      options: SolveOptions(relativeGap: 0, timeLimitSeconds: 0.001, incumbent: seed.values))
        #expect(seeded.hasSolution)
        #expect(try #require(seeded.objective) >= #require(seed.objective))
        expectBoundAbovePoint(seeded)
    }

    /// A cancelled branch and bound (issue #14, item 7) ends through glp_ios_terminate as soon
    /// as the token says so, throws `.cancelled`, and leaves the thread able to solve again.
    /// The token fires on its third question (not after a time), so the test does not depend on
    /// how fast this machine solves the model.
    @Test(arguments: conformingSolvers) func aCancelledBranchAndBoundStopsSoon(_ solver: any LinearSolver) throws {
        let asked = Counter()
        let clock = ContinuousClock()
        let start = clock.now
        #expect(throws: SolverError.cancelled) {
            _ = try solver.solve(Models.hardKnapsack, options: SolveOptions(relativeGap: 0, timeLimitSeconds: 60,
                                                                             cancellation: Cancellation { asked.next() >= 3 }))
        }
        let seconds = (clock.now - start) / .seconds(1)
        #expect(asked.value == 3, "the search went on after the token fired: asked \(asked.value) times")
        #expect(seconds < 1.5, "stopped \(seconds) s after the start")
        // The session and the thread are fine afterwards.
        try solver.withSession { (session) throws(SolverError) in
            let token = Cancellation()
            token.cancel()
            #expect(throws: SolverError.cancelled) { _ = try session.solve(Models.knapsack, options: SolveOptions(cancellation: token)) }
            let again = try session.solve(Models.knapsack, options: SolveOptions())
            #expect(again.status == .optimal && again.objective == 28)
        }
    }

    /// A large linear program: its simplex (which has no callback) is stopped through the
    /// guard's output hook (asked every 100 ms of the simplex); the next solve on the thread works.
    /// The token fires on its first question, so the cancelled run must end well before the
    /// whole simplex does.
    @Test(arguments: conformingSolvers) func aCancelledSimplexStopsSoon(_ solver: any LinearSolver) throws {
        let program = Models.denseLP(size: 700)
        let clock = ContinuousClock()
        let full = clock.now
        let r = try solver.solve(program, options: SolveOptions(timeLimitSeconds: 60))
        let uncancelled = (clock.now - full) / .seconds(1)
        #expect(r.status == .optimal)
        try #require(uncancelled > 0.3, "the simplex took only \(uncancelled) s; it needs a larger model")
        let asked = Counter()
        let start = clock.now
        #expect(throws: SolverError.cancelled) {
            _ = try solver.solve(program, options: SolveOptions(timeLimitSeconds: 60, cancellation: Cancellation { asked.next() >= 1 }))
        }
        let seconds = (clock.now - start) / .seconds(1)
        #expect(asked.value == 1)
        #expect(seconds < 0.75 * uncancelled, "stopped after \(seconds) s; the whole simplex takes \(uncancelled) s")
        let again = try solver.solve(Models.knapsack, options: SolveOptions())
        #expect(again.status == .optimal && again.objective == 28)
    }

    @Test(arguments: conformingSolvers) func gapStopReportsTheProvenBound(_ solver: any LinearSolver) throws {
        let r = try solver.solve(Models.hardKnapsack, options: SolveOptions(relativeGap: 0.01, timeLimitSeconds: 2))
        #expect(r.status == .optimal)
        let objective = try #require(r.objective), bound = try #require(r.bestBound)
        #expect(bound >= objective)
        #expect((bound - objective) / objective <= 0.01)
        expectFeasible(r, of: Models.hardKnapsack)
        // The bound is no better than the LP relaxation's.
        let lp = try solver.solve(Models.hardKnapsack.relaxed, options: SolveOptions())
        let relaxation = try #require(lp.objective)
        #expect(bound <= relaxation + 1e-9)
    }

    @Test(arguments: conformingSolvers) func boundNeverBelowObjectiveWhenMaximizing(_ solver: any LinearSolver) throws {
        for gap in [0, 1e-4, 1e-2, 0.1] {
            for limit in [0.001, 0.01, 1] {
                let r = try solver.solve(Models.hardKnapsack, options: SolveOptions(relativeGap: gap, timeLimitSeconds: limit))
                expectBoundAbovePoint(r)
                expectFeasible(r, of: Models.hardKnapsack)
            }
        }
        for p in [Models.lp, Models.knapsack] { expectBoundAbovePoint(try solver.solve(p, options: SolveOptions())) }
    }

    // MARK: - Validation before any C call

    /// Both entry points must reject the program with `.invalidModel` (a GLPK error would
    /// come back as `.solverFailure`, so this shows validation ran before any C call).
    func rejectsModel(_ p: LinearProgram, on solver: any LinearSolver, sourceLocation: SourceLocation = #_sourceLocation,
                      _ expected: (ModelError) -> Bool) {
        func matches(_ error: any Error) -> Bool {
            if case .invalidModel(let e) = error as? SolverError { return expected(e) }
            return false
        }
        #expect(sourceLocation: sourceLocation) { try solver.solve(p, options: SolveOptions()) } throws: { matches($0) }
        #expect(sourceLocation: sourceLocation) {
            try solver.write(p, format: .lp, to: "/nonexistent/never-written.lp")
        } throws: { matches($0) }
    }

    @Test(arguments: conformingSolvers) func validationRejectsBadModels(_ solver: any LinearSolver) {
        var nan = Models.lp; nan.variables[0].upper = .nan
        rejectsModel(nan, on: solver) { if case .nonFinite = $0 { true } else { false } }
        var inverted = Models.lp; inverted.constraints[0].lower = 5; inverted.constraints[0].upper = 4
        rejectsModel(inverted, on: solver) { $0 == .invertedBounds(what: "c1", lower: 5, upper: 4) }
        var fractional = Models.knapsack; fractional.variables[0].upper = 1.5
        rejectsModel(fractional, on: solver) { $0 == .fractionalIntegerBound(variable: "take_0", value: 1.5) }
        var duplicate = Models.lp; duplicate.constraints[0].terms.append(.init(0, 1))
        rejectsModel(duplicate, on: solver) { $0 == .duplicateVariable(row: "c1", variable: "x") }
        var long = Models.lp; long.variables[1].name = String(repeating: "y", count: 256)
        rejectsModel(long, on: solver) { if case .badName = $0 { true } else { false } }
        var unknown = Models.lp; unknown.objective.terms.append(.init(7, 1))
        rejectsModel(unknown, on: solver) { $0 == .unknownVariable(row: "objective", index: 7) }
        var infinite = Models.lp; infinite.constraints[1].terms[0].coefficient = .infinity
        rejectsModel(infinite, on: solver) { if case .nonFinite = $0 { true } else { false } }
    }

    @Test(arguments: conformingSolvers) func validationRejectsBadOptions(_ solver: any LinearSolver) {
        let bad: [SolveOptions] = [
            SolveOptions(relativeGap: -1), SolveOptions(relativeGap: .nan), SolveOptions(relativeGap: .infinity),
            SolveOptions(timeLimitSeconds: 0), SolveOptions(timeLimitSeconds: -1), SolveOptions(timeLimitSeconds: .infinity),
            SolveOptions(incumbent: [1, 1]), SolveOptions(incumbent: [0, 1, .nan, 0]),
        ]
        for options in bad {
            #expect {
                try solver.solve(Models.knapsack, options: options)
            } throws: { error in
                if case .invalidOption(let message) = error as? SolverError { return !message.isEmpty }
                return false
            }
        }
    }

    @Test(arguments: conformingSolvers) func solvesOnFourThreadsMatchSequentialResults(_ solver: any LinearSolver) throws {
        let programs = [Models.lp, Models.knapsack, Models.mixedRows, Models.fixed]
        let options = SolveOptions(relativeGap: 0)
        let sequential = try programs.map { try solver.solve($0, options: options) }
        let results = Mutex<[Int: [SolveResult]]>([:])
        let done = DispatchSemaphore(value: 0)
        for (i, program) in programs.enumerated() {
            Thread {
                var mine: [SolveResult] = []
                for _ in 0..<25 {  // repeat so that the threads really overlap
                    if let r = try? solver.solve(program, options: options) { mine.append(r) }
                }
                results.withLock { $0[i] = mine }
                done.signal()
            }.start()
        }
        for _ in programs { done.wait() }
        let concurrent = results.withLock { $0 }
        for (i, expected) in sequential.enumerated() {
            let got = try #require(concurrent[i])
            #expect(got.count == 25)
            for r in got {
                #expect(r.status == expected.status && r.objective == expected.objective)
                #expect(r.values == expected.values && r.bestBound == expected.bestBound)
            }
        }
    }

    @Test(arguments: conformingSolvers) func unwritablePathIsAnIOError(_ solver: any LinearSolver) {
        for format in ModelFileFormat.allCases {
            #expect {
                try solver.write(Models.lp, format: format, to: "/nonexistent-dir/model.\(format.rawValue)")
            } throws: { error in
                if case .io(let message) = error as? SolverError { return message.contains("/nonexistent-dir/model") }
                return false
            }
        }
    }
}

/// Sessions update a loaded problem in place; every answer must equal a fresh solve's.
@Suite struct LinearSolverSessionConformance {
    @Test(arguments: conformingSolvers) func updatedBoundsRowsAndKindsMatchFreshSolves(_ solver: any LinearSolver) throws {
        let programs = [Models.boundedKnapsack(capacity: 50), Models.boundedKnapsack(capacity: 20), Models.boundedKnapsack(capacity: 50, rows: 3),
                        Models.boundedKnapsack(capacity: 35, rows: 1), Models.boundedKnapsack(capacity: 35, rows: 1).relaxed, Models.boundedKnapsack(capacity: 0),
                        Models.boundedKnapsack(capacity: 80)]
        try solver.withSession { session in
            for p in programs {
                let warm = try session.solve(p, options: SolveOptions(relativeGap: 0))
                let fresh = try solver.solve(p, options: SolveOptions(relativeGap: 0))
                #expect(warm.status == fresh.status)
                #expect(abs((warm.objective ?? .nan) - (fresh.objective ?? .nan)) < 1e-6, "\(p.constraints.count) rows")
                #expect(p.maxViolation(warm.values) < 1e-6)
            }
        }
    }

    @Test(arguments: conformingSolvers) func aStatelessSolveInsideASessionDoesNotFreeTheSessionsProblem(_ solver: any LinearSolver) throws {
        try solver.withSession { session in
            _ = try session.solve(Models.boundedKnapsack(capacity: 50), options: SolveOptions())
            _ = try solver.solve(Models.boundedKnapsack(capacity: 10), options: SolveOptions())  // releases only if nothing is live
            let again = try session.solve(Models.boundedKnapsack(capacity: 40), options: SolveOptions(relativeGap: 0))
            let fresh = try solver.solve(Models.boundedKnapsack(capacity: 40), options: SolveOptions(relativeGap: 0))
            #expect(again.objective == fresh.objective)
        }
    }
}

/// Counts the questions a cancellation token is asked (thread-safe).
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func next() -> Int { lock.lock(); defer { lock.unlock() }; n += 1; return n }
    var value: Int { lock.lock(); defer { lock.unlock() }; return n }
}
