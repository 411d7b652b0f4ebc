import ArgumentParser
import Foundation
import Allocation
import GLPKSolver
import Reports
import ScenarioFiles
import WhatIf

/// `allocate sweep`: one or two parameters over a grid; a CSV and an SVG chart.
struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: helpText(.sweep))

    @Argument(help: .words(.scenario))
    var scenario: String = "Scenarios/dortmund-2020.yaml"

    @Option(name: .customLong("vary"), parsing: .singleValue,
            help: .words(.sweepVary))
    var vary: [String] = []

    @OptionGroup var overrides: OverrideOptions
    @OptionGroup var solver: SolverOptions
    @OptionGroup var csvOptions: CSVOptions
    @OptionGroup var language: LanguageOptions

    @Option(help: .words(.sweepOut))
    var out: String = "out/sweep"

    @Flag(help: .words(.sweepCSV))
    var csv = false

    func validate() throws {
        guard (1...2).contains(vary.count) else { throw ValidationError("give --vary once (a line) or twice (a grid)") }
    }

    func run() throws {
        let started = CommandStart()  // --time-limit bounds the whole sweep: every point's solve counts from here
        let dialect = try csvOptions.dialect()
        let axes = try vary.map { text throws(SweepError) in try SweepAxis(parsing: text) }
        if axes.count == 2 && axes[0].values.count * axes[1].values.count > 1_000_000 {
            throw CommandError(option: "--vary", .command(.gridTooLarge(limit: 1_000_000)))
        }
        let template = try ScenarioTemplate.load(path: scenario, overrides: overrides.overrides + solver.overrides())
        let bar = ProgressBar(label: StatusWords(try language.terminal()).sweepProgress)
        let clock = ContinuousClock(), start = clock.now
        let result: SweepResult
        do {
            result = try WhatIf.Sweep.run(template: template, axes: axes, engine: AllocationEngine(solver: GLPKSolver()),
                                          workers: solver.workers, started: started.instant, progress: { bar.update($0, of: $1) })
        } catch {
            bar.finish()
            throw error
        }
        bar.finish()
        let seconds = (clock.now - start).seconds
        let (csvLanguage, terminal) = (try language.csv(), try language.terminal())
        try write(into: out, [("sweep.csv", SweepReport.csv(result, dialect: dialect, language: csvLanguage)),
                              ("sweep.svg", SweepReport.svg(result, language: terminal))])
        if csv { try emit(SweepReport.csv(result, language: csvLanguage)) }
        let infeasible = result.points.filter { $0.summary == nil }.count
        note(StatusWords(terminal).sweepDone(points: result.points.count, seconds: seconds, infeasible: infeasible,
                                             csv: "\(out)/sweep.csv", svg: "\(out)/sweep.svg") + "\n")
        if let text = SweepReport.plateauText(result, language: terminal) { note("\(text)\n") }
    }
}
