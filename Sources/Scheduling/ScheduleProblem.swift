import Allocation

/// Why the schedule's rules do not fit the plan, as facts (`ScheduleError.inconsistentRules`);
/// the words, German and English, are `Sources/Reports/ErrorWords+Commands.swift`.
public enum ScheduleRuleProblem: Sendable, Equatable {
    case noPeriods
    /// Another number of imaging capacities than periods.
    case capacities(Int, periods: Int)
    case negativeCapacity(Int)
    /// A period that starts before the one before it ends (their labels).
    case periodsOverlap(later: String, earlier: String)
    /// A supply figure below 0 (its day).
    case negativeSupply(Day)
    /// More columns than the solver solves in minutes.
    case tooManyColumns(periods: Int, schools: Int, columns: Int, limit: Int)
    /// A deadline for a pool the scenario does not have.
    case unknownDeadlinePool(String)
    /// The need tables do not fit the scenario (the teacher weights need them).
    case needTables(AllocationError)
}

/// Why the solver stopped without a schedule (`ScheduleError.noScheduleFound`).
public enum NoScheduleReason: Sendable, Equatable {
    /// The greedy starting plan breaks a rule: an internal error.
    case startingPlanBreaksRule
    /// No stage found a schedule within the time limit (seconds).
    case timeLimit(Double)
}
