import Foundation
import LinearProgramming

/// What a plan's figures depend on, in euros, devices and pupils: the marginal value of each
/// pool's money, the rules that bind and at which schools, and how far each need weight may
/// move before the allocation changes. Facts only: `ExplanationReport` (Reports) words them.
public struct Explanation: Sendable {
    /// How the marginal values and ranges were computed (stated in every output): the solver's
    /// sensitivity analysis of the linear program of the need-weighted-devices stage with the
    /// integer requirements relaxed, for pools at the scenario's floors, for weights at the
    /// plan's lower bounds (for maximin: its proven coverage).
    public var method: SensitivityMethod

    public struct PoolMargin: Sendable {
        public var pool: Pool
        public var spent: Money
        /// The budget limits the linear program (its row holds with equality).
        public var isBinding: Bool
        /// Devices per euro of this pool's budget, by device kind (scenario order).
        public var devicesPerEuro: [Double]
        /// Budget values over which these rates hold (nil: not binding, no rate).
        public var rangeLow: Money?
        public var rangeHigh: Money?

        /// Whole devices of each kind that `euros` more (or less, if negative) would buy
        /// (lose), at the rate and within its range; rounded towards zero.
        public func devices(for euros: Int, kind k: Int) -> Int {
            let step = Double(euros)
            let clipped: Double
            if step >= 0 { clipped = min(step, rangeHigh.map { max(0, $0.eurosDouble - pool.budget.eurosDouble) } ?? step) }
            else { clipped = max(step, rangeLow.map { min(0, $0.eurosDouble - pool.budget.eurosDouble) } ?? step) }
            let d = devicesPerEuro[k] * clipped
            return Int(d >= 0 ? (d + 1e-9).rounded(.down) : (d - 1e-9).rounded(.up))
        }
        /// Whether a change of `euros` stays within the range where the rate holds.
        public func rateHolds(for euros: Int) -> Bool {
            let b = pool.budget.cents + euros * 100
            return (rangeLow.map { b >= $0.cents } ?? true) && (rangeHigh.map { b <= $0.cents } ?? true)
        }
    }

    public struct WeightRange: Sendable {
        /// The index level whose weight this is (pupil kinds) ...
        public var level: Int?
        /// ... or the id of a device kind weighted on its own (teachers).
        public var kind: String?
        public var weight: Decimal
        /// Weights between these values keep every school's device count (nil: no limit).
        public var low: Double?
        public var high: Double?
        public var schools: Int
    }

    public struct Binding: Sendable {
        public enum Rule: String, Sendable { case budget, cap, floor, coverage, need }
        /// What binds, in figures.
        public enum Fact: Sendable, Equatable {
            /// A pool has less money left than one more device it may pay would take.
            case budgetExhausted(pool: String, left: Money, oneMoreDevice: Money)
            /// A grant's cap per device is below the kind's price: it pays `pays` per device
            /// (`rate` of the cap) for `devices` devices; the rest is own share.
            case capBinds(pool: String, kind: String, cap: Money, price: Money, pays: Money, rate: Decimal, devices: Int)
            /// A kind's coverage floor holds with equality at the schools.
            case floorHolds(kind: String, floor: Decimal)
            /// Maximin: the schools are held at the kind's guaranteed coverage.
            case heldAtCoverage(kind: String, coverage: Ratio)
            /// The need limit binds: the schools get all the devices of the kind they need.
            case needMet(kind: String)
        }
        public var fact: Fact
        /// School numbers where it binds (empty for pool-wide rules).
        public var schools: [String]
        public var rule: Rule {
            switch fact {
            case .budgetExhausted: return .budget
            case .capBinds: return .cap
            case .floorHolds: return .floor
            case .heldAtCoverage: return .coverage
            case .needMet: return .need
            }
        }
    }

    public var plan: Plan
    public var pools: [PoolMargin]
    public var weights: [WeightRange]
    public var bindings: [Binding]
}

