import Allocation
import LinearProgramming

/// The first stage (the largest smallest coverage) without GLPK's integer search
/// (docs/MULTIYEAR.md, "Third session"): the just-in-time plan of `ReplacementStart` gives a
/// whole-device plan verified in cents (a lower bound), LP relaxations an upper bound. A whole-
/// device plan's smallest coverage is a share m/need of some school-kind-year; at share t every
/// school-kind-year must hold ⌈t·need⌉ devices, so when the relaxation with those floors has no
/// point (`ReplacementModel.holding(share:)`), no plan reaches t. The bound is the largest such
/// share whose relaxation still has a point (searched by bisection over the shares between the
/// plan's and the plain relaxation's); the plan is optimal when no share above its own is left.
public enum ReplacementFirstStage {
    public struct Result: Sendable, Equatable {
        /// The verified whole-device plan.
        public var start: ReplacementStart.Found
        /// Its smallest coverage (exact).
        public var smallestCoverage: Ratio
        /// No whole-device plan has a larger smallest coverage than this.
        public var bound: Ratio
        /// The plain LP relaxation's optimum (the bound before the floors).
        public var relaxationBound: Double
        /// Relaxations solved (the plain one included).
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
        // One session: the probes start from the plain relaxation's basis.
        return try solver.withSession { (session) throws(SolverError) -> Result? in
            var relaxed = model.program.relaxed
            relaxed.objective = model.stages[0].objective
            var relaxations = 0, stopped = 0
            let plain: SolveResult?
            if let o = options.within(deadline) { plain = try session.solve(relaxed, options: o); relaxations += 1 } else { plain = nil }
            let top: Double
            switch plain?.status {
            case .optimal?: top = min(1, plain?.objective ?? 1)
            case .infeasible?: return nil
            default: top = 1; stopped += 1
            }
            guard let start = ReplacementStart.plan(model.scenario, upTo: top) else { return nil }
            let z = start.check.smallestCoverage
            // The shares a whole-device plan above the start could have: m/need in (z, top].
            var shares = Set<Ratio>()
            for need in Set(model.coverageRows.map(\.need)) where need > 0 {
                var m = z.numerator * need / z.denominator + 1
                while m <= need, Double(m) / Double(need) <= top + 1e-9 { shares.insert(Ratio(m, need)); m += 1 }
            }
            let candidates = shares.sorted()
            var low = -1, high = candidates.count   // candidates[...low] have a point; candidates[high...] have none
            while high - low > 1 {
                // Out of time: every share below `high` may still have a point.
                guard let o = options.within(deadline) else { stopped += 1; low = high - 1; break }
                let mid = (low + high) / 2
                let r = try session.solve(model.holding(share: candidates[mid]), options: o)
                relaxations += 1
                switch r.status {
                case .infeasible: high = mid
                case .optimal: low = mid
                default: low = mid; stopped += 1
                }
            }
            let bound = low >= 0 ? candidates[low] : z
            var best = start
            if low >= 0, let o = options.within(deadline) {
                // The bound's relaxation, spending least, shows when to buy: its purchases rounded
                // down are bought as planned, the just-in-time plan adds the rest.
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
                          relaxationBound: plain?.objective ?? 1, relaxations: relaxations, stopped: stopped)
        }
    }
}

extension SolveOptions {
    /// These options with the time limit cut to what is left before `deadline`; nil once less
    /// than a millisecond is left (no deadline: unchanged).
    func within(_ deadline: ContinuousClock.Instant?) -> SolveOptions? {
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
