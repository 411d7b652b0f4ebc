import CGLPK
import LinearProgramming
import _GLPKGuard

/// A GLPK problem that lives only inside `GuardedProblem.with(_:body:)`: created, loaded, used
/// and deleted in one synchronous call on the calling thread (docs/ARCHITECTURE.md, GLPK rule 2). Every
/// GLPK call goes through `_GLPKGuard`, so a GLPK error comes back as a `SolverError`.
struct GuardedProblem: ~Copyable {
    let handle: OpaquePointer
    let columns: Int

    /// Loads `program` (already validated) into a fresh GLPK problem and runs `body` on it.
    /// Returns the body's result and what GLPK printed meanwhile. Afterwards the thread's GLPK
    /// environment is freed, so no GLPK memory outlives the call, even if the thread ends.
    static func with<R>(_ program: LinearProgram,
                        body: (borrowing GuardedProblem) throws(SolverError) -> R)
        throws(SolverError) -> (result: R, log: String)
    {
        glpk_guard_log_clear()
        defer { glpk_guard_release_thread() }  // runs last: after the delete below
        guard let handle = glpk_guard_create() else { throw failure(Int32(GLPK_GUARD_NO_MEMORY)) }
        defer { glpk_guard_delete(handle) }  // a handle made stale by an error is only freed
        let problem = GuardedProblem(handle: handle, columns: program.variables.count)
        try problem.load(program)
        let result = try body(problem)
        return (result, currentLog())
    }

    /// What GLPK printed on this thread since `with` began.
    static func currentLog() -> String { String(cString: glpk_guard_log()) }

    /// The error for a negative guard code, with the guard's message.
    static func failure(_ code: Int32) -> SolverError {
        let message = String(cString: glpk_guard_last_error())
            .trimmingSuffix(while: { $0 == "\n" })
        if Int(code) == Int(GLPK_GUARD_ERROR) {
            return .solverFailure("GLPK reported an error (recovered): \(message)")
        }
        return .solverFailure(message)
    }

    private func check(_ code: Int32) throws(SolverError) { try Self.check(code) }

    /// Throws the guard's error for a negative result code.
    static func check(_ code: Int32) throws(SolverError) {
        if code < 0 { throw GuardedProblem.failure(code) }
    }

    /// Flattens the program into C arrays and hands it to glpk_guard_load in one call, or with
    /// `update` to glpk_guard_update (same columns; the basis is kept for a warm start).
    /// `names: false`: GLPK gets no row and column names (a problem only solved, never written:
    /// GLPK's solvers do not read them; issue 18: a name per column and row of ~6,000 fresh
    /// problems in a 40,005-school solve).
    func load(_ program: LinearProgram, update: Bool = false, replaceMatrix: Bool = true, names: Bool = true) throws(SolverError) {
        guard program.variables.count < Int32.max, program.constraints.count < Int32.max else {
            throw .solverFailure("model too large for GLPK (more than 2^31 rows or columns)")
        }
        // An update keeping the matrix hands over none (glpk_guard_update leaves it as loaded).
        var nonzeros = 0
        // Rows and columns read in place (a `for` over them copies each: a retain per name).
        let constraints = program.constraints, variables = program.variables
        if !update || replaceMatrix {
            constraints.withUnsafeBufferPointer { rowData in
                for i in rowData.indices { for term in rowData[i].terms where term.coefficient != 0 { nonzeros += 1 } }
            }
        }
        guard nonzeros < Int32.max else {
            throw .solverFailure("model too large for GLPK (more than 2^31 nonzeros)")
        }
        // Every array in one allocation, filled in place (issue 18: a load per solve, 20,069 in
        // a 40,005-school run; building Swift arrays first and copying them cost half the load).
        let rows = program.constraints.count, cols = program.variables.count
        var arena = CArena(doubles: 2 * rows + 3 * cols + nonzeros, int32s: 2 * nonzeros, bytes: cols)
        defer { arena.deallocate() }
        let rowLower = arena.doubles(rows), rowUpper = arena.doubles(rows)
        constraints.withUnsafeBufferPointer { rowData in
            for i in rowData.indices { rowLower[i] = rowData[i].lower; rowUpper[i] = rowData[i].upper }
        }
        let colLower = arena.doubles(cols), colUpper = arena.doubles(cols), objective = arena.doubles(cols)
        let integer = arena.bytes(cols)
        variables.withUnsafeBufferPointer { columns in
            for j in columns.indices {
                colLower[j] = columns[j].lower; colUpper[j] = columns[j].upper
                integer[j] = columns[j].isInteger ? 1 : 0; objective[j] = 0
            }
        }
        for term in program.objective.terms { objective[term.variable] = term.coefficient }
        let matrixRow = arena.int32s(nonzeros), matrixColumn = arena.int32s(nonzeros), matrixValue = arena.doubles(nonzeros)
        if nonzeros > 0 {
            var k = 0
            constraints.withUnsafeBufferPointer { rowData in
                for i in rowData.indices {
                    for term in rowData[i].terms where term.coefficient != 0 {
                        matrixRow[k] = Int32(i); matrixColumn[k] = Int32(term.variable); matrixValue[k] = term.coefficient
                        k += 1
                    }
                }
            }
        }
        var nameArrays = CArrays()
        defer { nameArrays.deallocate() }
        var model = glpk_guard_model()
        // A problem only solved gets no names at all (GLPK's solvers never read them).
        model.name = names ? nameArrays.names([program.name]) : nil
        model.rows = Int32(rows)
        model.cols = Int32(cols)
        model.row_names = names ? nameArrays.names(program.constraints.map(\.name)) : nil
        model.row_lower = rows > 0 ? UnsafePointer(rowLower) : nil
        model.row_upper = rows > 0 ? UnsafePointer(rowUpper) : nil
        // An update is only made for the same columns, names included (GLPKSession.prepare):
        // their names stay as loaded.
        model.col_names = names && !update ? nameArrays.names(program.variables.map(\.name)) : nil
        model.col_lower = cols > 0 ? UnsafePointer(colLower) : nil
        model.col_upper = cols > 0 ? UnsafePointer(colUpper) : nil
        model.col_integer = cols > 0 ? UnsafePointer(integer) : nil
        model.maximize = program.objective.direction == .maximize ? 1 : 0
        model.objective_name = names ? nameArrays.names(["obj"]) : nil
        model.objective = cols > 0 ? UnsafePointer(objective) : nil
        model.objective_constant = program.objective.constant
        model.nonzeros = Int32(nonzeros)
        model.matrix_row = nonzeros > 0 ? UnsafePointer(matrixRow) : nil
        model.matrix_col = nonzeros > 0 ? UnsafePointer(matrixColumn) : nil
        model.matrix_value = nonzeros > 0 ? UnsafePointer(matrixValue) : nil
        try check(update ? glpk_guard_update(handle, &model, replaceMatrix ? 1 : 0) : glpk_guard_load(handle, &model))
    }

