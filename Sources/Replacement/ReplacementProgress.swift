import LinearProgramming

/// Where a multi-year solve has got, for whoever waits for it (the web planner's progress board,
/// issue 19): each stage of `ReplacementPlanner.solve` says when it begins, and a solve whose
/// `SolveOptions.cancellation` fired stops there (between stages; inside a solve GLPK itself
/// asks the same token, and `SolveOptions.within` gives no more time to a cancelled solve).
extension ReplacementPlanner {
    /// Stage `stage` (from 1) of `count` begins: told to `options.stages` (set for one solve by
    /// `YearsSolving.solve`); throws `.cancelled` once `options`' cancellation fired.
    static func begin(stage: Int, of count: Int, _ options: SolveOptions) throws(SolverError) {
        if options.cancellation?.isCancelled == true { throw .cancelled }
        options.stages?.begins(stage, count)
    }
}
