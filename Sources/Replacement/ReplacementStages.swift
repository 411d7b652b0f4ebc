import Allocation
import LinearProgramming

/// The stages after the first (need-weighted device-years, own money, changes) without GLPK's
/// integer search at city size (docs/MULTIYEAR.md, "Fourth session"). Each stage's value is the
/// verified figure of a whole-device plan; its bound is the stage's LP relaxation on the program
/// that holds the first stage's share as whole-device floors and every earlier stage's value
/// (`Lexicographic.keep`), so value and bound are both proven. The plan: the first stage's plan
/// with the money it leaves spent on more device-years (`ReplacementStart.fill`, before), then
/// for own money the same counts with the money split solved again as an LP (every count fixed,
/// so the LP is the integer program); the changes follow from the counts. GLPK's search from that
/// plan runs only on small programs (`ReplacementModel.searchable`), bounded by a work limit
/// (`searchNodes`); every point it finds is verified before it replaces the plan. No result
/// depends on the machine's speed unless the deadline cuts a solve, and then the stage says so
/// (status `feasible`, "stopped").
enum ReplacementStages {
    /// The work limit of GLPK's search over a small program (`ReplacementModel.searchable`), in
    /// branch-and-bound nodes, for the first stage and each later one. An engine limit, not a
    /// scenario value (seventh session: before, a share of the time left, so the result
    /// depended on the machine's speed). On the small fixture
    /// (`Tests/AllocationTests/Fixtures/years/small.yaml`) stage 2's search ends at this limit
    /// in about 0.26 s (debug build) with its value proven by the bound; before, stage 3's search
    /// ran 13 s to its share of the time.
    static let searchNodes = 2_000

