import ArgumentParser
import Allocation
import Foundation

/// `allocate bench`: time parse + build + solve + verify in this process.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time parse + build + solve + verify of a scenario in this process (use a release build).")

    @OptionGroup var options: ScenarioOptions

    @Option(help: "How many timed runs (after one warm-up run).")
    var runs: Int = 30

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
        let (median, build) = Self.summary(&times)
        try emit("\(options.scenario): \(runs) runs of parse + build + solve + verify, \(build)\n")
        try emit(String(format: "  median %.1f ms, min %.1f ms, max %.1f ms", median, times.first!, times.last!) + "\n")
        if let last { try emit("  \(last.schools.count) schools, status \(last.solver.status.rawValue), \(last.solver.solverVersion)\n") }
    }

    /// Sorts timings; their median and which build measured them.
    static func summary(_ times: inout [Double]) -> (median: Double, build: String) {
        times.sort()
        let median = times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
        #if DEBUG
        return (median, "debug build (use -c release for figures)")
        #else
        return (median, "release build")
        #endif
    }
}
