import Allocation
import LinearProgramming

/// The MIP over schools × kinds × years (docs/MULTIYEAR.md): an integer column per cohort
/// (school, kind, purchase year) and year it may serve, money per pool, year and cost kind,
/// carry-over per pool and year, and the columns of the objective stages.
public struct ReplacementModel: Sendable {
    public struct CohortColumns: Sendable, Equatable {
        public var school: String
        public var kind: String
        public var purchaseYear: Int
        /// Column per planning year (nil: the cohort cannot serve in that year).
        public var columns: [Int?]
    }

    public let scenario: ReplacementScenario
    public private(set) var program = LinearProgram(name: "replacement")
    public private(set) var cohorts: [CohortColumns] = []
    /// Column of money `pool` pays in year index `i` for `cost` (nil: it may not pay it).
    public private(set) var spend: [String: [ReplacementScenario.CostKind: [Int]]] = [:]
    public private(set) var smallestCoverage = 0
    /// Per school-kind-year with need: the in-service columns, the need and the `covered` column.
    private(set) var coverageRows: [(inService: [Int], need: Int, covered: Int, row: Int)] = []
    /// Column of the money `pool` carries out of year index `i`.
    private(set) var carryColumn: [String: [Int]] = [:]
    /// Per year and cost kind: the cost's terms (euros) and the columns of the pools that pay it.
    private var costRows: [(terms: [LinearProgram.Term], payers: [Int])] = []
    public private(set) var stages: [(name: String, objective: LinearProgram.Objective, resolution: Double?)] = []

    public init(_ scenario: ReplacementScenario) throws(ScenarioIssue) {
        try scenario.validate()
        self.scenario = scenario
        build()
    }

