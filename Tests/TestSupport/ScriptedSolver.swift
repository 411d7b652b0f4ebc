import Foundation
import LinearProgramming

/// A solver that needs no GLPK, for the error paths of whatever calls a `LinearSolver`: a
/// time limit, an infeasible stage, a solver failure in the middle of a sweep.
///
/// Unscripted, it answers every program with one point — each variable at its lower bound
/// (0 for a free one) — as optimal when that point keeps every row, else as infeasible. That
/// point is enough for the allocation engine to run to a verified plan (no devices at all, or
/// the floors) without any real optimisation. The script sees each call (its number, the
/// program, the options) and may answer it otherwise: another status, a proven bound, or a
/// failure. Every call is recorded.
public final class ScriptedSolver: LinearSolver, @unchecked Sendable {
    public struct Call: Sendable {
        /// 0 for the first solve this solver answered (sessions included).
        public let index: Int
        public let program: LinearProgram
        public let options: SolveOptions
    }

    public enum Reply: Sendable {
        /// The lowest point: optimal if it keeps every row, else infeasible.
        case lowestPoint
        /// The lowest point reported with this status (`.optimal`, `.feasible`) and proven bound
        /// (nil: the point's own objective); for `.infeasible`, `.unbounded` and
        /// `.noSolutionFound` no point at all.
        case status(TerminationStatus, bestBound: Double? = nil)
        /// The call throws.
        case fail(SolverError)
    }

    public let name = "scripted"
    public let version = "scripted solver 1"
    private let script: @Sendable (Call) -> Reply
    private let lock = NSLock()
    private var recorded: [Call] = []

    public init(_ script: @escaping @Sendable (Call) -> Reply = { _ in .lowestPoint }) { self.script = script }

    /// Every call answered so far, in order.
    public var calls: [Call] { lock.withLock { recorded } }

    public func solve(_ program: LinearProgram, options: SolveOptions) throws(SolverError) -> SolveResult {
        if options.cancellation?.isCancelled == true { throw .cancelled }
        let call = lock.withLock { () -> Call in
            let call = Call(index: recorded.count, program: program, options: options)
            recorded.append(call)
            return call
        }
        let point = Self.lowestPoint(program)
        let feasible = program.maxViolation(point) <= 1e-9
        switch script(call) {
        case .fail(let error):
            throw error
        case .lowestPoint:
            guard feasible else { return SolveResult(status: .infeasible, objective: nil, bestBound: nil, values: [], seconds: 0) }
            let objective = program.objectiveValue(point)
            return SolveResult(status: .optimal, objective: objective, bestBound: objective, values: point, seconds: 0)
        case let .status(status, bound):
            guard status == .optimal || status == .feasible else {
                return SolveResult(status: status, objective: nil, bestBound: nil, values: [], seconds: 0)
            }
            let objective = program.objectiveValue(point)
            return SolveResult(status: status, objective: objective, bestBound: bound ?? objective, values: point, seconds: 0)
        }
    }

    public func write(_ program: LinearProgram, format: ModelFileFormat, to path: String) throws(SolverError) {
        throw .io("\(path): the scripted solver writes no files")
    }

    /// Each variable at its lower bound; a free variable at 0 (or at its upper bound if that is below 0).
    public static func lowestPoint(_ program: LinearProgram) -> [Double] {
        program.variables.map { v in v.lower.isFinite ? v.lower : min(0, v.upper) }
    }
}
