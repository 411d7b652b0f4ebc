import Allocation
import LinearProgramming

/// The first stage (the largest smallest coverage) without GLPK's integer search
/// (docs/MULTIYEAR.md, "Third session"): the just-in-time plan of `ReplacementStart` gives a
/// whole-device plan verified in cents (a lower bound), LP relaxations an upper bound. A whole-
/// device plan's smallest coverage is a share m/need of some school-kind-year; at share t every
/// school-kind-year must hold ⌈t·need⌉ devices, so when the relaxation with those floors has no
/// point (`ReplacementModel.holding(share:)`), no plan reaches t. The bound is the largest such
/// share whose relaxation still has a point (searched from the plan's share upwards: galloping,
/// then bisection; fifth session: without the plain relaxation first); the plan is optimal when
/// no share above its own is left.
public enum ReplacementFirstStage {
    public struct Result: Sendable, Equatable {
        /// The verified whole-device plan.
        public var start: ReplacementStart.Found
        /// Its smallest coverage (exact).
        public var smallestCoverage: Ratio
        /// No whole-device plan has a larger smallest coverage than this.
        public var bound: Ratio
        /// Relaxations solved.
        public var relaxations: Int
        /// Relaxations that stopped at the time limit (each counted as having a point, so the
        /// bound stays valid but may be weaker).
        public var stopped: Int

        public var isOptimal: Bool { smallestCoverage >= bound }
        /// (bound − plan) / bound; 0 when proven optimal.
        public var gap: Double {
            let b = Double(bound.numerator) / Double(bound.denominator), z = Double(smallestCoverage.numerator) / Double(smallestCoverage.denominator)
            return b > 0 ? max(0, (b - z) / b) : 0
        }
    }

    /// nil when the just-in-time plan finds no plan even at share 0 (the planner then falls back
    /// to GLPK's search, which also explains infeasible scenarios).
    /// `deadline`: every relaxation gets at most the time left (and `options`' limit); once it
    /// has passed, the search stops and the bound is the largest share not yet proven out of
    /// reach (valid, only weaker). nil: no deadline beyond each relaxation's limit.
    public static func solve(_ model: ReplacementModel, solver: any LinearSolver,
                             options: SolveOptions = SolveOptions(timeLimitSeconds: 30),
                             deadline: ContinuousClock.Instant? = nil) throws(SolverError) -> Result? {
        // One session: each probe starts from the previous probe's basis.
        try solver.withSession { (session) throws(SolverError) -> Result? in
            try solve(model, session: session, options: options, deadline: deadline)
        }
    }

    /// As above in `session` (the planner's later stages go on from its last basis).
    static func solve(_ model: ReplacementModel, session: any SolverSession, options: SolveOptions,
                      deadline: ContinuousClock.Instant?) throws(SolverError) -> Result? {
        var relaxations = 0, stopped = 0
        // No plain relaxation first (fifth session): the search gallops up from the plan's share,
        // so a plan at or next to the bound is proven in one or two probes.
        guard let start = ReplacementStart.plan(model.scenario) else { return nil }
        let z = start.check.smallestCoverage
        let candidates = model.sharesAbove(z)
        var low = -1, high = candidates.count   // candidates[...low] have a point; candidates[high...] have none
        /// Whether the relaxation holding `candidates[i]` has a point; nil: out of time.
        func probe(_ i: Int) throws(SolverError) -> Bool? {
            guard let o = options.within(deadline) else { return nil }
            let r = try session.solve(model.holding(share: candidates[i]), options: o)
            relaxations += 1
            switch r.status {
            case .infeasible: return false
            case .optimal: return true
            default: stopped += 1; return true   // a stopped relaxation proves nothing
            }
        }
        var step = 1, outOfTime = false
        while high - low > 1 {
            // Galloping while no share is proven out of reach, then bisection.
            let mid = high == candidates.count ? min(low + step, candidates.count - 1) : (low + high) / 2
            step *= 2
            guard let has = try probe(mid) else { outOfTime = true; break }
            if has { low = mid } else { high = mid }
        }
        // Out of time: every share below `high` may still have a point.
        if outOfTime { stopped += 1; low = high - 1 }
        let bound = low >= 0 ? candidates[low] : z
        var best = start
        if low >= 0, let o = options.within(deadline) {
            // The bound's relaxation, spending least, shows when to buy: its purchases rounded
            // down are bought as planned, the just-in-time plan adds the rest. (Also tried by
            // bisection over the shares between the plan's and the bound in the fifth session: no
            // better plan on the seeded cities or Dortmund, two more relaxations.)
            var lean = model.holding(share: bound)
            lean.objective = .init(.minimize, model.spend.values.flatMap { $0.values.flatMap { $0 } }.sorted().map { .init($0, 1) })
            let r = try session.solve(lean, options: o)
            relaxations += 1
            if r.status == .optimal, let found = ReplacementStart.plan(model.scenario, share: bound, advance: model.purchases(r.values)),
               found.check.smallestCoverage > best.check.smallestCoverage {
                best = found
            }
        }
        return Result(start: best, smallestCoverage: best.check.smallestCoverage, bound: max(bound, best.check.smallestCoverage),
                      relaxations: relaxations, stopped: stopped)
    }
}