    /// What glp_simplex left: its return code, status, objective and column primals.
    struct SimplexResult {
        var code: GLPKReturnCode
        var status: GLPKStatus
        var objective: Double
        var values: [Double]
    }

    /// glp_simplex (primal, no presolver). A `cancellation` that fires stops it within about
    /// 100 ms and throws `.cancelled`; the thread's GLPK problems are then stale (freed).
    /// `quiet`: GLPK's progress lines are not formatted into the log (errors still are).
    func simplex(timeLimitMilliseconds: Int32, cancellation: Cancellation? = nil, quiet: Bool = false) throws(SolverError) -> SimplexResult {
        var result = glpk_guard_result()
        var values = [Double](repeating: 0, count: columns)
        let code = withStopCheck(cancellation) { stop, info in
            values.withUnsafeMutableBufferPointer {
                glpk_guard_simplex(handle, timeLimitMilliseconds, stop, info, quiet ? 1 : 0, &result, $0.baseAddress)
            }
        }
        if Int(code) == Int(GLPK_GUARD_CANCELLED) { throw .cancelled }
        try check(code)
        return SimplexResult(code: .init(rawValue: code), status: .init(rawValue: result.status),
                             objective: result.objective, values: values)
    }

    /// What glp_intopt left, plus what the guard's callback saw.
    struct IntoptResult {
        var code: GLPKReturnCode
        var status: GLPKStatus
        var objective: Double
        /// The tightest node bound seen during the search, if any.
        var bound: Double?
        var incumbentAccepted: Bool
        /// The node limit ended the search (code GLP_ESTOP).
        var nodeLimitReached: Bool = false
        var values: [Double]
    }

    /// glp_intopt after `simplex`. `incumbent` must be feasible and exactly integral.
    /// A `cancellation` that fires ends the search (glp_ios_terminate) and throws `.cancelled`.
    /// `nodeLimit` (nil: none): the search ends once it has made more nodes than that.
    func intopt(relativeGap: Double, timeLimitMilliseconds: Int32, nodeLimit: Int? = nil, incumbent: [Double]?,
                cancellation: Cancellation? = nil, quiet: Bool = false) throws(SolverError) -> IntoptResult
    {
        var result = glpk_guard_result()
        var values = [Double](repeating: 0, count: columns)
        let nodes = Int32(clamping: max(0, nodeLimit ?? 0))
        let code = withStopCheck(cancellation) { stop, info in
            values.withUnsafeMutableBufferPointer { out in
                guard let incumbent else {
                    return glpk_guard_intopt(handle, relativeGap, timeLimitMilliseconds, nodes, nil, stop, info, quiet ? 1 : 0, &result, out.baseAddress)
                }
                return incumbent.withUnsafeBufferPointer {
                    glpk_guard_intopt(handle, relativeGap, timeLimitMilliseconds, nodes, $0.baseAddress, stop, info, quiet ? 1 : 0, &result, out.baseAddress)
                }
            }
        }
        if Int(code) == Int(GLPK_GUARD_CANCELLED) || result.cancelled != 0 { throw .cancelled }
        try check(code)
        return IntoptResult(code: .init(rawValue: code), status: .init(rawValue: result.status),
                            objective: result.objective, bound: result.bound_known != 0 ? result.bound : nil,
                            incumbentAccepted: result.incumbent_accepted != 0,
                            nodeLimitReached: result.node_limit_reached != 0, values: values)
    }

