import Foundation
import LinearProgramming

/// One solve of one scenario; holds the intermediate results of its stages.
struct Run {
    let scenario: Scenario
    let needs: NeedTable
    let sessions: ReusableEngine
    var stages: [Plan.Stage] = []
    /// When the whole solve must end (`solver.timeLimitSeconds` from its start).
    let deadline: ContinuousClock.Instant
    /// The deadline stopped a stage before it was proven (the plan is the best verified so far).
    var stopped = false
    /// Maximin: the device kinds each coverage stage guarantees (by stage name).
    var coverageGroups: [String: [Int]] = [:]
    /// Maximin: the proven guarantee per device kind.
    var kindCoverage: [Ratio?] = []
    /// Whoever asked may no longer want the plan (see `AllocationEngine.solve`).
    let cancellation: Cancellation?

    /// Throws `.cancelled` once the cancellation says so (asked before every solve).
    func checkCancelled() throws(AllocationError) {
        if cancellation?.isCancelled == true { throw .cancelled }
    }

    static func deadline(_ scenario: Scenario, from start: ContinuousClock.Instant = .now) -> ContinuousClock.Instant {
        scenario.solver.deadline(from: start)
    }

    /// Seconds spent on the work that also runs past the deadline: setting up, the floors'
    /// funding check, the final payment and the plan (for `FinishingBudget`).
    var finishingSeconds = 0.0

    /// Seconds left before the deadline (negative once it has passed).
    var timeLeft: Double { ContinuousClock.now.duration(to: deadline).seconds }
    var timeUp: Bool { timeLeft < 0.001 }

    /// `needs`: the need table of `input`'s schools in their order, when already known (an
    /// authority's rows of its split's whole table).
    init(scenario input: Scenario, sessions: ReusableEngine, deadline: ContinuousClock.Instant? = nil,
         cancellation: Cancellation? = nil, shared: Shared? = nil, needs known: NeedTable? = nil) throws(AllocationError) {
        // The domain rules hold for every scenario, loaded or built in code (Scenario.validate());
        // an authority's part of a split scenario was validated whole (`AuthoritySplit.make`).
        if shared == nil { do { try input.validate() } catch { throw .inconsistentScenario(error) } }
        self.deadline = deadline ?? Run.deadline(input)
        self.cancellation = cancellation
        var sorted = input
        // Same bytes out whatever the order of the data file.
        var inOrder = true
        if !zip(sorted.schools, sorted.schools.dropFirst()).allSatisfy({ $0.id < $1.id }) {
            sorted.schools.sort { $0.id < $1.id }
            inOrder = false
        }
        scenario = sorted
        if let known, inOrder, known.entries.count == sorted.schools.count { needs = known } else { needs = try NeedTable(sorted) }
        self.sessions = sessions
        if let shared {
            table = shared.table
            var funding = shared.funding
            for (p, row) in funding.budgetRow.enumerated() {
                if let row { funding.program.constraints[row].upper = sorted.pools[p].budget.eurosDouble }
            }
            fundingModel = funding
        } else {
            let shared = Shared(sorted)
            table = shared.table
            fundingModel = shared.funding
        }
    }

    /// What every authority of a split scenario shares (the same device kinds and pools, only
    /// the budgets differ): the pools' rules per kind and the funding model, whose budget rows
    /// each authority sets to its own shares.
    struct Shared: Sendable {
        let table: KindPoolTable
        let funding: AllocationModel
        init(_ scenario: Scenario) {
            table = KindPoolTable(scenario)
            var funding = AllocationModel(scenario: scenario, fixedTotals: scenario.deviceKinds.map { _ in 0 }, table: table)
            funding.program.objective = .init(.minimize, funding.ownMoneyTerms(scenario))
            self.funding = funding
        }
    }

    /// Eligibility and grant cents per kind and pool, worked out once.
    let table: KindPoolTable
    /// The funding model, built once; each check only fixes the device totals.
    let fundingModel: AllocationModel
    /// The last funding found for the scenario's own pools (see `fund` in Run+Funding.swift).
    let lastFunding = LastFunding()
    let tieBreak = TieBreak()

    final class LastFunding {
        var totals: [Int]?
        var funding: Funding?
    }

    /// Options of an integer stage: the time left before the deadline.
    /// (No solver log: nothing reads it, and formatting it cost a tenth of a state-wide run.)
    var options: SolveOptions {
        SolveOptions(relativeGap: scenario.solver.relativeGap,
                     timeLimitSeconds: max(0.001, min(scenario.solver.timeLimitSeconds, timeLeft)),
                     cancellation: cancellation, solverLog: false, integralRelaxationIsOptimal: true)
    }