    /// `session`: the first stage's (its last basis, on the same columns and rows, is a warm start
    /// for the second stage's relaxation); `solver` solves the money split apart, so the
    /// session's basis goes on from one stage's relaxation to the next.
    static func solve(_ model: ReplacementModel, share: Ratio, start: ReplacementStart.Found, solver: any LinearSolver,
                      session: any SolverSession, options: SolveOptions, deadline: ContinuousClock.Instant) throws(SolverError)
        -> (stages: [Lexicographic.Stage], values: [Double]) {
        let scenario = model.scenario
        var lp = model.held(share: share)
        // The same program for the bounds, with each earlier stage kept at its value exactly (a
        // hair for the LP's arithmetic) instead of within less than half a unit: every plan
        // that keeps a stage's whole-unit value keeps it exactly, so the relaxation may not use
        // the slack `lp` leaves for GLPK's search (seventh session: a tighter bound).
        var bounding = lp
        var plan = start.plan, check = start.check
        /// The plan's columns as a point of `held(share:)`, whose smallest-coverage column is fixed at 0.
        func columns(_ p: ReplacementPlan) -> [Double] {
            var x = model.values(of: p)
            x[model.smallestCoverage] = 0
            return x
        }
        var values = columns(plan)
        var stages: [Lexicographic.Stage] = []
        /// Takes a point's plan when it passes the verifier and is better in stage `i`.
        func offer(_ point: [Double], stage i: Int) {
            let p = ReplacementPlanner.plan(model, values: point)
            let c = ReplacementVerifier.verify(p, scenario)
            guard c.isValid, c.smallestCoverage >= check.smallestCoverage else { return }
            // No earlier stage may lose what it holds (the point keeps them only within the LP's hair).
            for j in 1..<i where model.stages[j].objective.direction == .maximize ? model.figure(j, c) < model.figure(j, check)
                                                                                  : model.figure(j, c) > model.figure(j, check) { return }
            let better = model.stages[i].objective.direction == .maximize ? model.figure(i, c) > model.figure(i, check)
                                                                           : model.figure(i, c) < model.figure(i, check)
            if better { plan = p; check = c; values = columns(p) }
        }
        do {
            for i in 1..<model.stages.count {
                try ReplacementPlanner.begin(stage: i + 1, of: model.stages.count, options)
                let clock = ContinuousClock(), began = clock.now
                let stage = model.stages[i]
                lp.objective = stage.objective
                bounding.objective = stage.objective
                let maximize = stage.objective.direction == .maximize
                // Why a stage may end unproven (TerminationStatus.ofStage): a limit cut a solve it
                // needed, or the search ran without proof, or the search was skipped for size.
                var searched = false, stopped = false
                if i == 2, options.within(deadline) == nil { stopped = true }
                if i == 2, let o = options.within(deadline) {
                    // Own money for the same devices: the counts fixed, the split among the pools
                    // solved (outside the session: its basis would not help the relaxation below).
                    var fixed = model.fixingCounts(lp, at: values).relaxed
                    fixed.objective = stage.objective
                    let r = try solver.solve(fixed, options: o)
                    if r.status == .optimal { offer(r.values, stage: i) }
                }
                // The bound: the stage's relaxation (a stopped one proves nothing beyond the columns' bounds).
                var bound = lp.columnBound
                if let o = options.within(deadline) {
                    let r = try session.solve(bounding.relaxed, options: o)
                    if r.status == .optimal, let b = r.objective { bound = b } else { stopped = true }
                } else { stopped = true }
                // Whole units: device-years and changes are integers (integral weights).
                func rounded(_ b: Double) -> Double {
                    guard b.isFinite, stage.resolution == 1 else { return b }
                    return maximize ? (b + 1e-6).rounded(.down) : (b - 1e-6).rounded(.up)
                }
                bound = rounded(bound)
                func gap() -> Double {
                    let v = model.figure(i, check)
                    return abs(bound - v) / max(abs(v), 1e-9)
                }
                // One school at a time (ReplacementNeighbourhood), in the scenario's order, until a
                // search finds nothing better.
                if gap() > options.relativeGap {
                    let area = ReplacementNeighbourhood(model, program: lp)
                    // Worth a search: a whole unit, or for money at least 0.001 % of the stage's value.
                    let worth = max(stage.resolution ?? 0.01, 1e-5 * abs(model.figure(i, check)))
                    for school in area.columns.indices.filter({ !area.columns[$0].isEmpty }).prefix(ReplacementNeighbourhood.searches) {
                        guard gap() > options.relativeGap, var o = options.within(deadline) else { break }
                        let (sub, back) = area.restricted(lp, school: school, at: values)
                        let here = back.map { values[$0] }, current = sub.objectiveValue(here), was = model.figure(i, check)
                        o.incumbent = here
                        // A work limit, not a time limit: the same search on every machine.
                        o.nodeLimit = ReplacementNeighbourhood.searchNodes
                        // Any better plan is at least `worth` better: the search may stop within that.
                        o.relativeGap = max(options.relativeGap, 0.999 * worth / max(abs(current), worth))
                        let r = try solver.solve(sub, options: o)
                        // Only the deadline makes a search depend on the machine: the stage says so.
                        if r.limit == .time { stopped = true }
                        if r.hasSolution {
                            var x = values
                            for (k, j) in back.enumerated() { x[j] = r.values[k] }
                            offer(x, stage: i)
                        }
                        if model.figure(i, check) == was { break }
                    }
                }
                if gap() > options.relativeGap, model.searchable, options.within(deadline) == nil { stopped = true }
                if gap() > options.relativeGap, model.searchable, var o = options.within(deadline) {
                    searched = true
                    // GLPK's search from the plan, bounded by a work limit (the same on every
                    // machine; before the seventh session: a share of the time left).
                    o.nodeLimit = ReplacementStages.searchNodes
                    o.incumbent = values
                    let r = try session.solve(lp, options: o)
                    if r.limit == .time { stopped = true }
                    if r.hasSolution { offer(r.values, stage: i) }
                    if r.status == .optimal, let b = r.bestBound ?? r.objective {
                        bound = maximize ? min(bound, rounded(b)) : max(bound, rounded(b))
                    } else if let b = r.bestBound, b.isFinite {
                        bound = maximize ? min(bound, rounded(b)) : max(bound, rounded(b))
                    }
                }
                let value = model.figure(i, check)
                // Own money and changes are never negative.
                bound = maximize ? max(bound, value) : min(max(0, bound), value)
                let elapsed = began.duration(to: clock.now)
                // "Optimal" only where value and bound meet (a hair for the LP's rounding), not
                // merely within the requested gap: the bound is a relaxation's, not a finished
                // search's (issue 19: `allocate years`' gap 1e-4 called Dortmund's stage 2
                // optimal at 101,692 against 101,698).
                stages.append(Lexicographic.Stage(name: stage.name, status: .ofStage(proven: gap() <= min(options.relativeGap, 1e-6), searched: searched, stopped: stopped),
                                                  objective: value, bestBound: bound,
                                                  seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18))
                // Later stages keep this stage's verified value (the point `values` is the plan's).
                Lexicographic.keep(&lp, at: value, tolerance: 0, resolution: stage.resolution)
                Lexicographic.keep(&bounding, at: value, tolerance: 1e-9)
            }
        }
        return (stages, values)
    }
}

extension ReplacementModel {
    /// GLPK's integer search is worth its time only on small programs: at city size (7,700
    /// integer columns) it found nothing better than the constructive plans in 30 s per stage
    /// (docs/MULTIYEAR.md, "Third session"), so there only relaxations (bounds) are solved.
    var searchable: Bool { program.variables.lazy.filter(\.isInteger).count <= 2_000 }

    /// A plan's figure of stage `i`, in the unit of the stage's objective: the smallest
    /// coverage, need-weighted device-years, own money in euros, changes.
    func figure(_ i: Int, _ check: ReplacementVerifier.Result) -> Double {
        switch i {
        case 0: return Double(check.smallestCoverage.numerator) / Double(check.smallestCoverage.denominator)
        case 1: return Double(check.coveredDeviceYears)
        case 2: return Double(check.ownMoney.cents) / 100
        default: return Double(check.changes)
        }
    }

    /// `program` with every count column fixed at its (rounded) value at `point`: what is left
    /// to solve is the money.
    func fixingCounts(_ program: LinearProgram, at point: [Double]) -> LinearProgram {
        var p = program
        for c in cohorts {
            for col in c.columns.compactMap({ $0 }) {
                let v = point[col].rounded()
                p.variables[col].lower = v; p.variables[col].upper = v
            }
        }
        return p
    }
}
