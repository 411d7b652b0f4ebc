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
/// loosens it. Earlier stages' optima kept as constraints are left out too: for later stages it
/// is a weaker bound, still a valid one.
struct PeriodBound {
    let model: ScheduleModel

    /// The bound for `objective` (its constant included), and the schools in the order in which
    /// they first belong to a period's best N_t (for a starting order).
    func bound(_ objective: LinearProgram.Objective) -> (value: Double, order: [Int]) {
        let T = model.periodCount, K = model.kindCount, R = model.schools.count
        var byColumn = [Double](repeating: 0, count: model.program.variables.count)
        for term in objective.terms { byColumn[term.variable] += term.coefficient }
        var total = objective.constant
        var firstChosen = [Int](repeating: T, count: R)
        var chosenValue = [Double](repeating: 0, count: R)
        var imaged = 0
        var v = [Double](repeating: 0, count: R)
        var eligible: [Int] = []
        for t in 0..<T {
            imaged += model.capacity[t]
            eligible = (0..<R).filter { model.first[$0] <= t }
            let n = min(imaged, eligible.count)
            guard n > 0, model.supply[t] > 0 else { continue }
            // a_rk(t) per eligible school and kind (only cells with a column in t).
            var a: [(r: Int, k: Int, coefficient: Double, upper: Double)] = []
            var most = 0.0
            for r in eligible {
                for k in 0..<K {
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
            total += best.value
            // The schools this period's relaxation picks at its best β: the n largest v_r.
            _ = g(best.beta)
            let picked = eligible.sorted { v[$0] != v[$1] ? v[$0] > v[$1] : $0 < $1 }.prefix(n)
            for r in picked where firstChosen[r] == T { firstChosen[r] = t; chosenValue[r] = v[r] }
        }
        let order = (0..<R).sorted { (x: Int, y: Int) -> Bool in
            if firstChosen[x] != firstChosen[y] { return firstChosen[x] < firstChosen[y] }
            if chosenValue[x] != chosenValue[y] { return chosenValue[x] > chosenValue[y] }
            return x < y
        }
        return (total, order)
    }
}

/// The sum of the n largest values (all of them if there are fewer).
private func largest(_ n: Int, of values: [Double]) -> Double {
    if n >= values.count { return values.reduce(0, +) }
    return values.sorted(by: >).prefix(n).reduce(0, +)
}