    /// Options of a funding check (a small program solved in milliseconds): never cut to
    /// nothing, so that the plan found by the deadline can still be paid and verified.
    var fundingOptions: SolveOptions {
        SolveOptions(relativeGap: scenario.solver.relativeGap,
                     timeLimitSeconds: max(1, min(scenario.solver.timeLimitSeconds, timeLeft)),
                     cancellation: cancellation, solverLog: false, integralRelaxationIsOptimal: true)
    }

    var floors: [[Int]] { needs.entries.map { $0.map(\.floor) } }

    // MARK: the pipeline

    mutating func solve() throws(AllocationError) -> Plan {
        let floors = self.floors
        let clock = ContinuousClock(), t0 = clock.now
        try checkFloorsFundable(floors)
        finishingSeconds += (clock.now - t0).seconds
        switch scenario.objective {
        case .proportional:
            let first = try largestFundableShare(base: floors, roundUp: false, kinds: Array(scenario.deviceKinds.indices))
            var current = first.devices
            // Then each kind on its own, as far as its money reaches.
            for k in scenario.deviceKinds.indices {
                current = try largestFundableShare(base: current, roundUp: false, kinds: [k], from: first.share).devices
            }
            guard let funding = try fund(totals(current)) else {
                throw .internalError("the proportional plan is not fundable after all")
            }
            stages.append(.init(name: "common share of need", status: stopped ? .feasible : .optimal,
                                objective: first.share.double, bestBound: first.bound.double, seconds: 0))
            return try makePlan(devices: current, grantTotals: funding.grantTotals, poolEuros: funding.poolEuros,
                                coverage: first.share, model: nil)
        case .maximin, .weighted, .minCost:
            let (lower, coverage) = try lowerBounds()
            let devices: [[Int]]
            var model: AllocationModel?
            if timeUp {
                // Past the deadline already: the proven lower bounds are the plan (verified
                // fundable), without building the full model for a stage that cannot run.
                stopped = true
                devices = lower
                let stage = stageOrder()[0]
                let bound = trivialBound(stage)
                stages.append(.init(name: stage.rawValue, status: .feasible, objective: bound, bestBound: bound, seconds: 0))
            } else {
                let (_, program, full) = fullModel(lower: lower)
                model = full
                devices = try runStages(program: program, model: full)
            }
            // The money for these devices, at the least own money: own money is spent last
            // whatever slack the stages allowed.
            let t1 = clock.now
            guard let funding = try fund(totals(devices)) else {
                throw .internalError("the final device counts are not fundable")
            }
            let plan = try makePlan(devices: devices, grantTotals: funding.grantTotals, poolEuros: funding.poolEuros,
                                    coverage: coverage, model: model)
            finishingSeconds += (clock.now - t1).seconds
            return plan
        }
    }

    enum Stage: String {
        case coverage = "smallest coverage ratio"
        case weighted = "need-weighted devices"
        case ownMoney = "own money spent"
        case tieBreak = "tie-break"
    }

    /// The ordered stages after the first (which is returned with its model).
    func stageOrder() -> [Stage] {
        let ownMoneyPossible = scenario.pools.contains { $0.isOwnMoney && $0.budget > .zero }
        switch scenario.objective {
        case .maximin, .weighted: return [.weighted] + (ownMoneyPossible ? [.ownMoney] : []) + [.tieBreak]
        case .minCost: return (ownMoneyPossible ? [.ownMoney] : []) + [.weighted, .tieBreak]
        case .proportional: return []
        }
    }

    mutating func firstIntegerStage() throws(AllocationError) -> (stage: String, program: LinearProgram) {
        try checkFloorsFundable(floors)
        if scenario.objective == .proportional {
            let devices = try largestFundableShare(base: floors, roundUp: false, kinds: Array(scenario.deviceKinds.indices)).devices
            var model = AllocationModel(scenario: scenario, fixedTotals: totals(devices), table: table)
            model.program.objective = .init(.minimize, model.ownMoneyTerms(scenario))
            return ("funding of the proportional plan", model.program)
        }
        let (stage, program, _, _) = try firstIntegerStageSetup()
        return (stage.rawValue, program)
    }

    /// The full model with the first integer stage's objective (maximin: after proving its
    /// coverage ratio and raising every school's lower bound to it).
    private mutating func firstIntegerStageSetup() throws(AllocationError)
        -> (Stage, LinearProgram, AllocationModel, Ratio?) {
        let (lower, coverage) = try lowerBounds()
        let (first, program, model) = fullModel(lower: lower)
        return (first, program, model, coverage)
    }