extension AllocationEngine {
    /// Solves the scenario and explains the plan. `started`: where the time limit counts from
    /// (a command's start, a request's arrival); by default the call itself. The limit bounds
    /// the solve; the sensitivity analysis of its plan (linear programs) follows it.
    public func explain(_ scenario: Scenario, started: ContinuousClock.Instant? = nil) throws(AllocationError) -> Explanation {
        if try AuthoritySplit.make(scenario) != nil {
            throw .inconsistentScenario(ScenarioIssue("", .explainNeedsOneAuthority))
        }
        let plan = try solve(scenario, workers: 1, started: started)
        // Weights are analysed at the plan (for maximin: its proven coverage as lower bounds);
        // pools at the scenario's floors, so that less money may lower that coverage too.
        let (model, poolModel, needs, sorted) = try withReusableSolver { (engine) throws(AllocationError) in
            var run = try Run(scenario: scenario, sessions: engine)
            return (try run.weightedModel(), try run.weightedModel(atFloorsOnly: true), run.needs, run.scenario)
        }
        let kinds = sorted.deviceKinds
        let poolRows = sorted.pools.indices.compactMap { model.budgetRow[$0] }
        // Objective directions: the weight of each index level (pupil kinds), and of each
        // kind weighted on its own (teachers).
        var directions: [[LinearProgram.Term]] = []
        var weightInfo: [(level: Int?, kind: String?, weight: Decimal, schools: Int)] = []
        let pupilKinds = kinds.indices.filter { kinds[$0].basis == .pupils }
        for level in 1...9 {
            var terms: [LinearProgram.Term] = []
            var schools = 0
            for (s, school) in sorted.schools.enumerated() {
                // The same grouping as every report (PlanFigures.levelKey): all schools at the level.
                guard NeedTable.reportLevel(school, sorted.need) == level else { continue }
                let cols = pupilKinds.compactMap { model.x[s][$0] }
                schools += 1
                terms += cols.map { .init($0, 1) }
            }
            guard !terms.isEmpty, let w = sorted.need.priorityWeightByLevel[level] else { continue }
            directions.append(terms)
            weightInfo.append((level, nil, w, schools))
        }
        for (k, kind) in kinds.enumerated() where kind.basis == .teachers {
            let cols = model.x.compactMap { $0[k] }
            guard !cols.isEmpty else { continue }
            directions.append(cols.map { .init($0, 1) })
            weightInfo.append((nil, kind.id, kind.priorityWeight, cols.count))
        }
        let weightReport = try analyse(model.program.relaxed, SensitivityRequest(rows: [], objectiveDirections: directions))
        let report = try analyse(poolModel.program.relaxed, SensitivityRequest(rows: poolRows))

        // Pools: devices per euro from how the device columns move with the budget.
        var kindOfColumn = [Int: Int]()
        for row in poolModel.x { for (k, c) in row.enumerated() { if let c { kindOfColumn[c] = k } } }
        var margins: [Explanation.PoolMargin] = []
        var next = 0
        for (p, pool) in sorted.pools.enumerated() {
            let spent = plan.pools.first { $0.pool.id == pool.id }?.spent ?? .zero
            guard poolModel.budgetRow[p] != nil else {
                margins.append(.init(pool: pool, spent: spent, isBinding: false, devicesPerEuro: kinds.map { _ in 0 }))
                continue
            }
            let r = report.rows[next]; next += 1
            let rate = rates(r, kindOfColumn, kinds.count)
            var low = r.boundRange?.lowerBound, high = r.boundRange?.upperBound
            if r.isBinding, let row = poolModel.budgetRow[p] {
                // The basis changes whenever one more school reaches a bound, but the rate in
                // devices per euro often stays: follow it across those changes.
                low = try continueRange(poolModel.program.relaxed, row: row, from: low, rate: rate, step: -1, kindOfColumn, kinds.count)
                high = try continueRange(poolModel.program.relaxed, row: row, from: high, rate: rate, step: 1, kindOfColumn, kinds.count)
            }
            if !r.isBinding {
                // Money left: no devices per euro, from what is spent upwards.
                margins.append(.init(pool: pool, spent: spent, isBinding: false, devicesPerEuro: kinds.map { _ in 0 },
                                     rangeLow: spent, rangeHigh: nil))
                continue
            }
            // A solver may report "no limit" as the largest finite number; money beyond 10^12 € is no limit either.
            func money(_ v: Double?) -> Money? {
                guard let v, v.isFinite, abs(v) < 1e12 else { return nil }
                return Money(cents: Int((max(0, v) * 100).rounded()))
            }
            margins.append(.init(pool: pool, spent: spent, isBinding: r.isBinding, devicesPerEuro: rate,
                                 rangeLow: money(low) ?? (low == nil ? nil : .zero), rangeHigh: money(high)))
        }
        let weights = zip(weightInfo, weightReport.objectiveRanges).map { info, range in
            Explanation.WeightRange(level: info.level, kind: info.kind, weight: info.weight,
                                    low: range.lowerBound.isFinite && range.lowerBound > -1e300 ? info.weight.doubleValue + range.lowerBound : nil,
                                    high: range.upperBound.isFinite && range.upperBound < 1e300 ? info.weight.doubleValue + range.upperBound : nil,
                                    schools: info.schools)
        }
        return Explanation(method: solver.sensitivityMethod, plan: plan, pools: margins, weights: weights,
                           bindings: Self.bindings(plan, needs))
    }

    func analyse(_ program: LinearProgram, _ request: SensitivityRequest) throws(AllocationError) -> SensitivityReport {
        let result: SolveResult
        let report: SensitivityReport?
        do { (result, report) = try solver.sensitivity(program, request: request) } catch { throw .solver(error) }
        guard let report, result.status == .optimal else {
            throw .unexpectedStatus(stage: "explain (LP with the integers fixed)", status: result.status.rawValue, why: "the plan it starts from is feasible")
        }
        return report
    }

