import Foundation
import Allocation
import LinearProgramming
import ScenarioFiles

/// What can stop a calibration, as facts; the words, German and English, are
/// `Sources/Reports/ErrorWords+Commands.swift`.
public enum CalibrationError: Error, Equatable {
    /// The observed file or an option is wrong (exit 1); `option`: the option and its value
    /// ("--fit need.formFactor.X"), nil: the scenario.
    case badInput(option: String?, Problem)
    /// No parameters within the bounds and rules can exist, or the observed devices cannot be
    /// bought with the pools (exit 2).
    case infeasible(Infeasible)
    case allocation(AllocationError)
    case solver(SolverError)
    /// The fit's LP ended with a status that is neither optimal nor infeasible.
    case fitEnded(TerminationStatus)

    /// What is wrong with an option of the fit.
    public enum Problem: Sendable, Equatable {
        /// A form that need.schoolForms does not have.
        case notASchoolForm(String, allowed: [String])
        /// A --fit that names no parameter (`allowed`: the ones it may name).
        case unknownParameter(allowed: [String])
        /// A --bound without '='.
        case boundSyntax
        /// A --bound whose LOW:HIGH are not two plain numbers.
        case boundNumbers
        /// A --bound for a key that is not a parameter.
        case unknownBoundKey(String)
        /// Bounds outside the values the parameter may take.
        case boundsOutside(low: Double, high: Double, min: Double, max: Double)
        /// No device kind for pupils: nothing to calibrate.
        case noPupilKinds
    }

    /// Why no parameters can fit.
    public enum Infeasible: Sendable, Equatable {
        /// A --bound whose lower bound is above its upper one.
        case boundsCrossed(option: String, low: Double, high: Double)
        /// The largest observed set costs more than the pools for pupil devices hold:
        /// `kind`, `rows`, `line` say which set (`line`: the total's), `devices` its sum.
        case notAffordable(file: String, kind: ObservedGroup.Kind, rows: Int, line: Int?, devices: Int,
                           cost: Money, price: Money, money: Money, affordable: Int)
        /// Non-decreasing shares cannot keep the bounds at a level.
        case notMonotone(level: Int, lowest: Double, highest: Double)
        /// The bounds (and the monotone rule, when `monotone`) leave no parameters.
        case noParameters(monotone: Bool)
        /// The scenario with the fitted values has no plan.
        case noPlan(AllocationError)
    }
}

extension CalibrationError: ClassifiedError {
    public var errorClass: ErrorClass {
        switch self {
        case .badInput: return .input
        case .infeasible: return .infeasible
        case .allocation(let e): return e.errorClass
        case .solver, .fitEnded: return .solverOrInternal
        }
    }
}

/// One parameter the fit may move.
public enum FitParameter: Hashable, Sendable {
    /// need.pupilShareByLevel.L
    case share(level: Int)
    /// need.formFactor.FORM
    case formFactor(form: String)
    /// need.withoutLevel.FORM: the level a form's schools without an index level are treated as.
    case withoutLevel(form: String)

    /// The scenario key path.
    public var key: String {
        switch self {
        case .share(let l): return "need.pupilShareByLevel.\(l)"
        case .formFactor(let f): return "need.formFactor.\(f)"
        case .withoutLevel(let f): return "need.withoutLevel.\(f)"
        }
    }
    /// The key of its table ("need.pupilShareByLevel"), for bounds given for a whole table.
    var tableKey: String {
        switch self {
        case .share: return "need.pupilShareByLevel"
        case .formFactor: return "need.formFactor"
        case .withoutLevel: return "need.withoutLevel"
        }
    }
}

/// What to fit, and how.
public struct CalibrationSpec: Sendable, Equatable {
    public enum Loss: String, Sendable, Equatable, CaseIterable, Codable {
        /// Sum of |predicted - observed| / observed: a district of 700 counts as much as the city.
        case relative
        /// Sum of |predicted - observed|, scaled by the mean observed count.
        case absolute
    }
    /// Fit need.pupilShareByLevel (all nine levels; a bound a:a fixes one).
    public var fitShares = true
    /// Forms whose need.formFactor is fitted.
    public var factorForms: [String] = []
    /// Forms whose need.withoutLevel rule is fitted (a level 1-9, by enumeration).
    public var withoutLevelForms: [String] = []
    /// Bounds by parameter key or table key (the table's bound applies to each entry).
    public var bounds: [String: ClosedRange<Double>] = [:]
    /// need.pupilShareByLevel non-decreasing in the level.
    public var monotone = true
    public var loss = Loss.relative
    /// Weight of the smoothness term: |s(l+1) - 2 s(l) + s(l-1)| for levels 2-8 (a change of
    /// slope between neighbouring levels), in units of relative error.
    public var smoothness = 0.2
    /// Weight of |value - the scenario's value| per parameter: among fits equally good, the one
    /// that moves the scenario least.
    public var anchor = 0.01
    /// Fit → solve rounds at most.
    public var maxIterations = 8
    public var leaveOneOut = true