    /// The full model at these lower bounds, with the first integer stage's objective.
    private func fullModel(lower: [[Int]]) -> (Stage, LinearProgram, AllocationModel) {
        var model = AllocationModel(scenario: scenario, needs: needs, lower: lower, table: table)
        let first = stageOrder()[0]
        model.program.objective = objective(first, model)
        return (first, model.program, model)
    }

    /// The weighted-devices model at the plan's lower bounds (for maximin: the proven coverage),
    /// or at the scenario's floors only: what `explain` analyses.
    mutating func weightedModel(atFloorsOnly: Bool = false) throws(AllocationError) -> AllocationModel {
        let lower = atFloorsOnly ? floors : try lowerBounds().0
        var model = AllocationModel(scenario: scenario, needs: needs, lower: lower, table: table)
        model.program.objective = objective(.weighted, model)
        return model
    }

    /// Every school's lower bounds: its floors, for maximin raised to the proven coverage,
    /// one device kind after another in the scenario's order (or all kinds at once for a
    /// joint guarantee), each later kind's guarantee maximised while keeping the earlier ones.
    private mutating func lowerBounds() throws(AllocationError) -> ([[Int]], Ratio?) {
        var lower = floors
        var coverage: Ratio?
        if scenario.objective == .maximin {
            let kinds = scenario.deviceKinds
            kindCoverage = kinds.map { _ in nil }
            let groups = scenario.maximin.groups(kinds)
            for group in groups {
                let withNeed = group.filter { k in needs.entries.contains { $0[k].need > 0 } }
                if withNeed.isEmpty { continue }
                let clock = ContinuousClock(), t0 = clock.now
                let r = try largestFundableShare(base: lower, roundUp: true, kinds: withNeed)
                lower = r.devices
                for k in withNeed { kindCoverage[k] = r.share }
                coverage = min(coverage ?? r.share, r.share)
                let name = groups.count == 1 ? Stage.coverage.rawValue : "\(Stage.coverage.rawValue) (\(kinds[group[0]].id))"
                coverageGroups[name] = withNeed
                stages.append(.init(name: name, status: r.stopped ? .feasible : .optimal, objective: r.share.double,
                                    bestBound: r.bound.double, seconds: (clock.now - t0).seconds))
            }
            if coverage == nil { coverage = .zero }
        }
        return (lower, coverage)
    }

    /// The values of an objective are multiples of this (for an exact keep in later stages).
    private func resolution(_ stage: Stage) -> Double? {
        switch stage {
        case .weighted:
            var digits = 0
            for row in needs.entries { for e in row where e.need > 0 { digits = max(digits, -min(0, e.weight.exponent)) } }
            return digits <= 6 ? pow(10, -Double(digits)) : nil
        case .ownMoney: return 0.01
        case .tieBreak, .coverage: return 1
        }
    }

    private func objective(_ stage: Stage, _ model: AllocationModel) -> LinearProgram.Objective {
        switch stage {
        case .weighted: return .init(.maximize, model.weightedDevicesTerms(needs))
        case .ownMoney: return .init(.minimize, model.ownMoneyTerms(scenario))
        case .tieBreak:
            // Ranked once per model (the stage and the plan's recomputed value both ask).
            if let (columns, terms) = tieBreak.terms, columns == model.program.variables.count { return .init(.maximize, terms) }
            let terms = model.tieBreakTerms(scenario, needs)
            tieBreak.terms = (model.program.variables.count, terms)
            return .init(.maximize, terms)
        case .coverage: return .init(.maximize, [])
        }
    }

    /// The tie-break's terms of the full model, once ranked.
    final class TieBreak { var terms: (columns: Int, terms: [LinearProgram.Term])? }

