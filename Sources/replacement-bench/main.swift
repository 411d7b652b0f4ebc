// Benchmark of the multi-year replacement solve on seeded synthetic cities (Benchmarks/years.sh).
//   replacement-bench city SCHOOLS [SEED]           solve one city, print stages, bound, gap, time
//   replacement-bench start SCHOOLS [SEED]          the just-in-time plan and the first stage's LP bound
//   replacement-bench first SCHOOLS [SEED] [--fill]  the first stage: that plan and the proven bound (ReplacementFirstStage);
//                                                   --fill: then the second stage's start (ReplacementStart.fill), timed apart
//   replacement-bench stage1 SCHOOLS SEED SECONDS   GLPK's search on the first stage from that plan
//   replacement-bench state SIZES [WORKERS]         one city per line of SIZES (schools), solved apart, in parallel
//   replacement-bench export SCHOOLS SEED FILE.mps  write the model's first stage (MIP) as MPS
// SCHOOLS may also be a scenario file with a `years:` section (e.g. Scenarios/dortmund-2026-2030.yaml;
// the seed is then ignored), so the shipped scenario runs through the same commands.
import Allocation
import Foundation
import GLPKSolver
import LinearProgramming
import Replacement
import ScenarioFiles

let args = CommandLine.arguments.dropFirst().map { $0 }
func fail(_ s: String) -> Never { FileHandle.standardError.write((s + "\n").data(using: .utf8)!); exit(2) }
guard let command = args.first else { fail("usage: replacement-bench city SCHOOLS [SEED] | export SCHOOLS SEED FILE.mps") }
let clock = ContinuousClock()
func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
/// A synthetic city of `schools` schools, or the scenario of a file (`schools` ends in .yaml).
func city(_ schools: String, seed: UInt64) -> ReplacementScenario {
    if schools.hasSuffix(".yaml") || schools.hasSuffix(".yml") {
        do { return try ScenarioLoader.loadYears(path: schools).scenario } catch { fail("\(schools): \(error)") }
    }
    guard let n = Int(schools) else { fail("SCHOOLS: a number or a scenario file, not \(schools)") }
    return .syntheticCity(schools: n, seed: seed)
}