    public init() {}

    public static let defaultShareBounds: ClosedRange<Double> = ScenarioLimits.pupilShare.doubles
    public static let defaultFactorBounds: ClosedRange<Double> = 0...1

    func bounds(_ p: FitParameter) -> ClosedRange<Double> {
        if let b = bounds[p.key] ?? bounds[p.tableKey] { return b }
        switch p {
        case .share: return Self.defaultShareBounds
        case .formFactor: return Self.defaultFactorBounds
        case .withoutLevel: return 1...9
        }
    }

    /// Reads `--fit` and `--bound` options against a scenario. With no `--fit`, fits the share
    /// table and the form factor of every form whose schools have no index level.
    public static func parse(fit: [String], bounds: [String], scenario: Scenario) throws(CalibrationError) -> CalibrationSpec {
        var spec = CalibrationSpec()
        let forms = Set(scenario.need.formGrades.keys)
        func form(_ name: Substring, _ option: String) throws(CalibrationError) -> String {
            let f = String(name)
            guard forms.contains(f) else {
                throw .badInput(option: option, .notASchoolForm(f, allowed: forms.sorted()))
            }
            return f
        }
        let allowed = ["need.pupilShareByLevel", "need.formFactor.FORM", "need.withoutLevel.FORM"]
        if fit.isEmpty {
            let withoutLevel = Set(scenario.schools.filter { $0.socialIndex == nil && scenario.need.formGrades[$0.form] != nil }.map(\.form))
            let withLevel = Set(scenario.schools.filter { $0.socialIndex != nil }.map(\.form))
            spec.factorForms = withoutLevel.subtracting(withLevel).sorted()
        } else {
            spec.fitShares = false
            for item in fit {
                let option = "--fit \(item.prefix(80))"
                if item == "need.pupilShareByLevel" { spec.fitShares = true }
                else if item.hasPrefix("need.formFactor.") {
                    let f = try form(item.dropFirst("need.formFactor.".count), option)
                    if !spec.factorForms.contains(f) { spec.factorForms.append(f) }
                } else if item.hasPrefix("need.withoutLevel.") {
                    let f = try form(item.dropFirst("need.withoutLevel.".count), option)
                    if !spec.withoutLevelForms.contains(f) { spec.withoutLevelForms.append(f) }
                } else {
                    throw .badInput(option: option, .unknownParameter(allowed: allowed))
                }
            }
        }
        for item in bounds {
            let option = "--bound \(item.prefix(80))"
            guard let eq = item.firstIndex(of: "=") else { throw .badInput(option: option, .boundSyntax) }
            let key = String(item[..<eq])
            let parts = item[item.index(after: eq)...].split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let lo = Double(parts[0]), let hi = Double(parts[1]), lo.isFinite, hi.isFinite else {
                throw .badInput(option: option, .boundNumbers)
            }
            let range: ClosedRange<Double>
            if key == "need.pupilShareByLevel" || (key.hasPrefix("need.pupilShareByLevel.") && Int(key.dropFirst(23)).map { ScenarioLimits.indexLevels.contains($0) } == true) {
                range = ScenarioLimits.pupilShare.doubles
            } else if key == "need.formFactor" || key.hasPrefix("need.formFactor.") {
                if key != "need.formFactor" { _ = try form(key.dropFirst("need.formFactor.".count), option) }
                range = ScenarioLimits.formFactor.doubles
            } else {
                throw .badInput(option: option, .unknownBoundKey(String(key.prefix(60))))
            }
            guard lo <= hi else { throw .infeasible(.boundsCrossed(option: option, low: lo, high: hi)) }
            guard range.contains(lo), range.contains(hi) else {
                throw .badInput(option: option, .boundsOutside(low: lo, high: hi, min: range.lowerBound, max: range.upperBound))
            }
            spec.bounds[key] = lo...hi
        }
        return spec
    }
}

