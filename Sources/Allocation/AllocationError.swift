import LinearProgramming

/// What can stop an allocation, as facts. An infeasible scenario is an answer with an
/// explanation, a verification failure is a bug in this tool, never something to print as a
/// plan. The words (German and English) are `Sources/Reports/ErrorWords.swift`.
public enum AllocationError: Error, Equatable {
    /// The scenario contradicts itself in a way its loader could not see (the rule broken, at its key).
    case inconsistentScenario(ScenarioIssue)
    /// No plan can satisfy every rule: the rule, and by how much and where it fails.
    case infeasible(Infeasibility)
    case solver(SolverError)
    /// The solver ran out of time before finding any plan.
    case noPlanFound(NoPlanReason)
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

    /// Which part of the solve ran out of time before it had a plan.
    public enum NoPlanReason: Sendable, Equatable {
        /// The check that the device totals can be paid.
        case fundingCheckTimedOut
    }
}
