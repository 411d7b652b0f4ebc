/// Objectives in priority order on one program: each stage is solved, and its optimum is then
/// kept (within a relative tolerance) as a constraint in every later stage.
public enum Lexicographic {
    /// How one stage ended (the plan's and the schedule's reports use this type too).
    public struct Stage: Sendable, Equatable, Codable {
        public var name: String
        public var status: TerminationStatus
        public var objective: Double
        public var bestBound: Double
        public var seconds: Double
        public init(name: String, status: TerminationStatus, objective: Double, bestBound: Double, seconds: Double) {
            self.name = name; self.status = status; self.objective = objective; self.bestBound = bestBound; self.seconds = seconds
        }
    }

    public enum Failure: Error, Equatable {
        case solver(SolverError)
        /// A stage ended without a point (`status`: infeasible, unbounded or no solution found).
        case noSolution(stage: String, status: TerminationStatus)
    }

    /// `start(i, program, previous)` may offer a starting point for stage i (the previous
    /// stage's values are always feasible for it). Returns the stages and the last values.
    public static func solve(_ program: LinearProgram, stages: [(name: String, objective: LinearProgram.Objective)],
                             session: any SolverSession, options: SolveOptions, tolerance: Double,
                             start: (Int, LinearProgram, [Double]?) -> [Double]? = { $2 })
        throws(Failure) -> (stages: [Stage], values: [Double]) {
        let r = try solve(program, stages: stages.map { ($0.name, $0.objective, nil) }, session: session, options: options,
                          tolerance: tolerance, deadline: nil, start: start)
        return (r.stages, r.values)
    }

    /// As above, with two additions. `resolution`: the objective's values are multiples of it
    /// (e.g. 0.001 for weights with three decimals), so that with `tolerance` 0 a later stage
    /// keeps the earlier optimum exactly (slack: less than half a step). `deadline`: each
    /// stage gets the time left; once none is left, the remaining stages are skipped and
    /// `stopped` is true (the values are the last stage's, always a feasible point).
    public static func solve(_ program: LinearProgram,
                             stages: [(name: String, objective: LinearProgram.Objective, resolution: Double?)],
                             session: any SolverSession, options: SolveOptions, tolerance: Double,
                             deadline: ContinuousClock.Instant?,
                             start: (Int, LinearProgram, [Double]?) -> [Double]? = { $2 })
        throws(Failure) -> (stages: [Stage], values: [Double], stopped: Bool) {
        var lp = program
        var values: [Double]?
        var done: [Stage] = []
        for (i, stage) in stages.enumerated() {
            lp.objective = stage.objective
            var opts = options
            if let deadline {
                let left = ContinuousClock.now.duration(to: deadline)
                let seconds = Double(left.components.seconds) + Double(left.components.attoseconds) * 1e-18
                if seconds < 0.001 { return (done, values ?? [], true) }
                opts.timeLimitSeconds = min(opts.timeLimitSeconds, seconds)
            }
            opts.incumbent = start(i, lp, values)
            let result: SolveResult
            do { result = try session.solve(lp, options: opts) } catch { throw .solver(error) }
            guard result.hasSolution, let obj = result.objective else {
                if deadline != nil, result.status == .noSolutionFound, values != nil { return (done, values ?? [], true) }
                throw .noSolution(stage: stage.name, status: result.status)
            }
            done.append(Stage(name: stage.name, status: result.status, objective: obj,
                              bestBound: bestBound(result, objective: obj, program: lp), seconds: result.seconds))
            values = result.values
            keep(&lp, at: obj, tolerance: tolerance, resolution: stage.resolution)
        }
        return (done, values ?? [], false)
    }

    /// The stage's proven bound. A solver that stopped without one (GLPK stopped by its time
    /// limit in the LP relaxation, before branch and bound) proves nothing beyond the point:
    /// the bound is then the one that needs no solve (`columnBound`), never the point itself,
    /// which would claim a gap of 0 for an unproven plan (issue 18: the schedule's 2 s run
    /// printed "gap 0.0" at 705,291.25 where the optimum is 705,367.25). A bound is never worse
    /// than the point it bounds (tolerances can cross it slightly).
    static func bestBound(_ result: SolveResult, objective: Double, program: LinearProgram) -> Double {
        let maximize = program.objective.direction == .maximize
        if result.status == .optimal { return result.bestBound ?? objective }
        let bound = result.bestBound ?? program.columnBound
        return maximize ? max(bound, objective) : min(bound, objective)
    }

    /// Keeps the optimum `value` of `lp`'s objective in every later stage: a constraint on the
    /// objective's terms, within `tolerance` (relative); with tolerance 0 exactly: less than half
    /// a step of the objective's `resolution`, or a hair for rounding.
    public static func keep(_ lp: inout LinearProgram, at value: Double, tolerance: Double, resolution: Double? = nil) {
        let hair = max(1e-9 * max(1, abs(value)), 1e-7)
        let slack = tolerance > 0 ? max(hair, tolerance * abs(value))
            : resolution.map { max(hair, 0.4 * $0) } ?? max(1e-6 * max(1, abs(value)), hair)
        // `value` includes the objective's constant; the row holds only its terms.
        let terms = value - lp.objective.constant
        if lp.objective.direction == .maximize {
            lp.addConstraint("keep_\(lp.constraints.count)", lp.objective.terms, lower: terms - slack)
        } else {
            lp.addConstraint("keep_\(lp.constraints.count)", lp.objective.terms, upper: terms + slack)
        }
    }
}