/// The fitted parameters and how well they reproduce the observed counts.
public struct CalibrationResult: Sendable {
    public struct GroupFit: Sendable, Equatable {
        public var group: ObservedGroup
        /// Devices the scenario's plan gives the group before and after the fit.
        public var before: Int
        public var after: Int
        /// The group predicted by a fit that did not see it (nil: no leave-one-out).
        public var leaveOneOut: Double?
        public var absoluteError: Int { after - group.observed }
        public var relativeError: Double? { group.observed == 0 ? nil : Double(after - group.observed) / Double(group.observed) }
        public var relativeErrorBefore: Double? { group.observed == 0 ? nil : Double(before - group.observed) / Double(group.observed) }
        public var leaveOneOutRelativeError: Double? {
            guard let l = leaveOneOut, group.observed > 0 else { return nil }
            return (l - Double(group.observed)) / Double(group.observed)
        }
    }
    public struct ParameterFit: Sendable, Equatable {
        public var parameter: FitParameter
        public var before: Decimal
        public var after: Decimal
        public var bounds: ClosedRange<Double>
    }
    public struct Iteration: Sendable, Equatable {
        /// Largest change of a parameter in this round.
        public var change: Double
        /// The plan's mean absolute percentage error after this round.
        public var mape: Double
        public var pupilDevices: Int
    }
    public var observations: Observations
    public var spec: CalibrationSpec
    public var scenario: Scenario
    public var basePlan: Plan
    public var plan: Plan
    public var groups: [GroupFit]
    public var parameters: [ParameterFit]
    public var iterations: [Iteration]
    public var converged: Bool
    /// Free continuous and discrete parameters (a bound a:a fixes one).
    public var freeParameters: Int
    public var notes: [CalibrationNote]

    public var mapeBefore: Double? { mape(groups.map { ($0.group.observed, Double($0.before)) }) }
    public var mapeAfter: Double? { mape(groups.map { ($0.group.observed, Double($0.after)) }) }
    public var mapeLeaveOneOut: Double? {
        let pairs = groups.compactMap { g in g.leaveOneOut.map { (g.group.observed, $0) } }
        return pairs.isEmpty ? nil : mape(pairs)
    }
    public var spearmanBefore: Double? { spearman(groups.map { Double($0.group.observed) }, groups.map { Double($0.before) }) }
    public var spearmanAfter: Double? { spearman(groups.map { Double($0.group.observed) }, groups.map { Double($0.after) }) }
}

/// Mean of |predicted - observed| / observed over groups observed above 0.
func mape(_ pairs: [(Int, Double)]) -> Double? {
    let used = pairs.filter { $0.0 > 0 }
    guard !used.isEmpty else { return nil }
    return used.reduce(0.0) { $0 + abs($1.1 - Double($1.0)) / Double($1.0) } / Double(used.count)
}

/// Spearman's rank correlation (average ranks for ties); nil below 3 groups or without spread.
public func spearman(_ a: [Double], _ b: [Double]) -> Double? {
    guard a.count == b.count, a.count >= 3 else { return nil }
    func ranks(_ x: [Double]) -> [Double] {
        let order = x.indices.sorted { x[$0] < x[$1] }
        var r = [Double](repeating: 0, count: x.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && x[order[j + 1]] == x[order[i]] { j += 1 }
            for k in i...j { r[order[k]] = Double(i + j) / 2 + 1 }
            i = j + 1
        }
        return r
    }
    let ra = ranks(a), rb = ranks(b)
    let ma = ra.reduce(0, +) / Double(ra.count), mb = rb.reduce(0, +) / Double(rb.count)
    var sab = 0.0, saa = 0.0, sbb = 0.0
    for (x, y) in zip(ra, rb) { sab += (x - ma) * (y - mb); saa += (x - ma) * (x - ma); sbb += (y - mb) * (y - mb) }
    guard saa > 0, sbb > 0 else { return nil }
    return sab / (saa * sbb).squareRoot()
}

/// Fits need parameters to observed device counts.
///
/// The plan's devices for a school are need × the coverage the plan reaches there, and the
/// coverage depends on the need through the whole allocation. The calibrator therefore
/// alternates: with each school's coverage held at the last plan's, the predicted devices are
/// linear in the share table (and, separately, in the form factors), so the L1 fit is a
/// linear program (deviation variables per group, monotonicity, bounds, smoothness); then the
/// scenario is solved again with the fitted values, which gives new coverages, and so on.
///
/// Why it settles: while the grant binds, maximin coverage is about budget / need; a fit at
/// that coverage that matches the observed total scales the need so that the next plan reaches
/// the same coverage again, so after the first round only the small deviations of the
/// weighted second stage remain. Values are rounded to 4 decimals, so the rounds end when a
/// round reproduces the previous values. The number of rounds is bounded by
/// `CalibrationSpec.maxIterations`; a fit that has not settled by then is reported as such.
public struct Calibrator: Sendable {
    public let solver: any LinearSolver
    public init(solver: any LinearSolver) { self.solver = solver }