switch command {
case "export":
    guard args.count == 4, let seed = UInt64(args[2]) else { fail("usage: export SCHOOLS SEED FILE.mps") }
    let model = try ReplacementModel(city(args[1], seed: seed))
    var p = model.program
    // As a minimisation (−smallest coverage): free MPS carries no objective sense.
    p.objective = .init(.minimize, model.stages[0].objective.terms.map { .init($0.variable, -$0.coefficient) })
    try GLPKSolver().write(p, format: .mps, to: args[3])
    print("columns \(p.variables.count) rows \(p.constraints.count)")
case "city":
    guard args.count >= 2 else { fail("usage: city SCHOOLS [SEED] [SECONDS]") }
    let seed = args.count > 2 ? UInt64(args[2]) ?? 1 : 1, n = args[1]
    let limit = args.count > 3 ? Double(args[3]) ?? 30 : 30
    let start = clock.now
    let outcome: ReplacementPlanner.Outcome
    do { outcome = try ReplacementPlanner.solve(city(n, seed: seed), solver: GLPKSolver(), options: SolveOptions(relativeGap: 1e-6, timeLimitSeconds: limit)) } catch {
        print(String(format: "schools %@ seed %llu: %@ (%.3f s)", n, seed, "\(error)", seconds(clock.now - start))); exit(0)
    }
    let t = seconds(clock.now - start)
    for s in outcome.stages { print("stage \(s.name): \(s.status.rawValue) value \(s.objective) bound \(s.bestBound) \(String(format: "%.2f s", s.seconds))") }
    print("verified: smallest coverage \(outcome.check.smallestCoverage), device-years \(outcome.check.coveredDeviceYears), own money \(outcome.check.ownMoney.cents) ct, changes \(outcome.check.changes)")
    print(String(format: "schools %@ seed %llu: %.3f s", n, seed, t))
case "start":
    // The constructive plan and the first stage's LP bound, timed apart.
    guard args.count >= 2 else { fail("usage: start SCHOOLS [SEED]") }
    let seed = args.count > 2 ? UInt64(args[2]) ?? 1 : 1, n = args[1]
    let scenario = city(n, seed: seed)
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
    print(String(format: "schools %@ seed %llu: plan %.4f (share %.5f) in %.3f s; LP bound %.4f (%@) in %.3f s; gap %.3f %%",
                 n, seed, z, found.share, tPlan, bound, lp.status.rawValue, tLP, (bound - z) / bound * 100))
case "first":
    guard args.count >= 2 else { fail("usage: first SCHOOLS [SEED] [--fill]") }
    let seed = args.count > 2 ? UInt64(args[2]) ?? 1 : 1, n = args[1]
    let scenario = city(n, seed: seed)
    let start = clock.now
    let model = try ReplacementModel(scenario)
    guard let r = try ReplacementFirstStage.solve(model, solver: GLPKSolver()) else { fail("no plan") }
    if args.contains("--fill") {
        let t0 = clock.now
        let filled = ReplacementStart.fill(model.scenario, from: r.start)
        print(String(format: "  second stage start: %d covered device-years (first-stage plan: %d), %.3f s", filled.check.coveredDeviceYears,
                     r.start.check.coveredDeviceYears, seconds(clock.now - t0)))
    }
    print(String(format: "schools %@ seed %llu: plan %@ = %.5f, bound %@ = %.5f, %@, gap %.4f %%, relaxations %d (stopped %d): %.3f s",
                 n, seed, "\(r.smallestCoverage)", Double(r.smallestCoverage.numerator) / Double(r.smallestCoverage.denominator),
                 "\(r.bound)", Double(r.bound.numerator) / Double(r.bound.denominator),
                 r.isOptimal ? "optimal" : "not proven", r.gap * 100, r.relaxations, r.stopped, seconds(clock.now - start)))
case "stage1":
    guard args.count == 4, let seed = UInt64(args[2]), let limit = Double(args[3]) else { fail("usage: stage1 SCHOOLS SEED SECONDS") }
    let n = args[1], scenario = city(n, seed: seed)
    let start = clock.now
    let model = try ReplacementModel(scenario)
    guard let found = ReplacementStart.plan(scenario) else { fail("no constructive plan") }
    var p = model.program
    p.objective = model.stages[0].objective
    let r = try GLPKSolver().solve(p, options: SolveOptions(relativeGap: 1e-4, timeLimitSeconds: limit, incumbent: model.values(of: found.plan)))
    let z = Double(found.check.smallestCoverage.numerator) / Double(found.check.smallestCoverage.denominator)
    print(String(format: "schools %@ seed %llu: start %.4f; GLPK %@ %.4f bound %.4f; %.3f s", n, seed, z, r.status.rawValue,
                 r.objective ?? .nan, r.bestBound ?? .nan, seconds(clock.now - start)))
case "state":
    guard args.count >= 2, let text = try? String(contentsOfFile: args[1], encoding: .utf8) else { fail("usage: state SIZES [WORKERS]") }
    let sizes = text.split(whereSeparator: \.isNewline).compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    let workers = args.count > 2 ? max(1, Int(args[2]) ?? 2) : 2
    final class Results: @unchecked Sendable {
        let lock = NSLock()
        var next = 0
        var rows: [(plan: Double, bound: Double, failed: Bool)] = []
    }
    let results = Results()
    results.rows = Array(repeating: (0, 0, true), count: sizes.count)
    let start = clock.now
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
            let i: Int = results.lock.withLock { defer { results.next += 1 }; return results.next }
            guard i < sizes.count else { return }
            let scenario = ReplacementScenario.syntheticCity(schools: sizes[i], seed: UInt64(i + 1))
            guard let model = try? ReplacementModel(scenario),
                  let r = (try? ReplacementFirstStage.solve(model, solver: GLPKSolver())) ?? nil else { continue }
            let z = Double(r.smallestCoverage.numerator) / Double(r.smallestCoverage.denominator)
            results.lock.withLock { results.rows[i] = (z, Double(r.bound.numerator) / Double(r.bound.denominator), false) }
        }
    }
    let t = seconds(clock.now - start)
    let gaps = results.rows.filter { !$0.failed }.map { $0.bound > 0 ? ($0.bound - $0.plan) / $0.bound * 100 : 0 }.sorted()
    let failed = results.rows.filter(\.failed).count
    print(String(format: "authorities %d (%d schools), workers %d: %.3f s; verified plans %d, without %d; gap to the proven bound median %.4f %%, max %.4f %%, proven optimal %d",
                 sizes.count, sizes.reduce(0, +), workers, t, gaps.count, failed, gaps.isEmpty ? .nan : gaps[gaps.count / 2], gaps.last ?? .nan, gaps.filter { $0 == 0 }.count))
default:
    fail("unknown command \(command)")
}
