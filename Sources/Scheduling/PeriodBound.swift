import LinearProgramming

/// A proven upper bound on a stage's objective without a solver, from the schedule's structure.
///
/// Every stage objective is a sum over periods of sum_i a_i(t) × c_i(t), where c_i(t) are the
/// cumulative devices of cell i (a school and kind) by the end of period t. In any schedule, by
/// the end of t at most N_t = sum of the imaging capacities up to t schools are imaged (only
/// schools allowed by then), and at most S_t devices have arrived. Dropping everything that
/// ties the periods together leaves one small problem per period: the best N_t schools and the
/// best S_t devices among them. Its linear relaxation has the value
///
///   min over β ≥ 0 of  S_t β + (sum of the N_t largest v_r(β)),   v_r(β) = sum_k U_rk max(0, a_rk(t) - β)
///
/// (β prices an arrived device; for a fixed β the best fractional choice of N_t schools is the
/// N_t with the largest v_r), and by weak duality every β gives an upper bound. The bound is the
/// sum over periods of the smallest value found for a few β, times nothing else: no rounding
/// makes it smaller than the optimum. Coefficients below zero count as zero (c ≥ 0), which only
/// loosens it.
///
/// Earlier stages' optima, kept as constraints in the later stages, enter through `Fixed`:
/// the cells and schools that no schedule keeping the earlier value can fill by a period
/// (`fixed(keeping:atLeast:)`, from the same per-period duals), left out of the later bound.
struct PeriodBound {
    let model: ScheduleModel

    /// Cells and schools that stay empty through a period in every schedule of interest:
    /// `cell[r][k]` and `school[r]` are the last period through which they are empty (-1: none).
    struct Fixed: Equatable {
        var cell: [[Int]]
        var school: [Int]
        init(rows: Int, kinds: Int) {
            cell = Array(repeating: Array(repeating: -1, count: kinds), count: rows)
            school = Array(repeating: -1, count: rows)
        }
        var count: Int { cell.reduce(0) { $0 + $1.filter { $0 >= 0 }.count } + school.filter { $0 >= 0 }.count }
    }

    /// One period's relaxation at its best β: the value, the device price β, the school
    /// threshold μ (the n-th largest v_r; 0 when every eligible school fits) and each school's v_r.
    struct Period {
        var t: Int
        var value: Double
        var beta: Double
        var mu: Double
        var v: [Double]
        var eligible: [Int]
        var n: Int
        /// (row, kind, coefficient) of every cell the period counts.
        var cells: [(r: Int, k: Int, a: Double)]
    }

    /// The bound for `objective` (its constant included), and the schools in the order in which
    /// they first belong to a period's best N_t (for a starting order).
    func bound(_ objective: LinearProgram.Objective, fixed: Fixed? = nil) -> (value: Double, order: [Int]) {
        let T = model.periodCount, R = model.schools.count
        let periods = self.periods(objective, fixed: fixed)
        var firstChosen = [Int](repeating: T, count: R)
        var chosenValue = [Double](repeating: 0, count: R)
        for p in periods {
            // The schools this period's relaxation picks at its best β: the n largest v_r.
            let picked = p.eligible.sorted { p.v[$0] != p.v[$1] ? p.v[$0] > p.v[$1] : $0 < $1 }.prefix(p.n)
            for r in picked where firstChosen[r] == T { firstChosen[r] = p.t; chosenValue[r] = p.v[r] }
        }
        let order = (0..<R).sorted { (x: Int, y: Int) -> Bool in
            if firstChosen[x] != firstChosen[y] { return firstChosen[x] < firstChosen[y] }
            if chosenValue[x] != chosenValue[y] { return chosenValue[x] > chosenValue[y] }
            return x < y
        }
        return (periods.reduce(objective.constant) { $0 + $1.value }, order)
    }

