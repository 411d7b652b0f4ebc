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

    @Option(name: .customLong("csv-dialect"), help: "rfc4180 (comma, decimal point) or excel-de (semicolon, decimal comma, UTF-8 BOM).")
    var csvDialect: String = "rfc4180"

    @OptionGroup var history: HistoryOptions

    func run() throws {
        guard let dialect = CSVDialect(rawValue: csvDialect) else {
            fail("--csv-dialect: found '\(csvDialect)', allowed: \(CSVDialect.allCases.map(\.rawValue).joined(separator: ", "))", code: Exit.badInput)
        }
        let loaded = try options.load()
        guard let rules = loaded.schedule else {
            fail("\(options.scenario): the scenario has no 'schedule' section; add one (see docs/schedule.md)", code: Exit.badInput)
        }
        let plan = solveOrExit(loaded.scenario)
        let rollout: RolloutPlan
        do { rollout = try RolloutScheduler(solver: GLPKSolver()).schedule(plan, rules: rules) } catch {
            switch error {
            case .inconsistentRules: fail(error.description, code: Exit.badInput)
            default: fail(error.description, code: Exit.internalError)
            }
        }
        if let out {
            write(into: out, [("schedule.csv", ScheduleReport.csv(rollout, dialect: dialect)),
                              ("schedule.json", ScheduleReport.json(rollout)),
                              ("schedule.svg", ScheduleReport.svg(rollout))])
        }
        emit(json ? ScheduleReport.json(rollout) : ScheduleReport.text(rollout))
        history.record("schedule", scenario: options.scenario, plans: [options.record(plan, audit: HistoryOptions.audit(plan, loaded, given: nil), loaded: loaded)])
    }
}
