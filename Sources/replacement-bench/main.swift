// Benchmark of the multi-year replacement solve on seeded synthetic cities (Benchmarks/years.sh).
//   replacement-bench city SCHOOLS [SEED]           solve one city, print stages, bound, gap, time
//   replacement-bench export SCHOOLS SEED FILE.mps  write the model's first stage (MIP) as MPS
import Allocation
import Foundation
import GLPKSolver
import LinearProgramming
import Replacement

let args = CommandLine.arguments.dropFirst().map { $0 }
func fail(_ s: String) -> Never { FileHandle.standardError.write((s + "\n").data(using: .utf8)!); exit(2) }
guard let command = args.first else { fail("usage: replacement-bench city SCHOOLS [SEED] | export SCHOOLS SEED FILE.mps") }
let clock = ContinuousClock()
func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }

switch command {
case "export":
    guard args.count == 4, let n = Int(args[1]), let seed = UInt64(args[2]) else { fail("usage: export SCHOOLS SEED FILE.mps") }
    let model = try ReplacementModel(.syntheticCity(schools: n, seed: seed))
    var p = model.program
    p.objective = model.stages[0].objective
    try GLPKSolver().write(p, format: .mps, to: args[3])
    print("columns \(p.variables.count) rows \(p.constraints.count)")
case "city":
    guard args.count >= 2, let n = Int(args[1]) else { fail("usage: city SCHOOLS [SEED]") }
    let seed = args.count > 2 ? UInt64(args[2]) ?? 1 : 1
    let start = clock.now
    let outcome = try ReplacementPlanner.solve(.syntheticCity(schools: n, seed: seed), solver: GLPKSolver())
    let t = seconds(clock.now - start)
    for s in outcome.stages { print("stage \(s.name): \(s.status.rawValue) value \(s.objective) bound \(s.bestBound) \(String(format: "%.2f s", s.seconds))") }
    print(String(format: "schools %d seed %llu: %.3f s", n, seed, t))
case "start":
    // The constructive plan and the first stage's LP bound, timed apart.
    guard args.count >= 2, let n = Int(args[1]) else { fail("usage: start SCHOOLS [SEED]") }
    let seed = args.count > 2 ? UInt64(args[2]) ?? 1 : 1
    let scenario = ReplacementScenario.syntheticCity(schools: n, seed: seed)
    var start = clock.now
    guard let found = ReplacementStart.plan(scenario) else { fail("no constructive plan") }
    let tPlan = seconds(clock.now - start)
    start = clock.now
    let model = try ReplacementModel(scenario)
    var relaxed = model.program.relaxed
    relaxed.objective = model.stages[0].objective
    let lp = try GLPKSolver().solve(relaxed, options: SolveOptions(timeLimitSeconds: 120))
    let tLP = seconds(clock.now - start)
    let z = Double(found.check.smallestCoverage.numerator) / Double(found.check.smallestCoverage.denominator)
    let bound = lp.objective ?? .nan
    print(String(format: "schools %d seed %llu: plan %.4f (share %.5f) in %.3f s; LP bound %.4f (%@) in %.3f s; gap %.3f %%",
                 n, seed, z, found.share, tPlan, bound, lp.status.rawValue, tLP, (bound - z) / bound * 100))
default:
    fail("unknown command \(command)")
}
