import Foundation
import LinearProgramming

/// A scenario whose pools are split among school authorities falls apart into one problem per
/// authority: no pool pays for two authorities' schools, and every objective stage is a sum
/// (maximin: each authority's own smallest coverage), so solving them one by one is exact.
struct AuthoritySplit {
    let original: Scenario
    /// Authorities in sorted order, and for each the sub-scenario of its schools and shares.
    let authorities: [String]
    let scenarios: [Scenario]
    /// The parts' common rules and funding model (they differ only in schools and budgets).
    let shared: Run.Shared

    /// nil when no pool is split; an error when only some are.
    static func make(_ scenario: Scenario) throws(AllocationError) -> AuthoritySplit? {
        // Pools split in part, and every other domain rule: Scenario.validate().
        do { try scenario.validate() } catch { throw .inconsistentScenario(error) }
        if !scenario.pools.contains(where: { $0.authorityBudgets != nil }) { return nil }
        var sorted = scenario
        // A table in id order (the usual case) is not sorted again.
        if !zip(sorted.schools, sorted.schools.dropFirst()).allSatisfy({ $0.id < $1.id }) {
            sorted.schools.sort { $0.id < $1.id }
        }
        // The need table once for all schools, each part's its rows (nil: the rules fail for
        // some school, and each part finds that itself, with the same error as before), worked
        // out beside the cutting of the parts (issue 18: one thread idled here); concurrentPerform
        // runs both on the calling thread too, so it never waits for a busy pool.
        let frozen = sorted
        let table = ParallelResults<NeedTable?, Never>(count: 1)
        let cut = ParallelResults<Cut, Never>(count: 1)
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            if i == 0 { table.set(0, try? NeedTable(frozen)) } else { cut.set(0, Cut(frozen, budgets: scenario.pools)) }
        }
        let whole = table.values[0] ?? nil, c = cut.values[0]!
        return AuthoritySplit(original: sorted, authorities: c.authorities, scenarios: c.parts, withSchools: c.withSchools,
                              needs: whole.map { w in c.rows.map { NeedTable(rows: $0, of: w) } }, rows: c.rows, shared: Run.Shared(sorted))
    }

    /// The parts of a sorted scenario: authorities in sorted order, and for each with schools
    /// its sub-scenario (its schools, its shares as budgets), its rows of the whole and its name.
    private struct Cut: Sendable {
        var authorities: [String] = [], parts: [Scenario] = [], rows: [[Int]] = [], withSchools: [String] = []
        init(_ sorted: Scenario, budgets pools: [Pool]) {
            // Each authority's schools as rows of the sorted whole (in order, so each part is sorted).
            let bySchool = Dictionary(grouping: sorted.schools.indices, by: { sorted.schools[$0].authority })
            var keys = Set(bySchool.keys)
            for p in pools { keys.formUnion(p.authorityBudgets!.keys) }
            authorities = keys.sorted()
            for a in authorities {
                guard let indices = bySchool[a], !indices.isEmpty else { continue }
                var part = sorted
                part.schools = indices.map { sorted.schools[$0] }
                for i in part.pools.indices {
                    part.pools[i].budget = pools[i].authorityBudgets![a] ?? .zero
                    part.pools[i].authorityBudgets = nil
                }
                parts.append(part)
                rows.append(indices)
                withSchools.append(a)
            }
        }
    }

    private let withSchools: [String]
    /// Each part's schools as rows of `original` (in `scenarios` order).
    private let rows: [[Int]]
    /// Each part's need table (rows of the whole's), in `scenarios` order; nil: each part works out its own.
    let needs: [NeedTable]?
    private init(original: Scenario, authorities: [String], scenarios: [Scenario], withSchools: [String], needs: [NeedTable]?,
                 rows: [[Int]], shared: Run.Shared) {
        self.original = original; self.authorities = authorities; self.scenarios = scenarios; self.withSchools = withSchools
        self.needs = needs; self.rows = rows; self.shared = shared
    }

    /// The authorities' schools in the order of the whole, sorted by id: each part's plan lists
    /// its schools in its rows' order, so each goes back to its row (no sort of the whole). When
    /// that does not give strictly increasing ids (a part's plan in another order, or an id
    /// twice in a scenario built in code), the plans' schools are sorted by id as before.
    /// The schools are moved out of `plans` (each part's list is left holding empty schools):
    /// issue 18, copying 40,005 schools (a retain per field) and freeing the parts' copies ran
    /// on one thread while the other idled.
    func mergedSchools(_ plans: inout [Plan]) -> [Plan.SchoolAllocation] {
        func sortedByID() -> [Plan.SchoolAllocation] { plans.flatMap(\.schools).sorted { $0.school.id < $1.school.id } }
        guard plans.count == rows.count, zip(plans, rows).allSatisfy({ $0.schools.count == $1.count }),
              plans.first?.schools.first != nil else { return sortedByID() }
        // Each part's school at row r must be the whole's school r, every row filled once, and the
        // whole's ids strictly increasing: then the schools at their rows are sorted by id.
        var filled = [Bool](repeating: false, count: original.schools.count)
        let inOrder = original.schools.withUnsafeBufferPointer { whole in
            zip(whole, whole.dropFirst()).allSatisfy { $0.id < $1.id }
                && zip(plans, rows).allSatisfy { plan, rows in
                    plan.schools.withUnsafeBufferPointer { part in
                        zip(part.indices, rows).allSatisfy { i, row in
                            guard row >= 0, row < whole.count, !filled[row], part[i].school.id == whole[row].id else { return false }
                            filled[row] = true
                            return true
                        }
                    }
                }
        } && !filled.contains(false)
        guard inOrder else { return sortedByID() }
        let empty = Plan.SchoolAllocation(school: School(id: "", name: "", form: "", district: "", pupils: 0, socialIndex: nil,
                                                         teachers: 0),
                                          need: [], devices: [], funding: [], grantDevices: [])
        return [Plan.SchoolAllocation](unsafeUninitializedCapacity: original.schools.count) { placed, count in
            for p in plans.indices {
                var schools: [Plan.SchoolAllocation] = []
                swap(&schools, &plans[p].schools)
                schools.withUnsafeMutableBufferPointer { part in
                    for (i, row) in rows[p].enumerated() {
                        (placed.baseAddress! + row).moveInitialize(from: part.baseAddress! + i, count: 1)
                        (part.baseAddress! + i).initialize(to: empty)
                    }
                }
                plans[p].schools = schools
            }
            count = original.schools.count
        }
    }

    /// One plan from the authorities' plans (in `scenarios` order), verified as a whole.
    func merge(_ given: consuming [Plan], solverVersion: String) throws(AllocationError) -> Plan {
        var plans = given  // moved: the caller's last copy, so the schools can be moved out
        let pools = original.pools.enumerated().map { p, pool in
            Plan.PoolUse(pool: pool, spent: plans.reduce(Money.zero) { $0 + $1.pools[p].spent })
        }
        let byAuthority = Dictionary(uniqueKeysWithValues: zip(withSchools, plans.indices))
        let results = authorities.map { a -> Plan.AuthorityResult in
            let plan = byAuthority[a].map { plans[$0] }
            return Plan.AuthorityResult(authority: a, schools: plan?.schools.count ?? 0,
                                        budgets: original.pools.map { $0.authorityBudgets![a] ?? .zero },
                                        spent: original.pools.indices.map { plan?.pools[$0].spent ?? .zero },
                                        guaranteedCoverage: plan?.guaranteedCoverage)
        }
        // Stages add up across authorities, except the smallest coverage, which is the least.
        var stages: [Plan.Stage] = []
        for plan in plans {
            for st in plan.solver.stages {
                if let i = stages.firstIndex(where: { $0.name == st.name }) {
                    let isMin = st.name.hasPrefix(Run.Stage.coverage.rawValue)
                    stages[i].objective = isMin ? min(stages[i].objective, st.objective) : stages[i].objective + st.objective
                    stages[i].bestBound = isMin ? min(stages[i].bestBound, st.bestBound) : stages[i].bestBound + st.bestBound
                    stages[i].seconds += st.seconds
                    if st.status != .optimal { stages[i].status = st.status }
                } else {
                    stages.append(st)
                }
            }
        }
        let first = plans.first?.solver
        let report = Plan.SolverReport(
            status: plans.contains { $0.solver.status != .optimal } ? .feasible : .optimal,
            objectiveName: first?.objectiveName ?? Run.Stage.weighted.rawValue,
            objective: plans.reduce(0) { $0 + $1.solver.objective }, bestBound: plans.reduce(0) { $0 + $1.solver.bestBound },
            gapDevices: plans.reduce(0) { $0 + $1.solver.gapDevices }, seconds: plans.reduce(0) { $0 + $1.solver.seconds },
            solverVersion: solverVersion, relativeGap: original.solver.relativeGap,
            timeLimitSeconds: original.solver.timeLimitSeconds, stages: stages,
            stoppedAtTimeLimit: plans.contains { $0.solver.stoppedAtTimeLimit })
        let coverage = plans.compactMap(\.guaranteedCoverage).min()
        var plan = Plan(scenario: original, schools: mergedSchools(&plans),
                        pools: pools, guaranteedCoverage: coverage, solver: report)
        // Per device kind: the least of the authorities' guarantees.
        if plans.contains(where: { !$0.kindCoverage.isEmpty }) {
            plan.kindCoverage = original.deviceKinds.indices.map { k in
                plans.compactMap { $0.kindCoverage.indices.contains(k) ? $0.kindCoverage[k] : nil }.min()
            }
        }
        plan.authorities = results
        let problems = PlanVerifier.verify(plan)
        if !problems.isEmpty { throw .verificationFailed(problems) }
        return plan
    }
}

