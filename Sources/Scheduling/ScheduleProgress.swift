/// Where the scheduler is, for a progress line on a terminal (`allocate schedule`): the step,
/// and in a stage the value of the best verified schedule so far and the proven bound, both
/// in the stage's unit (euros for the money stage, weighted device-weeks for the other).
public struct ScheduleProgress: Sendable, Equatable {
    public enum Step: Sendable, Equatable {
        /// The linear relaxation of the first stage: its value bounds every schedule.
        case relaxation
        /// The search for a starting plan (imaging orders improved by exchanges).
        case startingPlan
        /// The solver on stage `index` (0-based) of `count`; `name` as `RolloutPlan.Stage.name`.
        case stage(index: Int, count: Int, name: String)
        /// Every stage ended.
        case done
    }

    public var step: Step
    /// The best schedule's value in the current stage (or the first stage's, before the stages).
    public var incumbent: Double?
    /// The proven bound on that value (for the maximisations here: an upper bound).
    public var bound: Double?

    public init(step: Step, incumbent: Double? = nil, bound: Double? = nil) {
        self.step = step; self.incumbent = incumbent; self.bound = bound
    }

    /// (bound - incumbent) / |incumbent|, as the relative gap of `solver.relativeGap` is measured.
    public var relativeGap: Double? {
        guard let incumbent, let bound else { return nil }
        return max(0, bound - incumbent) / max(abs(incumbent), 1e-12)
    }
}
