import Foundation
import LinearProgramming
import Testing
import TestSupport

/// A session that records every program it is given and answers from a script (no solver).
final class RecordingSession: SolverSession {
    var programs: [LinearProgram] = []
    var options: [SolveOptions] = []
    let answer: (Int, LinearProgram) throws(SolverError) -> SolveResult
    init(_ answer: @escaping (Int, LinearProgram) throws(SolverError) -> SolveResult) { self.answer = answer }
    func solve(_ program: LinearProgram, options: SolveOptions) throws(SolverError) -> SolveResult {
        programs.append(program)
        self.options.append(options)
        return try answer(programs.count - 1, program)
    }
}

/// `Lexicographic` on its own: the stages in order, each optimum kept in every later stage,
/// the deadline, the failures — with a scripted session, so each rule is seen exactly.
@Suite struct LexicographicTests {
    /// Two columns x, y in [0, 10]; stage "first" maximises x + y, stage "second" minimises x.
    static var program: LinearProgram {
        var p = LinearProgram(name: "lex")
        p.addVariable("x", upper: 10)
        p.addVariable("y", upper: 10)
        p.addConstraint("sum", [.init(0, 1), .init(1, 1)], upper: 12)
        return p
    }
    static let stages: [(name: String, objective: LinearProgram.Objective)] = [
        ("first", .init(.maximize, [.init(0, 1), .init(1, 1)])),
        ("second", .init(.minimize, [.init(0, 1)])),
    ]

    static func point(_ values: [Double], _ objective: Double, status: TerminationStatus = .optimal, bound: Double? = nil) -> SolveResult {
        SolveResult(status: status, objective: objective, bestBound: bound ?? objective, values: values, seconds: 0.25)
    }
    static let none = SolveResult(status: .infeasible, objective: nil, bestBound: nil, values: [], seconds: 0)