/// Results filled in by worker threads, with work handed out one index at a time.
public final class ParallelResults<Value: Sendable, Failure: Error & Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Value?]
    private let tasks: Int
    private var next = 0
    private var finished = 0
    private var failure: Failure?

    /// `count` results; work is handed out as `tasks` indices (default: one per result).
    public init(count: Int, tasks: Int? = nil) {
        stored = Array(repeating: nil, count: count)
        self.tasks = tasks ?? count
    }

    /// The next task to work on, or nil when all are taken or one failed.
    public func claim() -> Int? {
        lock.withLock {
            guard failure == nil, next < tasks else { return nil }
            defer { next += 1 }
            return next
        }
    }
    public func set(_ i: Int, _ value: Value) { lock.withLock { stored[i] = value; finished += 1 } }
    public func fail(_ e: Failure) { lock.withLock { if failure == nil { failure = e } } }
    public var values: [Value?] { lock.withLock { stored } }
    /// The results, handed over: none are kept here (so the caller holds the only copy).
    public func take() -> [Value?] { lock.withLock { defer { stored = [] }; return stored } }
    public var error: Failure? { lock.withLock { failure } }
    public var done: Int { lock.withLock { finished } }
}

/// How money is shared among school authorities: an authority's weight is the sum over its
/// schools of pupils × the weight of the school's social-index level (documented in the
/// scenario). Budgets are scaled from a reference authority's by the ratio of weights.
public struct AuthorityKey: Sendable, Equatable {
    public var pupilWeightByLevel: [Int: Decimal]
    public var withoutLevel: Decimal