    /// Runs the stages in order on one model; each later stage keeps the earlier optimum.
    /// Returns the devices of the last stage solved; when the deadline leaves no time for the
    /// first, the rounded LP start or else the proven lower bounds (both verified fundable).
    private mutating func runStages(program: LinearProgram, model: AllocationModel) throws(AllocationError) -> [[Int]] {
        let lower = model.x.map { row in row.map { c in c.map { Int(program.variables[$0].lower.rounded()) } ?? 0 } }
        let (first, relaxedBound) = timeUp ? (nil, nil) : roundedIncumbent(program, model)
        let order = stageOrder()
        var values: [Double] = []
        try checkCancelled()
        if timeUp { stopped = true } else { do {
            let r = try Lexicographic.solve(
                program, stages: order.map { ($0.rawValue, objective($0, model), resolution($0)) }, session: sessions.model,
                options: options, tolerance: scenario.solver.stageTolerance, deadline: deadline,
                start: { i, _, previous in i == 0 ? first : previous })
            stages += r.stages
            values = r.values
            if r.stopped { stopped = true }
        } catch {
            switch error {
            case .solver(let e): throw .solver(e)
            case .noSolution(_, .noSolutionFound):
                stopped = true  // no plan by the deadline: fall back below
            case let .noSolution(stage, status):
                throw .unexpectedStatus(stage: stage, status: status.rawValue, why: "the floors are fundable")
            }
        } }
        if values.isEmpty {
            // Not even the first stage found a plan in time: the best verified plan so far.
            let devices: [[Int]]
            if let first {
                devices = model.x.map { row in row.map { c in c.map { Int(first[$0].rounded()) } ?? 0 } }
            } else {
                devices = lower
            }
            let stage = order[0]
            let bound = relaxedBound ?? trivialBound(stage, model)
            stages.append(.init(name: stage.rawValue, status: .feasible, objective: bound, bestBound: bound, seconds: 0))
            return devices
        }
        return model.x.map { row in row.map { c in c.map { Int(values[$0].rounded()) } ?? 0 } }
    }

    /// A bound on a stage's objective that needs no solve: every need met (maximising), or
    /// nothing spent (minimising).
    /// The same as `trivialBound(_:_:)` for the first stage, without building the model.
    private func trivialBound(_ stage: Stage) -> Double {
        switch stage {
        case .weighted:
            var sum = 0.0
            let weights = needs.weightClasses.map { max(0, $0.doubleValue) }
            for row in needs.entries { for e in row where e.need > 0 { sum = sum + weights[e.weightClass] * Double(e.need) } }
            return sum
        case .ownMoney, .coverage, .tieBreak: return 0
        }
    }

    private func trivialBound(_ stage: Stage, _ model: AllocationModel) -> Double {
        let objective = objective(stage, model)
        guard objective.direction == .maximize else { return 0 }
        return objective.terms.reduce(0) { $0 + max(0, $1.coefficient) * model.program.variables[$1.variable].upper }
    }

    /// A start for the first integer stage: the LP optimum with devices rounded down and the
    /// money re-solved for those devices (docs/ARCHITECTURE.md, GLPK rule 4); also the LP optimum (a bound).
    private func roundedIncumbent(_ program: LinearProgram, _ model: AllocationModel) -> ([Double]?, Double?) {
        guard let lp = try? sessions.model.solve(program.relaxed, options: options), lp.hasSolution else { return (nil, nil) }
        let bound = lp.status == .optimal ? lp.objective : nil
        // A whole optimum is its own start, needing no rounding and no funding check (and the
        // stage answers with it directly, without a search).
        if lp.status == .optimal, program.isWholeWhereInteger(lp.values) {
            return (program.maxViolation(lp.values) <= 1e-6 ? lp.values : nil, bound)
        }
        let devices = model.x.map { row in row.map { c in c.map { Int((lp.values[$0] + 1e-9).rounded(.down)) } ?? 0 } }
        let t = totals(devices)
        // The start's money: the relaxation's grant devices rounded down and cut to the totals,
        // the rest paid exactly in cents (`exactFunding`), without a funding solve (issue 18: one
        // per authority); where that does not pay, a funding solve. Only a start: the search
        // keeps it only if nothing better is found, and the plan's money is solved at the end.
        let grants = Self.cut(model.grantDevices.map { $0.map { c in c.map { max(0, Int((lp.values[$0] + 1e-9).rounded(.down))) } ?? 0 } },
                              to: t)
        let funding: Funding
        if let exact = Run.exactFunding(scenario, table: table, totals: t, grantTotals: grants) {
            funding = Funding(grantTotals: grants, poolEuros: exact.map { $0.map { Double($0) / 100 } }, ownMoney: 0)
        } else {
            guard let solved = try? fund(t) else { return (nil, bound) }
            funding = solved
        }
        var values = [Double](repeating: 0, count: program.variables.count)
        for (s, row) in model.x.enumerated() { for (k, c) in row.enumerated() { if let c { values[c] = Double(devices[s][k]) } } }
        for k in t.indices {
            values[model.total[k]] = Double(t[k])
            for p in scenario.pools.indices {
                if let c = model.grantDevices[k][p] { values[c] = Double(funding.grantTotals[k][p]) }
                if let c = model.poolEuros[k][p] { values[c] = funding.poolEuros[k][p] }
            }
        }
        return (program.maxViolation(values) <= 1e-6 ? values : nil, bound)
    }

