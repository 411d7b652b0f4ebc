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
        abstract: helpText(.schedule))

    @OptionGroup var options: ScenarioOptions

    @Flag(help: .words(.scheduleJSON))
    var json = false

    @Option(help: .words(.scheduleOut))
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
        let started = CommandStart()
        let dialect = try csv.dialect()
        let loaded = try options.load()
        guard let rules = loaded.schedule else {
            throw ScenarioError(file: options.scenario, .command(.noScheduleSection(option: nil)))
        }
        let plan = try solve(loaded.scenario, workers: options.workers, language: try language.terminal(), started: started)
        // Progress on a terminal's standard error: the step, the best schedule, its bound and the gap.
        let status = StatusLine(), words = ProgressWords(try language.terminal())
        defer { status.finish() }
        let rollout = try allocate.schedule(plan, rules: rules, started: started) {
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
