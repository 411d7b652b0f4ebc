import Allocation
import LinearProgramming

/// What can stop a schedule. The schedule model always has a plan (handing out nothing is
/// one), so there is no "infeasible": only bad rules, solver failures and internal errors.
/// The words are `Sources/Reports/ErrorWords.swift`.
public enum ScheduleError: Error, Equatable {
    /// The rules do not fit the plan (e.g. one imaging capacity per period is missing).
    case inconsistentRules(ScheduleRuleProblem)
    case solver(SolverError)
    /// The solver stopped before it had any plan, not even the starting one.
    case noScheduleFound(NoScheduleReason)
    /// The schedule broke a rule (`ScheduleVerifier`): an internal error of this tool.
    case verificationFailed([String])
    /// The solver ended a stage with a status that cannot happen (handing out nothing is
    /// always a schedule): an internal error of this tool.
    case unexpectedStatus(stage: String, status: String)
}

extension ScheduleError: ClassifiedError {
    public var errorClass: ErrorClass {
        switch self {
        case .inconsistentRules: return .input
        case .solver(let e): return e.errorClass
        // No schedule by the time limit is the solver's, as for an allocation (`AllocationError.noPlanFound`).
        case .noScheduleFound, .verificationFailed, .unexpectedStatus: return .solverOrInternal
        }
    }
}

/// Schedules the roll-out of a solved allocation: objective stages in priority order, the
/// second keeping the first's optimum (within `solver.stageTolerance`):
///
/// 1. money spent by the deadlines (only if a pool's deadline falls within the periods);
/// 2. weighted device-weeks: each device weighs what the allocation gives it (pupils: the
///    weight of the school's index level; teachers: the kind's priority weight), and
///    `teacherDevices` scales the teacher kinds — see `TeacherWeights`.
///
/// Each stage is a MIP with the scenario's relative gap, started from the better of the
/// previous stage's plan and a greedy plan improved by local search (`StartingPlan`). A stage
/// whose start lies within the gap of a proven bound — `PeriodBound` without a solver, else the
/// LP relaxation — is proven without branch and bound (issue 18: the default scenario in about
/// half a second, gap 0); only the others go to GLPK's search. The time
/// limit is one deadline for the whole schedule (building the model, the starting plan's search,
/// the LP relaxation and every stage; the command passes its own, which counts the allocation's
/// solve too): when it runs out, the best verified schedule so far is returned (the start or the last
/// stage's plan, never worse than a shorter limit's), with each stage's proven bound.
public struct RolloutScheduler: Sendable {
    public let solver: any LinearSolver

    public init(solver: any LinearSolver) { self.solver = solver }

    enum Stage: String {
        case money = "money spent by the deadlines (euros)"
        case deviceWeeks = "weighted device-weeks"
    }

    /// `deadline`: when the whole command must end (e.g. its start plus `--time-limit`, so that
    /// the allocation solved before counts too); without one, `solver.timeLimitSeconds` from now.
    /// Everything here shares it: building the model, the starting plan's search, the LP
    /// relaxation and every stage. `progress` hears of each step (on the calling thread).
    public func schedule(_ plan: Plan, rules: ScheduleRules, deadline: ContinuousClock.Instant? = nil,
                         progress: ((ScheduleProgress) -> Void)? = nil) throws(ScheduleError) -> RolloutPlan {
        let clock = ContinuousClock(), start = clock.now
        let settings = plan.scenario.solver
        let deadline = deadline ?? settings.deadline(from: start)
        try check(rules, plan)
        let totalDevices = plan.kinds.indices.reduce(0) { $0 + plan.totalDevices(kind: $1) }
        let supply = rules.cumulativeSupply(total: totalDevices)
        let model = ScheduleModel(plan: plan, rules: rules, supply: supply)
        let weights = try TeacherWeights.weights(plan, rules.teacherDevices)
        let money = moneyTerms(plan: plan, rules: rules, model: model)
        var stages: [(Stage, LinearProgram.Objective)] = []
        if !money.isEmpty { stages.append((.money, .init(.maximize, money))) }
        let terms = model.deviceWeeksTerms { r, k in weights[model.schools[r]][k] }
        if !terms.isEmpty { stages.append((.deviceWeeks, .init(.maximize, terms))) }

        var values: [Double], done: [RolloutPlan.Stage] = [], stopped = false
        if stages.isEmpty {
            // No device weighs anything: every device as early as supply and imaging allow.
            let start = StartingPlan(model: model, objectives: [])
            values = start.values(start.valueOrder)
        } else {
            (values, done, stopped) = try solver.withSession { (session) throws(ScheduleError) in
                try runStages(stages, model: model, session: session, settings: settings, deadline: deadline,
                              progress: progress ?? { _ in })
            }
        }
        var result = RolloutPlan(
            plan: plan, rules: rules, rows: extract(values, model, plan: plan), supply: supply, weights: weights, pools: [],
            stages: done, status: !stopped && done.allSatisfy { $0.status == .optimal } ? .optimal : .feasible,
            solverVersion: solver.version, relativeGap: settings.relativeGap, timeLimitSeconds: settings.timeLimitSeconds,
            seconds: 0, stoppedAtTimeLimit: stopped)
        result.pools = DeadlineMoney.pools(result)
        let problems = ScheduleVerifier.verify(result)
        if !problems.isEmpty { throw .verificationFailed(problems) }
        result.seconds = (clock.now - start).seconds
        return result
    }

