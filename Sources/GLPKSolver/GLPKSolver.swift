import CGLPK
import LinearProgramming
import _GLPKGuard

/// The GLPK adapter: simplex for linear programs, simplex then branch and bound for
/// mixed-integer ones. Stateless; every call creates, solves and frees its own GLPK problem on
/// the calling thread, so it may be called from any number of threads at once.
public struct GLPKSolver: LinearSolver {
    public init() {}

    public var name: String { "GLPK" }

    /// "GLPK 5.0" for the installed library.
    public var version: String { "GLPK " + String(cString: glpk_guard_version()) }

    public func solve(_ program: LinearProgram, options: SolveOptions = SolveOptions())
        throws(SolverError) -> SolveResult
    {
        let clock = ContinuousClock()
        let start = clock.now
        do { try program.validate() } catch { throw .invalidModel(error) }
        try Self.validate(options, variables: program.variables.count)
        let seconds = { () -> Double in
            let d = clock.now - start
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }

        if program.variables.isEmpty { return Self.solveEmpty(program, seconds: seconds()) }

        var notes: [String] = []
        let incumbent = program.hasIntegers ? options.incumbent.flatMap {
            Self.checkedIncumbent($0, for: program, notes: &notes)
        } : nil
        let totalMs = Self.milliseconds(options.timeLimitSeconds)

        let (outcome, log) = try GuardedProblem.with(program) { problem throws(SolverError) in
            let lp = try problem.simplex(timeLimitMilliseconds: totalMs)
            if !program.hasIntegers { return try Self.linearOutcome(lp) }
            // Branch and bound needs the LP relaxation solved to optimality first.
            switch (lp.code, lp.status) {
            case (0, GLP_OPT): break
            case (0, GLP_NOFEAS): return Outcome(status: .infeasible)
            case (0, GLP_UNBND):
                notes.append("The LP relaxation is unbounded: the integer program is unbounded or infeasible.")
                return Outcome(status: .unbounded)
            case (GLP_ETMLIM, _), (GLP_EITLIM, _):
                return Self.keepingIncumbent(Outcome(status: .noSolutionFound), incumbent, program, options)
            default:
                throw Self.unexpected("glp_simplex", lp.code, lp.status)
            }
            let elapsed = Int32(clamping: Int(seconds() * 1000))
            let mip = try problem.intopt(relativeGap: options.relativeGap,
                                         timeLimitMilliseconds: max(1, totalMs - min(elapsed, totalMs)),
                                         incumbent: incumbent)
            if incumbent != nil {
                notes.append(mip.result.incumbent_accepted != 0
                    ? "The given incumbent was accepted as a starting solution."
                    : "The given incumbent was not used (GLPK had a better one or none was needed).")
            }
            let outcome = try Self.integerOutcome(mip, lpBound: lp.objective, program: program, options: options)
            return Self.keepingIncumbent(outcome, incumbent, program, options)
        }
        let fullLog = (notes.map { "Note: \($0)\n" } + [log]).joined()
        return SolveResult(status: outcome.status, objective: outcome.objective, bestBound: outcome.bound,
                           values: outcome.values, seconds: seconds(), log: fullLog)
    }

    public func write(_ program: LinearProgram, format: ModelFileFormat, to path: String) throws(SolverError) {
        do { try program.validate() } catch { throw .invalidModel(error) }
        let exported = Self.exportable(program, format: format)
        let (code, log) = try GuardedProblem.with(exported) { problem throws(SolverError) in
            try problem.write(format, to: path)
        }
        if code != 0 {
            let reason = log.split(separator: "\n").last { !$0.hasPrefix("Writing problem data") }
            throw .io("cannot write the \(format.rawValue.uppercased()) file \(path): \(reason.map(String.init) ?? "GLPK returned \(code)")")
        }
    }

    // MARK: - Options

    static func validate(_ options: SolveOptions, variables: Int) throws(SolverError) {
        if !(options.relativeGap.isFinite && options.relativeGap >= 0) {
            throw .invalidOption("relativeGap is \(options.relativeGap); it must be a finite number >= 0 (e.g. 1e-4)")
        }
        if !(options.timeLimitSeconds.isFinite && options.timeLimitSeconds > 0) {
            throw .invalidOption("timeLimitSeconds is \(options.timeLimitSeconds); it must be a finite number of seconds > 0")
        }
        if let incumbent = options.incumbent {
            if incumbent.count != variables {
                throw .invalidOption("incumbent has \(incumbent.count) values; it needs one per variable (\(variables))")
            }
            if let i = incumbent.firstIndex(where: { !$0.isFinite }) {
                throw .invalidOption("incumbent value #\(i) is \(incumbent[i]); only finite numbers are allowed")
            }
        }
    }