    /// Values of every fitted parameter.
    struct State: Equatable {
        var shares: [Double]          // levels 1...9 at 0...8
        var factors: [String: Double]
        var levels: [String: Int]     // withoutLevel forms
    }

    /// A school as the linear model sees it.
    struct Row {
        var pupilsInScope: Double
        var form: String
        var ownLevel: Int?            // the ministry's level
        var fixedRule: Int?           // the level from need.withoutLevel, when not fitted (nil: excluded)
        var existing: Double
    }

    /// `progress` hears of the plan as given (round 0) and of every fit → solve round after it.
    /// `started`: where every round's time limit counts from (a command's start: the limit then
    /// bounds the whole calibration; a round solved after it gets the best verified plan at once);
    /// by default each round's own solve.
    public func calibrate(_ base: Scenario, observations: Observations, spec: CalibrationSpec,
                          started: ContinuousClock.Instant? = nil,
                          progress: ((CalibrationProgress) -> Void)? = nil) throws(CalibrationError) -> CalibrationResult {
        var notes: [CalibrationNote] = []
        try checkAffordable(base, observations, notes: &notes)
        let engine = AllocationEngine(solver: solver)
        let rows = try self.rows(base)
        let initial = state(of: base, spec)
        try checkBounds(spec, initial)
        let basePlan = try solve(engine, base, started: started)
        var cov = coverage(basePlan)
        var current = initial
        var scenario = base
        var plan = basePlan
        var iterations: [CalibrationResult.Iteration] = []
        var converged = false
        var seen: [State] = [initial]
        var previous = observations.groups.map { Double(devices(basePlan, $0)) }
        progress?(.init(step: .round(0), maxRounds: max(1, spec.maxIterations), change: nil,
                        meanError: mape(zip(observations.groups, previous).map { ($0.observed, $1) })))
        for _ in 0..<max(1, spec.maxIterations) {
            let (fitted, _) = try fit(rows, cov: cov, start: current, groups: observations.groups, spec: spec, base: base)
            let next = rounded(fitted, spec)
            let change = maxChange(current, next)
            scenario = apply(next, to: base)
            plan = try solve(engine, scenario, started: started)
            cov = coverage(plan)
            let counts = observations.groups.map { g in (g.observed, Double(devices(plan, g))) }
            iterations.append(.init(change: change, mape: mape(counts) ?? 0, pupilDevices: pupilDevices(plan)))
            progress?(.init(step: .round(iterations.count), maxRounds: max(1, spec.maxIterations), change: change, meanError: mape(counts)))
            // Settled: the values repeat, or the coverage moved so little that no observed
            // group's devices changed by more than 0.5 % since the last round.
            let moved = zip(counts, previous).map { abs($0.1 - $1) / max(1, Double($0.0)) }.max() ?? 0
            previous = counts.map(\.1)
            if next == current || (iterations.count > 1 && moved <= 0.005) { converged = true; current = next; break }
            if seen.contains(next) {
                notes.append(.cycle)
                current = next; break
            }
            seen.append(next)
            current = next
        }
        if !converged && !notes.contains(.cycle) {
            notes.append(.notSettled(rounds: spec.maxIterations, lastChange: iterations.last?.change ?? 0))
        }
        var groups = observations.groups.map { g in
            CalibrationResult.GroupFit(group: g, before: devices(basePlan, g), after: devices(plan, g), leaveOneOut: nil)
        }
        if spec.leaveOneOut && observations.groups.count >= 2 {
            for i in groups.indices {
                progress?(.init(step: .leaveOneOut(done: i, of: groups.count), maxRounds: max(1, spec.maxIterations),
                                change: nil, meanError: iterations.last?.mape))
                var rest = observations.groups
                rest.remove(at: i)
                let (loo, _) = try fit(rows, cov: cov, start: current, groups: rest, spec: spec, base: base)
                groups[i].leaveOneOut = predict(rows, state: loo, cov: cov, group: observations.groups[i], base: base)
            }
        }
        let free = freeParameters(spec, initial)
        if free > observations.groups.count {
            notes.append(.underdetermined(groups: observations.groups.count, freeParameters: free))
        }
        var parameters: [CalibrationResult.ParameterFit] = []
        if spec.fitShares {
            for l in 1...9 {
                let p = FitParameter.share(level: l)
                parameters.append(.init(parameter: p, before: base.need.pupilShareByLevel[l] ?? 0,
                                        after: scenario.need.pupilShareByLevel[l] ?? 0, bounds: spec.bounds(p)))
            }
        }
        for f in spec.factorForms {
            let p = FitParameter.formFactor(form: f)
            parameters.append(.init(parameter: p, before: base.need.factor(form: f), after: scenario.need.factor(form: f), bounds: spec.bounds(p)))
        }
        for f in spec.withoutLevelForms {
            let p = FitParameter.withoutLevel(form: f)
            parameters.append(.init(parameter: p, before: Decimal(initial.levels[f] ?? 0), after: Decimal(current.levels[f] ?? 0), bounds: 1...9))
        }
        return CalibrationResult(observations: observations, spec: spec, scenario: scenario, basePlan: basePlan, plan: plan,
                                 groups: groups, parameters: parameters, iterations: iterations, converged: converged,
                                 freeParameters: free, notes: notes)
    }