    /// The stages on one solver session, each later one keeping the earlier optimum. Each
    /// starts from the better of the previous stage's plan and a greedy plan good for all
    /// stages (`StartingPlan`), when that keeps the earlier optima. A stage whose start lies
    /// within the relative gap of its linear relaxation's optimum (a proven bound) is proven
    /// without a branch-and-bound search; otherwise GLPK searches from the start.
    /// Returns the values, the stages and whether the deadline stopped them: then the stages
    /// not reached are listed with the schedule's value and a bound that needs no solve.
    private func runStages(_ stages: [(Stage, LinearProgram.Objective)], model: ScheduleModel, session: any SolverSession,
                           settings: SolverSettings, deadline: ContinuousClock.Instant, progress: (ScheduleProgress) -> Void)
        throws(ScheduleError) -> ([Double], [RolloutPlan.Stage], Bool) {
        let clock = ContinuousClock()
        func timeLeft() -> Double { clock.now.duration(to: deadline).seconds }
        func value(_ values: [Double], _ i: Int) -> Double {
            stages[i].1.terms.reduce(stages[i].1.constant) { $0 + $1.coefficient * values[$1.variable] }
        }
        /// The optimum of `lp`'s linear relaxation (a proven bound for a maximisation), with at
        /// most half the time left; nil if it did not end optimal. Leaves the session's basis warm.
        func relaxation(_ lp: LinearProgram) -> SolveResult? {
            guard timeLeft() >= 0.002 else { return nil }
            let options = SolveOptions(relativeGap: settings.relativeGap, timeLimitSeconds: max(0.001, timeLeft() / 2))
            guard let r = try? session.solve(lp.relaxed, options: options), r.status == .optimal, r.objective != nil else { return nil }
            return r
        }
        let start = StartingPlan(model: model, objectives: stages.map(\.1))
        var lp = model.program
        lp.objective = stages[0].1
        // One time budget for everything: the bounds, the starting plan's search and every stage.
        // First the bound that needs no solver (`PeriodBound`) and the order it suggests.
        progress(.init(step: .relaxation))
        let periodBound = PeriodBound(model: model)
        let first = periodBound.bound(stages[0].1)
        var firstBound: Double? = first.value
        progress(.init(step: .startingPlan, bound: firstBound))
        func search(_ orders: [[Int]]) -> [Int] {
            // At most half the time left: the stages need some too.
            let until = clock.now.advanced(by: .milliseconds(Int64(max(0, min(timeLeft(), 1e9)) * 500)))
            return start.best(of: orders, goal: stages.count == 1 ? firstBound.map { $0 - stages[0].1.constant } : nil, until: until) { objectives in
                progress(.init(step: .startingPlan, incumbent: objectives.first, bound: firstBound))
            }
        }
        var order = search([start.valueOrder, first.order])
        // Not proven by that bound: the linear relaxation (a bound at least as tight, and the
        // order in which it images the schools), then the search again from the better order.
        func proven(_ incumbent: Double, _ bound: Double?) -> Bool {
            guard let bound else { return false }
            return bound - incumbent <= settings.relativeGap * abs(incumbent) + 1e-9 * max(1, abs(incumbent))
        }
        if !proven(start.run(order).objectives[0] + stages[0].1.constant, firstBound) {
            progress(.init(step: .relaxation, bound: firstBound))
            if let relaxed = relaxation(lp) {
                firstBound = min(firstBound ?? .infinity, relaxed.objective!)
                progress(.init(step: .startingPlan, bound: firstBound))
                order = search([order, start.relaxationOrder(relaxed.values)])
            }
        }
        let greedy = start.values(order)
        // The greedy plan is a verified schedule by itself: what the deadline leaves at worst.
        let greedyFeasible = model.program.maxViolation(greedy) <= 1e-6
        // What every schedule keeping the stages done so far leaves empty (`PeriodBound.fixed`):
        // the later stages' bounds leave it out (issue 18: with the Sofortausstattung's deadline the
        // money stage keeps every teacher device out until the deadline; a bound that ignored it
        // counted teachers first and left the second stage 10 s at the time limit).
        var fixed: PeriodBound.Fixed? = nil
        func notReached(_ done: [RolloutPlan.Stage], _ values: [Double]) -> [RolloutPlan.Stage] {
            stages.indices.dropFirst(done.count).map { i in
                let v = value(values, i)
                let each = stages[i].1.terms.reduce(stages[i].1.constant) { $0 + max(0, $1.coefficient) * model.program.variables[$1.variable].upper }
                let bound = min(each, periodBound.bound(stages[i].1, fixed: fixed).value)
                return RolloutPlan.Stage(name: stages[i].0.rawValue, status: .feasible, objective: v, bestBound: max(v, bound), seconds: 0)
            }
        }
        var values: [Double]? = nil, done: [RolloutPlan.Stage] = [], stopped = false
        for (i, stage) in stages.enumerated() {
            lp.objective = stage.1
            let stageStart = clock.now
            // The better of the previous stage's plan and the greedy one (if it keeps the earlier optima).
            let from: [Double]
            if let previous = values {
                from = greedyFeasible && value(greedy, i) > value(previous, i) && lp.maxViolation(greedy) <= 1e-6 ? greedy : previous
            } else {
                guard greedyFeasible else { throw .noScheduleFound(.startingPlanBreaksRule) }
                from = greedy
            }
            let incumbent = value(from, i)
            let name = stage.0.rawValue
            var bound = i == 0 ? firstBound : periodBound.bound(stage.1, fixed: fixed).value
            if i > 0, !proven(incumbent, bound), let relaxed = relaxation(lp)?.objective { bound = min(bound ?? .infinity, relaxed) }
            progress(.init(step: .stage(index: i, count: stages.count, name: name), incumbent: incumbent, bound: bound))
            let result: RolloutPlan.Stage
            if let bound, proven(incumbent, bound) {
                // Proven by a bound: no schedule is better (this needs no time left).
                result = .init(name: name, status: .optimal, objective: incumbent, bestBound: max(bound, incumbent),
                               seconds: (clock.now - stageStart).seconds)
                values = from
            } else {
                if timeLeft() < 0.001 { stopped = true; break }
                let r: (stages: [RolloutPlan.Stage], values: [Double], stopped: Bool)
                do {
                    r = try Lexicographic.solve(
                        lp, stages: [(name, stage.1, nil)], session: session,
                        options: SolveOptions(relativeGap: settings.relativeGap, timeLimitSeconds: settings.timeLimitSeconds),
                        tolerance: settings.stageTolerance, deadline: deadline, start: { _, _, _ in from })
                } catch {
                    switch error {
                    case .solver(let e): throw .solver(e)
                    case .noSolution(_, .noSolutionFound):
                        // The deadline came before the solver took the start: the start stands, unproven.
                        r = ([.init(name: name, status: .feasible, objective: incumbent,
                                    bestBound: max(incumbent, bound ?? notReached(done, from)[0].bestBound),
                                    seconds: (clock.now - stageStart).seconds)], from, true)
                    case let .noSolution(stage, status):
                        throw .unexpectedStatus(stage: stage, status: status.rawValue)
                    }
                }
                guard let s = r.stages.first else { values = values ?? from; stopped = true; break }
                // GLPK's bound, or the relaxation's where that is tighter (both are proven).
                result = .init(name: s.name, status: s.status, objective: s.objective,
                               bestBound: max(s.objective, min(s.bestBound, bound ?? s.bestBound)), seconds: s.seconds)
                values = r.values
                if r.stopped || s.status != .optimal && timeLeft() < 0.001 { stopped = true }
            }
            done.append(result)
            progress(.init(step: .stage(index: i, count: stages.count, name: name), incumbent: result.objective, bound: result.bestBound))
            if stopped { break }
            Lexicographic.keep(&lp, at: result.objective, tolerance: settings.stageTolerance)
            if i + 1 < stages.count, let kept = lp.constraints.last {
                // The kept row holds the objective's terms; its constant counts on top.
                fixed = periodBound.fixed(keeping: stage.1, atLeast: kept.lower + stage.1.constant, into: fixed)
            }
        }
        if values == nil && !greedyFeasible { throw .noScheduleFound(.timeLimit(settings.timeLimitSeconds)) }
        var final = values ?? greedy
        // Stages the deadline left out: the starting plan may still be the better schedule
        // (the same in the stages done, better in the next): keep the best one found.
        if done.count < stages.count, greedyFeasible,
           StartingPlan.before(stages.indices.map { value(greedy, $0) }, stages.indices.map { value(final, $0) }) == true {
            final = greedy
        }
        if done.count < stages.count { stopped = true }
        progress(.init(step: .done, incumbent: done.last?.objective, bound: done.last?.bestBound))
        return (final, done + notReached(done, final), stopped)
    }