    public init(pupilWeightByLevel: [Int: Decimal], withoutLevel: Decimal) {
        self.pupilWeightByLevel = pupilWeightByLevel; self.withoutLevel = withoutLevel
    }

    public func weight(of schools: [School]) -> Decimal {
        var sums = LevelSums()
        for s in schools { sums.add(s) }
        return weight(of: sums)
    }

    /// Σ pupils × w(level) from the pupils summed per level: (Σ pupils) × w(level), one Decimal
    /// product per level, after the pupils of schools without a level or with a level the
    /// table lacks ("without"); levels 0-9 in order, and when a level outside 0-9 (not from
    /// the loader) is weighted, all weighted levels in order.
    public func weight(of sums: LevelSums) -> Decimal {
        var without = sums.none
        var weighted: [Int: Int] = [:]
        for (level, pupils) in sums.other {
            if pupilWeightByLevel[level] != nil { weighted[level] = pupils } else { without += pupils }
        }
        for level in 0..<10 where sums.seen(level) && pupilWeightByLevel[level] == nil { without += sums.byLevel[level] }
        var sum = Decimal(without) * withoutLevel
        if weighted.isEmpty {
            for level in 0..<10 where sums.seen(level) {
                if let w = pupilWeightByLevel[level] { sum += Decimal(sums.byLevel[level]) * w }
            }
            return sum
        }
        for level in 0..<10 where sums.seen(level) && pupilWeightByLevel[level] != nil { weighted[level] = sums.byLevel[level] }
        for level in weighted.keys.sorted() { sum += Decimal(weighted[level]!) * pupilWeightByLevel[level]! }
        return sum
    }

    /// `budget` × weight / reference weight, to the cent (half up).
    public static func scale(_ budget: Money, weight: Decimal, reference: Decimal) -> Money {
        guard reference > 0 else { return .zero }
        return Money(cents: (Decimal(budget.cents) * weight / reference).roundedHalfUp().intValue)
    }
}