    // MARK: the plan

    private func makePlan(devices: [[Int]], grantTotals: [[Int]], poolEuros: [[Double]], coverage: Ratio?,
                          model: AllocationModel?) throws(AllocationError) -> Plan {
        let split: (schools: [[[Money]]], grants: [[[Int]]])
        do {
            split = try FundingAttribution.attribute(scenario: scenario, table: table, devices: devices, grantTotals: grantTotals,
                                                     poolEuros: poolEuros)
        } catch { throw .internalError("funding attribution: \(error.message)") }
        let schools = scenario.schools.enumerated().map { s, school in
            Plan.SchoolAllocation(school: school, need: needs.entries[s].map(\.need), devices: devices[s],
                                  funding: split.schools[s], grantDevices: split.grants[s])
        }
        let pools = scenario.pools.enumerated().map { p, pool in
            Plan.PoolUse(pool: pool, spent: schools.sum { $0.funding(pool: p) })
        }
        // Every stage's value as recomputed from this plan (later stages may have given up a
        // hair of an earlier optimum); the bound stays the solver's proven one.
        var stages = self.stages
        // Maximin: the guarantee is the plan's own smallest ratio per group (the proven one,
        // unless the deadline stopped the search below what the plan reaches anyway).
        var kindCoverage = self.kindCoverage
        var coverage = coverageGroups.isEmpty ? coverage : nil
        let ownMoney = pools.filter { $0.pool.isOwnMoney }.sum { $0.spent }
        for i in stages.indices {
            let name = stages[i].name
            var value: Double?
            var maximize = true
            if let group = coverageGroups[name] {
                // The least devices/need, compared by cross-multiplication (one Ratio at the end).
                var smallest: (n: Int, d: Int)?
                for s in needs.entries.indices {
                    let row = needs.entries[s], have = devices[s]
                    for k in group where row[k].need > 0 {
                        if let l = smallest, have[k] * l.d >= l.n * row[k].need { continue }
                        smallest = (have[k], row[k].need)
                    }
                }
                let least = smallest.map { Ratio($0.n, $0.d) }
                value = least?.double
                if let least {
                    for k in group { kindCoverage[k] = least }
                    coverage = min(coverage ?? least, least)
                }
            } else if name == Stage.weighted.rawValue {
                value = needs.weightedSum(devices).doubleValue
            } else if name == Stage.ownMoney.rawValue {
                value = ownMoney.eurosDouble
                maximize = false
            } else if name == Stage.tieBreak.rawValue, let model {
                // The devices by column (0 for the model's other columns, which the terms never name).
                var count = [Double](repeating: 0, count: model.program.variables.count)
                for (s, row) in model.x.enumerated() { for (k, c) in row.enumerated() { if let c { count[c] = Double(devices[s][k]) } } }
                value = objective(.tieBreak, model).terms.reduce(0.0) { $0 + $1.coefficient * count[$1.variable] }
            }
            if let value {
                stages[i].objective = value
                stages[i].bestBound = maximize ? max(stages[i].bestBound, value) : min(stages[i].bestBound, value)
            }
        }
        let primary = stages.firstIndex { $0.name == Stage.weighted.rawValue } ?? 0
        let main = stages[primary]
        let minWeight = needs.leastPositiveWeight ?? 1
        let gap = max(0, main.bestBound - main.objective)
        let devicesAway = (gap / minWeight.doubleValue - 1e-6).rounded(.up)
        let gapDevices = main.name == Stage.weighted.rawValue ? Int(min(max(0, devicesAway), 1e12)) : 0
        let report = Plan.SolverReport(
            status: stopped || stages.contains { $0.status != .optimal } ? .feasible : .optimal,
            objectiveName: main.name, objective: main.objective, bestBound: main.bestBound, gapDevices: max(0, gapDevices),
            seconds: 0, solverVersion: sessions.version, relativeGap: scenario.solver.relativeGap,
            timeLimitSeconds: scenario.solver.timeLimitSeconds, stages: stages, stoppedAtTimeLimit: stopped)
        var plan = Plan(scenario: scenario, schools: schools, pools: pools, guaranteedCoverage: coverage, solver: report)
        plan.kindCoverage = kindCoverage
        return plan
    }
}
