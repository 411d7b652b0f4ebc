import Foundation
@_spi(Testing) import GLPKSolver
import LinearProgramming
import Testing
import TestSupport

/// What only the GLPK adapter does, beyond the `LinearSolver` conformance suite that runs on it
/// (Tests/LinearProgrammingTests/LinearSolverConformanceTests.swift): GLPK's own answers
/// where the contract leaves a choice, its log, its model files, its version, and the guard
/// around every GLPK call (docs/ARCHITECTURE.md, GLPK rule 1).
@Suite struct GLPKAdapterTests: SolverChecks {
    let solver = GLPKSolver()

    /// Observed on GLPK 5.0: primal simplex (no presolver) meets the infeasibility in phase 1
    /// first, so a program that is both infeasible and unbounded comes out infeasible; the MIP
    /// path stops at its LP relaxation and says the same.
    @Test(arguments: [false, true]) func infeasibleAndUnboundedIsInfeasible(integer: Bool) throws {
        let r = try solver.solve(Models.infeasibleAndUnbounded(integer: integer), options: SolveOptions())
        #expect(r.status == .infeasible)
    }

    /// GLPK's output is collected into the result, not printed, and says what became of an
    /// offered incumbent.
    @Test func theLogIsCollectedAndNamesTheIncumbentsFate() throws {
        let r = try solver.solve(Models.lp, options: SolveOptions())
        #expect(r.log.contains("OPTIMAL"))
        let accepted = try solver.solve(Models.knapsack, options: SolveOptions(incumbent: [0, 1, 1, 1]))
        #expect(accepted.log.contains("incumbent was accepted"))
        let ignored = try solver.solve(Models.knapsack, options: SolveOptions(incumbent: [1, 1, 1, 1]))
        #expect(ignored.log.contains("incumbent was ignored"))
        // Observed: 1 ms can end before GLPK asks for a heuristic solution; the given incumbent
        // is still handed over.
        let seed = try solver.solve(Models.hardKnapsack, options: SolveOptions(timeLimitSeconds: 0.2))
        let seeded = try solver.solve(Models.hardKnapsack,
                                      options: SolveOptions(relativeGap: 0, timeLimitSeconds: 0.001, incumbent: seed.values))
        #expect(seeded.log.contains("incumbent"))
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

    /// The node limit is a work limit: a search it stops ends with the same point and bound on
    /// every run (here: with a short and a long time limit), says `workLimit` and `.nodes`, and
    /// its bound is on the right side of the optimum; without it the same search is proven.
    @Test func theNodeLimitStopsTheSearchTheSameWayEveryTime() throws {
        let program = Models.hardKnapsack
        let proven = try solver.solve(program, options: SolveOptions(relativeGap: 0, timeLimitSeconds: 60))
        #expect(proven.status == .optimal && proven.limit == nil)
        let optimum = try #require(proven.objective)
        var runs: [SolveResult] = []
        for seconds in [5.0, 60.0] {
            runs.append(try solver.solve(program, options: SolveOptions(relativeGap: 0, timeLimitSeconds: seconds, nodeLimit: 3)))
        }
        for r in runs {
            #expect(r.limit == .nodes, "\(r.status)")
            #expect(r.status == .workLimit || r.status == .noSolutionFound)
            if let b = r.bestBound { #expect(b >= optimum - 1e-9) }
            if let v = r.objective { #expect(v <= optimum + 1e-9) }
        }
        #expect(runs[0].status == runs[1].status && runs[0].objective == runs[1].objective && runs[0].bestBound == runs[1].bestBound
                && runs[0].values == runs[1].values)
        // The incumbent given is kept when the limit stops the search before anything better.
        let start = [Double](repeating: 0, count: program.variables.count)
        let seeded = try solver.solve(program, options: SolveOptions(relativeGap: 0, timeLimitSeconds: 60, incumbent: start, nodeLimit: 1))
        #expect(seeded.hasSolution && seeded.limit == .nodes && seeded.status == .workLimit)
        #expect(throws: SolverError.self) { try solver.solve(program, options: SolveOptions(nodeLimit: 0)) }
    }

    @Test func versionNamesGLPK() {
        #expect(solver.name == "GLPK")
        #expect(solver.version.hasPrefix("GLPK 5."))
    }
}

/// A GLPK session after GLPK freed the thread's environment.
@Suite struct GLPKSessionTests {
    @Test func aSessionRecoversAfterAGLPKError() throws {
        let solver = GLPKSolver()
        try solver.withSession { session in
            _ = try session.solve(Models.boundedKnapsack(capacity: 50), options: SolveOptions())
            #expect(GLPKSolver.triggerGLPKErrorForTesting() != nil)  // frees this thread's environment
            let after = try session.solve(Models.boundedKnapsack(capacity: 40), options: SolveOptions(relativeGap: 0))
            let fresh = try solver.solve(Models.boundedKnapsack(capacity: 40), options: SolveOptions(relativeGap: 0))
            #expect(after.objective == fresh.objective)
        }
    }
}

/// Sensitivity of a small LP worked out by hand:
/// max 3x + 2y  s.t.  c1: x + y <= 4,  c2: x + 3y <= 9,  0 <= x <= 3,  y >= 0.
/// Optimum x = 3, y = 1 (objective 11); c1 binds with dual 2 over rhs 3...5 (y = rhs - 3
/// must stay within 0...2); the coefficient of x may fall by 1 (to 2) before the basis changes.
@Suite struct GLPKSensitivityTests {
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