    func check(_ rules: ScheduleRules, _ plan: Plan) throws(ScheduleError) {
        if rules.periods.isEmpty { throw .inconsistentRules(.noPeriods) }
        if rules.imagingCapacity.count != rules.periods.count {
            throw .inconsistentRules(.capacities(rules.imagingCapacity.count, periods: rules.periods.count))
        }
        if let bad = rules.imagingCapacity.first(where: { $0 < 0 }) { throw .inconsistentRules(.negativeCapacity(bad)) }
        for (a, b) in zip(rules.periods, rules.periods.dropFirst()) where b.start <= a.end || a.end < a.start {
            throw .inconsistentRules(.periodsOverlap(later: b.label, earlier: a.label))
        }
        if let bad = rules.supply.first(where: { ($0.devices ?? 0) < 0 }) {
            throw .inconsistentRules(.negativeSupply(bad.date))
        }
        // One column per school, period and (kind + image): keep it within what the solver solves in minutes.
        let cells = plan.schools.reduce(0) { $0 + 1 + $1.devices.filter { $0 > 0 }.count } * rules.periods.count
        if cells > 2_000_000 {
            throw .inconsistentRules(.tooManyColumns(periods: rules.periods.count, schools: plan.schools.count, columns: cells, limit: 2_000_000))
        }
        for id in rules.deadlines.keys.sorted() where !plan.scenario.pools.contains(where: { $0.id == id }) {
            throw .inconsistentRules(.unknownDeadlinePool(id))
        }
    }

