import Allocation
import LinearProgramming

/// What can stop a schedule. The schedule model always has a plan (handing out nothing is
/// one), so there is no "infeasible": only bad rules, solver failures and internal errors.
/// The words are `Sources/Reports/ErrorWords.swift`.
public enum ScheduleError: Error, Equatable {
    /// The rules do not fit the plan (e.g. one imaging capacity per period is missing).
    case inconsistentRules(String)
    case solver(SolverError)
    /// The solver stopped before it had any plan, not even the starting one.
    case noScheduleFound(String)
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
/// previous stage's plan and a greedy plan improved by local search (`StartingPlan`). The time
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
    /// relaxation and every stage.
    public func schedule(_ plan: Plan, rules: ScheduleRules, deadline: ContinuousClock.Instant? = nil) throws(ScheduleError) -> RolloutPlan {
        let clock = ContinuousClock(), start = clock.now
        let settings = plan.scenario.solver
        let deadline = deadline ?? start.advanced(by: .milliseconds(Int64(min(max(settings.timeLimitSeconds, 0), 1e9) * 1000)))
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
                try runStages(stages, model: model, session: session, settings: settings, deadline: deadline)
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
    /// stages (`StartingPlan`), when that keeps the earlier optima.
    /// Returns the values, the stages and whether the deadline stopped them: then the stages
    /// not reached are listed with the schedule's value and a bound that needs no solve.
    private func runStages(_ stages: [(Stage, LinearProgram.Objective)], model: ScheduleModel, session: any SolverSession,
                           settings: SolverSettings, deadline: ContinuousClock.Instant)
        throws(ScheduleError) -> ([Double], [RolloutPlan.Stage], Bool) {
        let clock = ContinuousClock()
        func timeLeft() -> Double { clock.now.duration(to: deadline).seconds }
        let start = StartingPlan(model: model, objectives: stages.map(\.1))
        var lp = model.program
        lp.objective = stages[0].1
        var orders = [start.valueOrder]
        // One time budget for everything: the relaxation (at most half of what is left), the
        // starting plan's search and every stage. The relaxation's solve also leaves the
        // session's basis warm for the first stage.
        if timeLeft() >= 0.002 {
            let relaxedOptions = SolveOptions(relativeGap: settings.relativeGap, timeLimitSeconds: max(0.001, timeLeft() / 2))
            if let relaxed = try? session.solve(lp.relaxed, options: relaxedOptions), relaxed.hasSolution {
                orders.append(start.relaxationOrder(relaxed.values))
            }
        }
        let greedy = start.values(start.best(of: orders, until: deadline))
        // The greedy plan is a verified schedule by itself: what the deadline leaves at worst.
        func notReached(_ done: [RolloutPlan.Stage], _ values: [Double]) -> [RolloutPlan.Stage] {
            stages.dropFirst(done.count).map { stage in
                var p = model.program
                p.objective = stage.1
                let value = p.objectiveValue(values)
                let bound = stage.1.terms.reduce(p.objective.constant) { $0 + max(0, $1.coefficient) * p.variables[$1.variable].upper }
                return RolloutPlan.Stage(name: stage.0.rawValue, status: .feasible, objective: value,
                                         bestBound: max(value, bound), seconds: 0)
            }
        }
        if timeLeft() < 0.001, model.program.maxViolation(greedy) <= 1e-6 {
            return (greedy, notReached([], greedy), true)
        }
        let r: (stages: [RolloutPlan.Stage], values: [Double], stopped: Bool)
        do {
            // Each stage starts from the better of the previous plan and the greedy one.
            r = try Lexicographic.solve(
                model.program, stages: stages.map { ($0.0.rawValue, $0.1, nil) }, session: session,
                options: SolveOptions(relativeGap: settings.relativeGap, timeLimitSeconds: settings.timeLimitSeconds),
                tolerance: settings.stageTolerance, deadline: deadline,
                start: { _, lp, previous in
                    guard let previous else { return greedy }
                    let better = lp.objectiveValue(greedy) > lp.objectiveValue(previous) && lp.maxViolation(greedy) <= 1e-6
                    return better ? greedy : previous
                })
        } catch {
            switch error {
            case .solver(let e): throw .solver(e)
            case let .noSolution(stage, .noSolutionFound):
                if model.program.maxViolation(greedy) <= 1e-6 { return (greedy, notReached([], greedy), true) }
                throw .noScheduleFound("the stage '\(stage)' found no schedule within \(settings.timeLimitSeconds) s; raise solver.timeLimitSeconds")
            case let .noSolution(stage, status):
                throw .unexpectedStatus(stage: stage, status: status.rawValue)
            }
        }
        if r.values.isEmpty {
            guard model.program.maxViolation(greedy) <= 1e-6 else {
                throw .noScheduleFound("no stage found a schedule within \(settings.timeLimitSeconds) s; raise solver.timeLimitSeconds")
            }
            return (greedy, notReached([], greedy), true)
        }
        // A stage the deadline cut short ends "feasible" (the solver's time limit) or is not reached.
        let stopped = r.stopped || timeLeft() < 0.001 && r.stages.contains { $0.status != .optimal }
        // Stages the deadline left out: the starting plan may still be the better schedule
        // (the same in the stages done, better in the next): keep the best one found.
        if r.stages.count < stages.count, model.program.maxViolation(greedy) <= 1e-6 {
            let value = { (values: [Double]) in stages.map { stage -> Double in
                var p = model.program
                p.objective = stage.1
                return p.objectiveValue(values)
            } }
            if StartingPlan.before(value(greedy), value(r.values)) == true {
                return (greedy, r.stages + notReached(r.stages, greedy), stopped)
            }
        }
        return (r.values, r.stages + notReached(r.stages, r.values), stopped)
    }

    func check(_ rules: ScheduleRules, _ plan: Plan) throws(ScheduleError) {
        if rules.periods.isEmpty { throw .inconsistentRules("the schedule has no periods") }
        if rules.imagingCapacity.count != rules.periods.count {
            throw .inconsistentRules("\(rules.imagingCapacity.count) imaging capacities for \(rules.periods.count) periods")
        }
        if let bad = rules.imagingCapacity.first(where: { $0 < 0 }) { throw .inconsistentRules("imaging capacity \(bad) is negative") }
        for (a, b) in zip(rules.periods, rules.periods.dropFirst()) where b.start <= a.end || a.end < a.start {
            throw .inconsistentRules("period \(b.label) starts before period \(a.label) ends")
        }
        if let bad = rules.supply.first(where: { ($0.devices ?? 0) < 0 }) {
            throw .inconsistentRules("the supply figure of \(bad.date) is negative")
        }
        // One column per school, period and (kind + image): keep it within what the solver solves in minutes.
        let cells = plan.schools.reduce(0) { $0 + 1 + $1.devices.filter { $0 > 0 }.count } * rules.periods.count
        if cells > 2_000_000 {
            throw .inconsistentRules("\(rules.periods.count) periods for \(plan.schools.count) schools give \(cells) columns (at most 2,000,000); use fewer or longer periods")
        }
        for id in rules.deadlines.keys.sorted() where !plan.scenario.pools.contains(where: { $0.id == id }) {
            throw .inconsistentRules("a deadline names pool '\(id)', which the scenario does not have")
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