    /// GLPK's time limits are whole milliseconds in an Int32; at least 1 so that a limit is set.
    static func milliseconds(_ seconds: Double) -> Int32 {
        Int32(max(1, min((seconds * 1000).rounded(.up), Double(Int32.max))))
    }

    /// The incumbent as GLPK must get it: integer columns exactly integral, every bound and
    /// row satisfied. glp_ios_heur_sol checks only integrality, so an infeasible point would be
    /// reported as a solution; such a point is dropped here with a note in the log.
    static func checkedIncumbent(_ x: [Double], for program: LinearProgram, notes: inout [String]) -> [Double]? {
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-6 * max(1, abs(b)) }
        var point = x
        for (j, v) in program.variables.enumerated() {
            if v.isInteger {
                let r = point[j].rounded()
                guard close(point[j], r) else {
                    notes.append("The given incumbent was ignored: \(v.name) = \(point[j]) is not integral.")
                    return nil
                }
                point[j] = r + 0.0  // + 0.0 turns -0.0 into 0.0
            }
            if point[j] < v.lower && !close(point[j], v.lower) || point[j] > v.upper && !close(point[j], v.upper) {
                notes.append("The given incumbent was ignored: \(v.name) = \(point[j]) is outside [\(v.lower), \(v.upper)].")
                return nil
            }
        }
        for c in program.constraints {
            let activity = c.terms.reduce(0) { $0 + $1.coefficient * point[$1.variable] }
            if activity < c.lower && !close(activity, c.lower) || activity > c.upper && !close(activity, c.upper) {
                notes.append("The given incumbent was ignored: row \(c.name) = \(activity) is outside [\(c.lower), \(c.upper)].")
                return nil
            }
        }
        return point
    }

    // MARK: - Results

    struct Outcome {
        var status: TerminationStatus
        var objective: Double? = nil
        var bound: Double? = nil
        var values: [Double] = []
    }

    /// No variables: every row is the empty sum 0, the objective is its constant.
    static func solveEmpty(_ program: LinearProgram, seconds: Double) -> SolveResult {
        if let row = program.constraints.first(where: { $0.lower > 0 || $0.upper < 0 }) {
            return SolveResult(status: .infeasible, objective: nil, bestBound: nil, values: [], seconds: seconds,
                               log: "Note: row \(row.name) has no terms but excludes 0.\n")
        }
        let c = program.objective.constant
        return SolveResult(status: .optimal, objective: c, bestBound: c, values: [], seconds: seconds)
    }

    /// glp_simplex's return code says whether it finished; the status says what it found
    /// (DESIGN.md, GLPK rule 3).
    static func linearOutcome(_ lp: (code: Int32, status: Int32, objective: Double, values: [Double]))
        throws(SolverError) -> Outcome
    {
        switch (lp.code, lp.status) {
        case (0, GLP_OPT):
            try requireFinite(lp.objective, lp.values, "glp_simplex")
            return Outcome(status: .optimal, objective: lp.objective, bound: lp.objective, values: lp.values)
        case (0, GLP_NOFEAS):
            return Outcome(status: .infeasible)
        case (0, GLP_UNBND):
            return Outcome(status: .unbounded)
        case (GLP_ETMLIM, GLP_FEAS), (GLP_EITLIM, GLP_FEAS):
            // Primal phase 2: feasible, not proven optimal; primal simplex proves no bound.
            try requireFinite(lp.objective, lp.values, "glp_simplex")
            return Outcome(status: .feasible, objective: lp.objective, values: lp.values)
        case (GLP_ETMLIM, _), (GLP_EITLIM, _):
            return Outcome(status: .noSolutionFound)
        default:
            throw unexpected("glp_simplex", lp.code, lp.status)
        }
    }

    /// glp_intopt: 0 means the search finished, GLP_EMIPGAP that it stopped within the gap,
    /// GLP_ETMLIM that time ran out; glp_mip_status says whether there is a point.
    static func integerOutcome(_ mip: (code: Int32, result: glpk_guard_result, values: [Double]),
                               lpBound: Double, program: LinearProgram, options: SolveOptions)
        throws(SolverError) -> Outcome
    {
        let maximize = program.objective.direction == .maximize
        // What the search proved: the tightest of its node bounds and the LP relaxation.
        var bound = lpBound
        if mip.result.bound_known != 0 {
            bound = maximize ? min(bound, mip.result.bound) : max(bound, mip.result.bound)
        }
        func withPoint(_ status: TerminationStatus, proven: Bool) throws(SolverError) -> Outcome {
            // GLPK's integer columns are integral within its tolerance (1e-5); return exact
            // integers and the objective of exactly that point.
            var values = mip.values
            for (j, v) in program.variables.enumerated() where v.isInteger { values[j] = values[j].rounded() + 0.0 }
            let objective = program.objectiveValue(values)
            try requireFinite(objective, values, "glp_intopt")
            // A bound is never worse than the point it bounds (rounding can cross it slightly).
            let b = proven ? objective : (maximize ? max(bound, objective) : min(bound, objective))
            var status = status
            if status == .feasible && relativeGap(objective, b) <= options.relativeGap { status = .optimal }
            return Outcome(status: status, objective: objective, bound: b, values: values)
        }
        switch (mip.code, mip.result.status) {
        case (0, GLP_OPT):
            return try withPoint(.optimal, proven: true)
        case (0, GLP_NOFEAS):
            return Outcome(status: .infeasible)
        case (GLP_EMIPGAP, GLP_FEAS), (GLP_EMIPGAP, GLP_OPT):
            return try withPoint(.optimal, proven: false)
        case (GLP_ETMLIM, GLP_FEAS), (GLP_ETMLIM, GLP_OPT):
            return try withPoint(.feasible, proven: false)
        case (GLP_ETMLIM, _):
            return Outcome(status: .noSolutionFound, bound: bound)
        default:
            throw unexpected("glp_intopt", mip.code, mip.result.status)
        }
    }

    /// A limit can stop GLPK before it ever asks for the caller's incumbent (GLP_IHEUR comes
    /// after the root LP), or with a worse point; the checked incumbent is then the answer.
    static func keepingIncumbent(_ outcome: Outcome, _ incumbent: [Double]?, _ program: LinearProgram,
                                 _ options: SolveOptions) -> Outcome
    {
        guard let incumbent, outcome.status == .feasible || outcome.status == .noSolutionFound else { return outcome }
        let objective = program.objectiveValue(incumbent)
        let maximize = program.objective.direction == .maximize
        if let current = outcome.objective, maximize ? current >= objective : current <= objective { return outcome }
        var better = Outcome(status: .feasible, objective: objective, bound: outcome.bound, values: incumbent)
        if let bound = outcome.bound {
            better.bound = maximize ? max(bound, objective) : min(bound, objective)
            if relativeGap(objective, better.bound!) <= options.relativeGap { better.status = .optimal }
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

    static func unexpected(_ routine: String, _ code: Int32, _ status: Int32) -> SolverError {
        .solverFailure("\(routine) returned \(returnCodeName(code)) with status \(statusName(status))\n"
                       + "GLPK log:\n" + GuardedProblem.currentLog())
    }

    static func returnCodeName(_ code: Int32) -> String {
        let names: [Int32: String] = [
            0: "0", GLP_EBADB: "GLP_EBADB", GLP_ESING: "GLP_ESING", GLP_ECOND: "GLP_ECOND",
            GLP_EBOUND: "GLP_EBOUND", GLP_EFAIL: "GLP_EFAIL", GLP_EOBJLL: "GLP_EOBJLL",
            GLP_EOBJUL: "GLP_EOBJUL", GLP_EITLIM: "GLP_EITLIM", GLP_ETMLIM: "GLP_ETMLIM",
            GLP_ENOPFS: "GLP_ENOPFS", GLP_ENODFS: "GLP_ENODFS", GLP_EROOT: "GLP_EROOT",
            GLP_ESTOP: "GLP_ESTOP", GLP_EMIPGAP: "GLP_EMIPGAP",
        ]
        return names[code] ?? "code \(code)"
    }

    static func statusName(_ status: Int32) -> String {
        let names: [Int32: String] = [
            GLP_UNDEF: "GLP_UNDEF", GLP_FEAS: "GLP_FEAS", GLP_INFEAS: "GLP_INFEAS",
            GLP_NOFEAS: "GLP_NOFEAS", GLP_OPT: "GLP_OPT", GLP_UNBND: "GLP_UNBND",
        ]
        return names[status] ?? "status \(status)"
    }

    // MARK: - Export

    /// GLPK's writers mishandle two things (checked on 5.0), so the exported copy avoids them:
    /// free rows (no bounds) make glp_write_mps drop the objective row, so they are left out
    /// (they constrain nothing); and an LP file with no rows has an empty "Subject To" section
    /// that GLPK's own reader rejects, so an empty row "0 x <= 0" stands in.
    static func exportable(_ program: LinearProgram, format: ModelFileFormat) -> LinearProgram {
        var copy = program
        copy.constraints.removeAll { !$0.lower.isFinite && !$0.upper.isFinite }
        if format == .lp && copy.constraints.isEmpty && !copy.variables.isEmpty {
            copy.constraints.append(.init(name: "no_constraints", terms: [], lower: -.infinity, upper: 0))
        }
        return copy
    }
}
