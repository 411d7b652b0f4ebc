import ArgumentParser
import Allocation
import Foundation
import Reports

/// `allocate bench`: time parse + build + solve + verify in this process.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: helpText(.bench))

    @OptionGroup var options: ScenarioOptions

    @Option(help: .words(.benchRuns))
    var runs: Int = 30

    @OptionGroup var language: LanguageOptions

    func validate() throws {
        guard (1...10_000).contains(runs) else { throw ValidationError("--runs: found \(runs), allowed: 1 to 10000") }
    }

    func run() throws {
        let clock = ContinuousClock()
        var times: [Double] = []
        var last: Plan?
        for i in 0...runs {
            let start = clock.now
            let loaded = try options.load()
            let plan = try solve(loaded.scenario, workers: options.workers)
            let d = clock.now - start
            if i > 0 { times.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) * 1e-15) }
            last = plan
        }
        let words = StatusWords(try language.terminal())
        let (median, release) = Self.summary(&times)
        try emit(words.benchHeadline(options.scenario, runs: runs, build: words.build(release: release)) + "\n")
        try emit("  " + words.timings(median: median, min: times.first!, max: times.last!, digits: 1) + "\n")
        if let last { try emit("  " + words.benchPlan(schools: last.schools.count, status: last.solver.status, solver: last.solver.solverVersion) + "\n") }
    }

    /// Sorts timings; their median and whether a release build measured them.
    static func summary(_ times: inout [Double]) -> (median: Double, release: Bool) {
        times.sort()
        let median = times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
        #if DEBUG
        return (median, false)
        #else
        return (median, true)
        #endif
    }
}
