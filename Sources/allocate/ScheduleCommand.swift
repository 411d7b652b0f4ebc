import ArgumentParser
import Foundation
import Allocation
import GLPKSolver
import History
import Reports
import Scheduling

/// `allocate schedule`: the roll-out over the solved allocation, period by period.
struct Schedule: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Plan the roll-out: which school receives how many devices in which period (supply, imaging, deadlines).")

    @OptionGroup var options: ScenarioOptions

    @Flag(help: "Print one JSON document instead of the text plan.")
    var json = false

    @Option(help: "Also write schedule.csv, schedule.json and schedule.svg into this folder.")
    var out: String?

    @OptionGroup var csv: CSVOptions
    @OptionGroup var history: HistoryOptions

    func run() throws {
        let dialect = try csv.dialect()
        let loaded = try options.load()
        guard let rules = loaded.schedule else {
            throw CommandError("\(options.scenario): the scenario has no 'schedule' section; add one (see docs/schedule.md)")
        }
        let plan = try solve(loaded.scenario, workers: options.workers)
        let rollout = try RolloutScheduler(solver: GLPKSolver()).schedule(plan, rules: rules)
        if let out {
            try write(into: out, [("schedule.csv", ScheduleReport.csv(rollout, dialect: dialect)),
                                  ("schedule.json", ScheduleReport.json(rollout)),
                                  ("schedule.svg", ScheduleReport.svg(rollout))])
        }
        try emit(json ? ScheduleReport.json(rollout) : ScheduleReport.text(rollout))
        history.record("schedule", scenario: options.scenario, plans: [options.record(plan, audit: HistoryOptions.audit(plan, loaded, given: nil), loaded: loaded)])
    }
}
