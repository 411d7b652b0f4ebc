import Foundation
import GLPKSolver
import LinearProgramming
import Synchronization
import Testing

/// The conformance suite for the GLPK adapter (after MathOptInterface's `Test` and OR-Tools'
/// `solver_tests`): each case is a small program with a known answer.
@Suite struct GLPKConformanceTests {
    let solver = GLPKSolver()

    func close(_ a: Double?, _ b: Double, tolerance: Double = 1e-6) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance * max(1, abs(b))
    }

    /// A returned point satisfies every bound, row and integrality.
    func expectFeasible(_ r: SolveResult, of p: LinearProgram, sourceLocation: SourceLocation = #_sourceLocation) {
        guard r.hasSolution else { return }
        #expect(p.maxViolation(r.values) <= 1e-6, "violation \(p.maxViolation(r.values))", sourceLocation: sourceLocation)
    }

    /// For a maximization the proven bound can never be below the point found.
    func expectBoundAbovePoint(_ r: SolveResult, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let objective = r.objective, let bound = r.bestBound else { return }
        #expect(bound >= objective - 1e-9 * max(1, abs(objective)), "bound \(bound) < objective \(objective)",
                sourceLocation: sourceLocation)
    }

    // MARK: - Linear programs

    @Test func linearOptimal() throws {
        let r = try solver.solve(Models.lp, options: SolveOptions())
        #expect(r.status == .optimal)
        #expect(close(r.objective, 12))
        #expect(close(r.bestBound, 12))
        #expect(r.values.count == 2)
        #expect(close(r.values[0], 3) && close(r.values[1], 1))
        #expect(r.log.contains("OPTIMAL"))  // GLPK's output is collected, not printed
        expectFeasible(r, of: Models.lp)
        #expect(r.seconds >= 0 && r.seconds < 5)
    }

    @Test func equalityRangedAndFreeRowsWithAFreeVariable() throws {
        let r = try solver.solve(Models.mixedRows, options: SolveOptions())
        #expect(r.status == .optimal)
        #expect(close(r.objective, 0))
        #expect(close(r.values[0], 1) && close(r.values[1], 1))
        expectFeasible(r, of: Models.mixedRows)
    }

    @Test func linearInfeasible() throws {
        let r = try solver.solve(Models.infeasibleLP, options: SolveOptions())
        #expect(r.status == .infeasible)
        #expect(r.objective == nil && r.bestBound == nil && r.values.isEmpty)
    }

    @Test func linearUnbounded() throws {
        let r = try solver.solve(Models.unboundedLP, options: SolveOptions())
        #expect(r.status == .unbounded)
        #expect(r.objective == nil && r.values.isEmpty)
    }

    /// Observed on GLPK 5.0: primal simplex (no presolver) meets the infeasibility in phase 1
    /// first, so a program that is both infeasible and unbounded comes out infeasible; the MIP
    /// path stops at its LP relaxation and says the same.
    @Test(arguments: [false, true]) func infeasibleAndUnboundedIsInfeasible(integer: Bool) throws {
        let r = try solver.solve(Models.infeasibleAndUnbounded(integer: integer), options: SolveOptions())
        #expect(r.status == .infeasible)
    }

    @Test func emptyProgram() throws {
        var p = LinearProgram(name: "empty")
        p.objective = .init(.minimize, [], constant: 7)
        p.addConstraint("nothing", [], lower: -1, upper: 1)
        let r = try solver.solve(p, options: SolveOptions())
        #expect(r.status == .optimal && r.objective == 7 && r.bestBound == 7 && r.values.isEmpty)

        p.addConstraint("impossible", [], lower: 1)
        #expect(try solver.solve(p, options: SolveOptions()).status == .infeasible)
    }

    @Test func fixedVariables() throws {
        let r = try solver.solve(Models.fixed, options: SolveOptions())
        #expect(r.status == .optimal)
        #expect(close(r.objective, 5))
        #expect(r.values == [2, 2, 1])
    }

    // MARK: - Mixed-integer programs

    @Test func knapsackOptimalDiffersFromRelaxation() throws {
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

    @Test func integerInfeasibleAlthoughRelaxationFeasible() throws {
        let r = try solver.solve(Models.integerInfeasible, options: SolveOptions())
        #expect(r.status == .infeasible)
        #expect(r.values.isEmpty && r.objective == nil)
    }

    @Test func incumbentIsAccepted() throws {
        let r = try solver.solve(Models.hardKnapsack, options: SolveOptions(timeLimitSeconds: 0.5))
        #expect(r.hasSolution)
        // Offer GLPK's own answer back: the result must be at least as good.
        let seeded = try solver.solve(Models.hardKnapsack,
                                      options: SolveOptions(timeLimitSeconds: 0.5, incumbent: r.values))
        #expect(seeded.hasSolution)
        #expect(try #require(seeded.objective) >= #require(r.objective) - 1e-9)
        #expect(seeded.log.contains("incumbent was accepted"))
        expectFeasible(seeded, of: Models.hardKnapsack)
        expectBoundAbovePoint(seeded)

        // The optimum of the small knapsack as incumbent: accepted, and it stays optimal.
        let small = try solver.solve(Models.knapsack, options: SolveOptions(incumbent: [0, 1, 1, 1]))
        #expect(small.status == .optimal && small.objective == 28)
        #expect(small.log.contains("incumbent was accepted"))
    }

    @Test func infeasibleIncumbentIsIgnored() throws {
        // All four items weigh 19 > 14: GLPK would take it unchecked, so the adapter drops it.
        let r = try solver.solve(Models.knapsack, options: SolveOptions(incumbent: [1, 1, 1, 1]))
        #expect(r.status == .optimal && r.objective == 28)
        #expect(r.log.contains("incumbent was ignored"))
    }

    @Test func tinyTimeLimitOnHardKnapsack() throws {
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
        #expect(seeded.log.contains("incumbent"))
        expectBoundAbovePoint(seeded)
    }

    /// A cancelled branch and bound (issue #14, item 7) ends through glp_ios_terminate as soon
    /// as the token says so, throws `.cancelled`, and leaves the thread able to solve again.
    /// The token fires on its third question (not after a time), so the test does not depend on
    /// how fast this machine solves the model.
    @Test func aCancelledBranchAndBoundStopsSoon() throws {
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
    @Test func aCancelledSimplexStopsSoon() throws {
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

    @Test func gapStopReportsTheProvenBound() throws {
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

    @Test func boundNeverBelowObjectiveWhenMaximizing() throws {
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
    func rejectsModel(_ p: LinearProgram, sourceLocation: SourceLocation = #_sourceLocation,
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

    @Test func validationRejectsBadModels() {
        var nan = Models.lp; nan.variables[0].upper = .nan
        rejectsModel(nan) { if case .nonFinite = $0 { true } else { false } }
        var inverted = Models.lp; inverted.constraints[0].lower = 5; inverted.constraints[0].upper = 4
        rejectsModel(inverted) { $0 == .invertedBounds(what: "c1", lower: 5, upper: 4) }
        var fractional = Models.knapsack; fractional.variables[0].upper = 1.5
        rejectsModel(fractional) { $0 == .fractionalIntegerBound(variable: "take_0", value: 1.5) }
        var duplicate = Models.lp; duplicate.constraints[0].terms.append(.init(0, 1))
        rejectsModel(duplicate) { $0 == .duplicateVariable(row: "c1", variable: "x") }
        var long = Models.lp; long.variables[1].name = String(repeating: "y", count: 256)
        rejectsModel(long) { if case .badName = $0 { true } else { false } }
        var unknown = Models.lp; unknown.objective.terms.append(.init(7, 1))
        rejectsModel(unknown) { $0 == .unknownVariable(row: "objective", index: 7) }
        var infinite = Models.lp; infinite.constraints[1].terms[0].coefficient = .infinity
        rejectsModel(infinite) { if case .nonFinite = $0 { true } else { false } }
    }

    @Test func validationRejectsBadOptions() {
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

    // MARK: - The guard

    @Test func glpkErrorIsRecoveredAndNextSolveWorks() throws {
        let message = try #require(GLPKSolver.triggerGLPKErrorForTesting())
        #expect(message.contains("out of range"))
        // Same thread, right after glp_free_env: a new environment, correct answers.
        let r = try solver.solve(Models.knapsack, options: SolveOptions(relativeGap: 0))
        #expect(r.status == .optimal && r.objective == 28)
        // Twice in a row works too.
        #expect(GLPKSolver.triggerGLPKErrorForTesting() != nil)
        #expect(close(try solver.solve(Models.lp, options: SolveOptions()).objective, 12))
    }

    @Test func guardRefusesStaleAndForeignHandles() throws {
        let (stale, foreign) = GLPKSolver.handleMisuseForTesting()
        #expect(try #require(stale).contains("freed"))
        #expect(try #require(foreign).contains("another thread"))
        #expect(close(try solver.solve(Models.lp, options: SolveOptions()).objective, 12))
    }

    @Test func solvesOnFourThreadsMatchSequentialResults() throws {
        let programs = [Models.lp, Models.knapsack, Models.mixedRows, Models.fixed]
        let options = SolveOptions(relativeGap: 0)
        let sequential = try programs.map { try solver.solve($0, options: options) }
        let results = Mutex<[Int: [SolveResult]]>([:])
        let done = DispatchSemaphore(value: 0)
        for (i, program) in programs.enumerated() {
            let solver = self.solver
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

    // MARK: - Model files

    static let glpsol = "/usr/bin/glpsol"

    /// Runs glpsol on a file and returns the objective it reports.
    func glpsolObjective(_ arguments: [String]) throws -> Double {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("glpsol-\(UUID()).txt").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.glpsol)
        process.arguments = arguments + ["-o", output]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let text = try String(contentsOfFile: output, encoding: .utf8)
        // "Objective:  obj = 28 (MAXimum)"
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("Objective:") })
        let number = try #require(line.split(separator: "=").last?.split(separator: " ").first)
        return try #require(Double(number))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: glpsol)),
          arguments: ["lp", "knapsack", "rows", "noRows"])
    func writtenFilesResolveToTheSameObjective(model: String) throws {
        var program: LinearProgram
        switch model {
        case "lp": program = Models.lp
        case "knapsack": program = Models.knapsack
        case "rows": program = Models.mixedRows
        default:
            program = LinearProgram(name: "bounds_only")
            program.addVariable("x", upper: 4)
            program.objective = .init(.maximize, [.init(0, 2)], constant: 0.5)
        }
        let expected = try #require(try solver.solve(program, options: SolveOptions(relativeGap: 0)).objective)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("glpk-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let lpFile = directory.appendingPathComponent("model.lp").path
        let mpsFile = directory.appendingPathComponent("model.mps").path
        try solver.write(program, format: .lp, to: lpFile)
        try solver.write(program, format: .mps, to: mpsFile)
        #expect(try String(contentsOfFile: lpFile, encoding: .utf8).contains(program.variables[0].name))

        // GLPK's LP writer keeps the direction but puts the objective constant in a comment;
        // its free MPS writer keeps the constant but not the direction (glpsol needs --max).
        let constant = program.objective.constant
        #expect(close(try glpsolObjective(["--lp", lpFile]), expected - constant))
        let sense = program.objective.direction == .maximize ? ["--max"] : ["--min"]
        #expect(close(try glpsolObjective(["--freemps", mpsFile] + sense), expected))
    }

    @Test func exportRejectsNamesThatWouldNotSurviveTheFile() {
        func rejected(_ p: LinearProgram, _ format: ModelFileFormat) -> Bool {
            do {
                try solver.write(p, format: format, to: "/nonexistent/never-written")
                return false
            } catch {
                if case .invalidModel(.badName) = error { return true }
                return false
            }
        }
        var duplicate = Models.lp; duplicate.variables[1].name = "x"
        #expect(rejected(duplicate, .lp) && rejected(duplicate, .mps))
        var bracket = Models.lp; bracket.variables[0].name = "x[1]"  // GLPK's LP writer makes it x(1)
        #expect(rejected(bracket, .lp) && !rejected(bracket, .mps))
        var digit = Models.lp; digit.variables[0].name = "1x"
        #expect(rejected(digit, .lp))
        var dollar = Models.lp; dollar.variables[0].name = "$x"
        #expect(rejected(dollar, .mps))
        var objectiveRow = Models.lp; objectiveRow.constraints[0].name = "R0000000"
        #expect(rejected(objectiveRow, .mps))
        // Solving does not care about names.
        #expect((try? solver.solve(duplicate, options: SolveOptions()))?.status == .optimal)
    }

    @Test func unwritablePathIsAnIOError() {
        for format in ModelFileFormat.allCases {
            #expect {
                try solver.write(Models.lp, format: format, to: "/nonexistent-dir/model.\(format.rawValue)")
            } throws: { error in
                if case .io(let message) = error as? SolverError { return message.contains("/nonexistent-dir/model") }
                return false
            }
        }
    }

    @Test func versionNamesGLPK() {
        #expect(solver.name == "GLPK")
        #expect(solver.version.hasPrefix("GLPK 5."))
    }
}

/// Sessions update a loaded problem in place; every answer must equal a fresh solve's.
@Suite struct GLPKSessionConformance {
    func knapsack(capacity: Double, rows extra: Int = 0) -> LinearProgram {
        var lp = LinearProgram(name: "knap")
        let weights: [Double] = [12, 7, 11, 8, 9, 6, 5, 14]
        let values: [Double] = [24, 13, 23, 15, 16, 11, 9, 26]
        for i in weights.indices { lp.addVariable("x\(i)", upper: 3, integer: true) }
        lp.addConstraint("cap", weights.enumerated().map { .init($0.offset, $0.element) }, upper: capacity)
        for r in 0..<extra { lp.addConstraint("extra\(r)", [.init(r, 1)], upper: 2) }
        lp.objective = .init(.maximize, values.enumerated().map { .init($0.offset, $0.element) })
        return lp
    }

    @Test func updatedBoundsRowsAndKindsMatchFreshSolves() throws {
        let solver = GLPKSolver()
        let programs = [knapsack(capacity: 50), knapsack(capacity: 20), knapsack(capacity: 50, rows: 3),
                        knapsack(capacity: 35, rows: 1), knapsack(capacity: 35, rows: 1).relaxed, knapsack(capacity: 0),
                        knapsack(capacity: 80)]
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

    @Test func aStatelessSolveInsideASessionDoesNotFreeTheSessionsProblem() throws {
        let solver = GLPKSolver()
        try solver.withSession { session in
            _ = try session.solve(knapsack(capacity: 50), options: SolveOptions())
            _ = try solver.solve(knapsack(capacity: 10), options: SolveOptions())  // releases only if nothing is live
            let again = try session.solve(knapsack(capacity: 40), options: SolveOptions(relativeGap: 0))
            let fresh = try solver.solve(knapsack(capacity: 40), options: SolveOptions(relativeGap: 0))
            #expect(again.objective == fresh.objective)
        }
    }

    @Test func aSessionRecoversAfterAGLPKError() throws {
        let solver = GLPKSolver()
        try solver.withSession { session in
            _ = try session.solve(knapsack(capacity: 50), options: SolveOptions())
            #expect(GLPKSolver.triggerGLPKErrorForTesting() != nil)  // frees this thread's environment
            let after = try session.solve(knapsack(capacity: 40), options: SolveOptions(relativeGap: 0))
            let fresh = try solver.solve(knapsack(capacity: 40), options: SolveOptions(relativeGap: 0))
            #expect(after.objective == fresh.objective)
        }
    }
}

/// Sensitivity of a small LP worked out by hand:
/// max 3x + 2y  s.t.  c1: x + y <= 4,  c2: x + 3y <= 9,  0 <= x <= 3,  y >= 0.
/// Optimum x = 3, y = 1 (objective 11); c1 binds with dual 2 over rhs 3...5 (y = rhs - 3
/// must stay within 0...2); the coefficient of x may fall by 1 (to 2) before the basis changes.
@Suite struct GLPKSensitivityConformance {
    var program: LinearProgram {
        var lp = LinearProgram(name: "sens")
        let x = lp.addVariable("x", upper: 3), y = lp.addVariable("y")
        lp.addConstraint("c1", [.init(x, 1), .init(y, 1)], upper: 4)
        lp.addConstraint("c2", [.init(x, 1), .init(y, 3)], upper: 9)
        lp.objective = .init(.maximize, [.init(x, 3), .init(y, 2)])
        return lp
    }

    @Test func boundRangesDualsAndEffects() throws {
        let (result, report) = try GLPKSolver().sensitivity(program, request: SensitivityRequest(rows: [0, 1], objectiveDirections: [[.init(0, 1)], [.init(1, 1)]]))
        #expect(result.status == .optimal && abs(result.objective! - 11) < 1e-9)
        let r = try #require(report)
        #expect(r.rows[0].isBinding && abs(r.rows[0].dual - 2) < 1e-9)
        let range = try #require(r.rows[0].boundRange)
        #expect(abs(range.lowerBound - 3) < 1e-9 && abs(range.upperBound - 5) < 1e-9)
        #expect(r.rows[0].variableChange == [.init(1, 1)])
        #expect(!r.rows[1].isBinding && r.rows[1].boundRange == nil)
        #expect(abs(r.objectiveRanges[0].lowerBound + 1) < 1e-9 && r.objectiveRanges[0].upperBound == .infinity)
        // y's coefficient: from 2 it may rise to 3 (then x and y tie on c1) and fall to 0.
        #expect(abs(r.objectiveRanges[1].upperBound - 1) < 1e-9 && abs(r.objectiveRanges[1].lowerBound + 2) < 1e-9)
    }

    @Test func rejectsIntegerPrograms() {
        var p = program
        p.variables[0].isInteger = true
        #expect(throws: SolverError.self) { try GLPKSolver().sensitivity(p, request: SensitivityRequest(rows: [0])) }
    }
}

/// Counts the questions a cancellation token is asked (thread-safe).
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func next() -> Int { lock.lock(); defer { lock.unlock() }; n += 1; return n }
    var value: Int { lock.lock(); defer { lock.unlock() }; return n }
}
