/// Options every solver adapter must honour; an adapter rejects what it cannot do.
public struct SolveOptions: Sendable, Equatable {
    /// Stop the integer search once (bound - incumbent) / |incumbent| falls below this.
    public var relativeGap: Double
    /// Wall-clock limit for one solve, in seconds.
    public var timeLimitSeconds: Double
    /// A feasible integer point to start from (one value per variable), if known.
    public var incumbent: [Double]?

    public init(relativeGap: Double = 1e-4, timeLimitSeconds: Double = 10, incumbent: [Double]? = nil) {
        self.relativeGap = relativeGap; self.timeLimitSeconds = timeLimitSeconds; self.incumbent = incumbent
    }
}

/// How a solve ended. A status is not an error: "infeasible" is an answer.
public enum TerminationStatus: String, Sendable, Equatable, Codable {
    /// Proven optimal (for a MIP: within the requested relative gap).
    case optimal
    /// A feasible point, not proven optimal (a time limit stopped the search).
    case feasible
    case infeasible
    case unbounded
    /// A limit stopped the search before any feasible point was found.
    case noSolutionFound = "no-solution-found"
}

public struct SolveResult: Sendable, Equatable {
    public var status: TerminationStatus
    /// Objective of the returned point (including the constant); nil without a point.
    public var objective: Double?
    /// The best proven bound on the objective (for a proven LP optimum: the objective).
    public var bestBound: Double?
    /// One value per variable; empty without a point.
    public var values: [Double]
    public var seconds: Double
    /// What the solver printed, collected instead of written to the terminal.
    public var log: String

    public init(status: TerminationStatus, objective: Double?, bestBound: Double?, values: [Double],
                seconds: Double, log: String = "") {
        self.status = status; self.objective = objective; self.bestBound = bestBound
        self.values = values; self.seconds = seconds; self.log = log
    }

    public var hasSolution: Bool { status == .optimal || status == .feasible }
}

/// "The call failed" as opposed to a termination status.
public enum SolverError: Error, Equatable, CustomStringConvertible {
    case invalidModel(ModelError)
    case invalidOption(String)
    /// The solver library reported an internal error; the process survived it.
    case solverFailure(String)
    case io(String)

    public var description: String {
        switch self {
        case .invalidModel(let e): return "invalid model: \(e)"
        case .invalidOption(let s): return "invalid solver option: \(s)"
        case .solverFailure(let s): return "solver failure: \(s)"
        case .io(let s): return s
        }
    }
}

public enum ModelFileFormat: String, Sendable, CaseIterable { case lp, mps }

/// A solver adapter. Implementations must be callable from any thread; each call is
/// self-contained (no state survives between calls).
public protocol LinearSolver: Sendable {
    var name: String { get }
    var version: String { get }
    func solve(_ program: LinearProgram, options: SolveOptions) throws(SolverError) -> SolveResult
    func write(_ program: LinearProgram, format: ModelFileFormat, to path: String) throws(SolverError)
    /// Runs `body` with a session that may keep a loaded model between solves (warm starts).
    /// The session must not leave `body` nor be used on another thread.
    func withSession<R, E: Error>(_ body: (any SolverSession) throws(E) -> R) throws(E) -> R
}

/// A solver that keeps what it learnt between solves of programs of the same shape: the
/// loaded model and its basis. Each `solve` takes the whole program; the session updates
/// only what changed (bounds, right-hand sides, objective, matrix, rows added or removed at
/// the end) and starts warm. Used on one thread only, inside `LinearSolver.withSession`.
public protocol SolverSession: AnyObject {
    func solve(_ program: LinearProgram, options: SolveOptions) throws(SolverError) -> SolveResult
}

extension LinearSolver {
    /// A session that simply solves each program anew; adapters that can warm-start override
    /// `withSession`.
    public func withSession<R, E: Error>(_ body: (any SolverSession) throws(E) -> R) throws(E) -> R {
        try body(StatelessSession(solver: self))
    }
}

final class StatelessSession: SolverSession {
    let solver: any LinearSolver
    init(solver: any LinearSolver) { self.solver = solver }
    func solve(_ program: LinearProgram, options: SolveOptions) throws(SolverError) -> SolveResult {
        try solver.solve(program, options: options)
    }
}
