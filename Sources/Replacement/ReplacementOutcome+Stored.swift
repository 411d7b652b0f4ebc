import LinearProgramming

extension ReplacementPlanner.Outcome {
    /// An outcome from its parts: a plan kept by the run history (issue 20) with its stages as
    /// solved, checked again by `ReplacementVerifier.verify`, so that the years outputs can be
    /// made again from the stored plan without solving.
    public init(stored plan: ReplacementPlan, check: ReplacementVerifier.Result, stages: [Lexicographic.Stage]) {
        self.plan = plan
        self.check = check
        self.stages = stages
    }
}