    // MARK: checks

    /// The observed devices of the largest observed set must be affordable with every pool
    /// that can pay for pupil devices. Published counts are often rounded ("about 19,600"), so
    /// up to 5 % more than the pools can buy is a note, not an error.
    func checkAffordable(_ scenario: Scenario, _ obs: Observations, notes: inout [CalibrationNote]) throws(CalibrationError) {
        let pupilKinds = scenario.deviceKinds.filter { $0.basis == .pupils }
        guard let cheapest = pupilKinds.map(\.unitPrice).min() else {
            throw .badInput(option: nil, .noPupilKinds)
        }
        let ids = Set(pupilKinds.map(\.id))
        let money = scenario.pools.filter { $0.kinds.contains(where: ids.contains) }.reduce(Money.zero) { $0 + $1.budget }
        var most = 0, largest: (line: Int?, rows: Int, kind: ObservedGroup.Kind) = (nil, 0, .total)
        for kind in ObservedGroup.Kind.allCases {
            let parts = obs.groups.filter { $0.kind == kind }
            let n = parts.reduce(0) { $0 + $1.observed }
            if n > most {
                most = n; largest = (kind == .total ? parts[0].line : nil, parts.count, kind)
            }
        }
        let cost = Money(cents: cheapest.cents * most)
        let affordable = money.cents / max(1, cheapest.cents)
        if most * 100 > affordable * 105 {
            throw .infeasible(.notAffordable(file: obs.file, kind: largest.kind, rows: largest.rows, line: largest.line, devices: most,
                                             cost: cost, price: cheapest, money: money, affordable: affordable))
        }
        if most > affordable {
            notes.append(.moreThanAffordable(observed: most, totalLine: largest.line, rows: largest.rows, kind: largest.kind,
                                             affordable: affordable, price: cheapest))
        }
    }

    func checkBounds(_ spec: CalibrationSpec, _ initial: State) throws(CalibrationError) {
        guard spec.fitShares && spec.monotone else { return }
        for l in 1...9 {
            let lowest = (1...l).map { spec.bounds(.share(level: $0)).lowerBound }.max()!
            let highest = (l...9).map { spec.bounds(.share(level: $0)).upperBound }.min()!
            if lowest > highest {
                throw .infeasible(.notMonotone(level: l, lowest: lowest, highest: highest))
            }
        }
    }

    func freeParameters(_ spec: CalibrationSpec, _ s: State) -> Int {
        var n = 0
        if spec.fitShares { n += (1...9).filter { let b = spec.bounds(.share(level: $0)); return b.lowerBound < b.upperBound }.count }
        n += spec.factorForms.filter { let b = spec.bounds(.formFactor(form: $0)); return b.lowerBound < b.upperBound }.count
        return n + spec.withoutLevelForms.count
    }

    // MARK: the model

    func rows(_ scenario: Scenario) throws(CalibrationError) -> [Row] {
        var out: [Row] = []
        for s in scenario.schools {
            let grades = NeedTable.gradeFraction(form: s.form, scenario.need)
            var rule: Int?
            if s.socialIndex == nil {
                do { rule = try NeedTable.effectiveLevel(s, scenario.need) } catch { throw .allocation(error) }
            }
            out.append(Row(pupilsInScope: Double(s.pupils) * NSDecimalNumber(decimal: grades).doubleValue, form: s.form,
                           ownLevel: s.socialIndex, fixedRule: rule, existing: Double(s.existingPupilDevices)))
        }
        return out
    }

