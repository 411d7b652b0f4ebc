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
    /// `cancellation`: asked between stages and authorities and inside every solve; once it
    /// says cancelled the solve stops within moments and throws `AllocationError.cancelled`.
    public func solve(_ scenario: Scenario, workers: Int, cancellation: Cancellation? = nil) throws(AllocationError) -> Plan {
        // One deadline for the whole solve: every stage and every authority together.
        let deadline = Run.deadline(scenario)
        guard let parts = try AuthoritySplit.make(scenario) else {
            return try withReusableSolver { (engine) throws(AllocationError) in
                try engine.solveOne(scenario, deadline: deadline, cancellation: cancellation)
            }
        }
        // Each authority on fresh solver sessions: no warm start carries over from whichever
        // authority a thread happened to solve before, so threads cannot change the answer.
        let results = ParallelResults<Plan, AllocationError>(count: parts.scenarios.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, parts.scenarios.count))) { _ in
            while let i = results.claim() {
                do throws(AllocationError) {
                    results.set(i, try withReusableSolver { (engine) throws(AllocationError) in
                        try engine.solveOne(parts.scenarios[i], deadline: deadline, cancellation: cancellation)
                    })
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

    public func solve(_ scenario: Scenario, cancellation: Cancellation? = nil) throws(AllocationError) -> Plan {
        let deadline = Run.deadline(scenario)
        guard let parts = try AuthoritySplit.make(scenario) else {
            return try solveOne(scenario, deadline: deadline, cancellation: cancellation)
        }
        var plans: [Plan] = []
        for part in parts.scenarios { plans.append(try solveOne(part, deadline: deadline, cancellation: cancellation)) }
        return try parts.merge(plans, solverVersion: version)
    }

    /// One problem: a scenario whose pools are shared by all its schools.
    func solveOne(_ scenario: Scenario, deadline: ContinuousClock.Instant,
                  cancellation: Cancellation? = nil) throws(AllocationError) -> Plan {
        let clock = ContinuousClock()
        let start = clock.now
        if cancellation?.isCancelled == true { throw .cancelled }
        var plan: Plan
        do {
            var run = try Run(scenario: scenario, sessions: self, deadline: deadline, cancellation: cancellation)
            plan = try run.solve()
        } catch {
            // However deep the solver noticed it, a cancelled solve is one error.
            if error == .solver(.cancelled) || cancellation?.isCancelled == true { throw .cancelled }
            throw error
        }
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

    static func deadline(_ scenario: Scenario) -> ContinuousClock.Instant {
        let limit = scenario.solver.timeLimitSeconds
        return ContinuousClock.now.advanced(by: .milliseconds(Int64((min(max(limit, 0), 1e9) * 1000).rounded())))
    }

    /// Seconds left before the deadline (negative once it has passed).
    var timeLeft: Double { ContinuousClock.now.duration(to: deadline).seconds }
    var timeUp: Bool { timeLeft < 0.001 }

    init(scenario input: Scenario, sessions: ReusableEngine, deadline: ContinuousClock.Instant? = nil,
         cancellation: Cancellation? = nil) throws(AllocationError) {
        // The domain rules hold for every scenario, loaded or built in code (Scenario.validate()).
        do { try input.validate() } catch { throw .inconsistentScenario(error.description) }
        self.deadline = deadline ?? Run.deadline(input)
        self.cancellation = cancellation
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
    /// The last funding found for the scenario's own pools (see `fund`).
    private let lastFunding = LastFunding()

    final class LastFunding {
        var totals: [Int]?
        var funding: Funding?
    }

    /// Options of an integer stage: the time left before the deadline.
    var options: SolveOptions {
        SolveOptions(relativeGap: scenario.solver.relativeGap,
                     timeLimitSeconds: max(0.001, min(scenario.solver.timeLimitSeconds, timeLeft)),
                     cancellation: cancellation)
    }

    /// Options of a funding check (a small program solved in milliseconds): never cut to
    /// nothing, so that the plan found by the deadline can still be paid and verified.
    var fundingOptions: SolveOptions {
        SolveOptions(relativeGap: scenario.solver.relativeGap,
                     timeLimitSeconds: max(1, min(scenario.solver.timeLimitSeconds, timeLeft)),
                     cancellation: cancellation)
    }

    var floors: [[Int]] { needs.entries.map { $0.map(\.floor) } }

    // MARK: the pipeline

    mutating func solve() throws(AllocationError) -> Plan {
        let floors = self.floors
        try checkFloorsFundable(floors)
        switch scenario.objective {
        case .proportional:
            let first = try largestFundableShare(base: floors, roundUp: false, kinds: Array(scenario.deviceKinds.indices))
            var current = first.devices
            // Then each kind on its own, as far as its money reaches.
            for k in scenario.deviceKinds.indices {
                current = try largestFundableShare(base: current, roundUp: false, kinds: [k], from: first.share).devices
            }
            guard let funding = try fund(totals(current)) else {
                throw .verificationFailed(["the proportional plan is not fundable after all"])
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
            guard let funding = try fund(totals(devices)) else {
                throw .verificationFailed(["the final device counts are not fundable"])
            }
            return try makePlan(devices: devices, grantTotals: funding.grantTotals, poolEuros: funding.poolEuros,
                                coverage: coverage, model: model)
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
        let (first, program, model) = fullModel(lower: lower)
        return (first, program, model, coverage)
    }

    /// The full model at these lower bounds, with the first integer stage's objective.
    private func fullModel(lower: [[Int]]) -> (Stage, LinearProgram, AllocationModel) {
        var model = AllocationModel(scenario: scenario, needs: needs, lower: lower)
        let first = stageOrder()[0]
        model.program.objective = objective(first, model)
        return (first, model.program, model)
    }

    /// The weighted-devices model at the plan's lower bounds (for maximin: the proven coverage),
    /// or at the scenario's floors only: what `explain` analyses.
    mutating func weightedModel(atFloorsOnly: Bool = false) throws(AllocationError) -> AllocationModel {
        let lower = atFloorsOnly ? floors : try lowerBounds().0
        var model = AllocationModel(scenario: scenario, needs: needs, lower: lower)
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
        case .tieBreak: return .init(.maximize, model.tieBreakTerms(scenario, needs))
        case .coverage: return .init(.maximize, [])
        }
    }

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
                throw .verificationFailed(["stage '\(stage)' ended \(status.rawValue) although the floors are fundable"])
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
            for row in needs.entries { for e in row where e.need > 0 { sum = sum + max(0, e.weight.doubleValue) * Double(e.need) } }
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
        let devices = model.x.map { row in row.map { c in c.map { Int((lp.values[$0] + 1e-9).rounded(.down)) } ?? 0 } }
        let t = totals(devices)
        guard let funding = try? fund(t) else { return (nil, bound) }
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

    // MARK: funding of fixed device totals

    struct Funding { var grantTotals: [[Int]]; var poolEuros: [[Double]]; var ownMoney: Double }

    func totals(_ devices: [[Int]]) -> [Int] {
        scenario.deviceKinds.indices.map { k in devices.reduce(0) { $0 + $1[k] } }
    }

    /// The cheapest way (in own money) to pay for these device totals; nil if none exists.
    /// The solver's answer is re-checked in integer cents (`exactFunding`): near a budget's
    /// edge the solver's tolerances could accept a plan that is a fraction of a cent short.
    func fund(_ totals: [Int], in s: Scenario? = nil) throws(AllocationError) -> Funding? {
        try checkCancelled()
        // Past the deadline, the plan's device totals are often those just checked (the floors
        // or the last share proven fundable): their funding is not solved again.
        if s == nil, timeUp, let known = lastFunding.totals, known == totals, let funding = lastFunding.funding { return funding }
        let funding = try solveFunding(totals, in: s)
        if s == nil { lastFunding.totals = totals; lastFunding.funding = funding }
        return funding
    }

    private func solveFunding(_ totals: [Int], in s: Scenario?) throws(AllocationError) -> Funding? {
        var model: AllocationModel
        let scenario = s ?? self.scenario
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
        do { r = try sessions.funding.solve(model.program, options: fundingOptions) } catch { throw .solver(error) }
        guard r.hasSolution else {
            if r.status == .noSolutionFound { throw .noPlanFound("funding check ran out of time") }
            return nil
        }
        let grantTotals = model.grantDevices.map { $0.map { c in c.map { max(0, Int(r.values[$0].rounded())) } ?? 0 } }
        guard let exact = Run.exactFunding(scenario, totals: totals, grantTotals: grantTotals) else { return nil }
        var poolEuros = model.poolEuros.map { $0.map { c in c.map { r.values[$0] } ?? 0 } }
        if !Run.centsHold(scenario, totals: totals, grantTotals: grantTotals, poolEuros: poolEuros) {
            poolEuros = exact.map { $0.map { Double($0) / 100 } }
        }
        let ownCents = scenario.pools.indices.filter { scenario.pools[$0].isOwnMoney }
            .reduce(0) { sum, p in sum + exact.reduce(0) { $0 + $1[p] } }
        return Funding(grantTotals: grantTotals, poolEuros: poolEuros, ownMoney: Double(ownCents) / 100)
    }

    /// Whether the solver's euros, rounded to cents as the attribution rounds them, keep every
    /// budget and every own-share limit.
    static func centsHold(_ scenario: Scenario, totals: [Int], grantTotals: [[Int]], poolEuros: [[Double]]) -> Bool {
        guard let cents = try? FundingAttribution.centsPerPool(scenario: scenario, devices: [totals], grantTotals: grantTotals,
                                                               poolEuros: poolEuros) else { return false }
        for (p, pool) in scenario.pools.enumerated() {
            var spent = 0
            for (k, kind) in scenario.deviceKinds.enumerated() {
                spent += pool.isGrant ? (pool.grantPerDevice(price: kind.unitPrice) * grantTotals[k][p]).cents : cents[k][p]
            }
            if spent > pool.budget.cents { return false }
        }
        for (k, kind) in scenario.deviceKinds.enumerated() {
            var shares = 0, byShares = 0
            for (p, pool) in scenario.pools.enumerated() {
                if pool.isGrant { shares += ((kind.unitPrice - pool.grantPerDevice(price: kind.unitPrice)) * grantTotals[k][p]).cents }
                if pool.rule == .remainder { byShares += cents[k][p] }
            }
            if byShares > shares { return false }
        }
        return true
    }

    /// Exact in integer cents: with these grant-funded devices, whether the other pools can pay
    /// the rest of these device totals, and how (cents per kind and pool; own money as little
    /// as possible). A maximum flow: pools → (own-share gate of a kind →) kind → paid.
    static func exactFunding(_ scenario: Scenario, totals: [Int], grantTotals: [[Int]]) -> [[Int]]? {
        let kinds = scenario.deviceKinds, pools = scenario.pools
        let K = kinds.count, P = pools.count
        var demand = [Int](repeating: 0, count: K), shares = [Int](repeating: 0, count: K)
        var grantSpent = [Int](repeating: 0, count: P)
        for (k, kind) in kinds.enumerated() {
            var granted = 0, cents = 0
            for (p, pool) in pools.enumerated() where grantTotals[k][p] != 0 {
                guard pool.isGrant, pool.kinds.contains(kind.id), grantTotals[k][p] > 0 else { return nil }
                let per = pool.grantPerDevice(price: kind.unitPrice)
                granted += grantTotals[k][p]
                cents += (per * grantTotals[k][p]).cents
                grantSpent[p] += (per * grantTotals[k][p]).cents
                shares[k] += ((kind.unitPrice - per) * grantTotals[k][p]).cents
            }
            if granted > totals[k] { return nil }
            demand[k] = (kind.unitPrice * totals[k]).cents - cents
            if demand[k] < 0 { return nil }
        }
        for p in pools.indices where grantSpent[p] > pools[p].budget.cents { return nil }
        // Nodes: 0 source, 1 sink, 2+p pool, 2+P+k gate, 2+P+K+k kind; edges in pairs
        // (forward at an even index, its reverse at the next).
        let n = 2 + P + 2 * K
        let infinite = Int.max / 4
        var head = [Int](), capacity = [Int](), adjacency = [[Int]](repeating: [], count: n)
        @discardableResult
        func edge(_ u: Int, _ v: Int, _ c: Int) -> Int {
            adjacency[u].append(head.count); head.append(v); capacity.append(c)
            adjacency[v].append(head.count); head.append(u); capacity.append(0)
            return head.count - 2
        }
        func pool(_ p: Int) -> Int { 2 + p }
        func gate(_ k: Int) -> Int { 2 + P + k }
        func kind(_ k: Int) -> Int { 2 + P + K + k }
        for k in 0..<K where demand[k] > 0 {
            if shares[k] > 0 { edge(gate(k), kind(k), shares[k]) }
            edge(kind(k), 1, demand[k])
        }
        var paid = [[Int?]](repeating: [Int?](repeating: nil, count: P), count: K)  // edge of pool p's money for kind k
        for (p, q) in pools.enumerated() where !q.isGrant {
            for (k, d) in kinds.enumerated() where demand[k] > 0 && q.kinds.contains(d.id) {
                if q.rule == .remainder {
                    if shares[k] > 0 { paid[k][p] = edge(pool(p), gate(k), infinite) }
                } else {
                    paid[k][p] = edge(pool(p), kind(k), infinite)
                }
            }
        }
        func augment() -> Int {
            var via = [Int](repeating: -1, count: n)  // the edge a node was reached by
            var seen = [Bool](repeating: false, count: n)
            seen[0] = true
            var queue = [0], next = 0
            while next < queue.count && !seen[1] {
                let u = queue[next]; next += 1
                for e in adjacency[u] where !seen[head[e]] && capacity[e] > 0 {
                    seen[head[e]] = true; via[head[e]] = e; queue.append(head[e])
                }
            }
            guard seen[1] else { return 0 }
            var push = infinite, v = 1
            while v != 0 { let e = via[v]; push = min(push, capacity[e]); v = head[e ^ 1] }
            v = 1
            while v != 0 { let e = via[v]; capacity[e] -= push; capacity[e ^ 1] += push; v = head[e ^ 1] }
            return push
        }
        // Pools other than own money first; own money only for what they cannot pay (an
        // augmenting path never takes flow back from the source's other edges).
        var total = 0
        for ownPhase in [false, true] {
            for (p, q) in pools.enumerated() where !q.isGrant && q.isOwnMoney == ownPhase && q.budget.cents > 0 {
                edge(0, pool(p), q.budget.cents)
            }
            while true { let f = augment(); if f == 0 { break }; total += f }
        }
        guard total == demand.reduce(0, +) else { return nil }
        // The money on each edge is what its reverse edge has taken up.
        return paid.map { row in row.map { e in e.map { capacity[$0 ^ 1] } ?? 0 } }
    }

    /// Every school's floor must be payable; otherwise say which rule fails and by how much.
    func checkFloorsFundable(_ floors: [[Int]]) throws(AllocationError) {
        let t = totals(floors)
        if try fund(t) != nil { return }
        // Elastic diagnosis: let one rule at a time give way, at the least change, and report
        // each change that alone makes the scenario hold, in the user's units, exact to the cent.
        let floorsText = scenario.deviceKinds.enumerated().map { k, kind in
            "\(kind.id) \(percent(kind.coverageFloor)) (\(groupDigits(t[k], separator: ",")) devices)"
        }.joined(separator: ", ")
        var fixes: [String] = []
        for (p, pool) in scenario.pools.enumerated() {
            guard let needed = try leastBudget(of: p, in: scenario, totals: t) else { continue }
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
        probe.pools.append(Pool(id: "missing", name: "missing money", budget: .zero,
                                kinds: probe.deviceKinds.map(\.id), rule: .any, isOwnMoney: true))
        guard let short = try leastBudget(of: probe.pools.count - 1, in: probe, totals: t) else {
            throw .infeasible(rule: "coverage floors", explanation: "The floors \(floorsText) cannot be paid by any pool.")
        }
        var text = "The floors \(floorsText) cost \(short.formatted) more than the pools can pay."
        text += fixes.isEmpty
            ? " No single pool or floor can make up for it alone; add at least \(short.formatted) to a pool that may pay these devices (rule: any), or lower the floors."
            : " Any one of these makes it hold: " + fixes.joined(separator: "; ") + "."
        throw .infeasible(rule: "coverage floors", explanation: text)
    }

    /// The least budget of pool `p` (every other pool as in `s`) with which these device
    /// totals can be paid, exact to the cent: that amount works, one cent less does not.
    /// nil if no budget of `p` alone makes them payable.
    func leastBudget(of p: Int, in s: Scenario, totals t: [Int]) throws(AllocationError) -> Money? {
        // A pool never has to pay more than all the devices cost; a larger probe would only
        // strain the solver's tolerances.
        let cap = s.deviceKinds.indices.reduce(0) { $0 + (s.deviceKinds[$1].unitPrice * t[$1]).cents }
        func works(_ cents: Int) throws(AllocationError) -> Bool {
            var probe = s
            probe.pools[p].budget = Money(cents: cents)
            return try fund(t, in: probe) != nil
        }
        guard try works(cap) else { return nil }
        // The solver's least spending is the estimate; whole cents around it decide.
        var probe = s
        probe.pools[p].budget = Money(cents: cap)
        var model = AllocationModel(scenario: probe, fixedTotals: t)
        model.program.objective = .init(.minimize, model.spendingTerms(of: p, probe))
        var estimate = cap
        if let r = try? sessions.funding.solve(model.program, options: fundingOptions), r.hasSolution, let spent = r.objective {
            estimate = min(cap, max(0, Int((spent * 100 - 1e-6).rounded(.up))))
        }
        // Gallop from the estimate to a bracket [bad, good], then bisect: good works, bad not.
        var good: Int, bad: Int
        if try works(estimate) {
            good = estimate; bad = -1
            var step = 1
            while good > 0 {
                let next = max(0, good - step)
                if try works(next) { good = next; step *= 2 } else { bad = next; break }
            }
            if good == 0 { return .zero }
        } else {
            bad = estimate; good = cap
            var step = 1
            while bad + step < cap {
                if try works(bad + step) { good = bad + step; break }
                bad += step; step *= 2
            }
        }
        while good - bad > 1 {
            let mid = bad + (good - bad) / 2
            if try works(mid) { good = mid } else { bad = mid }
        }
        return Money(cents: good)
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
    /// Once the deadline has passed the search stops with the largest share proven fundable
    /// so far; `bound` is then the smallest share proven not fundable (else the share itself).
    mutating func largestFundableShare(base: [[Int]], roundUp: Bool, kinds: [Int], from: Ratio = .zero) throws(AllocationError)
        -> (share: Ratio, devices: [[Int]], bound: Ratio, stopped: Bool) {
        var needs = Set<Int>()
        for row in self.needs.entries { for k in kinds where row[k].need > 0 { needs.insert(row[k].need) } }
        guard !needs.isEmpty else { return (from, base, from, false) }
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
        if timeUp {
            stopped = true
            // At share 0 every school keeps its base (bases never exceed the need).
            return (from, from == .zero ? base : devices(from), one, true)
        }
        if try fundable(one) { return (one, devices(one), one, false) }
        // Bracket: `lo` fundable (at or below `from`), `hi` not, on a grid of 1/2^16.
        let grid = 1 << 16
        var lo = from.numerator * grid / from.denominator, hi = grid
        func candidates(_ lo: Int, _ hi: Int) -> Int {
            needs.reduce(0) { $0 + hi * $1 / grid - lo * $1 / grid }
        }
        while hi - lo > 1 && candidates(lo, hi) > 16 {
            if timeUp {
                stopped = true
                let t = max(from, Ratio(lo, grid))
                return (t, devices(t), Ratio(hi, grid), true)
            }
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
        var halted = false
        while b - a > 1 {
            if timeUp { halted = true; stopped = true; break }
            let mid = (a + b) / 2
            if try fundable(sorted[mid]) { a = mid } else { b = mid }
        }
        let bound = halted ? (b < sorted.count ? sorted[b] : Ratio(hi, grid)) : sorted[a]
        return (sorted[a], devices(sorted[a]), bound, halted)
    }

    // MARK: the plan

    private func makePlan(devices: [[Int]], grantTotals: [[Int]], poolEuros: [[Double]], coverage: Ratio?,
                          model: AllocationModel?) throws(AllocationError) -> Plan {
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
                var least: Ratio?
                for (s, row) in needs.entries.enumerated() {
                    for k in group where row[k].need > 0 {
                        let r = Ratio(devices[s][k], row[k].need)
                        least = min(least ?? r, r)
                    }
                }
                value = least?.double
                if let least {
                    for k in group { kindCoverage[k] = least }
                    coverage = min(coverage ?? least, least)
                }
            } else if name == Stage.weighted.rawValue {
                var total = Decimal(0)
                for (s, row) in needs.entries.enumerated() { for k in row.indices { total += Decimal(devices[s][k]) * row[k].weight } }
                value = total.doubleValue
            } else if name == Stage.ownMoney.rawValue {
                value = ownMoney.eurosDouble
                maximize = false
            } else if name == Stage.tieBreak.rawValue, let model {
                var cell: [Int: (s: Int, k: Int)] = [:]
                for (s, row) in model.x.enumerated() { for (k, c) in row.enumerated() { if let c { cell[c] = (s, k) } } }
                value = model.tieBreakTerms(scenario, needs).reduce(0.0) { sum, term in
                    guard let at = cell[term.variable] else { return sum }
                    return sum + term.coefficient * Double(devices[at.s][at.k])
                }
            }
            if let value {
                stages[i].objective = value
                stages[i].bestBound = maximize ? max(stages[i].bestBound, value) : min(stages[i].bestBound, value)
            }
        }
        let primary = stages.firstIndex { $0.name == Stage.weighted.rawValue } ?? 0
        let main = stages[primary]
        let minWeight = needs.entries.flatMap { $0 }.filter { $0.need > 0 && $0.weight > 0 }.map(\.weight).min() ?? 1
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
