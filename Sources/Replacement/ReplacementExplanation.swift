import Allocation
import LinearProgramming

/// The value of a step of money more in each pool-year of a multi-year scenario (`allocate
/// explain` on a `years:` section, issue 19), measured: two LP relaxations of the model
/// (devices divisible) are solved once as they are and once more per pool-year with that
/// pool-year's money raised by the step, and the difference is the value:
///
/// - **smallest coverage**: the relaxation of the first stage (the largest smallest coverage);
/// - **device-years**: the relaxation of the second stage (need-weighted device-years) with
///   every school-kind-year held at the whole devices of the first stage's verified share
///   (`ReplacementModel.held(share:)`): the device-years the step buys, the smallest coverage
///   kept.
///
/// Measured, not read from duals: the model is degenerate where coverage reaches the need (a
/// school-kind-year's devices meet its need and its cap at once), and there GLPK's dual is the
/// value of a euro less, not of a euro more (a case in `Tests/ReplacementTests/
/// YearsWhatIfEngineTests.swift`: the dual says 0.02 device-years a euro, one more euro buys
/// 0.01). A re-solve is what a council can trace: "this relaxation, with this much more money
/// in this pool-year, covers that much more". A relaxation's gain is what divisible devices
/// would gain: whole devices come in steps of a device's price, so it is an average. A
/// pool-year some of whose money lapses in the relaxation has the value 0.
public struct ReplacementExplanation: Sendable, Equatable {
    public struct PoolYear: Sendable, Equatable {
        public var pool: String
        public var year: Int
        /// The pool's money of that year (granted, euros to the cent).
        public var money: Money
        /// Whether the relaxation with the held share spends or carries on all of the pool's
        /// money of the year (and what it carried in): none of it lapses.
        public var noneLapses: Bool
        /// The rise of the smallest coverage (share 0…1) with the step more, first stage's relaxation.
        public var shareGain: Double
        /// The need-weighted device-years the step more adds, the first stage's share held.
        public var deviceYearsGain: Double
    }

    /// The step in cents.
    public var step: Money
    /// The smallest coverage of the first stage's verified whole-device plan, held in the
    /// device-years relaxation.
    public var heldShare: Ratio
    /// The first stage's relaxation optimum (no plan has a larger smallest coverage).
    public var relaxedShare: Double
    /// The need-weighted device-years of the relaxation with the share held.
    public var relaxedDeviceYears: Double
    public var poolYears: [PoolYear]
    /// Relaxations solved.
    public var relaxations: Int

    public enum Failure: Error, Equatable {
        case invalid(ScenarioIssue)
        case solver(SolverError)
        /// A relaxation has no optimum (an infeasible scenario, or the time limit).
        case noOptimum(stage: String, status: TerminationStatus)
    }

    /// `options.timeLimitSeconds` bounds the whole explanation (the first stage's plan and
    /// every relaxation); a relaxation the limit stops is `noOptimum`.
    public static func explain(_ scenario: ReplacementScenario, step: Money, solver: any LinearSolver,
                               options: SolveOptions = SolveOptions(timeLimitSeconds: 30)) throws(Failure) -> ReplacementExplanation {
        let model: ReplacementModel
        do { model = try ReplacementModel(scenario) } catch { throw .invalid(error) }
        let rows = model.moneyRows()
        let first = scenario.years.lowerBound
        // The time limit bounds the whole explanation: each solve gets what is left of it.
        let clock = ContinuousClock(), started = clock.now
        func left() -> SolveOptions {
            let d = started.duration(to: clock.now)
            var o = options
            o.timeLimitSeconds = max(0.005, options.timeLimitSeconds - (Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18))
            return o
        }
        let stage1: ReplacementFirstStage.Result?
        do { stage1 = try ReplacementFirstStage.solve(model, solver: solver, options: left()) } catch { throw .solver(error) }
        let held = stage1?.smallestCoverage ?? Ratio(0, 1)
        var plain = model.program.relaxed
        plain.objective = model.stages[0].objective
        var second = model.held(share: held).relaxed
        second.objective = model.stages[1].objective
        var relaxations = 0
        // Per relaxation: its optimum as it is, then with each money row raised by the step.
        func measure(_ program: LinearProgram, stage: String) throws(Failure) -> (base: SolveResult, raised: [Double]) {
            do {
                return try solver.withSession { (session) throws(Failure) -> (base: SolveResult, raised: [Double]) in
                    func optimum(_ p: LinearProgram) throws(Failure) -> SolveResult {
                        let r: SolveResult
                        do { r = try session.solve(p, options: left()) } catch { throw .solver(error) }
                        relaxations += 1
                        guard r.status == .optimal, r.objective != nil else { throw .noOptimum(stage: stage, status: r.status) }
                        return r
                    }
                    let base = try optimum(program)
                    var raised: [Double] = []
                    for row in rows {
                        var p = program
                        p.constraints[row.row].upper += step.eurosDouble
                        raised.append(try optimum(p).objective! - base.objective!)
                    }
                    return (base, raised)
                }
            }
        }
        let (r1, gains1) = try measure(plain, stage: model.stages[0].name)
        let (r2, gains2) = try measure(second, stage: model.stages[1].name)
        let poolYears = rows.enumerated().map { i, row in
            let pool = scenario.pools.first { $0.id == row.pool }!
            let c = second.constraints[row.row]
            let activity = c.terms.reduce(0.0) { $0 + $1.coefficient * r2.values[$1.variable] }
            return PoolYear(pool: row.pool, year: first + row.yearIndex, money: pool.money[row.yearIndex],
                            noneLapses: activity >= c.upper - 0.005, shareGain: clean(gains1[i]), deviceYearsGain: clean(gains2[i]))
        }
        return ReplacementExplanation(step: step, heldShare: held, relaxedShare: r1.objective!, relaxedDeviceYears: r2.objective!,
                                      poolYears: poolYears, relaxations: relaxations)
    }

    /// A gain as a value of money: never negative (more money never hurts: it may lie unspent),
    /// round-off below 1e-9 as 0.
    static func clean(_ d: Double) -> Double { d < 1e-9 ? 0 : d }
}

extension ReplacementModel {
    /// The money rows (`money_<pool>_<year>`: what a pool pays and carries in a year, at most
    /// its money of the year plus what it carried in), by pool and year index.
    public func moneyRows() -> [(pool: String, yearIndex: Int, row: Int)] {
        var byName: [String: Int] = [:]
        for (i, c) in program.constraints.enumerated() where c.name.hasPrefix("money_") { byName[c.name] = i }
        var out: [(pool: String, yearIndex: Int, row: Int)] = []
        for (p, pool) in scenario.pools.enumerated() {
            for i in 0..<scenario.yearCount {
                if let row = byName["money_p\(p)_\(scenario.years.lowerBound + i)"] { out.append((pool.id, i, row)) }
            }
        }
        return out
    }
}