    /// Schedule rows from the model's values: image period and deliveries per period.
    func extract(_ values: [Double], _ model: ScheduleModel, plan: Plan) -> [RolloutPlan.SchoolRow] {
        let T = model.periodCount, K = plan.kinds.count
        var rows = plan.schools.indices.map {
            RolloutPlan.SchoolRow(index: $0, imagedIn: nil, deliveries: Array(repeating: Array(repeating: 0, count: T), count: K))
        }
        for (r, s) in model.schools.enumerated() {
            rows[s].imagedIn = (0..<T).first { t in model.z[r][t].map { values[$0] > 0.5 } ?? false }
            for k in 0..<K {
                var before = 0
                for t in 0..<T {
                    guard let col = model.c[r][k][t] else { continue }
                    let now = Int(values[col].rounded())
                    rows[s].deliveries[k][t] = now - before
                    before = now
                }
            }
        }
        return rows
    }
}

extension RolloutScheduler {
    /// The money objective: euros each pool pays per device at each school (its funding split
    /// evenly over the devices), counted at the last period that ends by the pool's deadline —
    /// for deadlines that fall within the periods.
    func moneyTerms(plan: Plan, rules: ScheduleRules, model: ScheduleModel) -> [LinearProgram.Term] {
        let end = rules.horizon!.upperBound
        let deadlinePeriod: [Int?] = plan.pools.map { use in
            guard let d = rules.deadlines[use.pool.id], (d < end), (use.spent > .zero) else { return nil }
            return rules.lastPeriod(endingBy: d)
        }
        let perDevice = plan.pools.indices.map { p in
            model.schools.map { s in
                plan.kinds.indices.map { k in
                    let a = plan.schools[s]
                    return a.devices[k] > 0 ? a.funding[k][p].eurosDouble / Double(a.devices[k]) : 0
                }
            }
        }
        return model.moneyTerms(perDevice: perDevice, deadlinePeriod: deadlinePeriod)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
