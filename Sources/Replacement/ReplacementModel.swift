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
    private var coverageRows: [(inService: [Int], need: Int, covered: Int, row: Int)] = []
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
                        } else if let start {
                            if year < early { lp.variables[col].lower = Double(start) }
                            changes[col, default: 0] -= 1    // retired in the first year: start − x
                        } else {
                            boughtTerms[key]![i].append(.init(col, 1))
                            changes[col, default: 0] += 1    // bought
                        }
                        previous = col
                    }
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
                    // 10000 · now − (10000 − f) · before ≥ 0
                    let keep = Double(10_000 - f)
                    lp.addConstraint("fall_\(sName[school.id]!)_\(first + i)", now.map { .init($0.variable, 10_000) } + before.map { .init($0.variable, -keep) },
                                     lower: keep * beforeConstant)
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
                lp.addConstraint("money_\(pName[pool.id]!)_\(first + i)", terms, upper: pool.money[i].eurosDouble)
            }
        }

        let own = s.pools.filter { $0.source == .own }.flatMap { pool in
            ReplacementScenario.CostKind.allCases.flatMap { spend[pool.id]?[$0] ?? [] }.map { LinearProgram.Term($0, 1) }
        }
        let changeTerms = changes.sorted { $0.key < $1.key }.filter { $0.value != 0 }.map { LinearProgram.Term($0.key, $0.value) }
        stages = [
            ("smallest coverage", .init(.maximize, [.init(z, 1)]), nil),
            ("need-weighted device-years", .init(.maximize, weighted), 1),
            ("own money", .init(.minimize, own), 0.01),
            ("changes", .init(.minimize, changeTerms), 1),
        ]
        program = lp
    }
}

extension ReplacementModel {
    /// The needs of the school-kind-years with need (the denominators of the smallest coverage).
    public var needs: Set<Int> { Set(coverageRows.map(\.need)) }

    /// The program holding every school-kind-year at ⌈t · need⌉ devices or more (integer
    /// floors, so the relaxation's counts stay whole where money does not bind) with the
    /// smallest-coverage column fixed at t. Its objective: the least money paid by all pools.
    public func holding(share t: Ratio) -> LinearProgram {
        var lp = program
        lp.variables[smallestCoverage].lower = t.double
        lp.variables[smallestCoverage].upper = t.double
        for c in coverageRows {
            lp.constraints[c.row].lower = Double(t.times(c.need, roundUp: true)) - Double(c.need) * t.double
        }
        lp.objective = .init(.minimize, spend.sorted { $0.key < $1.key }.flatMap { pool in
            pool.value.sorted { $0.key < $1.key }.flatMap { $0.value }.map { LinearProgram.Term($0, 1) }
        })
        return lp
    }

    /// `lp` (this model's program or one derived from it) with every count column fixed at the
    /// point's count rounded up (within the column's bounds): rounding up keeps each cohort
    /// never rising, equal where it must be, and every floor on devices in service; solving
    /// what is left (money, carry-over, coverage columns) tells whether the counts fit the money
    /// and the turbulence limits. The repair of a relaxation's point into whole devices.
    public func fixingCounts(roundedUp x: [Double], in lp: LinearProgram) -> LinearProgram {
        var fixed = lp.relaxed
        for c in cohorts {
            for col in c.columns.compactMap({ $0 }) {
                let v = min(lp.variables[col].upper, max(lp.variables[col].lower, (x[col] - 1e-6).rounded(.up)))
                fixed.variables[col].lower = v; fixed.variables[col].upper = v
            }
        }
        return fixed
    }

