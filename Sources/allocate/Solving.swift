import Allocation
import GLPKSolver
import Reports

/// The allocation every command that needs a plan solves (GLPK); its errors are classified
/// (`AllocationError.errorClass`).
/// A scenario split among authorities shows its progress on standard error when that is a
/// terminal and the solve runs over a second (authorities done / total, elapsed).
/// The bar's label is in the terminal's `language`.
func solve(_ scenario: Scenario, workers: Int = 1, language: ReportLanguage = .en) throws(AllocationError) -> Plan {
    let bar = ProgressBar(label: StatusWords(language).authoritiesProgress)
    defer { bar.finish() }
    return try AllocationEngine(solver: GLPKSolver()).solve(scenario, workers: workers, progress: { bar.update($0, of: $1) })
}
