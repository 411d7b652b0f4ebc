import LinearProgramming
import _GLPKGuard

extension GLPKSolver {
    /// A session keeps one GLPK problem loaded on the calling thread; each solve updates it in
    /// place and starts the simplex from the previous basis. Everything is freed when `body` ends.
    public func withSession<R, E: Error>(_ body: (any SolverSession) throws(E) -> R) throws(E) -> R {
        let session = GLPKSession()
        defer {
            session.close()
            glpk_guard_release_thread()
        }
        return try body(session)
    }
}

/// One GLPK problem reused across solves of programs with the same columns.
final class GLPKSession: SolverSession {
    private var handle: OpaquePointer?
    private var loaded: LinearProgram?

    func solve(_ program: LinearProgram, options: SolveOptions) throws(SolverError) -> SolveResult {
        let start = ContinuousClock.now
        func seconds() -> Double {
            let d = ContinuousClock.now - start
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        // The names of the program loaded last were checked then: a program with the same
        // names (a funding check's, a later stage's) has only its numbers checked.
        let sameNames = loadedHasNames(of: program)
        // Rows with the terms of the program loaded last (a later stage's, a funding check's)
        // were checked then too: only their bounds and the columns are checked again.
        let sameMatrix = sameNames.columns && sameTerms(as: program)
        do { try program.validate(names: !sameNames.all, rows: !sameMatrix) } catch { throw .invalidModel(error) }
        try GLPKSolver.validate(options, variables: program.variables.count)
        if program.variables.isEmpty { return GLPKSolver.solveEmpty(program, seconds: seconds()) }
        var notes: [String] = []
        let incumbent = program.hasIntegers
            ? options.incumbent.flatMap { GLPKSolver.checkedIncumbent($0, for: program, notes: &notes) } : nil
        glpk_guard_log_clear()
        let outcome: GLPKSolver.Outcome
        do {
            let h = try prepare(program, sameColumns: sameNames.columns, sameMatrix: sameMatrix)
            outcome = try GLPKSolver.solveLoaded(GuardedProblem(handle: h, columns: program.variables.count), program,
                                                 options, incumbent: incumbent, started: start, notes: &notes)
        } catch {
            close()  // after a GLPK error the handle is stale: start afresh next time
            throw error
        }
        return SolveResult(status: outcome.status, objective: outcome.objective, bestBound: outcome.bound,
                           values: outcome.values, seconds: seconds(),
                           log: (notes.map { "Note: \($0)\n" } + [GuardedProblem.currentLog()]).joined(), limit: outcome.limit)
    }

    /// Whether the program loaded last has the same column names as `program` (then the same
    /// columns: an update in place keeps the basis), and the same row names too.
    private func loadedHasNames(of program: LinearProgram) -> (columns: Bool, all: Bool) {
        guard let old = loaded, old.variables.count == program.variables.count,
              zip(old.variables, program.variables).allSatisfy({ $0.name == $1.name }) else { return (false, false) }
        let rows = old.name == program.name && old.constraints.count == program.constraints.count
            && zip(old.constraints, program.constraints).allSatisfy { $0.name == $1.name }
        return (true, rows)
    }

    /// The handle holding `program`: updated in place when the columns are the same (kinds,
    /// bounds and everything else may differ). GLPK gets no names: it only solves here.
    /// Whether the program loaded last has the same rows' terms as `program`.
    private func sameTerms(as program: LinearProgram) -> Bool {
        guard let old = loaded else { return false }
        return old.constraints.count == program.constraints.count
            && zip(old.constraints, program.constraints).allSatisfy { $0.terms == $1.terms }
    }

    private func prepare(_ program: LinearProgram, sameColumns: Bool, sameMatrix: Bool) throws(SolverError) -> OpaquePointer {
        // A GLPK error elsewhere on this thread frees every problem: then load afresh.
        if let handle, glpk_guard_validity(handle) != 0 { close() }
        if let handle, loaded != nil, sameColumns {
            loaded = nil
            try GuardedProblem(handle: handle, columns: program.variables.count)
                .load(program, update: true, replaceMatrix: !sameMatrix, names: false)
            loaded = program
            return handle
        }
        close()
        guard let fresh = glpk_guard_create() else { throw GuardedProblem.failure(Int32(GLPK_GUARD_NO_MEMORY)) }
        handle = fresh
        try GuardedProblem(handle: fresh, columns: program.variables.count).load(program, names: false)
        loaded = program
        return fresh
    }

    func close() {
        if let handle { glpk_guard_delete(handle) }
        handle = nil
        loaded = nil
    }
}
