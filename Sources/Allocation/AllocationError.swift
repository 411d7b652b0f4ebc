import LinearProgramming

/// What can stop an allocation. An infeasible scenario is an answer with an explanation,
/// a verification failure is a bug in this tool, never something to print as a plan.
public enum AllocationError: Error, Equatable, CustomStringConvertible {
    /// The scenario contradicts itself in a way its loader could not see.
    case inconsistentScenario(String)
    /// No plan can satisfy every rule; the text names the rule and by how much it fails.
    case infeasible(rule: String, explanation: String)
    case solver(SolverError)
    /// The solver ran out of time before finding any plan.
    case noPlanFound(String)
    /// The plan broke a rule of the scenario (`PlanVerifier`): an internal error of this tool.
    case verificationFailed([String])
    /// The solver ended a stage with a status that cannot happen for this model (e.g.
    /// infeasible although the floors were proven fundable): an internal error of this tool.
    case unexpectedStatus(stage: String, status: String, why: String)
    /// One step of this tool contradicted another (a plan found fundable is not, the money
    /// cannot be attributed to the schools): an internal error of this tool.
    case internalError(String)
    /// The caller's `Cancellation` stopped the solve (e.g. the web client hung up): no plan.
    case cancelled

    public var description: String {
        switch self {
        case .inconsistentScenario(let s): return "inconsistent scenario: \(s)"
        case let .infeasible(rule, explanation): return "infeasible: the rule '\(rule)' cannot hold. \(explanation)"
        case .solver(let e): return e.description
        case .noPlanFound(let s): return "no plan found: \(s)"
        case .cancelled: return "the solve was cancelled"
        case .verificationFailed(let v):
            return "internal error: the plan failed verification (please report this):\n  " + v.prefix(20).joined(separator: "\n  ")
        case let .unexpectedStatus(stage, status, why):
            return "internal error: the solver ended the stage '\(stage)' \(status) although \(why) (please report this)"
        case .internalError(let s): return "internal error: \(s) (please report this)"
        }
    }
}
