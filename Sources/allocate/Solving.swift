import Allocation
import GLPKSolver

/// The allocation every command that needs a plan solves (GLPK); its errors are classified
/// (`AllocationError.errorClass`).
/// A scenario split among authorities shows its progress on standard error when that is a
/// terminal and the solve runs over a second (authorities done / total, elapsed).
func solve(_ scenario: Scenario, workers: Int = 1) throws(AllocationError) -> Plan {
    let bar = ProgressBar(label: "solving authorities")
    defer { bar.finish() }
    return try AllocationEngine(solver: GLPKSolver()).solve(scenario, workers: workers, progress: { bar.update($0, of: $1) })
}
