import Foundation
import Allocation
import GLPKSolver
import Reports
import Scheduling

/// Where `--time-limit` (the scenario's `solver.timeLimitSeconds`) counts from: the command's
/// start, so that the limit bounds the whole command — loading, every solve (compare's and
/// report's scenarios, sweep's points, calibrate's rounds) and the schedule together. Every
/// command takes it first thing, before it loads anything, and hands it to each solve here;
/// when the limit runs out, each solve returns its best verified plan so far with its proven
/// bound ("stopped at the time limit"). What follows the last solve (verifying, rendering and
/// writing the output, explain's sensitivity analysis) runs past it.
///
/// Test seam: `ALLOCATE_TEST_STARTED_SECONDS_AGO` moves the start that many seconds back (as
/// if loading had taken that long), so that tests can run a command past its limit without
/// waiting for it (Tests/allocateTests/WholeCommandTimeLimitTests.swift).
struct CommandStart: Sendable {
    let instant: ContinuousClock.Instant

    static let seamVariable = "ALLOCATE_TEST_STARTED_SECONDS_AGO"

    init() {
        var now = ContinuousClock.now
        if let text = ProcessEnvironment.current[Self.seamVariable], let ago = Double(text), ago.isFinite, ago > 0 {
            now = now.advanced(by: .milliseconds(-Int64(min(ago, 1e6) * 1000)))
        }
        instant = now
    }

    /// When the command must end for this scenario's limit.
    func deadline(_ scenario: Scenario) -> ContinuousClock.Instant { scenario.solver.deadline(from: instant) }
}

/// The allocation every command that needs a plan solves (GLPK); its errors are classified
/// (`AllocationError.errorClass`).
/// A scenario split among authorities shows its progress on standard error when that is a
/// terminal and the solve runs over a second (authorities done / total, elapsed).
/// The bar's label is in the terminal's `language`.
/// `started`: the command's start (`CommandStart`); nil: the solve's own start (a recorded run
/// solved again, a benchmark's solve).
func solve(_ scenario: Scenario, workers: Int = 1, language: ReportLanguage = .en,
           started: CommandStart? = nil) throws(AllocationError) -> Plan {
    let bar = ProgressBar(label: StatusWords(language).authoritiesProgress)
    defer { bar.finish() }
    return try AllocationEngine(solver: GLPKSolver()).solve(scenario, workers: workers, started: started?.instant,
                                                            progress: { bar.update($0, of: $1) })
}

/// The roll-out schedule over a solved plan, by the command's deadline (the allocation's solve
/// before it counts too). `progress` hears of each step.
func schedule(_ plan: Plan, rules: ScheduleRules, started: CommandStart,
              progress: ((ScheduleProgress) -> Void)? = nil) throws(ScheduleError) -> RolloutPlan {
    try RolloutScheduler(solver: GLPKSolver()).schedule(plan, rules: rules, deadline: started.deadline(plan.scenario), progress: progress)
}

/// The last command's big values, not freed: the process ends right after the command, and
/// the system takes its memory back at once (issue 18: freeing a 40,005-school plan and its
/// scenario cost 0.14 × 10⁹ instructions on one thread after the answer was out). Each command
/// replaces the one before (tests run many in one process).
enum KeptToExit {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var values: [Any] = []
    static func keep(_ new: [Any]) {
        let old = lock.withLock { () -> [Any] in
            defer { values = new }
            return values
        }
        _ = old  // the previous command's values are freed here, outside the lock
    }
}