    /// glp_write_lp / glp_write_mps; GLPK's return code (0 = written).
    func write(_ format: ModelFileFormat, to path: String) throws(SolverError) -> Int32 {
        let code = glpk_guard_write(handle, format == .mps ? 1 : 0, path)
        try check(code)
        return code
    }

    /// The guarded column-bounds setter (1-based GLPK index); used to provoke a GLPK error.
    func setColumnBounds(_ column: Int32, lower: Double, upper: Double) -> Int32 {
        glpk_guard_set_col_bounds(handle, column, lower, upper)
    }
}

/// The C stop check for `cancellation` (nil: none), valid while `body` runs. The check only
/// reads the token; it never calls GLPK and never jumps, so no longjmp crosses Swift frames
/// (the guard's jump out of a running simplex happens in C, after the check has returned).
private func withStopCheck<R>(_ cancellation: Cancellation?,
                              _ body: (GLPKStopCheck?, UnsafeMutableRawPointer?) -> R) -> R {
    guard let cancellation else { return body(nil, nil) }
    return withExtendedLifetime(cancellation) {
        body(stopCheck, Unmanaged.passUnretained(cancellation).toOpaque())
    }
}

typealias GLPKStopCheck = @convention(c) (UnsafeMutableRawPointer?) -> Int32

private let stopCheck: GLPKStopCheck = { info in
    guard let info else { return 0 }
    return Unmanaged<Cancellation>.fromOpaque(info).takeUnretainedValue().isCancelled ? 1 : 0
}

/// C copies of Swift arrays that stay valid for the whole glpk_guard_load call.
private struct CArrays {
    private var allocations: [UnsafeMutableRawPointer] = []

    /// nil for an empty array: GLPK reads nothing then.
    mutating func copy<T: BitwiseCopyable>(_ array: [T]) -> UnsafePointer<T>? {
        if array.isEmpty { return nil }
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: array.count)
        pointer.initialize(from: array, count: array.count)
        allocations.append(UnsafeMutableRawPointer(pointer))
        return UnsafePointer(pointer)
    }

    /// The names NUL-terminated back to back, as glpk_guard_model expects.
    mutating func names(_ names: [String]) -> UnsafePointer<CChar>? {
        if names.isEmpty { return nil }
        var bytes: [UInt8] = []
        for name in names {
            bytes.append(contentsOf: name.utf8)
            bytes.append(0)
        }
        return UnsafeRawPointer(copy(bytes)!).assumingMemoryBound(to: CChar.self)
    }

    func deallocate() { allocations.forEach { $0.deallocate() } }
}

/// One allocation carved into the typed C arrays of a load (doubles first, then 32-bit
/// integers, then bytes: each part stays aligned).
private struct CArena {
    private let base: UnsafeMutableRawPointer
    private var doubleAt = 0, int32At: Int, byteAt: Int

    init(doubles: Int, int32s: Int, bytes: Int) {
        int32At = doubles * MemoryLayout<Double>.stride
        byteAt = int32At + int32s * MemoryLayout<Int32>.stride
        base = .allocate(byteCount: max(1, byteAt + bytes), alignment: MemoryLayout<Double>.alignment)
    }

    mutating func doubles(_ n: Int) -> UnsafeMutablePointer<Double> {
        defer { doubleAt += n * MemoryLayout<Double>.stride }
        return (base + doubleAt).bindMemory(to: Double.self, capacity: n)
    }

    mutating func int32s(_ n: Int) -> UnsafeMutablePointer<Int32> {
        defer { int32At += n * MemoryLayout<Int32>.stride }
        return (base + int32At).bindMemory(to: Int32.self, capacity: n)
    }

    mutating func bytes(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        defer { byteAt += n }
        return (base + byteAt).bindMemory(to: UInt8.self, capacity: n)
    }

    func deallocate() { base.deallocate() }
}

private extension String {
    func trimmingSuffix(while predicate: (Character) -> Bool) -> String {
        var s = Substring(self)
        while let last = s.last, predicate(last) { s = s.dropLast() }
        return String(s)
    }
}
