import Foundation  // NSLock, for Cancellation

/// Options every solver adapter must honour; an adapter rejects what it cannot do.
public struct SolveOptions: Sendable, Equatable {
    /// Stop the integer search once (bound - incumbent) / |incumbent| falls below this.
    public var relativeGap: Double
    /// Wall-clock limit for one solve, in seconds.
    public var timeLimitSeconds: Double
    /// A feasible integer point to start from (one value per variable), if known.
    public var incumbent: [Double]?
    /// Asked while the solve runs; once it says cancelled the solve stops and throws
    /// `SolverError.cancelled` (no result: whoever asked is gone).
    public var cancellation: Cancellation?
    /// Whether `SolveResult.log` gets the solver's own progress lines (errors and the adapter's
    /// notes are always there). False for the thousands of small solves nobody reads the log
    /// of: formatting it was a tenth of a state-wide run. The answer is the same either way.
    public var solverLog: Bool
    /// A mixed-integer program whose LP relaxation's optimum is already whole in every integer
    /// column (within the adapter's integrality tolerance) is answered by that optimum, without
    /// the branch-and-bound set-up, also when an `incumbent` is offered: no integer point is
    /// better than the relaxation's optimum. For GLPK the search would end at its root with that
    /// point; after warm starts its continuous values may differ from the search's in the last
    /// bits, as the search re-solves its root from a fresh factorization. For the engine's thousands of funding checks, nearly all of which end
    /// so; the engine takes whole devices from them and re-derives the money in cents.
    public var integralRelaxationIsOptimal: Bool
    /// A work limit for the integer search: it stops once it has made more than this many
    /// branch-and-bound nodes (nil: no such limit). Unlike `timeLimitSeconds` it does not
    /// depend on the machine's speed or load, so a search it stops ends with the same point
    /// and bound on every machine (`SolveResult.limit` is then `.nodes`). At least 1 (1: the
    /// root only).
    public var nodeLimit: Int?
    /// Told when each stage of a staged solve begins (the multi-year plan's stages, for the
    /// planner's progress board); solver adapters carry it and never call it.
    public var stages: StageReporter?

    public init(relativeGap: Double = 1e-4, timeLimitSeconds: Double = 10, incumbent: [Double]? = nil,
                cancellation: Cancellation? = nil, solverLog: Bool = true, integralRelaxationIsOptimal: Bool = false,
                nodeLimit: Int? = nil, stages: StageReporter? = nil) {
        self.relativeGap = relativeGap; self.timeLimitSeconds = timeLimitSeconds; self.incumbent = incumbent
        self.cancellation = cancellation; self.solverLog = solverLog
        self.integralRelaxationIsOptimal = integralRelaxationIsOptimal
        self.nodeLimit = nodeLimit
        self.stages = stages
    }
}

/// Where a staged solve has got: `begins(stage, of)` is called on the solving thread when a
/// stage begins (its number from 1 and the stage count). Carried in `SolveOptions` rather than
/// in a task-local value: `TaskLocal.withValue` with a function-typed value crashed the release
/// binary (static Swift runtime) in `swift_task_localValuePush`. Equal only to itself.
public final class StageReporter: Sendable, Equatable {
    public let begins: @Sendable (_ stage: Int, _ of: Int) -> Void
    public init(_ begins: @escaping @Sendable (_ stage: Int, _ of: Int) -> Void) { self.begins = begins }
    public static func == (a: StageReporter, b: StageReporter) -> Bool { a === b }
}

/// Whether the work a solve does is still wanted: cancelled by `cancel()`, or once `check`
/// (e.g. "the web client hung up") returns true. Cheap to ask, from any thread; once
/// cancelled it stays cancelled. Equal only to itself.
public final class Cancellation: @unchecked Sendable, Equatable {
    private let lock = NSLock()
    private var cancelled = false
    private let check: @Sendable () -> Bool

    public init(_ check: @escaping @Sendable () -> Bool = { false }) { self.check = check }

    /// A token that cancels itself `seconds` after it is made (for tests and benchmarks).
    public static func after(seconds: Double) -> Cancellation {
        let end = ContinuousClock.now.advanced(by: .milliseconds(Int64(max(0, seconds) * 1000)))
        return Cancellation { ContinuousClock.now >= end }
    }

    public func cancel() { lock.withLock { cancelled = true } }

    public var isCancelled: Bool {
        if lock.withLock({ cancelled }) { return true }
        guard check() else { return false }
        cancel()
        return true
    }

    public static func == (a: Cancellation, b: Cancellation) -> Bool { a === b }
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
    /// A feasible point, not proven optimal, and no limit stopped anything: the integer search
    /// was not run (skipped for the program's size), so the bound is only a relaxation's.
    case notSearched = "not-searched"
    /// A feasible point, not proven optimal: the integer search ended at its work limit
    /// (`SolveOptions.nodeLimit`), which is the same on every machine (unlike `feasible`, a
    /// time limit, where it stops depends on the machine's speed and load).
    case workLimit = "work-limit"

