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
        var lp = program
        var values: [Double]?
        var done: [Stage] = []
        for (i, stage) in stages.enumerated() {
            lp.objective = stage.objective
            var opts = options
            opts.incumbent = start(i, lp, values)
            let result: SolveResult
            do { result = try session.solve(lp, options: opts) } catch { throw .solver(error) }
            guard result.hasSolution, let obj = result.objective else { throw .noSolution(stage: stage.name, status: result.status) }
            done.append(Stage(name: stage.name, status: result.status, objective: obj, bestBound: result.bestBound ?? obj,
                              seconds: result.seconds))
            values = result.values
            // Keep this optimum in every later stage (within the tolerance; a hair for rounding).
            let slack = max(1e-6 * max(1, abs(obj)), tolerance * abs(obj))
            if lp.objective.direction == .maximize {
                lp.addConstraint("keep_\(lp.constraints.count)", lp.objective.terms, lower: obj - slack)
            } else {
                lp.addConstraint("keep_\(lp.constraints.count)", lp.objective.terms, upper: obj + slack)
            }
        }
        return (done, values ?? [])
    }
}
