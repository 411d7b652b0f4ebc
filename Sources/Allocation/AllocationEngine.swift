import Foundation
import LinearProgramming

/// Solves a scenario: the objective stages in priority order, each later stage keeping the
/// earlier optimum; then attributes the money to schools and verifies the plan.
public struct AllocationEngine: Sendable {
    public let solver: any LinearSolver

    public init(solver: any LinearSolver) { self.solver = solver }

    public func solve(_ scenario: Scenario) throws(AllocationError) -> Plan {
        try solve(scenario, workers: 1)
    }

    /// Solves; a scenario whose pools are split among school authorities is solved as one
    /// independent problem per authority, on up to `workers` threads (the answer is the same).
    public func solve(_ scenario: Scenario, workers: Int) throws(AllocationError) -> Plan {
        guard let parts = try AuthoritySplit.make(scenario) else {
            return try withReusableSolver { (engine) throws(AllocationError) in try engine.solve(scenario) }
        }
        // Each authority on fresh solver sessions: no warm start carries over from whichever
        // authority a thread happened to solve before, so threads cannot change the answer.
        let results = ParallelResults<Plan, AllocationError>(count: parts.scenarios.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, parts.scenarios.count))) { _ in
            while let i = results.claim() {
                do throws(AllocationError) {
                    results.set(i, try withReusableSolver { (engine) throws(AllocationError) in try engine.solveOne(parts.scenarios[i]) })
                } catch { results.fail(error) }
            }
        }
        if let error = results.error { throw error }
        return try parts.merge(results.values.map { $0! }, solverVersion: solver.version)
    }

    /// Runs `body` with an engine that keeps its models loaded in the solver between solves,
    /// so that a series of similar scenarios (a sweep) starts each solve warm. The engine
    /// belongs to the calling thread and must not leave `body`.
    public func withReusableSolver<R>(_ body: (ReusableEngine) throws(AllocationError) -> R) throws(AllocationError) -> R {
        try solver.withSession { (funding) throws(AllocationError) in
            try solver.withSession { (model) throws(AllocationError) in
                try body(ReusableEngine(funding: funding, model: model, version: solver.version))
            }
        }
    }

    /// The model of the first integer stage, exactly as it is handed to the solver
    /// (maximin: with the lower bounds its first stage proved).
    /// For pools split among authorities: one block per authority (names prefixed with the
    /// authority), side by side in one program.
    public func exportableModel(_ scenario: Scenario) throws(AllocationError) -> (stage: String, program: LinearProgram) {
        try withReusableSolver { (engine) throws(AllocationError) in
            guard let parts = try AuthoritySplit.make(scenario) else {
                var run = try Run(scenario: scenario, sessions: engine)
                return try run.firstIntegerStage()
            }
            var combined = LinearProgram(name: "allocate")
            var stage = ""
            for part in parts.scenarios {
                var run = try Run(scenario: part, sessions: engine)
                let (name, program) = try run.firstIntegerStage()
                stage = name
                combined.append(program, prefix: "a\(modelName(part.schools.first?.authority ?? ""))_")
            }
            return (stage, combined)
        }
    }
}

/// An engine bound to two solver sessions (one for funding checks, one for the full model).
public final class ReusableEngine {
    let funding: any SolverSession
    let model: any SolverSession
    let version: String

    init(funding: any SolverSession, model: any SolverSession, version: String) {
        self.funding = funding; self.model = model; self.version = version
    }

    public func solve(_ scenario: Scenario) throws(AllocationError) -> Plan {
        guard let parts = try AuthoritySplit.make(scenario) else { return try solveOne(scenario) }
        var plans: [Plan] = []
        for part in parts.scenarios { plans.append(try solveOne(part)) }
        return try parts.merge(plans, solverVersion: version)
    }

