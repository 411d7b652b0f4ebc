import Allocation
import GLPKSolver

/// The allocation every command that needs a plan solves (GLPK); its errors are classified
/// (`AllocationError.errorClass`).
func solve(_ scenario: Scenario, workers: Int = 1) throws(AllocationError) -> Plan {
    try AllocationEngine(solver: GLPKSolver()).solve(scenario, workers: workers)
}