    func state(of scenario: Scenario, _ spec: CalibrationSpec) -> State {
        var levels: [String: Int] = [:]
        for f in spec.withoutLevelForms {
            switch scenario.need.withoutLevel[f] ?? scenario.need.defaultWithoutLevel {
            case .level(let l): levels[f] = l
            default: levels[f] = 5
            }
        }
        return State(shares: (1...9).map { double(scenario.need.pupilShareByLevel[$0] ?? 0) },
                     factors: Dictionary(uniqueKeysWithValues: spec.factorForms.map { ($0, double(scenario.need.factor(form: $0))) }),
                     levels: levels)
    }

    func level(_ r: Row, _ s: State) -> Int? {
        if let l = r.ownLevel { return l }
        if let l = s.levels[r.form] { return l }
        return r.fixedRule
    }

    /// The base scenario's factor for forms not fitted.
    func factor(_ form: String, _ s: State, _ base: Scenario) -> Double { s.factors[form] ?? double(base.need.factor(form: form)) }

    /// Predicted devices of a group under the linear model.
    func predict(_ rows: [Row], state: State, cov: [Double], group: ObservedGroup, base: Scenario) -> Double {
        var total = 0.0
        for (i, r) in rows.enumerated() where group.contains(base.schools[i]) {
            guard let l = level(r, state) else { continue }
            let f = factor(r.form, state, base)
            total += cov[i] * max(0, r.pupilsInScope * state.shares[l - 1] * f - r.existing)
        }
        return total
    }

    enum Block { case shares, factors }

    /// The L1 fit at fixed coverage: alternates the share block and the factor block, and
    /// enumerates the withoutLevel rules, until the objective stops falling.
    func fit(_ rows: [Row], cov: [Double], start: State, groups: [ObservedGroup], spec: CalibrationSpec,
             base: Scenario) throws(CalibrationError) -> (State, Double) {
        // The two blocks share the product share × factor, so alternating can stop at a corner
        // that depends on which block moves first: both orders are tried, the better kept.
        func alternate(_ from: State, factorsFirst: Bool) throws(CalibrationError) -> (State, Double) {
            var s = from, best = Double.infinity
            let order: [Block] = factorsFirst ? [.factors, .shares] : [.shares, .factors]
            for _ in 0..<20 {
                var objective = best
                for b in order {
                    if b == .shares && spec.fitShares { (s, objective) = try block(.shares, rows, cov, s, groups, spec, base) }
                    if b == .factors && !spec.factorForms.isEmpty { (s, objective) = try block(.factors, rows, cov, s, groups, spec, base) }
                }
                if !spec.fitShares && spec.factorForms.isEmpty { objective = try block(.shares, rows, cov, s, groups, spec, base, evaluateOnly: true).1 }
                if objective >= best - 1e-9 { best = min(best, objective); break }
                best = objective
            }
            return (s, best)
        }
        func alternate(_ from: State) throws(CalibrationError) -> (State, Double) {
            let a = try alternate(from, factorsFirst: false)
            guard spec.fitShares && !spec.factorForms.isEmpty else { return a }
            let b = try alternate(from, factorsFirst: true)
            return b.1 < a.1 - 1e-9 ? b : a
        }
        var (state, objective) = try alternate(start)
        for form in spec.withoutLevelForms {
            for l in 1...9 where l != state.levels[form] {
                var trial = state
                trial.levels[form] = l
                let (fitted, value) = try alternate(trial)
                if value < objective - 1e-9 { state = fitted; objective = value }
            }
        }
        return (state, objective)
    }