    private mutating func build() {
        let s = scenario, first = s.years.lowerBound, n = s.yearCount
        // Row and column names from positions (ids may hold spaces or umlauts, which LP files refuse).
        var sName: [String: String] = [:], kName: [String: String] = [:], pName: [String: String] = [:]
        for (i, x) in s.schools.enumerated() { sName[x.id] = "s\(i)" }
        for (i, x) in s.kinds.enumerated() { kName[x.id] = "k\(i)" }
        for (i, x) in s.pools.enumerated() { pName[x.id] = "p\(i)" }
        var lp = LinearProgram(name: "replacement")
        var inService: [String: [[LinearProgram.Term]]] = [:]   // "school|kind" -> per year
        var boughtTerms: [String: [[LinearProgram.Term]]] = [:]
        var changes: [Int: Double] = [:]
        var schoolPrevious: [String: Double] = [:]              // inventory per school
        // Devices leaving service per kind and year (residual value): terms and constants.
        var retiredTerms: [String: [[LinearProgram.Term]]] = Dictionary(s.kinds.map { ($0.id, Array(repeating: [], count: n)) }, uniquingKeysWith: { a, _ in a })
        var retiredConstant: [String: [Double]] = Dictionary(s.kinds.map { ($0.id, Array(repeating: 0, count: n)) }, uniquingKeysWith: { a, _ in a })

        for school in s.schools {
            for kind in s.kinds {
                let key = "\(school.id)|\(kind.id)"
                inService[key] = Array(repeating: [], count: n)
                boughtTerms[key] = Array(repeating: [], count: n)
                let owned = s.inventory.filter { $0.school == school.id && $0.kind == kind.id }.sorted { $0.purchaseYear < $1.purchaseYear }
                let cohortsHere: [(year: Int, start: Int?)] = owned.map { ($0.purchaseYear, $0.count) } + s.years.map { ($0, nil) }
                for (p, start) in cohortsHere {
                    schoolPrevious[school.id, default: 0] += Double(start ?? 0)
                    let early = kind.earliestRetirement(p), late = kind.latestRetirement(p)
                    var columns: [Int?] = Array(repeating: nil, count: n)
                    var previous: Int?
                    for i in max(0, p - first)..<n {
                        let year = first + i
                        guard year < late else { break }
                        let name = "x_\(sName[school.id]!)_\(kName[kind.id]!)_\(p)_\(year)"
                        let upper = Double(start ?? s.turbulence.maxNewDevicesPerYear ?? ReplacementLimits.count.upperBound)
                        let col = lp.addVariable(name, upper: upper, integer: true)
                        columns[i] = col
                        inService[key]![i].append(.init(col, 1))
                        if let prev = previous {
                            // Never more than the year before; no retirement before the window opens.
                            lp.addConstraint("life_\(sName[school.id]!)_\(kName[kind.id]!)_\(p)_\(year)", [.init(col, 1), .init(prev, -1)],
                                             lower: year < early ? 0 : -.infinity, upper: 0)
                            changes[prev, default: 0] += 1; changes[col, default: 0] -= 1
                            retiredTerms[kind.id]![i] += [.init(prev, 1), .init(col, -1)]
                        } else if let start {
                            if year < early { lp.variables[col].lower = Double(start) }
                            changes[col, default: 0] -= 1    // retired in the first year: start − x
                            retiredTerms[kind.id]![i].append(.init(col, -1)); retiredConstant[kind.id]![i] += Double(start)
                        } else {
                            boughtTerms[key]![i].append(.init(col, 1))
                            changes[col, default: 0] += 1    // bought
                        }
                        previous = col
                    }
                    // A life that ends within the planning years retires what is left of the
                    // cohort in year `late` (no column there: the verifier counts the drop to 0).
                    if let prev = previous, late <= s.years.upperBound {
                        changes[prev, default: 0] += 1
                        retiredTerms[kind.id]![late - first].append(.init(prev, 1))
                    }
                    // An inventory cohort whose life ended before the first year leaves in it.
                    if previous == nil, let start { retiredConstant[kind.id]![0] += Double(start) }
                    cohorts.append(CohortColumns(school: school.id, kind: kind.id, purchaseYear: p, columns: columns))
                }
            }
        }

        // Coverage: z ≤ in service / need for every school-kind-year with need; covered ≤ both.
        let z = lp.addVariable("smallest_coverage", upper: 1)
        smallestCoverage = z
        var weighted: [LinearProgram.Term] = []
        for school in s.schools {
            for kind in s.kinds {
                for i in 0..<n {
                    let need = school.need(kind.id, yearIndex: i)
                    guard need > 0 else { continue }
                    let terms = inService["\(school.id)|\(kind.id)"]![i]
                    let row = lp.constraints.count
                    lp.addConstraint("cover_\(sName[school.id]!)_\(kName[kind.id]!)_\(first + i)", terms + [.init(z, -Double(need))], lower: 0)
                    let c = lp.addVariable("covered_\(sName[school.id]!)_\(kName[kind.id]!)_\(first + i)", upper: Double(need))
                    coverageRows.append((terms.map(\.variable), need, c, row))
                    lp.addConstraint("covered_le_\(sName[school.id]!)_\(kName[kind.id]!)_\(first + i)", [.init(c, 1)] + terms.map { .init($0.variable, -1) }, upper: 0)
                    if kind.weight > 0 { weighted.append(.init(c, Double(kind.weight))) }
                }
            }
        }

        // Turbulence, per school over all kinds.
        for school in s.schools {
            var before: [LinearProgram.Term] = []
            var beforeConstant = schoolPrevious[school.id] ?? 0
            for i in 0..<n {
                let now = s.kinds.flatMap { inService["\(school.id)|\($0.id)"]![i] }
                if let f = s.turbulence.maxFallBasisPoints {
                    // 10000 · now − (10000 − f) · before ≥ 0. Where `before` is the inventory (a
                    // constant), whole devices keep at least ⌈(10000 − f) · before / 10000⌉: the
                    // row's bound is rounded up to it, so the relaxations cannot keep a fraction
                    // of a device less (a tighter bound for every stage; seventh session).
                    let keep = Double(10_000 - f)
                    let kept = (Int(keep) * Int(beforeConstant) + 9_999) / 10_000
                    lp.addConstraint("fall_\(sName[school.id]!)_\(first + i)", now.map { .init($0.variable, 10_000) } + before.map { .init($0.variable, -keep) },
                                     lower: before.isEmpty ? 10_000 * Double(kept) : keep * beforeConstant)
                }
                if let r = s.turbulence.maxNewDevicesPerYear {
                    let new = s.kinds.flatMap { boughtTerms["\(school.id)|\($0.id)"]![i] }
                    if !new.isEmpty { lp.addConstraint("new_\(sName[school.id]!)_\(first + i)", new, upper: Double(r)) }
                }
                before = now; beforeConstant = 0
            }
        }

        // Money, in euros: each year's cost is paid by the pools that may pay it.
        var carry: [String: [Int]] = [:]
        for pool in s.pools {
            for cost in ReplacementScenario.CostKind.allCases where pool.pays.contains(cost) && !(pool.source == .grant && cost == .operating) {
                spend[pool.id, default: [:]][cost] = (0..<n).map { lp.addVariable("pay_\(pName[pool.id]!)_\(cost.rawValue)_\(first + $0)") }
            }
            carry[pool.id] = (0..<n).map { i in
                lp.addVariable("carry_\(pName[pool.id]!)_\(first + i)", upper: pool.carries(from: first + i) && i < n - 1 ? .infinity : 0)
            }
        }
        for i in 0..<n {
            var investment: [LinearProgram.Term] = [], operating: [LinearProgram.Term] = []
            for kind in s.kinds {
                let price = s.price(kind, in: first + i).eurosDouble, op = kind.operatingCostPerYear.eurosDouble
                for school in s.schools {
                    let key = "\(school.id)|\(kind.id)"
                    investment += boughtTerms[key]![i].map { .init($0.variable, price) }
                    if op > 0 { operating += inService[key]![i].map { .init($0.variable, op) } }
                }
            }
            for (cost, terms) in [(ReplacementScenario.CostKind.investment, investment), (.operating, operating)] {
                let payers = s.pools.compactMap { spend[$0.id]?[cost]?[i] }
                lp.addConstraint("cost_\(cost.rawValue)_\(first + i)", terms + payers.map { .init($0, -1) }, lower: 0, upper: 0)
                costRows.append((terms, payers))
            }
            for pool in s.pools {
                var terms = ReplacementScenario.CostKind.allCases.compactMap { spend[pool.id]?[$0]?[i] }.map { LinearProgram.Term($0, 1) }
                terms.append(.init(carry[pool.id]![i], 1))
                if i > 0 { terms.append(.init(carry[pool.id]![i - 1], -1)) }
                // The own pool that receives the residual value of the devices leaving service.
                var income = 0.0
                if pool.id == s.residualPool {
                    for kind in s.kinds where kind.residualValue.cents > 0 {
                        let r = kind.residualValue.eurosDouble
                        terms += retiredTerms[kind.id]![i].map { .init($0.variable, -r * $0.coefficient) }
                        income += r * retiredConstant[kind.id]![i]
                    }
                }
                lp.addConstraint("money_\(pName[pool.id]!)_\(first + i)", terms, upper: pool.money[i].eurosDouble + income)
            }
        }

        carryColumn = carry
        let own = s.pools.filter { $0.source == .own }.flatMap { pool in
            ReplacementScenario.CostKind.allCases.flatMap { spend[pool.id]?[$0] ?? [] }.map { LinearProgram.Term($0, 1) }
        }
        let changeTerms = changes.sorted { $0.key < $1.key }.filter { $0.value != 0 }.map { LinearProgram.Term($0.key, $0.value) }
        // The changes are the verifier's count: devices bought plus devices retired (also at the
        // end of a life). The terms above count an inventory cohort's first-year retirement as
        // −x (start − x without its start), and a cohort whose life ends before the first year
        // not at all; the constant adds every inventory device once, so the stage's value and
        // bound are that count (issue 19: the value was 29,048 below the verified count, and its
        // bound negative).
        let inventoryDevices = Double(s.inventory.reduce(0) { $0 + $1.count })
        stages = [
            ("smallest coverage", .init(.maximize, [.init(z, 1)]), nil),
            ("need-weighted device-years", .init(.maximize, weighted), 1),
            ("own money", .init(.minimize, own), 0.01),
            ("changes", .init(.minimize, changeTerms, constant: inventoryDevices), 1),
        ]
        program = lp
    }
}

