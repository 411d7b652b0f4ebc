import Foundation
import LinearProgramming

extension Run {
    // MARK: the largest share of need the money reaches

    /// The largest share t such that giving each school max(base, round(t × need)) devices is
    /// fundable; exact, because fundability only shrinks as t grows and a school's count only
    /// changes at ratios j/need. First a bisection on a fine grid brackets t, then a bisection
    /// over the few ratios j/need inside the bracket finds it.
    /// Once the deadline has passed the search stops with the largest share proven fundable
    /// so far; `bound` is then the smallest share proven not fundable (else the share itself).
    /// `direct: false` searches on funding checks alone (what the direct way is tested against).
    mutating func largestFundableShare(base: [[Int]], roundUp: Bool, kinds: [Int], from: Ratio = .zero,
                                       direct: Bool = true) throws(AllocationError)
        -> (share: Ratio, devices: [[Int]], bound: Ratio, stopped: Bool) {
        // The distinct needs are collected only when there is time to search.
        let anyNeed = self.needs.entries.contains { row in kinds.contains { row[$0].need > 0 } }
        guard anyNeed else { return (from, base, from, false) }
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
        var needs = Set<Int>()
        for row in self.needs.entries { for k in kinds where row[k].need > 0 { needs.insert(row[k].need) } }
        // One device kind: the most devices of that kind the money reaches (one small integer
        // program, solved to a proven optimum) answers every funding check of the search by a
        // comparison. The answer is then proven as the search proves it: the next share above
        // it is not fundable — it needs more devices of the kind than the proven most, the same
        // model with that total fixed (a funding check would only ask the solver that again) —
        // and the share found is fundable: exactly, in cents (`exactFunding`), with the most
        // fundable program's grant-funded devices cut to the share's total, or else by a funding
        // check (issue 18: two solves fewer per guarantee). Should the check disagree, the
        // search runs on funding checks.
        if direct, kinds.count == 1, let most = try mostFundable(kind: kinds[0], base: base, all: devices(one)) {
            let k = kinds[0]
            func fits(_ t: Ratio) -> Bool {
                var n = 0
                for (s, row) in self.needs.entries.enumerated() {
                    let e = row[k]
                    n += e.need > 0 ? min(e.need, max(base[s][k], t.times(e.need, roundUp: roundUp))) : base[s][k]
                }
                return n <= most.devices
            }
            if case let .found(share) = Self.searchShare(from: from, needs: needs, timeUp: { false }, fits) {
                let found = devices(share)
                var proven = provenFundable(totals(found), kind: k, most: most)
                if !proven { proven = try fundable(share) }
                if proven { return (share, found, share, false) }
            }
        }
        switch try Self.searchShare(from: from, needs: needs, timeUp: { timeUp }, fundable) {
        case .found(let share):
            return (share, devices(share), share, false)
        case let .stopped(share, bound):
            stopped = true
            return (share, devices(share), bound, true)
        }
    }

    enum ShareSearch {
        /// The largest share that passes.
        case found(Ratio)
        /// The deadline stopped the search: the largest share passed so far, the smallest failed.
        case stopped(Ratio, bound: Ratio)
    }

    /// The largest share t ≥ `from` that passes `test` (which must pass at `from` and be
    /// monotone: once failing, failing for every larger share), among the shares where some
    /// school's count changes: 1 and every ratio j/need. First a bisection on a fine grid
    /// brackets t, then a bisection over the few ratios j/need inside the bracket finds it.
    static func searchShare<E: Error>(from: Ratio, needs: Set<Int>, timeUp: () -> Bool,
                                      _ test: (Ratio) throws(E) -> Bool) throws(E) -> ShareSearch {
        let one = Ratio(1, 1)
        if try test(one) { return .found(one) }
        // Bracket: `lo` passes (at or below `from`), `hi` not, on a grid of 1/2^16.
        let grid = 1 << 16
        var lo = from.numerator * grid / from.denominator, hi = grid
        func candidates(_ lo: Int, _ hi: Int) -> Int {
            needs.reduce(0) { $0 + hi * $1 / grid - lo * $1 / grid }
        }
        while hi - lo > 1 && candidates(lo, hi) > 16 {
            if timeUp() { return .stopped(max(from, Ratio(lo, grid)), bound: Ratio(hi, grid)) }
            let mid = (lo + hi) / 2
            if try test(Ratio(mid, grid)) { lo = mid } else { hi = mid }
        }
        // Every ratio j/need in [lo, hi], plus `from`; the largest passing one is the answer.
        var inside = Set<Ratio>([from])
        for d in needs {
            let first = lo * d / grid, last = hi * d / grid
            if first <= last { for j in first...last { inside.insert(Ratio(j, d)) } }
        }
        // hi / grid fails (tested, or 1): it closes the list (never tested again).
        inside.insert(Ratio(hi, grid))
        let sorted = inside.filter { !($0 < from) }.sorted()
        var a = 0, b = sorted.count - 1  // sorted[a] passes; sorted[b] fails
        while b - a > 1 {
            if timeUp() { return .stopped(sorted[a], bound: sorted[b]) }
            let mid = (a + b) / 2
            if try test(sorted[mid]) { a = mid } else { b = mid }
        }
        return .found(sorted[a])
    }

