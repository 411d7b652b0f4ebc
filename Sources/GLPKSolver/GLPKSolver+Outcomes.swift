import LinearProgramming

/// From GLPK's return codes and statuses to a `SolveResult` (docs/ARCHITECTURE.md, GLPK rule 3: a return
/// code of 0 only says the routine finished; the status says what it found).
extension GLPKSolver {
    struct Outcome {
        var status: TerminationStatus
        var objective: Double? = nil
        var bound: Double? = nil
        var values: [Double] = []
        /// The limit that stopped the solve, if one did.
        var limit: SolveLimit? = nil
    }

    /// No variables: every row is the empty sum 0, and the objective is its constant.
    static func solveEmpty(_ program: LinearProgram, seconds: Double) -> SolveResult {
        if let row = program.constraints.first(where: { $0.lower > 0 || $0.upper < 0 }) {
            return SolveResult(status: .infeasible, objective: nil, bestBound: nil, values: [], seconds: seconds,
                               log: "Note: row \(row.name) has no terms but excludes 0.\n")
        }
        let c = program.objective.constant
        return SolveResult(status: .optimal, objective: c, bestBound: c, values: [], seconds: seconds)
    }

    /// Observed on GLPK 5.0 (primal simplex, no presolver): infeasible gives GLP_NOFEAS,
    /// unbounded GLP_UNBND, and a program that is both gives GLP_NOFEAS (phase 1 comes first).
    static func linearOutcome(_ lp: GuardedProblem.SimplexResult) throws(SolverError) -> Outcome {
        switch (lp.code, lp.status) {
        case (.finished, .optimal):
            try requireFinite(lp.objective, lp.values, "glp_simplex")
            return Outcome(status: .optimal, objective: lp.objective, bound: lp.objective, values: lp.values)
        case (.finished, .noFeasible):
            return Outcome(status: .infeasible)
        case (.finished, .unbounded):
            return Outcome(status: .unbounded)
        case (.timeLimit, .feasible), (.iterationLimit, .feasible):
            // Stopped in phase 2: a feasible point; the primal simplex proves no bound.
            try requireFinite(lp.objective, lp.values, "glp_simplex")
            return Outcome(status: .feasible, objective: lp.objective, values: lp.values, limit: .time)
        case (.timeLimit, _), (.iterationLimit, _):
            return Outcome(status: .noSolutionFound, limit: .time)
        default:
            throw unexpected("glp_simplex", lp.code, lp.status)
        }
    }

    /// glp_intopt: return code 0 means the search finished (status GLP_OPT or GLP_NOFEAS),
    /// GLP_EMIPGAP that it stopped within the gap, GLP_ETMLIM that time ran out and GLP_ESTOP
    /// (only for the node limit: a cancellation throws before) that the search made its
    /// `nodeLimit` of nodes (status GLP_FEAS with a point, GLP_UNDEF without). In the last three
    /// cases GLPK reports no bound, so the bound is the tightest one the guard's callback saw,
    /// or the LP relaxation's.
    static func integerOutcome(_ mip: GuardedProblem.IntoptResult, relaxation: Double,
                               program: LinearProgram, options: SolveOptions) throws(SolverError) -> Outcome
    {
        let maximize = program.objective.direction == .maximize
        func tighter(_ a: Double, _ b: Double) -> Double { maximize ? min(a, b) : max(a, b) }
        let bound = mip.bound.map { tighter($0, relaxation) } ?? relaxation

        func withPoint(_ status: TerminationStatus, proven: Bool, limit: SolveLimit? = nil) throws(SolverError) -> Outcome {
            // GLPK's integer columns are integral only within its tolerance (1e-5): return exact
            // integers, and the objective of exactly that point.
            var values = mip.values
            for (j, v) in program.variables.enumerated() where v.isInteger { values[j] = values[j].rounded() + 0.0 }
            let objective = program.objectiveValue(values)
            try requireFinite(objective, values, "glp_intopt")
            // A bound is never worse than a point it bounds (tolerances can cross it slightly).
            let b = proven ? objective : (maximize ? max(bound, objective) : min(bound, objective))
            let within = relativeGap(objective, b) <= options.relativeGap
            return Outcome(status: (status == .feasible || status == .workLimit) && within ? .optimal : status,
                           objective: objective, bound: b, values: values, limit: limit)
        }
        switch (mip.code, mip.status) {
        case (.finished, .optimal):
            return try withPoint(.optimal, proven: true)
        case (.finished, .noFeasible):
            return Outcome(status: .infeasible)
        case (.gapReached, .feasible), (.gapReached, .optimal):
            return try withPoint(.optimal, proven: false)
        case (.timeLimit, .feasible), (.timeLimit, .optimal):
            return try withPoint(.feasible, proven: false, limit: .time)
        case (.timeLimit, _):
            return Outcome(status: .noSolutionFound, bound: bound, limit: .time)
        case (.stopped, let status) where mip.nodeLimitReached:
            if status == .feasible || status == .optimal { return try withPoint(.workLimit, proven: false, limit: .nodes) }
            return Outcome(status: .noSolutionFound, bound: bound, limit: .nodes)
        default:
            throw unexpected("glp_intopt", mip.code, mip.status)
        }
    }

    /// A limit can stop GLPK before it asks for the caller's incumbent (GLP_IHEUR comes after
    /// the root LP; observed with a 1 ms limit), or with a worse point: then the checked
    /// incumbent is the answer.
    static func keepingIncumbent(_ outcome: Outcome, _ incumbent: [Double]?, _ program: LinearProgram,
                                 _ options: SolveOptions, _ notes: inout [String]) -> Outcome
    {
        guard let incumbent, [.feasible, .workLimit, .noSolutionFound].contains(outcome.status) else { return outcome }
        let objective = program.objectiveValue(incumbent)
        let maximize = program.objective.direction == .maximize
        if let current = outcome.objective, maximize ? current >= objective : current <= objective { return outcome }
        notes.append("GLPK stopped without a point as good as the given incumbent; the incumbent is returned.")
        var better = Outcome(status: outcome.limit == .nodes ? .workLimit : .feasible, objective: objective, values: incumbent,
                             limit: outcome.limit)
        if let bound = outcome.bound {
            let b = maximize ? max(bound, objective) : min(bound, objective)
            better.bound = b
            if relativeGap(objective, b) <= options.relativeGap { better.status = .optimal }
        }
        return better
    }

    /// GLPK's definition: |best - bound| / (|best| + DBL_EPSILON).
    static func relativeGap(_ objective: Double, _ bound: Double) -> Double {
        abs(bound - objective) / (abs(objective) + Double.ulpOfOne)
    }

    static func requireFinite(_ objective: Double, _ values: [Double], _ routine: String) throws(SolverError) {
        if !objective.isFinite || values.contains(where: { !$0.isFinite }) {
            throw .solverFailure("\(routine) returned a non-finite solution (objective \(objective))")
        }
    }

    static func unexpected(_ routine: String, _ code: GLPKReturnCode, _ status: GLPKStatus) -> SolverError {
        .solverFailure("\(routine) returned \(code) with status \(status)\nGLPK log:\n" + GuardedProblem.currentLog())
    }
}