    /// One linear program: the parameters of one block free, everything else fixed.
    func block(_ which: Block, _ rows: [Row], _ cov: [Double], _ state: State, _ groups: [ObservedGroup],
               _ spec: CalibrationSpec, _ base: Scenario, evaluateOnly: Bool = false) throws(CalibrationError) -> (State, Double) {
        var lp = LinearProgram(name: "calibrate")
        lp.objective = .init(.minimize, [])
        var params: [FitParameter] = []
        var index: [FitParameter: Int] = [:]
        func add(_ p: FitParameter, _ value: Double) {
            let b = spec.bounds(p)
            index[p] = evaluateOnly ? nil : lp.addVariable(varName(p, params.count), lower: b.lowerBound, upper: b.upperBound)
            params.append(p)
            _ = value
        }
        if !evaluateOnly {
            switch which {
            case .shares: for l in 1...9 { add(.share(level: l), state.shares[l - 1]) }
            case .factors: for f in spec.factorForms { add(.formFactor(form: f), state.factors[f] ?? 1) }
            }
        }
        let meanObserved = max(1, Double(groups.reduce(0) { $0 + $1.observed }) / Double(max(1, groups.count)))
        var constantObjective = 0.0
        for (g, group) in groups.enumerated() {
            var coef: [Int: Double] = [:]
            var constant = 0.0
            for (i, r) in rows.enumerated() where group.contains(base.schools[i]) {
                guard let l = level(r, state) else { continue }
                let f = factor(r.form, state, base), share = state.shares[l - 1]
                let scale = cov[i] * r.pupilsInScope
                // Existing devices: subtracted where the school's need is above them now.
                if r.existing > 0 && r.pupilsInScope * share * f > r.existing { constant -= cov[i] * r.existing }
                else if r.existing > 0 { continue }
                switch which {
                case .shares:
                    if let v = index[.share(level: l)] { coef[v, default: 0] += scale * f } else { constant += scale * share * f }
                case .factors:
                    if let v = index[.formFactor(form: r.form)] { coef[v, default: 0] += scale * share } else { constant += scale * share * f }
                }
            }
            let weight = spec.loss == .relative ? 1 / Double(max(1, group.observed)) : 1 / meanObserved
            if evaluateOnly { constantObjective += weight * abs(constant - Double(group.observed)); continue }
            let plus = lp.addVariable("over_\(g)"), minus = lp.addVariable("under_\(g)")
            let terms = coef.keys.sorted().map { LinearProgram.Term($0, coef[$0]!) } + [.init(plus, -1), .init(minus, 1)]
            lp.addConstraint("group_\(g)", terms, lower: Double(group.observed) - constant, upper: Double(group.observed) - constant)
            lp.objective.terms += [.init(plus, weight), .init(minus, weight)]
        }
        if evaluateOnly { return (state, constantObjective) }
        if which == .shares {
            let v = (1...9).map { index[.share(level: $0)]! }
            if spec.monotone {
                for l in 0..<8 { lp.addConstraint("monotone_\(l + 1)", [.init(v[l + 1], 1), .init(v[l], -1)], lower: 0) }
            }
            if spec.smoothness > 0 {
                for l in 1..<8 {
                    let t = lp.addVariable("kink_\(l + 1)")
                    let d: [LinearProgram.Term] = [.init(v[l + 1], 1), .init(v[l], -2), .init(v[l - 1], 1)]
                    lp.addConstraint("kink_up_\(l + 1)", d + [.init(t, -1)], upper: 0)
                    lp.addConstraint("kink_down_\(l + 1)", d + [.init(t, 1)], lower: 0)
                    lp.objective.terms.append(.init(t, spec.smoothness))
                }
            }
        }
        if spec.anchor > 0 {
            for p in params {
                let origin: Double
                switch p {
                case .share(let l): origin = double(base.need.pupilShareByLevel[l] ?? 0)
                case .formFactor(let f): origin = double(base.need.factor(form: f))
                case .withoutLevel: continue
                }
                let u = lp.addVariable("move_\(index[p]!)")
                lp.addConstraint("move_up_\(index[p]!)", [.init(index[p]!, 1), .init(u, -1)], upper: origin)
                lp.addConstraint("move_down_\(index[p]!)", [.init(index[p]!, 1), .init(u, 1)], lower: origin)
                lp.objective.terms.append(.init(u, spec.anchor))
            }
        }
        let result: SolveResult
        do { result = try solver.solve(lp, options: SolveOptions()) } catch { throw .solver(error) }
        guard result.status == .optimal, let objective = result.objective else {
            if result.status == .infeasible {
                throw .infeasible(.noParameters(monotone: spec.monotone))
            }
            throw .fitEnded(result.status)
        }
        var next = state
        for p in params {
            let x = result.values[index[p]!]
            switch p {
            case .share(let l): next.shares[l - 1] = x
            case .formFactor(let f): next.factors[f] = x
            case .withoutLevel: break
            }
        }
        return (next, objective)
    }

    func varName(_ p: FitParameter, _ i: Int) -> String {
        switch p {
        case .share(let l): return "share_\(l)"
        case .formFactor: return "factor_\(i)"
        case .withoutLevel: return "level_\(i)"
        }
    }