    /// The smallest share above `t` at which some school's count changes: the least ratio
    /// j/need above t (nil above 1).
    static func nextShare(after t: Ratio, needs: Set<Int>) -> Ratio? {
        var next: Ratio?
        for d in needs {
            let j = t.numerator * d / t.denominator + 1
            if j <= d { let r = Ratio(j, d); if next.map({ r < $0 }) ?? true { next = r } }
        }
        return next
    }

    /// The most devices of one kind the money reaches (`mostFundable`), and the devices each
    /// grant funds in that solution (per kind and pool, as `Funding.grantTotals`).
    struct MostFundable { var devices: Int; var grantTotals: [[Int]] }

    /// Whether `totals` (the most fundable program's totals with kind `k` at most `most.devices`)
    /// are fundable, proven exactly in cents without a solve: the most fundable solution's
    /// grant-funded devices cut to the totals (`cut`), the rest paid by `exactFunding`.
    /// false: not proven so (a funding check decides).
    func provenFundable(_ totals: [Int], kind k: Int, most: MostFundable) -> Bool {
        guard totals[k] <= most.devices, most.grantTotals.count == totals.count else { return false }
        return Run.exactFunding(scenario, table: table, totals: totals, grantTotals: Self.cut(most.grantTotals, to: totals)) != nil
    }

    /// Grant-funded devices (per kind and pool) cut to the kinds' totals, from the last grant
    /// first; kinds within their totals keep theirs.
    static func cut(_ grants: [[Int]], to totals: [Int]) -> [[Int]] {
        var grants = grants
        for j in grants.indices {
            var excess = grants[j].reduce(0, +) - totals[j]
            for p in grants[j].indices.reversed() where excess > 0 {
                let cut = min(excess, grants[j][p])
                grants[j][p] -= cut
                excess -= cut
            }
        }
        return grants
    }

    /// The most devices of kind `k` the money reaches, every other kind at its count in `base`
    /// (at least `base`'s, at most `all`'s count of `k`): the funding model with that total
    /// free, maximised, solved exactly (no gap): from its LP relaxation where that proves it
    /// (`mostFromRelaxation`), else by the integer program. nil when it ends without a proven optimum.
    func mostFundable(kind k: Int, base: [[Int]], all: [[Int]]) throws(AllocationError) -> MostFundable? {
        try checkCancelled()
        var model = fundingModel
        let fixed = totals(base), most = totals(all)
        for (j, column) in model.total.enumerated() {
            model.program.variables[column].lower = Double(fixed[j])
            model.program.variables[column].upper = Double(j == k ? most[j] : fixed[j])
        }
        model.program.objective = .init(.maximize, [.init(model.total[k], 1)])
        var options = fundingOptions
        options.relativeGap = 0
        if let most = try mostFromRelaxation(model, kind: k, totals: fixed, options: options) { return most }
        let r: SolveResult
        do { r = try sessions.funding.solve(model.program, options: options) } catch { throw .solver(error) }
        guard r.status == .optimal, let value = r.objective else { return nil }
        let grantTotals = model.grantDevices.map { $0.map { c in c.map { max(0, Int(r.values[$0].rounded())) } ?? 0 } }
        return MostFundable(devices: Int(value.rounded()), grantTotals: grantTotals)
    }

    /// The most devices of kind `k` without the integer search (issue 18: it ran for nearly
    /// every guarantee): the LP relaxation's optimum v bounds the most by ⌊v⌋ (v within 10⁻⁶
    /// of a whole number counts as that number), and ⌊v⌋ is the most when it is fundable exactly
    /// in cents (`exactFunding`) with the relaxation's grant-funded devices rounded down and cut
    /// to the totals. nil: not proven so (the integer program decides). `totals`: every kind's
    /// total at its fixed count (kind `k`'s is replaced).
    private func mostFromRelaxation(_ model: AllocationModel, kind k: Int, totals fixed: [Int],
                                    options: SolveOptions) throws(AllocationError) -> MostFundable? {
        let r: SolveResult
        do { r = try sessions.funding.solve(model.program.relaxed, options: options) } catch { throw .solver(error) }
        guard r.status == .optimal, let value = r.objective, value.isFinite, value < Double(Int.max / 4) else { return nil }
        let most = Int((value + 1e-6).rounded(.down))
        guard most >= fixed[k] else { return nil }
        var totals = fixed
        totals[k] = most
        let grants = Self.cut(model.grantDevices.map { $0.map { c in c.map { max(0, Int((r.values[$0] + 1e-9).rounded(.down))) } ?? 0 } },
                              to: totals)
        guard Run.exactFunding(scenario, table: table, totals: totals, grantTotals: grants) != nil else { return nil }
        return MostFundable(devices: most, grantTotals: grants)
    }
}