    /// The status of a stage that has a verified point, decided in one place for every stage
    /// of a multi-stage solve: `optimal` when value and bound meet (within the gap); else
    /// `feasible` when a time limit or the deadline cut a solve the stage needed; else
    /// `workLimit` when the integer search ran and ended without proof (at its work limit);
    /// else `notSearched`.
    public static func ofStage(proven: Bool, searched: Bool, stopped: Bool) -> TerminationStatus {
        proven ? .optimal : stopped ? .feasible : searched ? .workLimit : .notSearched
    }
}

/// The limit that stopped a solve before it finished.
public enum SolveLimit: String, Sendable, Equatable, Codable {
    /// `SolveOptions.timeLimitSeconds`: where it stops depends on the machine's speed and load.
    case time
    /// `SolveOptions.nodeLimit`: a work limit, the same on every machine.
    case nodes
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
    /// The limit that stopped the solve before it finished (nil: none did; the status says
    /// what it found either way).
    public var limit: SolveLimit?

    public init(status: TerminationStatus, objective: Double?, bestBound: Double?, values: [Double],
                seconds: Double, log: String = "", limit: SolveLimit? = nil) {
        self.status = status; self.objective = objective; self.bestBound = bestBound
        self.values = values; self.seconds = seconds; self.log = log; self.limit = limit
    }

    public var hasSolution: Bool { status == .optimal || status == .feasible || status == .notSearched || status == .workLimit }
}

/// "The call failed" as opposed to a termination status. The words are
/// `Sources/Reports/ErrorWords.swift`.
public enum SolverError: Error, Equatable {
    case invalidModel(ModelError)
    case invalidOption(String)
    /// The solver library reported an internal error; the process survived it.
    case solverFailure(String)
    case io(String)
    /// `SolveOptions.cancellation` stopped the solve.
    case cancelled
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
    /// How `sensitivity` analyses, for reports that rest on it to name (default: the solver's
    /// name, no routines).
    var sensitivityMethod: SensitivityMethod { get }
    /// Solves a linear program (no integer columns) and analyses its optimal basis.
    func sensitivity(_ program: LinearProgram, request: SensitivityRequest) throws(SolverError) -> (SolveResult, SensitivityReport?)
}

/// A solver that keeps what it learnt between solves of programs of the same shape: the
/// loaded model and its basis. Each `solve` takes the whole program; the session updates
/// only what changed (bounds, right-hand sides, objective, matrix, rows added or removed at
/// the end) and starts warm. Used on one thread only, inside `LinearSolver.withSession`.
public protocol SolverSession: AnyObject {
    func solve(_ program: LinearProgram, options: SolveOptions) throws(SolverError) -> SolveResult
}

extension LinearSolver {
    public var sensitivityMethod: SensitivityMethod { SensitivityMethod(solver: name, routines: []) }

    public func sensitivity(_ program: LinearProgram, request: SensitivityRequest) throws(SolverError) -> (SolveResult, SensitivityReport?) {
        throw .invalidOption("\(name) cannot analyse sensitivity")
    }

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

/// What to ask of an LP optimum (see `LinearSolver.sensitivity`).
public struct SensitivityRequest: Sendable {
    /// Rows whose active bound (right-hand side) may change.
    public var rows: [Int]
    /// Directions δ over objective coefficients (several columns may move together).
    public var objectiveDirections: [[LinearProgram.Term]]
    public init(rows: [Int], objectiveDirections: [[LinearProgram.Term]] = []) {
        self.rows = rows; self.objectiveDirections = objectiveDirections
    }
}

/// How an adapter analyses sensitivity: the solver and the routines it calls, named in what a
/// report says it computed on (the adapter knows them; the domain only passes them on).
public struct SensitivityMethod: Sendable, Equatable {
    public var solver: String
    public var routines: [String]
    public init(solver: String, routines: [String]) { self.solver = solver; self.routines = routines }
}

/// Sensitivity of the optimal basis of a linear program.
public struct SensitivityReport: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var row: Int
        /// The row holds at one of its bounds (its slack is non-basic).
        public var isBinding: Bool
        /// Objective change per unit increase of the row's active bound.
        public var dual: Double
        /// For a binding row: the values of its active bound over which the basis stays optimal.
        public var boundRange: ClosedRange<Double>?
        /// For a binding row: each variable's change per unit increase of the active bound.
        public var variableChange: [LinearProgram.Term]
        public init(row: Int, isBinding: Bool, dual: Double, boundRange: ClosedRange<Double>?, variableChange: [LinearProgram.Term]) {
            self.row = row; self.isBinding = isBinding; self.dual = dual; self.boundRange = boundRange; self.variableChange = variableChange
        }
    }
    public var rows: [Row]
    /// For each direction δ: the θ for which the objective c + θδ keeps the basis optimal
    /// (-infinity / +infinity when unlimited).
    public var objectiveRanges: [ClosedRange<Double>]
    public init(rows: [Row], objectiveRanges: [ClosedRange<Double>]) { self.rows = rows; self.objectiveRanges = objectiveRanges }
}