    @Test func eachStageKeepsTheEarlierOptimumWithinTheTolerance() throws {
        let session = RecordingSession { i, _ in i == 0 ? Self.point([10, 2], 12, bound: 12.5) : Self.point([2, 10], 2) }
        let r = try Lexicographic.solve(Self.program, stages: Self.stages, session: session, options: SolveOptions(), tolerance: 0.01)
        #expect(r.values == [2, 10])
        #expect(r.stages == [.init(name: "first", status: .optimal, objective: 12, bestBound: 12.5, seconds: 0.25),
                             .init(name: "second", status: .optimal, objective: 2, bestBound: 2, seconds: 0.25)])
        #expect(session.programs.count == 2)
        #expect(session.programs[0].objective == Self.stages[0].objective)
        #expect(session.programs[0].constraints.count == 1)
        // The second stage: its own objective, and x + y >= 12 − 1 % of 12.
        let second = session.programs[1]
        #expect(second.objective == Self.stages[1].objective)
        let keep = try #require(second.constraints.last)
        #expect(second.constraints.count == 2 && keep.name == "keep_1")
        #expect(keep.terms == Self.stages[0].objective.terms)
        #expect(abs(keep.lower - (12 - 0.12)) < 1e-12 && keep.upper == .infinity)
    }

    /// Minimising keeps an upper bound; a third stage sees both earlier optima.
    @Test func aMinimisingStageIsKeptFromAbove() throws {
        let third: (name: String, objective: LinearProgram.Objective) = ("third", .init(.maximize, [.init(1, 1)]))
        let session = RecordingSession { i, _ in [Self.point([10, 2], 12), Self.point([2, 10], 2), Self.point([2, 10], 10)][i] }
        _ = try Lexicographic.solve(Self.program, stages: Self.stages + [third], session: session, options: SolveOptions(), tolerance: 0.5)
        let keeps = session.programs[2].constraints.dropFirst()
        #expect(keeps.map(\.name) == ["keep_1", "keep_2"])
        #expect(keeps.last?.lower == -.infinity && keeps.last?.upper == 2 + 0.5 * 2)
    }

    /// Tolerance 0 with a resolution: the optimum is kept to less than half a step.
    @Test func aResolutionKeepsTheOptimumExactly() throws {
        let session = RecordingSession { i, _ in i == 0 ? Self.point([10, 2], 12) : Self.point([2, 10], 2) }
        _ = try Lexicographic.solve(Self.program, stages: Self.stages.map { ($0.name, $0.objective, 0.001) }, session: session,
                                    options: SolveOptions(), tolerance: 0, deadline: nil)
        let keep = try #require(session.programs[1].constraints.last)
        #expect(abs(keep.lower - (12 - 0.0004)) < 1e-12)
    }

    /// `start` is asked for each stage with the previous stage's values; its answer is the incumbent.
    @Test func theStartSeesThePreviousValuesAndBecomesTheIncumbent() throws {
        let session = RecordingSession { i, _ in i == 0 ? Self.point([10, 2], 12) : Self.point([2, 10], 2) }
        var asked: [(Int, [Double]?)] = []
        _ = try Lexicographic.solve(Self.program, stages: Self.stages, session: session, options: SolveOptions(), tolerance: 0) { i, _, previous in
            asked.append((i, previous))
            return i == 0 ? [1, 1] : previous
        }
        #expect(asked.map(\.0) == [0, 1])
        #expect(asked[0].1 == nil && asked[1].1 == [10, 2])
        #expect(session.options.map(\.incumbent) == [[1, 1], [10, 2]])
    }

    @Test func aStageWithoutAPointNamesTheStageAndItsStatus() {
        let session = RecordingSession { i, _ in i == 0 ? Self.point([10, 2], 12) : Self.none }
        #expect(throws: Lexicographic.Failure.noSolution(stage: "second", status: .infeasible)) {
            try Lexicographic.solve(Self.program, stages: Self.stages, session: session, options: SolveOptions(), tolerance: 0)
        }
    }

    @Test func aSolverFailureIsPassedOn() {
        let session = RecordingSession { (_: Int, _: LinearProgram) throws(SolverError) -> SolveResult in throw .solverFailure("scripted") }
        #expect(throws: Lexicographic.Failure.solver(.solverFailure("scripted"))) {
            try Lexicographic.solve(Self.program, stages: Self.stages, session: session, options: SolveOptions(), tolerance: 0)
        }
    }

    /// A deadline already past: no stage runs, and the result says it stopped.
    @Test func aPastDeadlineRunsNoStage() throws {
        let session = RecordingSession { _, _ in Self.point([10, 2], 12) }
        let r = try Lexicographic.solve(Self.program, stages: Self.stages.map { ($0.name, $0.objective, nil) }, session: session,
                                        options: SolveOptions(), tolerance: 0, deadline: ContinuousClock.now - .seconds(1))
        #expect(r.stopped && r.stages.isEmpty && r.values.isEmpty)
        #expect(session.programs.isEmpty)
    }

    /// Each stage gets at most the time left; a later stage out of time without a point leaves
    /// the earlier stage's values, marked as stopped (not an error).
    @Test func aLaterStageOutOfTimeKeepsTheEarlierValues() throws {
        let session = RecordingSession { i, _ in
            i == 0 ? Self.point([10, 2], 12) : SolveResult(status: .noSolutionFound, objective: nil, bestBound: nil, values: [], seconds: 0)
        }
        let r = try Lexicographic.solve(Self.program, stages: Self.stages.map { ($0.name, $0.objective, nil) }, session: session,
                                        options: SolveOptions(timeLimitSeconds: 1000), tolerance: 0, deadline: ContinuousClock.now + .seconds(60))
        #expect(r.stopped && r.values == [10, 2] && r.stages.map(\.name) == ["first"])
        #expect(session.options.allSatisfy { $0.timeLimitSeconds <= 60 })
        // Without a deadline the same answer is a failure of that stage.
        let again = RecordingSession { i, _ in
            i == 0 ? Self.point([10, 2], 12) : SolveResult(status: .noSolutionFound, objective: nil, bestBound: nil, values: [], seconds: 0)
        }
        #expect(throws: Lexicographic.Failure.noSolution(stage: "second", status: .noSolutionFound)) {
            try Lexicographic.solve(Self.program, stages: Self.stages, session: again, options: SolveOptions(), tolerance: 0)
        }
    }

    /// A first stage out of time without any point is a failure even with a deadline: there is
    /// no value to fall back to (the caller decides what to do).
    @Test func aFirstStageOutOfTimeIsAFailure() {
        let session = RecordingSession { _, _ in SolveResult(status: .noSolutionFound, objective: nil, bestBound: nil, values: [], seconds: 0) }
        #expect(throws: Lexicographic.Failure.noSolution(stage: "first", status: .noSolutionFound)) {
            try Lexicographic.solve(Self.program, stages: Self.stages.map { ($0.name, $0.objective, nil) }, session: session,
                                    options: SolveOptions(), tolerance: 0, deadline: ContinuousClock.now + .seconds(60))
        }
    }
}