extension ReplacementModel {
    /// A starting point for the first stage from a point of the LP relaxation: every cohort's
    /// counts rounded down (never rising, equal where they must be, within every bound and the
    /// delivery limit), each pool paying the same share of the smaller cost (so every pool-year
    /// still holds with the same carry-over), coverage read off. The fall limit may not hold;
    /// the solver then ignores the point.
    /// The smallest coverage of a point's whole devices (counts rounded), exact; nil for a
    /// point with a negative count.
    func share(of values: [Double]) -> Ratio? {
        var z = Ratio(1, 1)
        for row in coverageRows {
            let have = row.inService.reduce(0) { $0 + Int(values[$1].rounded()) }
            guard have >= 0 else { return nil }
            z = min(z, Ratio(have, row.need))
        }
        return z
    }

    public func roundedStart(from relaxed: [Double]) -> [Double]? {
        guard relaxed.count == program.variables.count else { return nil }
        var x = relaxed
        for c in cohorts { for col in c.columns.compactMap({ $0 }) { x[col] = max(program.variables[col].lower, (relaxed[col] + 1e-9).rounded(.down)) } }
        for row in costRows {
            let after = row.terms.reduce(0.0) { $0 + $1.coefficient * x[$1.variable] }
            let payers = row.payers.reduce(0.0) { $0 + relaxed[$1] }
            for p in row.payers { x[p] = payers > 0 ? relaxed[p] / payers * after : (p == row.payers.first ? after : 0) }
        }
        readCoverage(&x)
        return x
    }