    /// A starting point for the first stage from a point of the LP relaxation: every cohort's
    /// counts rounded down (never rising, equal where they must be, within every bound and the
    /// delivery limit), each pool paying the same share of the smaller cost (so every pool-year
    /// still holds with the same carry-over), coverage read off. The fall limit may not hold;
    /// the solver then ignores the point.
    public func roundedStart(from relaxed: [Double]) -> [Double]? {
        guard relaxed.count == program.variables.count else { return nil }
        var x = relaxed
        for c in cohorts { for col in c.columns.compactMap({ $0 }) { x[col] = max(program.variables[col].lower, (relaxed[col] + 1e-9).rounded(.down)) } }
        for row in costRows {
            let after = row.terms.reduce(0.0) { $0 + $1.coefficient * x[$1.variable] }
            let payers = row.payers.reduce(0.0) { $0 + relaxed[$1] }
            for p in row.payers { x[p] = payers > 0 ? relaxed[p] / payers * after : (p == row.payers.first ? after : 0) }
        }
        var z = 1.0
        for row in coverageRows {
            let have = row.inService.reduce(0.0) { $0 + x[$1] }
            x[row.covered] = min(have, Double(row.need))
            z = min(z, have / Double(row.need))
        }
        x[smallestCoverage] = max(0, z)
        return x
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
            case .invalid(let i): return i.description
            case .solver(let e): return e.description
            case let .noPlan(stage, status): return "no plan meets the rules (stage \(stage): \(status.rawValue))"
            case .unverified(let v): return "the plan failed its check in cents: " + v.prefix(3).joined(separator: "; ")
            }
        }
    }

    public struct Outcome: Sendable, Equatable {
        public var plan: ReplacementPlan
        public var check: ReplacementVerifier.Result
        /// How each objective stage ended; the first is the smallest coverage found by the share
        /// search (its `bestBound` the smallest share proven out of reach, or the relaxation's).
        public var stages: [Lexicographic.Stage]
        /// The smallest coverage no plan can exceed, as proven: equal to the plan's when stage 1 is optimal.
        public var coverageBound: Ratio
        /// The deadline stopped the solve before every stage was proven (the plan still holds every rule).
        public var stopped: Bool
    }

    /// What the solve is doing, for a progress line (stage name, share probes so far).
    public typealias Progress = @Sendable (_ stage: String, _ step: Int) -> Void

    /// Stage 1 (the largest smallest coverage t) as a search over t: a share t holds if some
    /// plan keeps every school-kind-year at ⌈t · need⌉ devices or more. Holding only gets harder
    /// as t grows and the answer is one of the ratios j/need, so a bisection over the relaxation
    /// brackets it exactly (a relaxation that fails proves no plan reaches t), and an integer
    /// solve at the share found confirms it (stepping down a ratio if it cannot). The integer
    /// floors keep the relaxation's counts whole where money does not bind, which GLPK needs:
    /// on the MIP with z free it found no integer point for a city in 60 s. Stages 2–4 then run
    /// on the program holding t (`Lexicographic`, tolerance 0), starting from the confirmed point.
    public static func solve(_ scenario: ReplacementScenario, solver: any LinearSolver,
                             options: SolveOptions = SolveOptions(relativeGap: 1e-6, timeLimitSeconds: 30),
                             deadline: ContinuousClock.Instant? = nil, progress: Progress? = nil) throws(Failure) -> Outcome {
        let model: ReplacementModel
        do { model = try ReplacementModel(scenario) } catch { throw .invalid(error) }
        let clock = ContinuousClock(), began = clock.now
        func left() -> Double {
            guard let deadline else { return options.timeLimitSeconds }
            let d = clock.now.duration(to: deadline)
            return min(options.timeLimitSeconds, Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
        }
        let result: (stages: [Lexicographic.Stage], values: [Double], stopped: Bool, bound: Ratio)
        do {
            result = try solver.withSession { (session: any SolverSession) throws(Failure) -> (stages: [Lexicographic.Stage], values: [Double], stopped: Bool, bound: Ratio) in
                // The relaxation's bound on the smallest coverage.
                var relaxed = model.program.relaxed
                relaxed.objective = model.stages[0].objective
                let lp: SolveResult
                do throws(SolverError) { lp = try session.solve(relaxed, options: options) } catch { throw .solver(error) }
                guard lp.status == .optimal, let zLP = lp.objective else {
                    throw .noPlan(stage: model.stages[0].name, status: lp.status == .optimal ? .noSolutionFound : lp.status)
                }
                var probes = 0
                func relaxedHolds(_ t: Ratio) throws(Failure) -> Bool {
                    probes += 1; progress?(model.stages[0].name, probes)
                    var opts = options; opts.timeLimitSeconds = max(0.001, left())
                    do throws(SolverError) { return try session.solve(model.holding(share: t).relaxed, options: opts).hasSolution } catch { throw .solver(error) }
                }
                // Candidates: every ratio j/need at or below the relaxation's optimum.
                let needs = model.needs
                let top = min(1, zLP + 1e-9)
                var candidates = Set<Ratio>([.zero])
                if !needs.isEmpty {
                    // Bracket on a grid of 1/2^16 first, so the candidate list stays short.
                    let grid = 1 << 16
                    var lo = 0, hi = Int((top * Double(grid)).rounded(.down)) + 1
                    if hi > grid { hi = grid; if try relaxedHolds(Ratio(1, 1)) { lo = grid } }
                    func count(_ lo: Int, _ hi: Int) -> Int { needs.reduce(0) { $0 + hi * $1 / grid - lo * $1 / grid } }
                    while hi - lo > 1 && count(lo, hi) > 16 {
                        let mid = (lo + hi) / 2
                        if try relaxedHolds(Ratio(mid, grid)) { lo = mid } else { hi = mid }
                    }
                    for d in needs {
                        let a = lo * d / grid, b = min(d, hi * d / grid)
                        if a <= b { for j in a...b { candidates.insert(Ratio(j, d)) } }
                    }
                    candidates = candidates.filter { $0.double <= top && !($0 < Ratio(lo, grid)) }
                    candidates.insert(Ratio(lo, grid) == .zero ? .zero : Ratio(lo, grid))
                }
                let sorted = candidates.sorted()
                var a = 0, b = sorted.count      // sorted[a] holds in the relaxation (a = 0: share 0 or lo); sorted[b] not
                while b - a > 1 {
                    let mid = (a + b) / 2
                    if try relaxedHolds(sorted[mid]) { a = mid } else { b = mid }
                }
                // Whole devices: the relaxation's point at share t with its counts rounded up and
                // its money solved again (`fixingCounts`: cheap, and usually enough); else, at the
                // top share only, GLPK's search within the stage's time; then shares ever further
                // below (1, 2, 4, … ratios down). A share neither reached nor ruled out stays
                // possible: `bound` is the largest share not ruled out.
                var bound = sorted[a]
                var found: (t: Ratio, values: [Double])?
                // The next share below t at which some school-kind-year's floor drops.
                func below(_ t: Ratio) -> Ratio? {
                    guard t > .zero else { return nil }
                    return needs.reduce(Ratio.zero) { best, d in
                        let p = t.numerator * d
                        return p >= 1 ? max(best, Ratio((p - 1) / t.denominator, d)) : best
                    }
                }
                func solveLP(_ p: LinearProgram) throws(Failure) -> SolveResult {
                    var opts = options; opts.timeLimitSeconds = max(0.001, left())
                    do throws(SolverError) { return try session.solve(p, options: opts) } catch { throw .solver(error) }
                }
                func repaired(_ share: Ratio) throws(Failure) -> [Double]? {
                    let held = model.holding(share: share)
                    let lp = try solveLP(held.relaxed)
                    guard lp.hasSolution else { return nil }
                    let fixed = try solveLP(model.fixingCounts(roundedUp: lp.values, in: held))
                    return fixed.hasSolution ? fixed.values : nil
                }
                var share = sorted[a], step = 1, searched = false
                while true {
                    probes += 1; progress?(model.stages[0].name, probes)
                    if let v = try repaired(share) { found = (share, v); break }
                    if !searched {
                        searched = true
                        var opts = options; opts.relativeGap = 1; opts.timeLimitSeconds = max(0.001, left())
                        let mip: SolveResult
                        do throws(SolverError) { mip = try session.solve(model.holding(share: share), options: opts) } catch { throw .solver(error) }
                        if mip.hasSolution { found = (share, mip.values); break }
                        if mip.status == .infeasible { bound = below(share) ?? .zero }
                    }
                    if left() <= 0.001 { break }
                    var next = share
                    for _ in 0..<step { if let lower = below(next) { next = lower } }
                    if next == share { break }
                    share = next; step *= 2
                }
                guard let found else { throw .noPlan(stage: model.stages[0].name, status: bound == .zero && share == .zero ? .infeasible : .noSolutionFound) }
                let stageBound = max(bound, found.t)
                let elapsed = clock.now - began
                let first = Lexicographic.Stage(name: model.stages[0].name, status: stageBound == found.t ? .optimal : .feasible,
                                                objective: found.t.double, bestBound: stageBound.double,
                                                seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
                progress?(model.stages[1].name, 0)
                let rest: (stages: [Lexicographic.Stage], values: [Double], stopped: Bool)
                do throws(Lexicographic.Failure) {
                    var held = model.holding(share: found.t)
                    held.objective = model.program.objective
                    rest = try Lexicographic.solve(held, stages: Array(model.stages.dropFirst()), session: session, options: options,
                                                   tolerance: 0, deadline: deadline,
                                                   start: { j, lp, previous in
                                                       if j > 0 { progress?(model.stages[j + 1].name, 0) }
                                                       // The better of the last point and the repaired relaxation.
                                                       let last = previous ?? found.values
                                                       guard let relaxed = try? solveLP(lp.relaxed), relaxed.hasSolution,
                                                             let fixed = try? solveLP(model.fixingCounts(roundedUp: relaxed.values, in: lp)),
                                                             fixed.hasSolution else { return last }
                                                       let better = lp.objective.direction == .maximize
                                                           ? lp.objectiveValue(fixed.values) > lp.objectiveValue(last)
                                                           : lp.objectiveValue(fixed.values) < lp.objectiveValue(last)
                                                       return better ? fixed.values : last
                                                   })
                } catch {
                    switch error {
                    case .solver(let e): throw .solver(e)
                    case let .noSolution(stage, status): throw .noPlan(stage: stage, status: status)
                    }
                }
                return ([first] + rest.stages, rest.values.isEmpty ? found.values : rest.values, rest.stopped, stageBound)
            }
        }
        let plan = self.plan(model, values: result.values)
        let check = ReplacementVerifier.verify(plan, scenario)
        guard check.isValid else { throw .unverified(check.violations) }
        return Outcome(plan: plan, check: check, stages: result.stages, coverageBound: result.bound,
                       stopped: result.stopped || result.stages.contains { $0.status != .optimal })
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
        var spending: [ReplacementPlan.Spending] = []
        var carried = Dictionary(s.pools.map { ($0.id, Money.zero) }, uniquingKeysWith: { a, _ in a })
        for i in 0..<n {
            let year = first + i
            var room = Dictionary(s.pools.map { ($0.id, $0.money[i] + carried[$0.id]!) }, uniquingKeysWith: { a, _ in a })
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
                // at the end of this year, so no later year loses a carried cent.
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
