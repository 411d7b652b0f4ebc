import CGLPK
import LinearProgramming
import _GLPKGuard

extension GLPKSolver {
    public var sensitivityMethod: SensitivityMethod {
        SensitivityMethod(solver: "GLPK", routines: ["glp_analyze_bound", "glp_eval_tab_col", "glp_eval_tab_row"])
    }

    /// Solves the LP and reads GLPK's sensitivity of its optimal basis: for the requested rows
    /// glp_analyze_bound (the range of the active bound) and glp_eval_tab_col (how every basic
    /// variable moves with it); for objective directions a parametric ranging built from
    /// glp_eval_tab_row. The report is nil unless the LP is optimal.
    public func sensitivity(_ program: LinearProgram, request: SensitivityRequest) throws(SolverError) -> (SolveResult, SensitivityReport?) {
        let start = ContinuousClock.now
        do { try program.validate() } catch { throw .invalidModel(error) }
        if program.hasIntegers { throw .invalidOption("sensitivity needs a linear program; relax the integer columns first") }
        if let bad = request.rows.first(where: { $0 < 0 || $0 >= program.constraints.count }) {
            throw .invalidOption("sensitivity row #\(bad) does not exist")
        }
        for d in request.objectiveDirections {
            if let t = d.first(where: { $0.variable < 0 || $0.variable >= program.variables.count || !$0.coefficient.isFinite }) {
                throw .invalidOption("objective direction names variable #\(t.variable) or a non-finite coefficient")
            }
        }
        if program.variables.isEmpty { return (Self.solveEmpty(program, seconds: 0), nil) }
        let m = program.constraints.count, n = program.variables.count
        let ((outcome, report), log) = try GuardedProblem.with(program) { problem throws(SolverError) in
            let lp = try problem.simplex(timeLimitMilliseconds: Self.milliseconds(60))
            let outcome = try Self.linearOutcome(lp)
            guard outcome.status == .optimal else { return (outcome, nil as SensitivityReport?) }
            let h = problem.handle
            var rowStatus = [Int32](repeating: 0, count: m), rowDual = [Double](repeating: 0, count: m)
            var colStatus = [Int32](repeating: 0, count: n), colDual = [Double](repeating: 0, count: n)
            try GuardedProblem.check(glpk_guard_basis(h, &rowStatus, &rowDual, &colStatus, &colDual))
            var ind = [Int32](repeating: 0, count: max(m, n) + 1), val = [Double](repeating: 0, count: max(m, n) + 1)

            var rows: [SensitivityReport.Row] = []
            for r in request.rows {
                let binding = rowStatus[r] != GLP_BS
                var range: ClosedRange<Double>?
                var change: [LinearProgram.Term] = []
                if binding {
                    var lo = 0.0, hi = 0.0
                    try GuardedProblem.check(glpk_guard_analyze_bound(h, Int32(r + 1), &lo, &hi))
                    range = min(lo, hi)...max(lo, hi)
                    let len = glpk_guard_eval_tab_col(h, Int32(r + 1), &ind, &val)
                    try GuardedProblem.check(len)
                    for i in stride(from: 1, through: Int(len), by: 1) where Int(ind[i]) > m && val[i] != 0 {
                        change.append(.init(Int(ind[i]) - m - 1, val[i]))
                    }
                    change.sort { $0.variable < $1.variable }
                }
                rows.append(.init(row: r, isBinding: binding, dual: rowDual[r], boundRange: range, variableChange: change))
            }

            // Parametric objective c + θδ: reduced cost of non-basic q moves by θ·s_q with
            // s_q = δ_q + Σ_i δ(B_i)·α(i, q), α from the table rows of the basic columns in δ.
            let maximize = program.objective.direction == .maximize
            var ranges: [ClosedRange<Double>] = []
            for direction in request.objectiveDirections {
                var slope = [Int: Double]()  // GLPK index k of a non-basic variable -> s_q
                for t in direction {
                    if colStatus[t.variable] == GLP_BS {
                        let len = glpk_guard_eval_tab_row(h, Int32(m + t.variable + 1), &ind, &val)
                        try GuardedProblem.check(len)
                        for i in stride(from: 1, through: Int(len), by: 1) { slope[Int(ind[i]), default: 0] += t.coefficient * val[i] }
                    } else {
                        slope[m + t.variable + 1, default: 0] += t.coefficient
                    }
                }
                var lo = -Double.infinity, hi = Double.infinity
                for (k, s) in slope where abs(s) > 1e-12 {
                    let (status, d) = k <= m ? (rowStatus[k - 1], rowDual[k - 1]) : (colStatus[k - m - 1], colDual[k - m - 1])
                    if status == GLP_BS || status == GLP_NS { continue }
                    if status == GLP_NF { lo = max(lo, 0); hi = min(hi, 0); continue }
                    // Optimal while d + θs keeps its sign: ≤ 0 at a lower bound when maximising.
                    let mustStayNonPositive = (status == GLP_NL) == maximize
                    let limit = -d / s
                    if mustStayNonPositive == (s > 0) { hi = min(hi, max(0, limit)) } else { lo = max(lo, min(0, limit)) }
                }
                ranges.append(lo...hi)
            }
            return (outcome, SensitivityReport(rows: rows, objectiveRanges: ranges))
        }
        let d = ContinuousClock.now - start
        let result = SolveResult(status: outcome.status, objective: outcome.objective, bestBound: outcome.bound, values: outcome.values,
                                 seconds: Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18, log: log,
                                 limit: outcome.limit)
        return (result, report)
    }
}
