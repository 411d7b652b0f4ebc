import Allocation
import GLPKSolver
import Reports

/// The allocation every command that needs a plan solves (GLPK); its errors are classified
/// (`AllocationError.errorClass`).
/// A scenario split among authorities shows its progress on standard error when that is a
/// terminal and the solve runs over a second (authorities done / total, elapsed).
/// The bar's label is in the terminal's `language`.
/// `started`: where `--time-limit` counts from (the command's start: the limit bounds the
/// loading too); by default the solve's start.
func solve(_ scenario: Scenario, workers: Int = 1, language: ReportLanguage = .en,
           started: ContinuousClock.Instant? = nil) throws(AllocationError) -> Plan {
    let bar = ProgressBar(label: StatusWords(language).authoritiesProgress)
    defer { bar.finish() }
    return try AllocationEngine(solver: GLPKSolver()).solve(scenario, workers: workers, started: started,
                                                            progress: { bar.update($0, of: $1) })
}