    /// One problem: a scenario whose pools are shared by all its schools.
    func solveOne(_ scenario: Scenario) throws(AllocationError) -> Plan {
        let clock = ContinuousClock()
        let start = clock.now
        var run = try Run(scenario: scenario, sessions: self)
        var plan = try run.solve()
        plan.solver.seconds = (clock.now - start).seconds
        let problems = PlanVerifier.verify(plan)
        if !problems.isEmpty { throw .verificationFailed(problems) }
        return plan
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

/// One solve of one scenario; holds the intermediate results of its stages.
struct Run {
    let scenario: Scenario
    let needs: NeedTable
    let sessions: ReusableEngine
    var stages: [Plan.Stage] = []

    init(scenario input: Scenario, sessions: ReusableEngine) throws(AllocationError) {
        var sorted = input
        // Same bytes out whatever the order of the data file.
        sorted.schools.sort { $0.id < $1.id }
        scenario = sorted
        needs = try NeedTable(sorted)
        self.sessions = sessions
        var funding = AllocationModel(scenario: sorted, fixedTotals: sorted.deviceKinds.map { _ in 0 })
        funding.program.objective = .init(.minimize, funding.ownMoneyTerms(sorted))
        fundingModel = funding
    }

    /// The funding model, built once; each check only fixes the device totals.
    let fundingModel: AllocationModel

    var options: SolveOptions {
        SolveOptions(relativeGap: scenario.solver.relativeGap, timeLimitSeconds: scenario.solver.timeLimitSeconds)
    }

    var floors: [[Int]] { needs.entries.map { $0.map(\.floor) } }

    // MARK: the pipeline

    mutating func solve() throws(AllocationError) -> Plan {
        let floors = self.floors
        try checkFloorsFundable(floors)
        switch scenario.objective {
        case .proportional:
            let (share, devices) = try largestFundableShare(base: floors, roundUp: false, kinds: Array(scenario.deviceKinds.indices))
            var current = devices
            // Then each kind on its own, as far as its money reaches.
            for k in scenario.deviceKinds.indices {
                current = try largestFundableShare(base: current, roundUp: false, kinds: [k], from: share).devices
            }
            guard let funding = try fund(totals(current)) else {
                throw .verificationFailed(["the proportional plan is not fundable after all"])
            }
            stages.append(.init(name: "common share of need", status: .optimal, objective: share.double,
                                bestBound: share.double, seconds: 0))
            return try makePlan(devices: current, grantTotals: funding.grantTotals, poolEuros: funding.poolEuros,
                                coverage: share, primary: stages.count - 1, gapDevices: 0)
        case .maximin, .weighted, .minCost:
            let (_, program, model, coverage) = try firstIntegerStageSetup()
            let values = try runStages(program: program, model: model)
            let primary = stages.firstIndex { $0.name == Stage.weighted.rawValue } ?? 0
            let devices = model.x.map { row in row.map { c in c.map { Int(values[$0].rounded()) } ?? 0 } }
            // The money for these devices, at the least own money: own money is spent last
            // whatever slack the stages allowed.
            guard let funding = try fund(totals(devices)) else {
                throw .verificationFailed(["the final device counts are not fundable"])
            }
            let grantTotals = funding.grantTotals, poolEuros = funding.poolEuros
            let w = stages[primary]
            let minWeight = needs.entries.flatMap { $0 }.filter { $0.need > 0 && $0.weight > 0 }.map(\.weight).min() ?? 1
            let gap = max(0, w.bestBound - w.objective)
            let devicesAway = (gap / minWeight.doubleValue - 1e-6).rounded(.up)
            let gapDevices = w.name == Stage.weighted.rawValue ? Int(min(max(0, devicesAway), 1e12)) : 0
            return try makePlan(devices: devices, grantTotals: grantTotals, poolEuros: poolEuros,
                                coverage: coverage, primary: primary, gapDevices: max(0, gapDevices))
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
            let (_, devices) = try largestFundableShare(base: floors, roundUp: false, kinds: Array(scenario.deviceKinds.indices))
            var model = AllocationModel(scenario: scenario, fixedTotals: totals(devices))
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
        var model = AllocationModel(scenario: scenario, needs: needs, lower: lower)
        let first = stageOrder()[0]
        model.program.objective = objective(first, model)
        return (first, model.program, model, coverage)
    }

    /// The weighted-devices model at the plan's lower bounds (for maximin: the proven coverage),
    /// or at the scenario's floors only: what `explain` analyses.
    mutating func weightedModel(atFloorsOnly: Bool = false) throws(AllocationError) -> AllocationModel {
        let lower = atFloorsOnly ? floors : try lowerBounds().0
        var model = AllocationModel(scenario: scenario, needs: needs, lower: lower)
        model.program.objective = objective(.weighted, model)
        return model
    }

    /// Every school's lower bounds: its floors, for maximin raised to the proven coverage.
    private mutating func lowerBounds() throws(AllocationError) -> ([[Int]], Ratio?) {
        var lower = floors
        var coverage: Ratio?
        if scenario.objective == .maximin {
            let clock = ContinuousClock(), t0 = clock.now
            let (t, devices) = try largestFundableShare(base: lower, roundUp: true, kinds: Array(scenario.deviceKinds.indices))
            lower = devices
            coverage = t
            stages.append(.init(name: Stage.coverage.rawValue, status: .optimal, objective: t.double, bestBound: t.double,
                                seconds: (clock.now - t0).seconds))
        }
        return (lower, coverage)
    }

    private func objective(_ stage: Stage, _ model: AllocationModel) -> LinearProgram.Objective {
        switch stage {
        case .weighted: return .init(.maximize, model.weightedDevicesTerms(needs))
        case .ownMoney: return .init(.minimize, model.ownMoneyTerms(scenario))
        case .tieBreak: return .init(.maximize, model.tieBreakTerms(scenario, needs))
        case .coverage: return .init(.maximize, [])
        }
    }

    /// Runs the stages in order on one model; each later stage keeps the earlier optimum.
    private mutating func runStages(program: LinearProgram, model: AllocationModel) throws(AllocationError) -> [Double] {
        let first = roundedIncumbent(program, model)
        let order = stageOrder()
        do {
            let (done, values) = try Lexicographic.solve(
                program, stages: order.map { ($0.rawValue, objective($0, model)) }, session: sessions.model,
                options: options, tolerance: scenario.solver.stageTolerance, start: { i, _, previous in i == 0 ? first : previous })
            stages += done
            return values
        } catch {
            switch error {
            case .solver(let e): throw .solver(e)
            case let .noSolution(stage, .noSolutionFound):
                throw .noPlanFound("the stage '\(stage)' found no plan within \(scenario.solver.timeLimitSeconds) s; raise solver.timeLimitSeconds")
            case let .noSolution(stage, status):
                throw .verificationFailed(["stage '\(stage)' ended \(status.rawValue) although the floors are fundable"])
            }
        }
    }

    /// A start for the first integer stage: the LP optimum with devices rounded down and the
    /// money re-solved for those devices (DESIGN.md §4).
    private func roundedIncumbent(_ program: LinearProgram, _ model: AllocationModel) -> [Double]? {
        guard let lp = try? sessions.model.solve(program.relaxed, options: options), lp.hasSolution else { return nil }
        let devices = model.x.map { row in row.map { c in c.map { Int((lp.values[$0] + 1e-9).rounded(.down)) } ?? 0 } }
        let t = totals(devices)
        guard let funding = try? fund(t) else { return nil }
        var values = [Double](repeating: 0, count: program.variables.count)
        for (s, row) in model.x.enumerated() { for (k, c) in row.enumerated() { if let c { values[c] = Double(devices[s][k]) } } }
        for k in t.indices {
            values[model.total[k]] = Double(t[k])
            for p in scenario.pools.indices {
                if let c = model.grantDevices[k][p] { values[c] = Double(funding.grantTotals[k][p]) }
                if let c = model.poolEuros[k][p] { values[c] = funding.poolEuros[k][p] }
            }
        }
        return program.maxViolation(values) <= 1e-6 ? values : nil
    }

    // MARK: funding of fixed device totals

    struct Funding { var grantTotals: [[Int]]; var poolEuros: [[Double]]; var ownMoney: Double }

    func totals(_ devices: [[Int]]) -> [Int] {
        scenario.deviceKinds.indices.map { k in devices.reduce(0) { $0 + $1[k] } }
    }

    /// The cheapest way (in own money) to pay for these device totals; nil if none exists.
    func fund(_ totals: [Int], in s: Scenario? = nil) throws(AllocationError) -> Funding? {
        var model: AllocationModel
        if let s {
            model = AllocationModel(scenario: s, fixedTotals: totals)
            model.program.objective = .init(.minimize, model.ownMoneyTerms(s))
        } else {
            model = fundingModel
            for (k, column) in model.total.enumerated() {
                model.program.variables[column].lower = Double(totals[k])
                model.program.variables[column].upper = Double(totals[k])
            }
        }
        let r: SolveResult
        do { r = try sessions.funding.solve(model.program, options: options) } catch { throw .solver(error) }
        guard r.hasSolution else {
            if r.status == .noSolutionFound { throw .noPlanFound("funding check ran out of time") }
            return nil
        }
        return Funding(grantTotals: model.grantDevices.map { $0.map { c in c.map { Int(r.values[$0].rounded()) } ?? 0 } },
                       poolEuros: model.poolEuros.map { $0.map { c in c.map { r.values[$0] } ?? 0 } },
                       ownMoney: r.objective ?? 0)
    }

    /// Every school's floor must be payable; otherwise say which rule fails and by how much.
    func checkFloorsFundable(_ floors: [[Int]]) throws(AllocationError) {
        let t = totals(floors)
        if try fund(t) != nil { return }
        // Elastic diagnosis: let one rule at a time give way, at the least change, and report
        // each change that alone makes the scenario hold, in the user's units.
        let floorsText = scenario.deviceKinds.enumerated().map { k, kind in
            "\(kind.id) \(percent(kind.coverageFloor)) (\(t[k]) devices)"
        }.joined(separator: ", ")
        var fixes: [String] = []
        for (p, pool) in scenario.pools.enumerated() {
            guard let needed = try leastSpending(of: p, totals: t) else { continue }
            let extra = Money(cents: max(0, needed.cents - pool.budget.cents))
            fixes.append("raise \(pool.name) (pools.\(pool.id).budget) by \(extra.formatted) to \((pool.budget + extra).formatted)")
        }
        for (k, kind) in scenario.deviceKinds.enumerated() where kind.coverageFloor > 0 {
            if let lower = try largestFundableFloor(kind: k) {
                fixes.append("lower deviceKinds.\(kind.id).coverageFloor from \(percent(kind.coverageFloor)) to \(percent(lower))")
            }
        }
        // And all money at once: what a pool that may pay anything would have to add.
        var probe = scenario
        for i in probe.pools.indices { probe.pools[i].isOwnMoney = false }
        probe.pools.append(Pool(id: "missing", name: "missing money", budget: Money(cents: Int(1) << 50),
                                kinds: probe.deviceKinds.map(\.id), rule: .any, isOwnMoney: true))
        guard let f = try fund(t, in: probe) else {
            throw .infeasible(rule: "coverage floors", explanation: "The floors \(floorsText) cannot be paid by any pool.")
        }
        let short = Money(cents: Int((f.ownMoney * 100).rounded(.up)))
        var text = "The floors \(floorsText) cost \(short.formatted) more than the pools can pay."
        text += fixes.isEmpty
            ? " No single pool or floor can make up for it alone; add at least \(short.formatted) to a pool that may pay these devices (rule: any), or lower the floors."
            : " Any one of these makes it hold: " + fixes.joined(separator: "; ") + "."
        throw .infeasible(rule: "coverage floors", explanation: text)
    }

    /// The least pool `p` must spend so that these device totals can be paid, with every other
    /// pool at its budget and `p` unlimited; nil if `p` alone cannot make up the difference.
    func leastSpending(of p: Int, totals t: [Int]) throws(AllocationError) -> Money? {
        var probe = scenario
        probe.pools[p].budget = Money(cents: Int(1) << 50)
        var model = AllocationModel(scenario: probe, fixedTotals: t)
        model.program.objective = .init(.minimize, model.spendingTerms(of: p, probe))
        let r: SolveResult
        do { r = try sessions.funding.solve(model.program, options: options) } catch { throw .solver(error) }
        guard r.hasSolution, let spent = r.objective else { return nil }
        return Money(cents: Int((spent * 100 - 1e-6).rounded(.up)))
    }

    /// The largest coverage floor of kind `k`, in steps of 0.1 %, that the money can pay with
    /// every other floor as it is; nil if not even 0 works.
    func largestFundableFloor(kind k: Int) throws(AllocationError) -> Decimal? {
        func floorsAt(_ perMille: Int) -> [[Int]] {
            var out = floors
            for (s, row) in needs.entries.enumerated() { out[s][k] = min(row[k].need, (perMille * row[k].need + 999) / 1000) }
            return out
        }
        guard try fund(totals(floorsAt(0))) != nil else { return nil }
        var lo = 0, hi = (scenario.deviceKinds[k].coverageFloor * 1000).floored().intValue
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if try fund(totals(floorsAt(mid))) != nil { lo = mid } else { hi = mid }
        }
        return Decimal(lo) / 1000
    }

    // MARK: the largest share of need the money reaches

    /// The largest share t such that giving each school max(base, round(t × need)) devices is
    /// fundable; exact, because fundability only shrinks as t grows and a school's count only
    /// changes at ratios j/need. First a bisection on a fine grid brackets t, then a bisection
    /// over the few ratios j/need inside the bracket finds it.
    func largestFundableShare(base: [[Int]], roundUp: Bool, kinds: [Int], from: Ratio = .zero) throws(AllocationError)
        -> (share: Ratio, devices: [[Int]]) {
        var needs = Set<Int>()
        for row in self.needs.entries { for k in kinds where row[k].need > 0 { needs.insert(row[k].need) } }
        guard !needs.isEmpty else { return (from, base) }
        func devices(_ t: Ratio) -> [[Int]] {
            var out = base
            for (s, row) in self.needs.entries.enumerated() {
                for k in kinds where row[k].need > 0 {
                    out[s][k] = min(row[k].need, max(base[s][k], t.times(row[k].need, roundUp: roundUp)))
                }
            }
            return out
        }
        func fundable(_ t: Ratio) throws(AllocationError) -> Bool { try fund(totals(devices(t))) != nil }
        let one = Ratio(1, 1)
        if try fundable(one) { return (one, devices(one)) }
        // Bracket: `lo` fundable (at or below `from`), `hi` not, on a grid of 1/2^16.
        let grid = 1 << 16
        var lo = from.numerator * grid / from.denominator, hi = grid
        func candidates(_ lo: Int, _ hi: Int) -> Int {
            needs.reduce(0) { $0 + hi * $1 / grid - lo * $1 / grid }
        }
        while hi - lo > 1 && candidates(lo, hi) > 16 {
            let mid = (lo + hi) / 2
            if try fundable(Ratio(mid, grid)) { lo = mid } else { hi = mid }
        }
        // Every ratio j/need in [lo, hi], plus `from`; the largest fundable one is the answer.
        var inside = Set<Ratio>([from])
        for d in needs {
            let first = lo * d / grid, last = hi * d / grid
            if first <= last { for j in first...last { inside.insert(Ratio(j, d)) } }
        }
        let sorted = inside.filter { !($0 < from) }.sorted()
        var a = 0, b = sorted.count  // sorted[a] fundable; sorted[b] (if any) not
        while b - a > 1 {
            let mid = (a + b) / 2
            if try fundable(sorted[mid]) { a = mid } else { b = mid }
        }
        return (sorted[a], devices(sorted[a]))
    }

    // MARK: the plan

    private func makePlan(devices: [[Int]], grantTotals: [[Int]], poolEuros: [[Double]], coverage: Ratio?,
                          primary: Int, gapDevices: Int) throws(AllocationError) -> Plan {
        let split: (schools: [[[Money]]], grants: [[[Int]]])
        do {
            split = try FundingAttribution.attribute(scenario: scenario, devices: devices, grantTotals: grantTotals,
                                                     poolEuros: poolEuros)
        } catch { throw .verificationFailed(["funding attribution: \(error.message)"]) }
        let schools = scenario.schools.enumerated().map { s, school in
            Plan.SchoolAllocation(school: school, need: needs.entries[s].map(\.need), devices: devices[s],
                                  funding: split.schools[s], grantDevices: split.grants[s])
        }
        let pools = scenario.pools.enumerated().map { p, pool in
            Plan.PoolUse(pool: pool, spent: schools.sum { $0.funding(pool: p) })
        }
        let main = stages[primary]
        let report = Plan.SolverReport(
            status: stages.contains { $0.status != .optimal } ? .feasible : .optimal,
            objectiveName: main.name, objective: main.objective, bestBound: main.bestBound, gapDevices: gapDevices,
            seconds: 0, solverVersion: sessions.version, relativeGap: scenario.solver.relativeGap,
            timeLimitSeconds: scenario.solver.timeLimitSeconds, stages: stages)
        return Plan(scenario: scenario, schools: schools, pools: pools, guaranteedCoverage: coverage, solver: report)
    }
}

func percent(_ d: Decimal) -> String { "\(d * 100) %" }

/// A non-negative rational number (a share of need), compared exactly.
public struct Ratio: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let numerator: Int, denominator: Int
    public static let zero = Ratio(0, 1)
    public init(_ numerator: Int, _ denominator: Int) {
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        let g = max(1, gcd(numerator, denominator))
        self.numerator = numerator / g; self.denominator = denominator / g
    }
    public static func < (a: Ratio, b: Ratio) -> Bool { a.numerator * b.denominator < b.numerator * a.denominator }
    /// self × n rounded up or down, exactly.
    public func times(_ n: Int, roundUp: Bool) -> Int {
        let p = numerator * n
        return roundUp ? (p + denominator - 1) / denominator : p / denominator
    }
    /// Whether count / need reaches this ratio, exactly.
    public func isReached(by count: Int, of need: Int) -> Bool { count * denominator >= numerator * need }
    public var double: Double { Double(numerator) / Double(denominator) }
    public var description: String { "\(numerator)/\(denominator)" }
}