    /// Sets the `covered` columns and the smallest coverage from the counts of a point.
    func readCoverage(_ x: inout [Double]) {
        var z = 1.0
        for row in coverageRows {
            let have = row.inService.reduce(0.0) { $0 + x[$1] }
            x[row.covered] = min(have, Double(row.need))
            z = min(z, have / Double(row.need))
        }
        x[smallestCoverage] = max(0, z)
    }
}

/// Solves a replacement scenario stage by stage and turns the answer into a plan in cents,
/// re-checked by `ReplacementVerifier` before it is returned.
public enum ReplacementPlanner {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case invalid(ScenarioIssue)
        case solver(SolverError)
        /// No plan meets the rules (`stage`: the first objective stage, which only needs a point).
        case noPlan(stage: String, status: TerminationStatus)
        /// The plan broke a rule the verifier re-checks in cents (a bug, never shown as a plan).
        case unverified([String])

        public var description: String {
            switch self {
            // The replacement rules hand over English text (ScenarioIssue.text); any other
            // problem is worded by Reports' ErrorWords.
            case .invalid(let i):
                guard case .text(let s) = i.problem else { return "\(i)" }
                return i.key.isEmpty ? s : "\(i.key): \(s)"
            case .solver(let e): return "\(e)"
            case let .noPlan(stage, status): return "no plan meets the rules (stage \(stage): \(status.rawValue))"
            case .unverified(let v): return "the plan failed its check in cents: " + v.prefix(3).joined(separator: "; ")
            }
        }
    }

    public struct Outcome: Sendable, Equatable {
        public var plan: ReplacementPlan
        public var check: ReplacementVerifier.Result
        public var stages: [Lexicographic.Stage]
    }

    /// The work limit of each stage's search in branch-and-bound nodes when the just-in-time
    /// plan finds nothing (a scenario that is infeasible, or nearly: GLPK's search over the whole
    /// program tells them apart). An engine limit, not a scenario value: large enough to prove
    /// the small infeasible cases of the tests, small enough to end in seconds.
    static let fallbackNodes = 50_000

    /// `deadline`: one for the whole solve, every stage included (e.g. `allocate years`' limit
    /// from the command's start); nil: `options.timeLimitSeconds` from now. Each solver call
    /// also stops at `options.timeLimitSeconds`. A stage stopped by the deadline keeps the best
    /// verified plan so far with its proven bound (status `feasible`).
    public static func solve(_ scenario: ReplacementScenario, solver: any LinearSolver,
                             options: SolveOptions = SolveOptions(relativeGap: 1e-6, timeLimitSeconds: 30),
                             deadline: ContinuousClock.Instant? = nil) throws(Failure) -> Outcome {
        let clock = ContinuousClock(), started = clock.now
        let deadline = deadline ?? started.advanced(by: .milliseconds(Int64((min(max(options.timeLimitSeconds, 0), 1e9) * 1000).rounded())))
        let model: ReplacementModel
        do { model = try ReplacementModel(scenario) } catch { throw .invalid(error) }
        let result: (stages: [Lexicographic.Stage], values: [Double], stopped: Bool)
        // One session for the first stage's relaxations and the later stages' (warm starts).
        let solved: (stages: [Lexicographic.Stage], values: [Double])?
        do {
            solved = try solver.withSession { (session) throws(SolverError) -> (stages: [Lexicographic.Stage], values: [Double])? in
                try solveStages(model, solver: solver, session: session, options: options, started: started, deadline: deadline)
            }
        } catch { throw .solver(error) }
        if let solved {
            result = (solved.stages, solved.values, false)
        } else {
        // A cancelled solve finds no just-in-time plan either (`SolveOptions.within`): stop.
        if options.cancellation?.isCancelled == true { throw .solver(.cancelled) }
        do {
            // No just-in-time plan (not even at share 0, e.g. a fall limit no money pays): GLPK's
            // search from the rounded LP point, which also tells an infeasible scenario apart.
            var relaxed = model.program.relaxed
            relaxed.objective = model.stages[0].objective
            let start = options.within(deadline).flatMap { o in (try? solver.solve(relaxed, options: o)).flatMap { $0.hasSolution ? model.roundedStart(from: $0.values) : nil } }
            // A work limit on each stage's search, so that the answer does not depend on the
            // machine's speed (the deadline still bounds the whole solve).
            var searching = options
            searching.nodeLimit = fallbackNodes
            result = try solver.withSession { session throws(Lexicographic.Failure) in
                try Lexicographic.solve(model.program, stages: model.stages, session: session, options: searching,
                                        tolerance: 0, deadline: deadline, start: { i, _, previous in
                    options.stages?.begins(i + 1, model.stages.count)
                    return i == 0 ? start : previous
                })
            }
        } catch {
            switch error {
            case .solver(let e): throw .solver(e)
            case let .noSolution(stage, status):
                // No point and time left: the work limit stopped the search, not the deadline.
                throw .noPlan(stage: stage, status: status == .noSolutionFound && options.within(deadline) != nil ? .workLimit : status)
            }
        }
        }
        guard !result.values.isEmpty else { throw .noPlan(stage: model.stages[0].name, status: .noSolutionFound) }
        let plan = self.plan(model, values: result.values)
        let check = ReplacementVerifier.verify(plan, scenario)
        guard check.isValid else { throw .unverified(check.violations) }
        // Stages the deadline left out: the plan's figure, a bound that needs no solve.
        var stages = result.stages
        for i in stages.count..<model.stages.count {
            let value = model.figure(i, check), maximize = model.stages[i].objective.direction == .maximize
            var trivial = model.program
            trivial.objective = model.stages[i].objective
            stages.append(.init(name: model.stages[i].name, status: .feasible, objective: value,
                                bestBound: maximize ? max(value, trivial.columnBound) : min(value, max(0, trivial.columnBound)), seconds: 0))
        }
        return Outcome(plan: plan, check: check, stages: stages)
    }

    /// The first stage without GLPK's search (ReplacementFirstStage: a verified whole-device plan
    /// and a bound from relaxations), then the later stages on the program holding its share as
    /// whole-device floors, from its plan (ReplacementStages), all in `session`; nil when the
    /// just-in-time plan finds nothing (not even at share 0).
    private static func solveStages(_ model: ReplacementModel, solver: any LinearSolver, session: any SolverSession,
                                    options: SolveOptions, started: ContinuousClock.Instant,
                                    deadline: ContinuousClock.Instant) throws(SolverError) -> (stages: [Lexicographic.Stage], values: [Double])? {
        let clock = ContinuousClock()
        try begin(stage: 1, of: model.stages.count, options)
        guard let first = try ReplacementFirstStage.solve(model, session: session, options: options, deadline: deadline) else { return nil }
        var z = first.smallestCoverage
        var bound = Double(first.bound.numerator) / Double(first.bound.denominator)
        // The later stages start from the plan with the money it leaves spent on more device-years.
        var start = ReplacementStart.fill(model.scenario, from: first.start)
        var startValues = model.values(of: start.plan)
        let value0 = Double(z.numerator) / Double(z.denominator)
        // Why the stage may end unproven (TerminationStatus.ofStage).
        var searched = false, stopped = first.stopped > 0
        if !first.isOptimal, (bound - value0) / max(bound, 1e-12) > options.relativeGap, model.searchable,
           options.within(deadline) == nil { stopped = true }
        if !first.isOptimal, (bound - value0) / max(bound, 1e-12) > options.relativeGap, model.searchable,
           var o = options.within(deadline) {
            // Not proven: GLPK's search from the plan, bounded by a work limit so that its result
            // is the same on every machine (small scenarios end proven; at city size it found
            // nothing better in 30 s, so it is not run).
            o.nodeLimit = ReplacementStages.searchNodes
            searched = true
            var stage1 = model.program
            stage1.objective = model.stages[0].objective
            o.incumbent = startValues
            let r = try solver.solve(stage1, options: o)
            if r.limit == .time { stopped = true }
            if r.hasSolution, let share = model.share(of: r.values), share > z {
                let found = plan(model, values: r.values)
                let check = ReplacementVerifier.verify(found, model.scenario)
                if check.isValid && check.smallestCoverage > z {
                    z = check.smallestCoverage
                    start = ReplacementStart.fill(model.scenario, from: .init(share: Double(z.numerator) / Double(z.denominator), plan: found, check: check))
                    startValues = model.values(of: start.plan)
                }
            }
            if r.status == .optimal { bound = Double(z.numerator) / Double(z.denominator) }
            else if let b = r.bestBound, b.isFinite { bound = min(bound, b) }
        }
        let elapsed = started.duration(to: clock.now)
        let value = Double(z.numerator) / Double(z.denominator)
        let stage = Lexicographic.Stage(name: model.stages[0].name, status: .ofStage(proven: value >= bound - 1e-12, searched: searched, stopped: stopped),
                                        objective: value, bestBound: max(bound, value),
                                        seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        let later = try ReplacementStages.solve(model, share: z, start: start, solver: solver, session: session,
                                                options: options, deadline: deadline)
        return ([stage] + later.stages, later.values)
    }

    /// Counts from the columns; money to the cent: each year the exact cost in cents (operating
    /// first, then investment) goes to the pools as the solver split it, rounded to the cent
    /// (within each pool's room), and the cents left to pools with room, those whose money
    /// lapses this year first.
    static func plan(_ model: ReplacementModel, values: [Double]) -> ReplacementPlan {
        let s = model.scenario, first = s.years.lowerBound, n = s.yearCount
        let cohorts = model.cohorts.map { c in
            ReplacementPlan.CohortService(school: c.school, kind: c.kind, purchaseYear: c.purchaseYear,
                                          inService: c.columns.map { $0.map { Int(values[$0].rounded()) } ?? 0 })
        }.filter { c in c.purchaseYear < first || c.inService.contains { $0 != 0 } }
        let draft = ReplacementPlan(cohorts: cohorts, spending: [])
        let income = s.residualIncome(of: draft), receiver = s.residualPool
        var spending: [ReplacementPlan.Spending] = []
        var carried = Dictionary(s.pools.map { ($0.id, Money.zero) }, uniquingKeysWith: { a, _ in a })
        for i in 0..<n {
            let year = first + i
            var room = Dictionary(s.pools.map { ($0.id, $0.money[i] + carried[$0.id]! + ($0.id == receiver ? income[i] : .zero)) }, uniquingKeysWith: { a, _ in a })
            for cost in [ReplacementScenario.CostKind.operating, .investment] {
                var due = Money.zero
                for k in s.kinds {
                    for school in s.schools {
                        due += cost == .operating
                            ? k.operatingCostPerYear * draft.inService(school: school.id, kind: k.id, yearIndex: i)
                            : s.price(k, in: year) * draft.bought(school: school.id, kind: k.id, year: year, firstYear: first)
                    }
                }
                let payers = s.pools.filter { model.spend[$0.id]?[cost] != nil }
                var share = Dictionary(payers.map { ($0.id, Money.zero) }, uniquingKeysWith: { a, _ in a })
                for pool in payers where due.cents > 0 {
                    let wanted = Int((values[model.spend[pool.id]![cost]![i]] * 100).rounded())
                    let take = max(0, min(wanted, room[pool.id]!.cents, due.cents))
                    share[pool.id]! += Money(cents: take); room[pool.id]! -= Money(cents: take); due -= Money(cents: take)
                }
                // Cents left (the solver's split is in euros): first from pools whose money lapses
                // at the end of this year, so no later year loses a carried cent (rounding a carrying
                // pool's share up once made the next year a cent short).
                for pool in payers.filter({ !$0.carries(from: year) }) + payers.filter({ $0.carries(from: year) }) where due.cents > 0 {
                    let take = max(0, min(room[pool.id]!.cents, due.cents))
                    share[pool.id]! += Money(cents: take); room[pool.id]! -= Money(cents: take); due -= Money(cents: take)
                }
                if due.cents > 0, let last = payers.last { share[last.id]! += due }   // the verifier names the shortfall
                for pool in payers where share[pool.id]!.cents > 0 {
                    spending.append(.init(pool: pool.id, year: year, cost: cost, amount: share[pool.id]!))
                }
            }
            for pool in s.pools { carried[pool.id] = pool.carries(from: year) ? max(room[pool.id]!, .zero) : .zero }
        }
        return ReplacementPlan(cohorts: cohorts, spending: spending)
    }
}

extension ReplacementPlanner.Failure: ClassifiedError {
    public var errorClass: ErrorClass {
        switch self {
        case .invalid: return .input
        case .solver(let e): return e.errorClass
        case .noPlan(_, let status): return status == .infeasible ? .infeasible : .solverOrInternal
        case .unverified: return .solverOrInternal
        }
    }
}