    /// What every schedule whose value of `objective` is at least `kept` leaves empty (an
    /// earlier stage's optimum kept in the later ones). Per period the bound above is the
    /// period's value plus what the schedule loses against it, each loss ≥ 0: β for every
    /// arrived device not handed out, β − a for every device of a cell worth less than β,
    /// μ − v_r for imaging a school below the threshold, and more (never counted here). So the
    /// losses of all periods together are at most Δ = bound − kept, and a cell whose one device
    /// would lose more than Δ in period t stays empty through t (c is cumulative, so through
    /// every earlier period too), as does a school whose image would.
    func fixed(keeping objective: LinearProgram.Objective, atLeast kept: Double, into fixed: Fixed? = nil) -> Fixed {
        var result = fixed ?? Fixed(rows: model.schools.count, kinds: model.kindCount)
        let periods = self.periods(objective, fixed: fixed)
        let total = periods.reduce(objective.constant) { $0 + $1.value }
        let slack = max(0, total - kept) + 1e-7 * max(1, abs(total))
        for p in periods {
            var value = [Double](repeating: .infinity, count: model.schools.count * model.kindCount)
            for cell in p.cells { value[cell.r * model.kindCount + cell.k] = cell.a }
            for r in p.eligible {
                if p.mu - p.v[r] > slack { result.school[r] = max(result.school[r], p.t); continue }
                for k in 0..<model.kindCount where model.upper[r][k] > 0 && model.c[r][k][p.t] != nil {
                    // A cell left out of the period's list counts 0 (its coefficient is not above 0).
                    let a = value[r * model.kindCount + k] == .infinity ? 0 : value[r * model.kindCount + k]
                    if p.beta - a > slack { result.cell[r][k] = max(result.cell[r][k], p.t) }
                }
            }
        }
        return result
    }

    /// Each period's relaxation at the best β found (periods where the objective counts nothing
    /// are left out: their value is 0).
    func periods(_ objective: LinearProgram.Objective, fixed: Fixed? = nil) -> [Period] {
        let T = model.periodCount, K = model.kindCount, R = model.schools.count
        var byColumn = [Double](repeating: 0, count: model.program.variables.count)
        for term in objective.terms { byColumn[term.variable] += term.coefficient }
        var imaged = 0
        var v = [Double](repeating: 0, count: R)
        var result: [Period] = []
        for t in 0..<T {
            imaged += model.capacity[t]
            let eligible = (0..<R).filter { model.first[$0] <= t && (fixed?.school[$0] ?? -1) < t }
            let n = min(imaged, eligible.count)
            guard n > 0, model.supply[t] > 0 else { continue }
            // a_rk(t) per eligible school and kind (only cells with a column in t, not fixed empty).
            var a: [(r: Int, k: Int, coefficient: Double, upper: Double)] = []
            var most = 0.0
            for r in eligible {
                for k in 0..<K where (fixed?.cell[r][k] ?? -1) < t {
                    guard let col = model.c[r][k][t] else { continue }
                    let x = max(0, byColumn[col])
                    if x > 0 { a.append((r, k, x, Double(model.upper[r][k]))); most = max(most, x) }
                }
            }
            guard most > 0 else { continue }
            let supply = Double(model.supply[t])
            func g(_ beta: Double) -> Double {
                for r in eligible { v[r] = 0 }
                for cell in a where cell.coefficient > beta { v[cell.r] += cell.upper * (cell.coefficient - beta) }
                return supply * beta + largest(n, of: eligible.map { v[$0] })
            }
            // Candidates: every distinct coefficient (kinks of v_r) when they are few, then a
            // ternary search on the convex function between the best neighbours.
            var candidates = Array(Set(a.map(\.coefficient))).sorted()
            if candidates.count > 64 { candidates = (0...64).map { most * Double($0) / 64 } }
            candidates.insert(0, at: 0)
            var best = (beta: 0.0, value: g(0))
            for beta in candidates.dropFirst() {
                let value = g(beta)
                if value < best.value { best = (beta, value) }
            }
            let index = candidates.firstIndex(of: best.beta) ?? 0
            var lo = candidates[max(0, index - 1)], hi = candidates[min(candidates.count - 1, index + 1)]
            for _ in 0..<60 where hi - lo > 1e-12 * max(1, most) {
                let m1 = lo + (hi - lo) / 3, m2 = hi - (hi - lo) / 3
                let (g1, g2) = (g(m1), g(m2))
                if g1 < best.value { best = (m1, g1) }
                if g2 < best.value { best = (m2, g2) }
                if g1 <= g2 { hi = m2 } else { lo = m1 }
            }
            _ = g(best.beta)
            let values = eligible.map { v[$0] }
            // μ: the n-th largest v_r when not every eligible school fits (else 0).
            let mu = n < eligible.count ? values.sorted(by: >)[n - 1] : 0
            result.append(Period(t: t, value: best.value, beta: best.beta, mu: max(0, mu), v: v, eligible: eligible, n: n,
                                 cells: a.map { ($0.r, $0.k, $0.coefficient) }))
        }
        return result
    }
}

/// The sum of the n largest values (all of them if there are fewer).
private func largest(_ n: Int, of values: [Double]) -> Double {
    if n >= values.count { return values.reduce(0, +) }
    return values.sorted(by: >).prefix(n).reduce(0, +)
}
