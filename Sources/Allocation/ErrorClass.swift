import LinearProgramming

/// What kind of failure an error is, decided once for every error type of the package: the
/// command line's exit code and the web API's HTTP status are both read from here, so the two
/// cannot disagree (docs/ARCHITECTURE.md, "Where an error's class is decided").
///
/// Each error type says which class each of its cases belongs to (`ClassifiedError`, next to
/// the type); `classify(_:)` reads it for any error. This table turns a class into an exit code
/// and an HTTP status.
public enum ErrorClass: String, Sendable, CaseIterable {
    /// The user's input is wrong: a file, a value, an option (the message names file, line or
    /// key, what was found and what is allowed). Also a file that cannot be written.
    case input
    /// The scenario is well-formed but no plan can satisfy all of its rules (the message
    /// names the rule and by how much it fails).
    case infeasible
    /// The solver or this tool failed, including a solver that ran out of time before it had
    /// any plan: not the user's fault and not a property of the scenario (the same scenario
    /// with more time, or on a faster machine, has a plan).
    case solverOrInternal
    /// Whoever asked is gone (the web client hung up); nobody reads the answer.
    case cancelled

    /// The command line's exit code (README, "Exit codes"); 64 for usage errors is the
    /// argument parser's own and never comes from an error of the library.
    public var exitCode: Int32 {
        switch self {
        case .input: return 1
        case .infeasible: return 2
        // Cancelled cannot happen on the command line (nothing cancels its solves).
        case .solverOrInternal, .cancelled: return 3
        }
    }

    /// The web API's status for an error of the class. User input is 422 (the request was
    /// well-formed JSON, a value in it is wrong); the planner answers more precise 4xx codes
    /// (400, 404, 409, 413) for what it checks itself, all of them in the input class.
    public var httpStatus: Int {
        switch self {
        case .input, .infeasible: return 422
        case .solverOrInternal: return 500
        case .cancelled: return 499
        }
    }

    /// The web API's error kind (the OpenAPI document's `Error.kind`) for the class.
    public var httpKind: String {
        switch self {
        case .input: return "invalid-value"
        case .infeasible: return "infeasible"
        case .solverOrInternal: return "internal"
        case .cancelled: return "cancelled"
        }
    }

    /// The class of an HTTP status the planner answered (its own 4xx checks are input).
    public init(httpStatus status: Int) {
        switch status {
        case 499: self = .cancelled
        case 400..<500: self = .input
        default: self = .solverOrInternal
        }
    }
}

/// An error that says which class each of its cases belongs to. Every error type the command
/// line or the web API can meet conforms; an error that does not is `solverOrInternal`.
public protocol ClassifiedError: Error {
    var errorClass: ErrorClass { get }
}

/// The class of any error: the one place the command line and the web API ask.
public func classify(_ error: any Error) -> ErrorClass {
    (error as? any ClassifiedError)?.errorClass ?? .solverOrInternal
}

extension AllocationError: ClassifiedError {
    public var errorClass: ErrorClass {
        switch self {
        case .inconsistentScenario: return .input
        case .infeasible: return .infeasible
        case .solver(let e): return e.errorClass
        // A time limit without any plan is the solver's, not the user's (a longer limit finds one).
        case .noPlanFound, .verificationFailed, .unexpectedStatus, .internalError: return .solverOrInternal
        case .cancelled: return .cancelled
        }
    }
}

extension SolverError: ClassifiedError {
    public var errorClass: ErrorClass {
        switch self {
        // A model file that cannot be written (export-model): the path is the user's.
        case .io: return .input
        case .cancelled: return .cancelled
        // Models and options are built by this tool and checked before any C call.
        case .invalidModel, .invalidOption, .solverFailure: return .solverOrInternal
        }
    }
}
