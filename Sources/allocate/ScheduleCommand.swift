import ArgumentParser
import Foundation
import Allocation
import GLPKSolver
import History
import Reports
import ScenarioFiles
import Scheduling

/// `allocate schedule`: the roll-out over the solved allocation, period by period.
struct Schedule: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Plan the roll-out: which school receives how many devices in which period (supply, imaging, deadlines).")

    @OptionGroup var options: ScenarioOptions

    @Flag(help: "Print one JSON document instead of the text plan.")
    var json = false

    @Option(help: "Also write schedule.csv, schedule.json and schedule.svg into this folder.")
    var out: String?

    @OptionGroup var csv: CSVOptions
    @OptionGroup var language: LanguageOptions
    @OptionGroup var history: HistoryOptions

    func run() throws {
        try history.recordingFailure("schedule", scenarios: [options.scenario], overrides: options.settings.overrides.overrides,
                                     language: (try? language.terminal()) ?? .en, perform)
    }

    func perform() throws {
        // `--time-limit` (solver.timeLimitSeconds) bounds the whole command: the allocation's
        // solve and the schedule share one deadline from the command's start.
        let start = ContinuousClock.now
        let dialect = try csv.dialect()
        let loaded = try options.load()
        guard let rules = loaded.schedule else {
            throw ScenarioError(file: options.scenario, .command(.noScheduleSection(option: nil)))
        }
        let limit = min(max(loaded.scenario.solver.timeLimitSeconds, 0), 86_400)
        let deadline = start.advanced(by: .milliseconds(Int64(limit * 1000)))
        var scenario = loaded.scenario
        let elapsed = start.duration(to: .now)
        scenario.solver.timeLimitSeconds = max(0.001, limit - (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18))
        var plan = try solve(scenario, workers: options.workers, language: try language.terminal())
        plan.scenario.solver.timeLimitSeconds = limit  // the limit the user gave, as the reports print it
        // Progress on a terminal's standard error: the step, the best schedule, its bound and the gap.
        let status = StatusLine(), words = ProgressWords(try language.terminal())
        defer { status.finish() }
        let rollout = try RolloutScheduler(solver: GLPKSolver()).schedule(plan, rules: rules, deadline: deadline) {
            status.show(words.schedule($0))
        }
        status.finish()
        if let out {
            try write(into: out, [("schedule.csv", ScheduleReport.csv(rollout, dialect: dialect, language: try language.csv())),
                                  ("schedule.json", ScheduleReport.json(rollout)),
                                  ("schedule.svg", GanttChart.svg(rollout, language: try language.terminal()))])
        }
        try emit(json ? ScheduleReport.json(rollout) : ScheduleReport.text(rollout, language: try language.terminal()))
        history.record("schedule", scenario: options.scenario, plans: [options.record(plan, audit: HistoryOptions.audit(plan, loaded, given: nil), loaded: loaded)], language: (try? language.terminal()) ?? .en)
    }
}