    // MARK: rounds

    /// 4 decimals, clamped into the bounds (rounding keeps a non-decreasing table non-decreasing).
    func rounded(_ s: State, _ spec: CalibrationSpec) -> State {
        func r(_ x: Double, _ b: ClosedRange<Double>) -> Double { min(max((x * 10_000).rounded() / 10_000, b.lowerBound), b.upperBound) }
        var out = s
        out.shares = s.shares.enumerated().map { r($1, spec.bounds(.share(level: $0 + 1))) }
        for (f, x) in s.factors { out.factors[f] = r(x, spec.bounds(.formFactor(form: f))) }
        return out
    }

    func maxChange(_ a: State, _ b: State) -> Double {
        var m = zip(a.shares, b.shares).map { abs($0 - $1) }.max() ?? 0
        for (f, x) in a.factors { m = max(m, abs(x - (b.factors[f] ?? x))) }
        for (f, l) in a.levels where b.levels[f] != l { m = max(m, 1) }
        return m
    }

    func apply(_ s: State, to base: Scenario) -> Scenario {
        var out = base
        for l in 1...9 { out.need.pupilShareByLevel[l] = decimal(s.shares[l - 1]) }
        for (f, x) in s.factors { out.need.formFactor[f] = decimal(x) }
        for (f, l) in s.levels { out.need.withoutLevel[f] = .level(l) }
        return out
    }

    func solve(_ engine: AllocationEngine, _ scenario: Scenario, started: ContinuousClock.Instant?) throws(CalibrationError) -> Plan {
        do { return try engine.solve(scenario, workers: 1, started: started) } catch {
            if case .infeasible = error { throw .infeasible(.noPlan(error)) }
            throw .allocation(error)
        }
    }

    /// Devices ÷ need per school, pupil kinds only; schools without need get the plan's
    /// overall ratio (what they would reach if the fit gave them need).
    func coverage(_ plan: Plan) -> [Double] {
        let kinds = plan.kinds.indices.filter { plan.kinds[$0].basis == .pupils }
        guard let first = kinds.first else { return plan.schools.map { _ in 1 } }
        let need = plan.schools.reduce(0) { $0 + $1.need[first] }
        let devices = plan.schools.reduce(0) { t, a in t + kinds.reduce(0) { $0 + a.devices[$1] } }
        let overall = need == 0 ? 1 : Double(devices) / Double(need)
        return plan.schools.map { a in
            a.need[first] == 0 ? overall : Double(kinds.reduce(0) { $0 + a.devices[$1] }) / Double(a.need[first])
        }
    }

    func devices(_ plan: Plan, _ group: ObservedGroup) -> Int {
        let kinds = plan.kinds.indices.filter { plan.kinds[$0].basis == .pupils }
        return plan.schools.filter { group.contains($0.school) }.reduce(0) { t, a in t + kinds.reduce(0) { $0 + a.devices[$1] } }
    }

    func pupilDevices(_ plan: Plan) -> Int { devices(plan, ObservedGroup(kind: .total, key: "", observed: 0)) }
}

func double(_ d: Decimal) -> Double { NSDecimalNumber(decimal: d).doubleValue }

/// A Double with at most 4 decimals as the Decimal it prints as.
func decimal(_ x: Double) -> Decimal {
    Decimal(string: String(format: "%.4f", x), locale: Locale(identifier: "en_US_POSIX")) ?? 0
}

extension ValueRange {
    /// The domain limit as floating-point bounds (a calibrated value stays within `ScenarioLimits`).
    var doubles: ClosedRange<Double> { lower.doubleValue...upper.doubleValue }
}

/// One step of a calibration, for a progress line: round 0 is the plan as given, then the
/// fit → solve rounds, then the leave-one-out fits (one per observed group).
public struct CalibrationProgress: Sendable, Equatable {
    public enum Step: Sendable, Equatable {
        case round(Int)
        case leaveOneOut(done: Int, of: Int)
    }
    public var step: Step
    public var maxRounds: Int
    /// The largest change of a fitted value in this round (nil in round 0 and leaving out).
    public var change: Double?
    /// The mean absolute percentage error over the observed groups, as a fraction (nil without counts).
    public var meanError: Double?

    public init(step: Step, maxRounds: Int, change: Double?, meanError: Double?) {
        self.step = step; self.maxRounds = maxRounds; self.change = change; self.meanError = meanError
    }
}