    /// Devices per euro of each kind, from how the device columns move with a row's bound.
    func rates(_ row: SensitivityReport.Row, _ kindOfColumn: [Int: Int], _ kinds: Int) -> [Double] {
        var rate = [Double](repeating: 0, count: kinds)
        for t in row.variableChange { if let k = kindOfColumn[t.variable] { rate[k] += t.coefficient } }
        return rate
    }

    /// Moves the bound of `row` past the edge of its range, again and again, while the devices
    /// per euro stay the same; returns the last edge where they still did (nil: no limit).
    func continueRange(_ program: LinearProgram, row: Int, from edge: Double?, rate: [Double], step: Double,
                       _ kindOfColumn: [Int: Int], _ kinds: Int) throws(AllocationError) -> Double? {
        guard var edge, edge.isFinite else { return nil }
        var lp = program
        for _ in 0..<400 {
            let probe = edge + step * 0.01
            if probe < 0 { return max(0, edge) }
            lp.constraints[row].upper = probe
            let report: SensitivityReport?
            do { (_, report) = try solver.sensitivity(lp, request: SensitivityRequest(rows: [row])) } catch { throw .solver(error) }
            guard let r = report?.rows.first, r.isBinding, let range = r.boundRange else { return edge }
            let next = rates(r, kindOfColumn, kinds)
            guard zip(next, rate).allSatisfy({ abs($0 - $1) <= 1e-9 * max(1, abs($1)) }) else { return edge }
            let far = step > 0 ? range.upperBound : range.lowerBound
            if !far.isFinite || abs(far) >= 1e300 { return step > 0 ? nil : 0 }
            if abs(far - edge) < 1e-9 { return edge }
            edge = far
        }
        return edge
    }

    /// The rules that hold with equality in the integer plan, and where.
    static func bindings(_ plan: Plan, _ needs: NeedTable) -> [Explanation.Binding] {
        var out: [Explanation.Binding] = []
        let kinds = plan.kinds
        for use in plan.pools {
            // What one more device would take from this pool, for the kinds it may pay.
            let perDevice = kinds.filter { use.pool.kinds.contains($0.id) }.map { kind -> Money in
                use.pool.isGrant ? use.pool.grantPerDevice(price: kind.unitPrice)
                    : use.pool.rule == .remainder ? plan.scenario.pools.filter(\.isGrant).map { kind.unitPrice - $0.grantPerDevice(price: kind.unitPrice) }.filter { $0 > .zero }.min() ?? kind.unitPrice
                    : kind.unitPrice
            }.filter { $0 > .zero }
            // A pool of 0 € that buys nothing binds nothing: it is empty, not exhausted.
            if let cheapest = perDevice.min(), use.remaining < cheapest, use.pool.budget.cents > 0 {
                out.append(.init(fact: .budgetExhausted(pool: use.pool.name, left: use.remaining, oneMoreDevice: cheapest), schools: []))
            }
        }
        for pool in plan.scenario.pools {
            guard case let .grant(rate, cap) = pool.rule else { continue }
            for kind in kinds where pool.kinds.contains(kind.id) && kind.unitPrice > cap {
                let n = plan.schools.reduce(0) { s, a in s + (a.grantDevices[kinds.firstIndex(of: kind)!][plan.scenario.pools.firstIndex(of: pool)!]) }
                out.append(.init(fact: .capBinds(pool: pool.name, kind: kind.id, cap: cap, price: kind.unitPrice,
                                                 pays: pool.grantPerDevice(price: kind.unitPrice), rate: rate, devices: n), schools: []))
            }
        }
        for (k, kind) in kinds.enumerated() {
            if kind.coverageFloor > 0 {
                let at = plan.schools.enumerated().filter { s, a in needs.entries[s][k].floor > 0 && a.devices[k] == needs.entries[s][k].floor }.map { $1.school.id }
                if !at.isEmpty { out.append(.init(fact: .floorHolds(kind: kind.id, floor: kind.coverageFloor), schools: at)) }
            }
            if let t = k < plan.kindCoverage.count ? plan.kindCoverage[k] : plan.guaranteedCoverage, plan.scenario.objective == .maximin {
                let at = plan.schools.filter { a in a.need[k] > 0 && a.devices[k] == t.times(a.need[k], roundUp: true) && a.devices[k] < a.need[k] }.map(\.school.id)
                if !at.isEmpty { out.append(.init(fact: .heldAtCoverage(kind: kind.id, coverage: t), schools: at)) }
            }
            let full = plan.schools.filter { $0.need[k] > 0 && $0.devices[k] == $0.need[k] }.map(\.school.id)
            if !full.isEmpty { out.append(.init(fact: .needMet(kind: kind.id), schools: full)) }
        }
        return out
    }
}
