import LinearProgramming
import _GLPKGuard

/// The GLPK adapter: primal simplex for linear programs; for mixed-integer ones the simplex
/// on the LP relaxation, then branch and bound. Stateless: every call creates, solves and
/// frees its own GLPK problem on the calling thread, so any number of threads may call it.
public struct GLPKSolver: LinearSolver {
    public init() {}

    public var name: String { "GLPK" }

    /// "GLPK 5.0" for the installed library.
    public var version: String { "GLPK " + String(cString: glpk_guard_version()) }

    /// Validates the program and the options in Swift first (docs/ARCHITECTURE.md, GLPK rule 1), then
    /// solves in one synchronous call. `log` holds GLPK's output and the adapter's notes.
    public func solve(_ program: LinearProgram, options: SolveOptions = SolveOptions())
        throws(SolverError) -> SolveResult
    {
        // A session of one solve: create, load, solve, read and free on this thread.
        try withSession { (session) throws(SolverError) in try session.solve(program, options: options) }
    }

    /// Simplex, then (for a MIP) branch and bound, on a problem that holds `program`.
    static func solveLoaded(_ problem: borrowing GuardedProblem, _ program: LinearProgram, _ options: SolveOptions,
                            incumbent: [Double]?, started start: ContinuousClock.Instant,
                            notes: inout [String]) throws(SolverError) -> Outcome {
        let limit = Self.milliseconds(options.timeLimitSeconds)
        let lp = try problem.simplex(timeLimitMilliseconds: limit, cancellation: options.cancellation, quiet: !options.solverLog)
        if !program.hasIntegers { return try Self.linearOutcome(lp) }
        // Branch and bound starts from the optimal basis of the LP relaxation.
        switch (lp.code, lp.status) {
        case (.finished, .optimal): break
        case (.finished, .noFeasible): return Outcome(status: .infeasible)
        case (.finished, .unbounded):
            notes.append("The LP relaxation is unbounded: the integer program is unbounded or infeasible.")
            return Outcome(status: .unbounded)
        case (.timeLimit, _), (.iterationLimit, _):
            return Self.keepingIncumbent(Outcome(status: .noSolutionFound, limit: .time), incumbent, program, options, &notes)
        default:
            throw Self.unexpected("glp_simplex", lp.code, lp.status)
        }
        // A relaxation optimum whole in every integer column (glp_intopt's tolerance, 1e-9, set
        // in the guard) is where glp_intopt's search would end, at its root: answered directly.
        // An offered incumbent changes nothing: no integer point beats the relaxation's optimum.
        if options.integralRelaxationIsOptimal, program.isWholeWhereInteger(lp.values) {
            let root = GuardedProblem.IntoptResult(code: .finished, status: .optimal, objective: lp.objective, bound: nil,
                                                   incumbentAccepted: false, values: lp.values)
            return try Self.integerOutcome(root, relaxation: lp.objective, program: program, options: options)
        }
        let d = ContinuousClock.now - start
        let elapsed = Int32(clamping: d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000)
        let mip = try problem.intopt(relativeGap: options.relativeGap,
                                     timeLimitMilliseconds: max(1, limit - min(elapsed, limit)), nodeLimit: options.nodeLimit,
                                     incumbent: incumbent, cancellation: options.cancellation, quiet: !options.solverLog)
        if mip.incumbentAccepted { notes.append("The given incumbent was accepted as a starting solution.") }
        let outcome = try Self.integerOutcome(mip, relaxation: lp.objective, program: program, options: options)
        return Self.keepingIncumbent(outcome, incumbent, program, options, &notes)
    }

    /// Writes the program with GLPK's own writers: CPLEX LP (glp_write_lp) or free MPS
    /// (glp_write_mps). Names that would not survive the file are rejected as `.invalidModel`;
    /// a file that cannot be written is `.io`. Known losses: an LP file keeps the objective
    /// constant only as a comment; an MPS file does not record the direction.
    public func write(_ program: LinearProgram, format: ModelFileFormat, to path: String) throws(SolverError) {
        do {
            try program.validate()
            try Self.checkNamesForExport(program, format: format)
        } catch { throw .invalidModel(error) }
        let (code, log) = try GuardedProblem.with(Self.exportable(program, format: format)) {
            problem throws(SolverError) in try problem.write(format, to: path)
        }
        if code != 0 {
            let reason = log.split(separator: "\n").last { !$0.hasPrefix("Writing problem data") }
            throw .io("cannot write the \(format.rawValue.uppercased()) file \(path): "
                      + (reason.map(String.init) ?? "GLPK returned \(code)"))
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
        if let nodes = options.nodeLimit, nodes < 1 {
            throw .invalidOption("nodeLimit is \(nodes); it must be at least 1 (1: the root node only)")
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
    /// row satisfied. glp_ios_heur_sol checks only integrality, so it would report an
    /// infeasible point as a solution; such a point is dropped here, with a note in the log.
    static func checkedIncumbent(_ x: [Double], for program: LinearProgram, notes: inout [String]) -> [Double]? {
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-6 * max(1, abs(b)) }
        func outside(_ value: Double, _ lower: Double, _ upper: Double) -> Bool {
            value < lower && !close(value, lower) || value > upper && !close(value, upper)
        }
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
            if outside(point[j], v.lower, v.upper) {
                notes.append("The given incumbent was ignored: \(v.name) = \(point[j]) is outside [\(v.lower), \(v.upper)].")
                return nil
            }
        }
        for c in program.constraints {
            let activity = c.terms.reduce(0) { $0 + $1.coefficient * point[$1.variable] }
            if outside(activity, c.lower, c.upper) {
                notes.append("The given incumbent was ignored: row \(c.name) = \(activity) is outside [\(c.lower), \(c.upper)].")
                return nil
            }
        }
        return point
    }
}