extension SolveOptions {
    /// These options with the time limit cut to what is left before `deadline`; nil once less
    /// than a millisecond is left or the cancellation fired (no deadline: unchanged).
    func within(_ deadline: ContinuousClock.Instant?) -> SolveOptions? {
        if cancellation?.isCancelled == true { return nil }
        guard let deadline else { return self }
        let left = ContinuousClock.now.duration(to: deadline)
        let seconds = Double(left.components.seconds) + Double(left.components.attoseconds) * 1e-18
        guard seconds >= 0.001 else { return nil }
        var o = self
        o.timeLimitSeconds = min(timeLimitSeconds, seconds)
        return o
    }
}

extension ReplacementModel {
    /// The shares a whole-device plan above `z` could have, ascending: m/need in (z, 1] for the
    /// needs of the school-kind-years.
    func sharesAbove(_ z: Ratio) -> [Ratio] {
        var shares = Set<Ratio>()
        for need in Set(coverageRows.map(\.need)) where need > 0 {
            var m = z.numerator * need / z.denominator + 1
            while m <= need { shares.insert(Ratio(m, need)); m += 1 }
        }
        return shares.sorted()
    }

    /// Devices bought per school (scenario order) and kind · years + year index at a point, rounded down.
    func purchases(_ values: [Double]) -> [[Int]] {
        let s = scenario, n = s.yearCount, first = s.years.lowerBound
        let schoolIndex = Dictionary(s.schools.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let kindIndex = Dictionary(s.kinds.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var out = Array(repeating: Array(repeating: 0, count: s.kinds.count * n), count: s.schools.count)
        for c in cohorts where c.purchaseYear >= first {
            let i = c.purchaseYear - first
            guard let col = c.columns[i], let si = schoolIndex[c.school], let ki = kindIndex[c.kind] else { continue }
            out[si][ki * n + i] += max(0, Int((values[col] + 1e-6).rounded(.down)))
        }
        return out
    }

    /// The first stage's relaxation with every school-kind-year held at ⌈share·need⌉ devices
    /// and no objective: without a point, no whole-device plan reaches `share`.
    public func holding(share: Ratio) -> LinearProgram {
        var p = held(share: share).relaxed
        p.objective = .init(.maximize, [])
        return p
    }

    /// The program with every school-kind-year held at ⌈share·need⌉ whole devices and the
    /// smallest-coverage column fixed at 0 (the later stages after the first).
    public func held(share: Ratio) -> LinearProgram {
        var p = program
        p.variables[smallestCoverage].lower = 0
        p.variables[smallestCoverage].upper = 0
        for row in coverageRows {
            p.constraints[row.row].lower = Double((share.numerator * row.need + share.denominator - 1) / share.denominator)
        }
        return p
    }
}
